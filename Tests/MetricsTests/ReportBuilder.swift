import Configuration
import Foundation
import ReportCore

@testable import Metrics

/// Hand-made records and a configuration, for indicator tests.
struct ReportBuilder {
  var orders: [Order] = []
  var tickets: [Ticket] = []
  /// The records' ids, in the records' order (`O0000`, `T0000`, … unless given).
  var orderIDs = RecordIDs()
  var ticketIDs = RecordIDs()
  /// `indemnities:` (SPEC §4.2), default 347/18/CONS.
  var indemnities = IndemnityRules.defaults
  /// Configured one-off holidays of the working calendar.
  var holidays: [LocalDate] = []
  var invoices: [DatedDimensions: Int64] = [:]
  var lines: [DatedDimensions: Int64] = [:]
  var orderValues = ValueDictionary()
  var ticketValues = ValueDictionary()
  var invoiceValues = ValueDictionary()
  var lineValues = ValueDictionary()
  /// The optional sources: configured only when set (TMO, C20 and ISC are absent otherwise).
  var calls: [Call]?
  var callValues = ValueDictionary()
  var surveys: [Survey]?
  var surveyValues = ValueDictionary()
  var indicators = IndicatorConfiguration(
    contractDays: [], breakdowns: [:], annualBreakdowns: [:], repairClock: .solar,
    repairDeadline: .workingDays(4), complaintTermDays: 30)
  var targets: [String: [String: [String: ExactDecimal]]] = [:]
  /// Targets of the annual report's *Anno* column where they differ from ``targets``'s.
  var yearTargets: [String: [String: [String: ExactDecimal]]] = [:]
  var workingHours: Range<Int>?
  var labels: [String: String] = [:]
  /// `exclusions:` per source: code → label.
  var exclusions: [SourceKind: [String: String]] = [:]

  static let zone = try! TimeZoneTable(identifier: "Europe/Rome")

  static func date(_ text: String) -> LocalDate { LocalDate(parsing: text)! }

  /// The instant of a local `yyyy-MM-dd HH:mm` in Europe/Rome (SPEC §3 rules).
  static func instant(_ text: String) -> Int64 {
    let parts = text.split(separator: " ")
    let time = parts[1].split(separator: ":").map { Int($0)! }
    return zone.instant(for: LocalDateTime(date: date(String(parts[0])), hour: time[0], minute: time[1]))
  }

  static func dimensions(_ values: [ReportCore.DimensionField: String], in dictionary: inout ValueDictionary)
    -> DimensionValues
  {
    var result = DimensionValues()
    for (dimension, value) in values { result[dimension] = dictionary.id(for: value) }
    return result
  }

  mutating func order(
    ordered: String, completed: String?, agreed: String? = nil, contractDays: Int32? = nil,
    status: OrderStatus = .completed, _ dims: [ReportCore.DimensionField: String] = [:],
    exclusion: String? = nil, id: String? = nil
  ) {
    orderIDs.append(utf8: (id ?? "O" + String(format: "%04d", orders.count)).utf8)
    let values = Self.dimensions(dims, in: &orderValues)
    let excluded = exclusion.map { orderValues.id(for: $0) } ?? 0
    orders.append(
      Order(
        orderDate: Self.date(ordered), completionDate: completed.map(Self.date),
        agreedDate: agreed.map(Self.date),
        contractDays: contractDays, status: status, dimensions: values, exclusion: excluded))
  }

  mutating func ticket(
    _ kind: TicketKind, opened: String, resolved: String?, category: ComplaintCategory? = nil,
    effective: Bool = true, suspended: Int32 = 0, invoice: String? = nil, outcome: ComplaintOutcome? = nil,
    _ dims: [ReportCore.DimensionField: String] = [:], exclusion: String? = nil, id: String? = nil
  ) {
    ticketIDs.append(utf8: (id ?? "T" + String(format: "%04d", tickets.count)).utf8)
    let values = Self.dimensions(dims, in: &ticketValues)
    let excluded = exclusion.map { ticketValues.id(for: $0) } ?? 0
    tickets.append(
      Ticket(
        kind: kind, category: category, openedAt: Self.instant(opened),
        resolvedAt: resolved.map(Self.instant),
        effective: effective, suspendedMinutes: suspended,
        invoice: invoice.map { ticketValues.id(for: $0) } ?? 0, outcome: outcome,
        dimensions: values, exclusion: excluded))
  }

