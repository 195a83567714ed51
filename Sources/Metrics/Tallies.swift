import ReportCore

/// The local calendar dates of every ticket's opening and resolution, computed once per
/// report and shared by the indicators (index = position in `IngestedData.tickets`).
struct TicketDates: Sendable {
  let opened: [LocalDate]
  let resolved: [LocalDate?]

  init(tickets: [Ticket], zone: TimeZoneTable) {
    opened = tickets.map { zone.localDate(at: $0.openedAt) }
    resolved = tickets.map { $0.resolvedAt.map { zone.localDate(at: $0) } }
  }
}

/// What a duration indicator (ATT, RIP, REC) counts for one segment of one column.
struct DurationTally: Sendable {
  /// Durations of the population (days for ATT, minutes for RIP and REC).
  var histogram = Histogram()
  /// Records of the population within their deadline.
  var onTime = 0
  /// Records removed by an exclusion code.
  var excluded = 0
  /// The same, per exclusion code (ids of the source's ``ValueDictionary``).
  var excludedByReason: [UInt32: Int] = [:]

  /// Counts a record removed by the exclusion code `reason`.
  mutating func exclude(_ reason: UInt32) {
    excluded += 1
    excludedByReason[reason, default: 0] += 1
  }
  /// ATT: orders with neither an agreed date nor a contractual term (counted as late).
  var withoutDeadline = 0
}

/// What a rate indicator (GUA, FAT, ACC) counts in its numerator for one segment.
struct RateTally: Sendable {
  /// GUA: effective faults. FAT and ACC: distinct disputed invoices.
  var count = 0
}

/// A tally for the whole population and for each value of each breakdown dimension.
///
/// Records carry dimension ids of their source's ``ValueDictionary`` (small integers
/// numbered from 1), so the tallies of a dimension sit in an array indexed by id;
/// ``segments(_:)`` turns them into named ``Segment``s. An absent value (id 0) counts in
/// `TOT` only.
struct SegmentedTallies<Tally: Sendable>: Sendable {
  private(set) var total: Tally
  /// Per breakdown (in `breakdowns` order), the tally of each id; index 0 is unused.
  private var byDimension: [[Tally?]]
  private let breakdowns: [DimensionField]
  private let empty: Tally

  init(breakdowns: [DimensionField], empty: Tally) {
    self.breakdowns = breakdowns
    self.empty = empty
    total = empty
    byDimension = Array(repeating: [], count: breakdowns.count)
  }

  /// Applies `update` to `TOT` and to the segment of each breakdown value of `dimensions`.
  mutating func update(_ dimensions: DimensionValues, _ update: (inout Tally) -> Void) {
    update(&total)
    for (position, dimension) in breakdowns.enumerated() {
      let id = Int(dimensions[dimension])
      if id == 0 { continue }
      if id >= byDimension[position].count {
        byDimension[position].append(
          contentsOf: repeatElement(nil, count: id - byDimension[position].count + 1))
      }
      if byDimension[position][id] == nil { byDimension[position][id] = empty }
      update(&byDimension[position][id]!)
    }
  }

  /// Every segment with its tally, named through the source's dictionary.
  func segments(_ dictionary: ValueDictionary) -> [Segment: Tally] {
    var result: [Segment: Tally] = [.total: total]
    for (position, dimension) in breakdowns.enumerated() {
      for (id, tally) in byDimension[position].enumerated() {
        guard let tally else { continue }
        result[.value(dimension, dictionary.string(for: UInt32(id))!)] = tally
      }
    }
    return result
  }
}

/// A column of a report (SPEC §5.2): its period and the breakdown dimensions it shows.
struct ReportColumn: Sendable {
  let period: ReportPeriod
  let breakdowns: [DimensionField]
}

/// The tallies of every column of a report, filled in one pass over a source: a record
/// counts in each column whose period contains its date (in an annual report, its
/// semester and the year).
struct ColumnTallies<Tally: Sendable>: Sendable {
  /// One per column, in the columns' order.
  private(set) var columns: [SegmentedTallies<Tally>]
  /// Each column's first and last day, as day numbers.
  private let bounds: [ClosedRange<Int32>]
  /// From the earliest first day of a column to the latest last day.
  private let span: ClosedRange<Int32>

  /// - Precondition: at least one column (a report has one or three).
  init(_ columns: [ReportColumn], empty: Tally) {
    precondition(!columns.isEmpty, "a report has at least one column")
    self.columns = columns.map { SegmentedTallies(breakdowns: $0.breakdowns, empty: empty) }
    bounds = columns.map { $0.period.first.day...$0.period.last.day }
    span = bounds.map(\.lowerBound).min()!...bounds.map(\.upperBound).max()!
  }

  /// Whether `date` falls in the period of any column (the columns are contiguous).
  @inline(__always)
  func covers(_ date: LocalDate) -> Bool {
    span.contains(date.day)
  }

  /// Applies `update`, in every column containing `date`, to `TOT` and to the segments of
  /// `dimensions`.
  @inline(__always)
  mutating func update(on date: LocalDate, _ dimensions: DimensionValues, _ update: (inout Tally) -> Void) {
    for index in bounds.indices where bounds[index].contains(date.day) {
      columns[index].update(dimensions, update)
    }
  }
}
