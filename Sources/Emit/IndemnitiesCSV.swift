import Metrics
import ReportCore

/// `indennizzi-<period>.csv`: every breach of the specific standards of a report and its
/// indemnity (SPEC §4.2).
///
/// `indicator,id,customer,start,deadline,end,days_late,state,amount`: `,`-delimited, LF, a
/// header line; canonical `customer` values (empty when the record has none); dates
/// `yyyy-mm-dd`, `end` empty for an open breach; `state` `closed` or `open`; the amount in euro
/// with two decimals and `.`. Rows as the list holds them: by indicator in catalogue order,
/// then id in byte order.
enum IndemnitiesCSV {
  static let header = "indicator,id,customer,start,deadline,end,days_late,state,amount"

  /// The file's name in the report directory.
  static func path(_ period: ReportPeriod) -> String { "indennizzi-\(period).csv" }

  /// The file's bytes, written straight into one buffer: a large operator's report can list
  /// hundreds of thousands of breaches.
  static func render(_ list: IndemnityList) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(header.utf8.count + 1 + list.breaches.count * 96)
    out.append(contentsOf: header.utf8)
    out.append(newline)
    for breach in list.breaches {
      out.append(contentsOf: breach.indicator.rawValue.utf8)
      out.append(comma)
      cell(breach.id, into: &out)
      out.append(comma)
      cell(breach.customer ?? "", into: &out)
      out.append(comma)
      date(breach.start, into: &out)
      out.append(comma)
      date(breach.deadline, into: &out)
      out.append(comma)
      if let end = breach.end { date(end, into: &out) }
      out.append(comma)
      out.append(contentsOf: String(breach.daysLate).utf8)
      out.append(comma)
      out.append(contentsOf: (breach.isOpen ? "open" : "closed").utf8)
      out.append(comma)
      out.append(contentsOf: euro(breach.amountCents).utf8)
      out.append(newline)
    }
    return out
  }

  private static let comma = UInt8(ascii: ",")
  private static let newline = UInt8(ascii: "\n")

  /// A text cell as ``CSVCell`` writes it; printable ASCII without `,` or `"` that does not
  /// start like a formula (every id and customer value in practice) is copied as it is.
  private static func cell(_ text: String, into out: inout [UInt8]) {
    var utf8 = text.utf8
    let plain = utf8.withContiguousStorageIfAvailable { bytes in
      bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != comma && $0 != UInt8(ascii: "\"") }
        && !(bytes.first.map { "=+-@".utf8.contains($0) } ?? false)
    }
    if plain == true {
      out.append(contentsOf: utf8)
    } else {
      utf8 = CSVCell.render(text, delimiter: ",").utf8
      out.append(contentsOf: utf8)
    }
  }

  /// `yyyy-mm-dd`.
  private static func date(_ date: LocalDate, into out: inout [UInt8]) {
    let (year, month, day) = date.civil
    func digits(_ value: Int, _ width: Int) {
      var divisor = 1
      for _ in 1..<width { divisor *= 10 }
      while divisor > 0 {
        out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
        divisor /= 10
      }
    }
    digits(year, 4)
    out.append(UInt8(ascii: "-"))
    digits(month, 2)
    out.append(UInt8(ascii: "-"))
    digits(day, 2)
  }

  /// Cents as euro with two decimals and `.`: 450 → `4.50`.
  static func euro(_ cents: Int64) -> String {
    ExactDecimal(units: cents, scale: 2).description
  }
}
