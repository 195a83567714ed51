import Configuration
import Dispatch
import Ingest
import ReportCore
import Synchronization

/// Why the indicators cannot be computed with this configuration.
public struct MetricsError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var description: String { "error: \(message)" }
}

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
  ///   - data: the ingested exports.
  ///   - configuration: the checked configuration.
  ///   - reportDate: date of preparation; the report is provisional on or before its last day.
  public static func report(
    for period: ReportPeriod, data: IngestedData, configuration: ReportConfiguration, reportDate: LocalDate
  ) throws(MetricsError) -> ReportModel {
    let pipeline = try IndicatorPipeline(period: period, configuration: configuration)
    for kind in SourceKind.allCases { pipeline.store(data.records(of: kind)) }
    return pipeline.report(reportDate: reportDate)
  }

  /// The sources that have arrived, as the indicators read them.
  struct Inputs: Sendable {
    var orders: (records: [Order], values: ValueDictionary)?
    var tickets: (records: [Ticket], values: ValueDictionary, dates: TicketDates)?
    var invoices: (issued: [DatedDimensions: Int64], values: ValueDictionary)?
    var lines: (active: [DatedDimensions: Int64], values: ValueDictionary)?

    /// Keeps a source; the tickets' local dates must be computed already.
    mutating func store(_ records: SourceRecords, ticketDates: TicketDates?) {
      switch records {
      case .orders(let orders, let values): self.orders = (orders, values)
      case .tickets(let tickets, let values): self.tickets = (tickets, values, ticketDates!)
      case .invoices(let issued, let values): invoices = (issued, values)
      case .lines(let active, let values): lines = (active, values)
      }
    }

    /// Whether every source that `code` reads has arrived.
    func canCompute(_ code: IndicatorCode) -> Bool {
      code.sources.allSatisfy { kind in
        switch kind {
        case .orders: orders != nil
        case .tickets: tickets != nil
        case .invoices: invoices != nil
        case .lines: lines != nil
        }
      }
    }
  }

  /// What every indicator needs besides the data.
  struct Context: Sendable {
    let configuration: ReportConfiguration
    let zone: TimeZoneTable
    let calendar: WorkingCalendar

    init(configuration: ReportConfiguration) throws(MetricsError) {
      self.configuration = configuration
      do {
        zone = try TimeZoneTable(identifier: configuration.timeZone)
      } catch {
        throw MetricsError(message: "unknown time zone '\(configuration.timeZone)'")
      }
      let settings = configuration.calendar
      var recurring: [MonthDay] = []
      var once: [LocalDate] = []
      for holiday in settings.localHolidays {
        switch holiday {
        case .recurring(let month, let day): recurring.append(MonthDay(month: month, day: day))
        case .once(let date): once.append(date)
        }
      }
      calendar = WorkingCalendar(
        workingDays: settings.workingDays, workingHours: settings.workingHours.map { $0.start..<$0.end },
        recurringHolidays: recurring, holidays: once)
    }

    /// Breakdown dimensions of `code` in `column` of a report for `period`.
    func breakdowns(_ code: IndicatorCode, column: ReportPeriod, period: ReportPeriod) -> [Dimension] {
      let indicators = configuration.indicators
      var dimensions = indicators.breakdowns[code.rawValue] ?? []
      if period.isAnnual && column == period {
        for extra in indicators.annualBreakdowns[code.rawValue] ?? [] where !dimensions.contains(extra) {
          dimensions.append(extra)
        }
      }
      return dimensions
    }
  }

  // MARK: - One indicator

  /// One indicator's table. - Precondition: `inputs` holds every source `code` reads.
  static func indicatorTable(
    _ code: IndicatorCode, period: ReportPeriod, inputs: Inputs, context: Context
  ) -> IndicatorTable {
    let measures = code.measures.map { MeasureDefinition(indicator: code, measure: $0) }
    let columns = period.columns.map { column in
      ReportColumn(period: column, breakdowns: context.breakdowns(code, column: column, period: period))
    }
    // Per column: every segment's cell for every measure.
    let (cellsByColumn, excludedByReason) = cells(
      code, columns: columns, period: period, inputs: inputs, context: context)
    let labels = context.configuration.labels
    let tables = measures.map { definition in
      let segments = Set(cellsByColumn.flatMap { $0[definition.measure]?.keys ?? [:].keys }).sorted()
      let rows = segments.map { segment in
        let target = context.configuration.targets[code.rawValue]?[definition.measure.rawValue]?[
          segment.description
        ]
        .flatMap { $0.withScale(definition.decimals) }
        let cells = cellsByColumn.map { column in
          column[definition.measure]?[segment].map {
            judged($0, against: target, measure: definition.measure)
          }
        }
        return SegmentRow(segment: segment, target: target, cells: cells)
      }
      return MeasureTable(
        definition: definition,
        label: labels["\(code.rawValue) \(definition.measure.rawValue)"] ?? definition.label,
        unitLabel: unitLabel(definition, clock: context.configuration.indicators.repairClock), rows: rows)
    }
    return IndicatorTable(
      code: code, label: labels[code.rawValue] ?? code.label,
      definition: Descriptions.definition(of: code, configuration: context.configuration),
      measurementNote: Descriptions.measurementNote(of: code, configuration: context.configuration),
      measures: tables, excludedByReason: excludedByReason)
  }

  /// Cells of one indicator in every column (in order), per measure and segment, and the
  /// records of the report period's population excluded per reason. Each indicator reads
  /// its source once for all the columns.
  private static func cells(
    _ code: IndicatorCode, columns: [ReportColumn], period: ReportPeriod, inputs: Inputs, context: Context
  ) -> (cells: [[MeasureCode: [Segment: ReportCell]]], exclusions: [String: Int]) {
    let indicators = context.configuration.indicators
    let reportColumn = columns.firstIndex { $0.period == period }!
    switch code {
    case .ATT:
      let orders = inputs.orders!
      let tallies = ActivationTime.tally(
        orders: orders.records, values: orders.values, columns: columns, contractDays: indicators.contractDays
      )
      return durationCells(code, tallies, of: reportColumn, values: orders.values, minutes: false)
    case .RIP:
      let tickets = inputs.tickets!
      let rules = RepairTime.Rules(
        clock: indicators.repairClock, deadline: indicators.repairDeadline, calendar: context.calendar,
        zone: context.zone)
      let tallies = RepairTime.tally(
        tickets: tickets.records, dates: tickets.dates, columns: columns, rules: rules)
      return durationCells(code, tallies, of: reportColumn, values: tickets.values, minutes: true)
    case .REC:
      let tickets = inputs.tickets!
      let tallies = ComplaintResolution.tally(
        tickets: tickets.records, dates: tickets.dates, columns: columns,
        termDays: indicators.complaintTermDays)
      return durationCells(code, tallies, of: reportColumn, values: tickets.values, minutes: true)
    case .GUA:
      let (tickets, lines) = (inputs.tickets!, inputs.lines!)
      let figures = FaultRate.figures(
        tickets: tickets.records, dates: tickets.dates, ticketValues: tickets.values, lines: lines.active,
        lineValues: lines.values, columns: columns.map { present($0, in: lines.active) })
      return (figures.map { [.RATE: $0.mapValues(rateCell)] }, [:])
    case .FAT, .ACC:
      let (tickets, invoices) = (inputs.tickets!, inputs.invoices!)
      let figures = BillingDisputes.figures(
        tickets: tickets.records, dates: tickets.dates, ticketValues: tickets.values,
        invoices: invoices.issued,
        invoiceValues: invoices.values, columns: columns.map { present($0, in: invoices.issued) },
        foundedOnly: code == .ACC)
      return (figures.map { [.RATE: $0.mapValues(rateCell)] }, [:])
    }
  }

  /// *Unità di misura* of SPEC §4.1; RIP's hours follow the configured clock.
  private static func unitLabel(_ definition: MeasureDefinition, clock: RepairClock) -> String {
    switch (definition.unit, definition.indicator) {
    case (.days, _): "giorni solari"
    case (.percent, _): "%"
    case (.hours, .RIP): clock == .solar ? "ore solari" : "ore lavorative"
    case (.hours, _): "ore"
    }
  }

  /// The column with only the breakdowns that a denominator's source carries (SPEC §4:
  /// segments whose dimension a source lacks are omitted, not faked).
  private static func present(_ column: ReportColumn, in counts: [DatedDimensions: Int64]) -> ReportColumn {
    ReportColumn(
      period: column.period,
      breakdowns: column.breakdowns.filter { dimension in
        counts.keys.contains { $0.dimensions[dimension] != 0 }
      }
    )
  }

  /// Percentile and ON_TIME cells of a duration indicator in every column, and the
  /// exclusions per reason of column `reportColumn`; `minutes` durations are published in
  /// hours with one decimal, days as whole days.
  private static func durationCells(
    _ code: IndicatorCode, _ tallies: [SegmentedTallies<DurationTally>], of reportColumn: Int,
    values: ValueDictionary, minutes: Bool
  ) -> (cells: [[MeasureCode: [Segment: ReportCell]]], exclusions: [String: Int]) {
    let cells = tallies.map { column in
      let segments = column.segments(values)
      var result: [MeasureCode: [Segment: ReportCell]] = [:]
      for measure in code.measures {
        result[measure] = segments.mapValues { durationCell($0, measure: measure, minutes: minutes) }
      }
      return result
    }
    let exclusions = Dictionary(
      uniqueKeysWithValues: tallies[reportColumn].total.excludedByReason.map {
        (values.string(for: $0.key)!, $0.value)
      })
    return (cells, exclusions)
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

  /// The cell with `met` set: the published value against the target (SPEC §4 Targets).
  private static func judged(_ cell: ReportCell, against target: ExactDecimal?, measure: MeasureCode)
    -> ReportCell
  {
    guard let target, let value = cell.value else { return cell }
    var cell = cell
    let comparison = ExactDecimal.compare(value, target)
    cell.met = measure.higherIsBetter ? comparison >= 0 : comparison <= 0
    return cell
  }

}