  mutating func invoices(_ count: Int64, issued: String, _ dims: [ReportCore.DimensionField: String] = [:]) {
    let values = Self.dimensions(dims, in: &invoiceValues)
    invoices[DatedDimensions(date: Self.date(issued), dimensions: values), default: 0] += count
  }

  mutating func lines(_ count: Int64, month: String, _ dims: [ReportCore.DimensionField: String] = [:]) {
    let values = Self.dimensions(dims, in: &lineValues)
    lines[DatedDimensions(date: Self.date(month + "-01"), dimensions: values)] = count
  }

  /// Census rows for every month of `year` with the same count.
  mutating func linesEveryMonth(_ count: Int64, year: Int, _ dims: [ReportCore.DimensionField: String] = [:])
  {
    for month in 1...12 { lines(count, month: String(format: "%04d-%02d", year, month), dims) }
  }

  func report(_ period: String, reportDate: String = "2030-01-01") throws -> ReportModel {
    var records: [SourceRecords] = [
      .orders(orders, orderValues), .tickets(tickets, ticketValues),
      .invoices(issued: invoices, invoiceValues),
      .lines(active: lines, lineValues),
    ]
    var sources: [SourceKind: SourceConfiguration] = [:]
    if let calls {
      records.append(.calls(calls, callValues))
      sources[.calls] = SourceConfiguration(kind: .calls, files: ["calls/*.csv"], dateFormats: [])
    }
    if let surveys {
      records.append(.surveys(surveys, surveyValues))
      sources[.surveys] = SourceConfiguration(kind: .surveys, files: ["surveys/*.csv"], dateFormats: [])
    }
    var typedTargets = Targets()
    for (indicator, measures) in targets {
      let code = IndicatorCode(rawValue: indicator)!
      for (measure, segments) in measures {
        let definition = code.definition(of: MeasureCode(rawValue: measure)!)
        for (segment, value) in segments {
          let year = yearTargets[indicator]?[measure]?[segment] ?? value
          typedTargets.values[code, default: [:]][definition.measure, default: [:]][
            Segment(parsing: segment)!] =
            ColumnTargets(
              semester: value.withScale(definition.decimals)!, year: year.withScale(definition.decimals)!)
        }
      }
    }
    var typedLabels = Labels()
    for (key, label) in labels {
      let parts = key.split(separator: " ")
      if parts.count == 1 {
        typedLabels.indicators[IndicatorCode(rawValue: key)!] = label
      } else {
        typedLabels.measures[key] = label
      }
    }
    for (kind, causes) in exclusions {
      sources[kind, default: SourceConfiguration(kind: kind, files: [], dateFormats: [])].exclusions = causes
    }
    let configuration = ReportConfiguration(
      file: ConfigurationFile(path: "test.yaml", bytes: []),
      operatorInfo: OperatorInfo(name: "Test", vatNumber: "IT0", brand: nil), timeZone: Self.zone,
      calendar: WorkingCalendar(
        workingDays: [.monday, .tuesday, .wednesday, .thursday, .friday], workingHours: workingHours,
        recurringHolidays: [], holidays: holidays),
      sources: sources, indicators: indicators, targets: typedTargets, labels: typedLabels,
      indemnities: indemnities)
    return Metrics.report(
      for: ReportPeriod(parsing: period)!, records: records, configuration: configuration,
      reportDate: Self.date(reportDate), ids: [.orders: orderIDs, .tickets: ticketIDs])
  }
}

extension ReportModel {
  /// The cell of `indicator measure segment` in column `column` (0 = first).
  func cell(_ indicator: IndicatorCode, _ measure: MeasureCode, _ segment: String = "TOT", column: Int = 0)
    -> ReportCell?
  {
    let table = indicators.first { $0.code == indicator }!.measures.first {
      $0.definition.measure == measure
    }!
    return table.rows.first { $0.segment.description == segment }?.cells[column]
  }

  /// The published value as text, "n.d." when unavailable, nil when the segment is absent.
  func value(_ indicator: IndicatorCode, _ measure: MeasureCode, _ segment: String = "TOT", column: Int = 0)
    -> String?
  {
    cell(indicator, measure, segment, column: column).map { $0.value?.description ?? "n.d." }
  }
}
