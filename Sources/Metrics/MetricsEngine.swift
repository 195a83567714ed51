import Configuration
import Dispatch
import ReportCore
import Synchronization

/// Stage 2 of the pipeline: the exact indicators of SPEC §4 for one report.
public enum Metrics {
  /// Computes every indicator, measure and segment of the report for `period`, the
  /// indicators on every core.
  ///
  /// Each report column (the semester, or H1, H2 and the year) is computed from its own
  /// population: the year is pooled, never an average of the semesters. ``IndicatorPipeline``
  /// computes the same report while the sources are still being read.
  /// - Parameters:
  ///   - period: the report's period.
  ///   - records: every source's records.
  ///   - configuration: the resolved configuration.
  ///   - reportDate: date of preparation; the report is provisional on or before its last day.
  ///   - ids: the ids of the orders' and tickets' records (``RecordIDs``); when given, the
  ///     report carries its breaches and indemnities (SPEC §4.2).
  public static func report(
    for period: ReportPeriod, records: some Sequence<SourceRecords>, configuration: ReportConfiguration,
    reportDate: LocalDate, ids: [SourceKind: RecordIDs]? = nil
  ) -> ReportModel {
    let pipeline = IndicatorPipeline(period: period, configuration: configuration)
    for source in records { pipeline.store(source) }
    var report = pipeline.report(reportDate: reportDate)
    if let ids { report.indemnities = pipeline.indemnities(reportDate: reportDate, ids: ids) }
    return report
  }

  /// The sources that have arrived, as the indicators read them.
  struct Inputs: Sendable {
    private(set) var sources: [SourceKind: SourceRecords] = [:]
    /// The tickets' local dates, shared by five indicators; set with the tickets.
    private(set) var ticketDates: TicketDates?

    /// Keeps a source; the tickets' local dates must be computed already.
    mutating func store(_ records: SourceRecords, ticketDates: TicketDates?) {
      sources[records.kind] = records
      if case .tickets = records { self.ticketDates = ticketDates! }
    }

    /// Whether every source that `code` reads has arrived.
    func canCompute(_ code: IndicatorCode) -> Bool {
      code.sources.allSatisfy { sources[$0] != nil }
    }

    /// The orders and their values. - Precondition: they have arrived.
    var orders: (records: [Order], values: ValueDictionary) {
      guard case .orders(let records, let values) = sources[.orders] else { preconditionFailure("no orders") }
      return (records, values)
    }

    /// The tickets, their values and local dates. - Precondition: they have arrived.
    var tickets: (records: [Ticket], values: ValueDictionary, dates: TicketDates) {
      guard case .tickets(let records, let values) = sources[.tickets], let ticketDates else {
        preconditionFailure("no tickets")
      }
      return (records, values, ticketDates)
    }

    /// Issued invoices per date and dimensions. - Precondition: they have arrived.
    var invoices: (issued: [DatedDimensions: Int64], values: ValueDictionary) {
      guard case .invoices(let issued, let values) = sources[.invoices] else {
        preconditionFailure("no invoices")
      }
      return (issued, values)
    }

    /// Active lines per month and dimensions. - Precondition: they have arrived.
    var lines: (active: [DatedDimensions: Int64], values: ValueDictionary) {
      guard case .lines(let active, let values) = sources[.lines] else { preconditionFailure("no lines") }
      return (active, values)
    }
  }

  // MARK: - One indicator

  /// One indicator's table, and the records behind it when `collectingRecords`.
  /// - Precondition: `inputs` holds every source `code` reads.
  static func indicatorTable(
    _ code: IndicatorCode, period: ReportPeriod, inputs: Inputs, configuration: ReportConfiguration,
    collectingRecords: Bool = false
  ) -> (table: IndicatorTable, records: RecordCollection?) {
    let computation = code.computation
    let columns = period.columns.map { column in
      ReportColumn(
        period: column,
        breakdowns: configuration.indicators.breakdowns(
          of: code, inAnnualColumn: period.isAnnual && column == period))
    }
    let reportColumn = columns.firstIndex { $0.period == period }!
    // Per column: every segment's cell for every measure.
    let computed = computation.cells(
      IndicatorRequest(
        code: code, columns: columns, reportColumn: reportColumn, inputs: inputs,
        configuration: configuration,
        collectsRecords: collectingRecords))
    let cellsByColumn = computed.cells
    let tables = code.measureDefinitions.map { definition in
      let segments = Set(cellsByColumn.flatMap { $0[definition.measure]?.keys ?? [:].keys }).sorted()
      let rows = segments.map { segment in
        let cells = zip(period.columns, cellsByColumn).map { column, cells in
          cells[definition.measure]?[segment].map {
            judged(
              $0, against: configuration.targets.target(definition, segment: segment, column: column),
              direction: definition.measure.target)
          }
        }
        return SegmentRow(segment: segment, label: configuration.labels.label(segment), cells: cells)
      }
      return MeasureTable(
        definition: definition, label: configuration.labels.label(definition),
        unitLabel: computation.unitLabel(definition, configuration: configuration), rows: rows)
    }
    let table = IndicatorTable(
      code: code, label: configuration.labels.label(code),
      definition: computation.definition(code, configuration: configuration),
      measurementNote: computation.measurementNote(code, configuration: configuration),
      measures: tables,
      exclusions: exclusionCounts(computed.exclusions, of: code, configuration: configuration),
      notes: configuration.notes.notes(of: code, columns: period.columns))
    return (table, computed.records)
  }

