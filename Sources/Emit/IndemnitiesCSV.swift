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

  static func render(_ list: IndemnityList) -> [UInt8] {
    var text = header + "\n"
    for breach in list.breaches {
      let cells = [
        breach.indicator.rawValue, CSVCell.render(breach.id, delimiter: ","),
        CSVCell.render(breach.customer ?? "", delimiter: ","), breach.start.description,
        breach.deadline.description, breach.end?.description ?? "", String(breach.daysLate),
        breach.isOpen ? "open" : "closed", euro(breach.amountCents),
      ]
      text += cells.joined(separator: ",") + "\n"
    }
    return Array(text.utf8)
  }

  /// Cents as euro with two decimals and `.`: 450 → `4.50`.
  static func euro(_ cents: Int64) -> String {
    ExactDecimal(units: cents, scale: 2).description
  }
}
