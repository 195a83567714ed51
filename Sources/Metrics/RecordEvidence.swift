import ReportCore

/// What a record is to the figures of an indicator (SPEC §5 `records/<indicator>.csv`).
public enum RecordRole: Sendable, Equatable {
  /// In a duration's population (ATT, RIP, REC) and measured: its duration — local calendar
  /// days for ATT, whole minutes for RIP (on the configured clock, after suspension) and REC —
  /// and whether it met its deadline (ATT without any deadline: false, it counts as late).
  case measured(value: Int64, onTime: Bool)
  /// In a duration's population but removed by its exclusion code: counted in `excluded`.
  case excluded
  /// In a rate's numerator (GUA, FAT, ACC). `counts` says whether the record adds one to
  /// the numerator: every fault of GUA; for FAT and ACC, of the complaints on one invoice only
  /// the first in id order, and every complaint without an invoice (SPEC §4: distinct invoices).
  case numerator(counts: Bool)
  /// In TMO's population (an answered call): its wait, true elapsed whole seconds from
  /// `operator_requested_at` to `answered_at`.
  case waited(seconds: Int64)
  /// In C20's population: its wait in whole seconds when an operator answered (nil: not
  /// answered), and whether it was served within `within_seconds` (an unanswered call never is).
  case called(wait: Int64?, onTime: Bool)
  /// Left out of C20's population as a short abandon (not answered, ended less than
  /// `short_abandon_seconds` after the request): counted apart, never in `excluded`.
  case shortAbandon
  /// In ISC's population (an invitation): what it measures is the survey's own answers.
  case invited
}

/// One record in one column of a report.
public struct RecordRow: Sendable, Equatable {
  /// The record's position in its source's records (and ``RecordIDs``).
  public var record: Int
  public var role: RecordRole

  public init(record: Int, role: RecordRole) {
    self.record = record
    self.role = role
  }
}

/// The records behind every figure of one indicator, in every column of a report.
///
/// Computed by the same pass over the records as the figures (each ``IndicatorComputation``
/// reports what it counts to a ``RecordCollector``), so the two cannot disagree; written by
/// Emit as `records/<indicator>.csv`.
public struct IndicatorRecords: Sendable {
  /// The records an indicator reads them from.
  public enum Source: Sendable {
    case orders([Order])
    case tickets([Ticket])
    case calls([Call])
    case surveys([Survey])
  }

  public var code: IndicatorCode
  /// The report's columns (the semester, or H1, H2 and the year).
  public var columns: [ReportPeriod]
  public var source: Source
  /// The dictionary of the source's values (dimensions, exclusion codes, invoice ids).
  public var values: ValueDictionary
  /// The ids of the source's records.
  public var ids: RecordIDs
  /// The zone the tickets', calls' and surveys' times are local to (the configured `time_zone`).
  public var zone: TimeZoneTable
  /// Per column, its records in id byte order (then in the order read, when ids repeat
  /// because de-duplication is off).
  public var rows: [[RecordRow]]
}

extension IndicatorCode {
  /// The source whose records make the indicator's populations or numerator.
  var recordSource: SourceKind {
    switch self {
    case .ATT: .orders
    case .GUA, .RIP, .FAT, .ACC, .REC: .tickets
    case .TMO, .C20: .calls
    case .ISC: .surveys
    }
  }
}

/// Told by an indicator's computation what it counts, record by record.
///
/// The computations are generic over it and called with ``NoRecords`` unless the report
/// asks for its records, so that without `--records` the calls compile to nothing.
protocol RecordCollector {
  /// Record `record` (its position in the source) is in the population of every column
  /// containing `date` with role `role`.
  mutating func add(_ record: Int, on date: LocalDate, _ role: RecordRole)
  /// What was collected, nil for ``NoRecords``.
  var collection: RecordCollection? { get }
}

/// Collects nothing.
struct NoRecords: RecordCollector {
  @inline(__always)
  mutating func add(_ record: Int, on date: LocalDate, _ role: RecordRole) {}
  var collection: RecordCollection? { nil }
}

/// The records an indicator counted, in the order it met them, each with the columns it
/// belongs to.
struct RecordCollection: RecordCollector, Sendable {
  struct Entry: Sendable {
    var record: Int
    /// Bit `i` set: the record belongs to column `i`.
    var columns: UInt8
    var role: RecordRole
  }

  /// Each column's first and last day, as day numbers.
  private let bounds: [ClosedRange<Int32>]
  private(set) var entries: [Entry] = []

  /// - Precondition: at most 8 columns (a report has one or three).
  init(columns: [ReportColumn]) {
    precondition(columns.count <= 8)
    bounds = columns.map { $0.period.first.day...$0.period.last.day }
  }

  var collection: RecordCollection? { self }

  mutating func add(_ record: Int, on date: LocalDate, _ role: RecordRole) {
    var columns: UInt8 = 0
    for (index, range) in bounds.enumerated() where range.contains(date.day) { columns |= 1 << index }
    entries.append(Entry(record: record, columns: columns, role: role))
  }

  /// The rows of every column, in id byte order; for FAT and ACC (`distinctInvoices`), only
  /// the first complaint of each invoice in a column counts.
  /// - Parameters:
  ///   - ids: the ids of the source's records.
  ///   - invoices: per record, its invoice's id in the source's dictionary (0 = none); used
  ///     with `distinctInvoices` only.
  func rows(ids: RecordIDs, invoices: (Int) -> UInt32, distinctInvoices: Bool, invoiceCount: Int)
    -> [[RecordRow]]
  {
    let sorted = Self.byID(entries, ids: ids)
    return bounds.indices.map { column in
      let bit: UInt8 = 1 << column
      var rows: [RecordRow] = []
      rows.reserveCapacity(sorted.count)
      var seen = distinctInvoices ? [Bool](repeating: false, count: invoiceCount + 1) : []
      for entry in sorted where entry.columns & bit != 0 {
        var role = entry.role
        if distinctInvoices {
          let invoice = Int(invoices(entry.record))
          role = .numerator(counts: invoice == 0 || !seen[invoice])
          if invoice != 0 { seen[invoice] = true }
        }
        rows.append(RecordRow(record: entry.record, role: role))
      }
      return rows
    }
  }

  /// `entries` in id byte order, then in record order.
  ///
  /// Sorted on the first 16 bytes of each id packed into two big-endian words (zero-padded,
  /// so integer order is byte order), comparing whole ids only when those are equal.
  static func byID(_ entries: [Entry], ids: RecordIDs) -> [Entry] {
    struct Key {
      var high: UInt64
      var low: UInt64
      var entry: Int
    }
    let keys = ids.bytes.withUnsafeBufferPointer { bytes in
      entries.indices.map { index in
        let range = ids.range(of: entries[index].record)
        var words: (UInt64, UInt64) = (0, 0)
        for offset in 0..<min(16, range.count) {
          let byte = UInt64(bytes[range.lowerBound + offset])
          if offset < 8 {
            words.0 |= byte << (8 * (7 - UInt64(offset)))
          } else {
            words.1 |= byte << (8 * (15 - UInt64(offset)))
          }
        }
        return Key(high: words.0, low: words.1, entry: index)
      }
    }
    let sorted = keys.sorted { a, b in
      if a.high != b.high { return a.high < b.high }
      if a.low != b.low { return a.low < b.low }
      let (left, right) = (entries[a.entry].record, entries[b.entry].record)
      if ids.precedes(left, right) { return true }
      if ids.precedes(right, left) { return false }
      return left < right
    }
    return sorted.map { entries[$0.entry] }
  }
}