  /// The counts per exclusion code with their labels from the configuration of the source
  /// the indicator's population comes from, in byte order of the codes.
  static func exclusionCounts(
    _ counts: [String: Int], of code: IndicatorCode, configuration: ReportConfiguration
  ) -> [ExclusionCount] {
    counts.sorted { Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8) }.map { reason, count in
      let label = code.sources.lazy.compactMap { configuration.sources[$0]?.exclusions?[reason] }.first
      return ExclusionCount(code: reason, label: label ?? reason, count: count)
    }
  }

  /// The column with only the breakdowns that a denominator's source carries (SPEC §4:
  /// segments whose dimension a source lacks are omitted, not faked).
  static func present(_ column: ReportColumn, in counts: [DatedDimensions: Int64]) -> ReportColumn {
    ReportColumn(
      period: column.period,
      breakdowns: column.breakdowns.filter { dimension in
        counts.keys.contains { $0.dimensions[dimension] != 0 }
      }
    )
  }

  /// Percentile and ON_TIME cells of a duration indicator in every column, and the
  /// exclusions per reason of the report's own column; `minutes` durations are published in
  /// hours with one decimal, days as whole days.
  static func durationCells(
    _ request: IndicatorRequest, _ tallies: [SegmentedTallies<DurationTally>], values: ValueDictionary,
    minutes: Bool
  ) -> IndicatorCells {
    let cells = tallies.map { column in
      let segments = column.segments(values)
      var result: [MeasureCode: [Segment: ReportCell]] = [:]
      for measure in request.code.measures {
        result[measure] = segments.mapValues { durationCell($0, measure: measure, minutes: minutes) }
      }
      return result
    }
    let exclusions = Dictionary(
      uniqueKeysWithValues: tallies[request.reportColumn].total.excludedByReason.map {
        (values.string(for: $0.key)!, $0.value)
      })
    return IndicatorCells(cells: cells, exclusions: exclusions)
  }

  /// The cell of one percentile or ON_TIME measure of one segment.
  private static func durationCell(_ tally: DurationTally, measure: MeasureCode, minutes: Bool) -> ReportCell
  {
    let n = tally.histogram.count
    if let k = measure.percentile {
      let value = tally.histogram.percentile(k).map { value in
        minutes
          ? ExactDecimal(roundingHalfUp: value, over: 60, scale: 1)
          : ExactDecimal(units: Int64(value), scale: 0)
      }
      return ReportCell(
        value: value, sampleSize: n, excluded: tally.excluded,
        smallSample: tally.histogram.isSmallSample(for: k),
        notes: n == 0 ? [Descriptions.noCases] : [])
    }
    let value = n == 0 ? nil : ExactDecimal(roundingHalfUp: tally.onTime * 100, over: n, scale: 1)
    var notes = n == 0 ? [Descriptions.noCases] : []
    if tally.withoutDeadline > 0 { notes.append(Descriptions.withoutDeadline(tally.withoutDeadline)) }
    return ReportCell(value: value, sampleSize: n, excluded: tally.excluded, notes: notes)
  }

  /// The RATE cells of a rate indicator in every column; rates exclude nothing.
  static func rateCells(_ figures: [[Segment: RateFigures]]) -> IndicatorCells {
    IndicatorCells(cells: figures.map { [.RATE: $0.mapValues(rateCell)] }, exclusions: [:])
  }

  /// The cell of a rate: 100 × numerator ÷ denominator, two decimals.
  private static func rateCell(_ figures: RateFigures) -> ReportCell {
    switch figures.denominator {
    case .invoices(let issued):
      guard issued > 0 else {
        return ReportCell(
          value: nil, sampleSize: figures.numerator, denominator: ExactDecimal(units: 0, scale: 0),
          notes: [Descriptions.noInvoices])
      }
      return ReportCell(
        value: ExactDecimal(roundingHalfUp: figures.numerator * 100, over: Int(issued), scale: 2),
        sampleSize: figures.numerator, denominator: ExactDecimal(units: issued, scale: 0))
    case .meanLines(let sum, let months, let missing):
      guard missing.isEmpty else {
        return ReportCell(
          value: nil, sampleSize: figures.numerator, notes: [Descriptions.missingCensus(missing)])
      }
      guard sum > 0 else {
        return ReportCell(
          value: nil, sampleSize: figures.numerator, denominator: ExactDecimal(units: 0, scale: 2),
          notes: [Descriptions.noLines])
      }
      // 100 · count ÷ (sum ÷ months) = 100 · count · months ÷ sum, exactly.
      return ReportCell(
        value: ExactDecimal(roundingHalfUp: figures.numerator * 100 * months, over: Int(sum), scale: 2),
        sampleSize: figures.numerator,
        denominator: ExactDecimal(roundingHalfUp: Int(sum), over: months, scale: 2))
    }
  }

  /// The cell with its column's target and `met` set: the published value against the
  /// target (SPEC §4 Targets).
  private static func judged(_ cell: ReportCell, against target: ExactDecimal?, direction: TargetDirection)
    -> ReportCell
  {
    var cell = cell
    cell.target = target
    guard let target, let value = cell.value else { return cell }
    cell.met = direction.isMet(value, target: target)
    return cell
  }
}
