import Configuration
import Dispatch
import ReportCore
import Synchronization

/// Computes a report's indicators as their sources arrive, so that stage 2 overlaps stage 1.
///
/// Each indicator reads one or two sources (``IndicatorCode/sources``). ``add(_:)``, called
/// with each source as soon as it is read, computes on the calling thread every indicator
/// whose sources have then all arrived: the indicators that do not need the slowest source
/// are done while it is still being read. ``report(reportDate:)`` computes the rest on
/// every core. Every indicator is computed once, by the same code whatever the order of
/// arrival, so the report does not depend on it.
public final class IndicatorPipeline: Sendable {
  private let period: ReportPeriod
  private let configuration: ReportConfiguration
  /// Whether the records behind the figures are collected, for ``records(ids:)``.
  private let collectsRecords: Bool

  private struct State: Sendable {
    var inputs = Metrics.Inputs()
    /// Indicators computed or being computed.
    var claimed: Set<IndicatorCode> = []
    var tables: [IndicatorCode: IndicatorTable] = [:]
    /// The records each indicator counted, when they are collected.
    var records: [IndicatorCode: RecordCollection] = [:]
  }
  private let state = Mutex(State())

  /// - Parameter collectingRecords: also collect the records behind every figure, for
  ///   ``records(ids:)`` (`run --records`); without it the indicators are computed with no
  ///   collecting code at all.
  public init(period: ReportPeriod, configuration: ReportConfiguration, collectingRecords: Bool = false) {
    self.period = period
    self.configuration = configuration
    self.collectsRecords = collectingRecords
  }

  /// Takes a source, then computes, on the calling thread, the indicators it completes.
  public func add(_ records: SourceRecords) {
    let (inputs, ready) = store(records, claiming: true)
    for code in ready { compute(code, inputs: inputs) }
  }

  /// Computes one indicator and keeps its table and records.
  private func compute(_ code: IndicatorCode, inputs: Metrics.Inputs) {
    let (table, records) = Metrics.indicatorTable(
      code, period: period, inputs: inputs, configuration: configuration, collectingRecords: collectsRecords)
    state.withLock { state in
      state.tables[code] = table
      state.records[code] = records
    }
  }

  /// Takes a source without computing anything.
  func store(_ records: SourceRecords) {
    _ = store(records, claiming: false)
  }

  /// The report of every source added.
  ///
  /// Computes, on every core, the indicators that ``add(_:)`` did not.
  /// - Precondition: every source has been added or stored, and every call has returned.
  public func report(reportDate: LocalDate) -> ReportModel {
    let (inputs, remaining) = state.withLock { state in
      let remaining = configuration.indicatorsInForce.filter { !state.claimed.contains($0) }
      state.claimed.formUnion(remaining)
      return (state.inputs, remaining)
    }
    precondition(remaining.allSatisfy(inputs.canCompute), "every source must be added before the report")
    DispatchQueue.concurrentPerform(iterations: remaining.count) { index in
      compute(remaining[index], inputs: inputs)
    }
    let indicators = state.withLock { state in configuration.indicatorsInForce.map { state.tables[$0]! } }
    return ReportModel(
      period: period, columns: period.columns, reportDate: reportDate,
      isProvisional: reportDate <= period.last,
      operatorInfo: configuration.operatorInfo, indicators: indicators, notCollected: notCollected)
  }

  /// The indicators left out because an optional source they read is not configured, with
  /// the labels in force (SPEC §5.2 *non rilevato*).
  private var notCollected: [UncollectedIndicator] {
    IndicatorCode.allCases.filter { !configuration.indicatorsInForce.contains($0) }.map { code in
      UncollectedIndicator(
        code: code, label: configuration.labels.label(code),
        measures: code.measureDefinitions.map {
          ($0, configuration.labels.label($0), code.computation.unitLabel($0, configuration: configuration))
        },
        missingSources: code.sources.filter { $0.isOptional && configuration.sources[$0] == nil })
    }
  }

  /// The records behind every figure of the report, per indicator in catalogue order, each
  /// column's in id byte order (SPEC §5 `records/<indicator>.csv`); put in order on every core.
  /// - Parameter ids: the ids of the records of every source an indicator of the report reads
  ///   its records from (orders, tickets, and calls and surveys when configured), in the
  ///   records' order (``RecordIDs``).
  /// - Precondition: the pipeline collects records, ``report(reportDate:)`` has returned, and
  ///   `ids` holds the ids of every record of those sources.
  public func records(ids: [SourceKind: RecordIDs]) -> [IndicatorRecords] {
    precondition(collectsRecords, "the pipeline does not collect records")
    let (inputs, collections) = state.withLock { ($0.inputs, $0.records) }
    let codes = IndicatorCode.allCases.filter { collections[$0] != nil }
    let results = Mutex([IndicatorCode: IndicatorRecords]())
    DispatchQueue.concurrentPerform(iterations: codes.count) { index in
      let code = codes[index]
      let collection = collections[code]!
      let kind = code.recordSource
      guard let ids = ids[kind] else { preconditionFailure("no ids of the \(kind.rawValue)") }
      let source: IndicatorRecords.Source
      let values: ValueDictionary
      var rows: [[RecordRow]]?
      switch kind {
      case .orders:
        let orders = inputs.orders
        precondition(ids.count == orders.records.count, "one id per order")
        (source, values) = (.orders(orders.records), orders.values)
      case .tickets:
        let tickets = inputs.tickets
        precondition(ids.count == tickets.records.count, "one id per ticket")
        (source, values) = (.tickets(tickets.records), tickets.values)
        rows = collection.rows(
          ids: ids, invoices: { tickets.records[$0].invoice },
          distinctInvoices: code == .FAT || code == .ACC,
          invoiceCount: tickets.values.strings.count)
      case .calls:
        let calls = inputs.calls
        precondition(ids.count == calls.records.count, "one id per call")
        (source, values) = (.calls(calls.records), calls.values)
      case .surveys:
        let surveys = inputs.surveys
        precondition(ids.count == surveys.records.count, "one id per survey")
        (source, values) = (.surveys(surveys.records), surveys.values)
      case .invoices, .lines:
        preconditionFailure("no indicator lists the records of the \(kind.rawValue)")
      }
      let records = IndicatorRecords(
        code: code, columns: period.columns, source: source, values: values, ids: ids,
        zone: configuration.timeZone,
        rows: rows
          ?? collection.rows(ids: ids, invoices: { _ in 0 }, distinctInvoices: false, invoiceCount: 0))
      results.withLock { $0[code] = records }
    }
    return results.withLock { results in codes.map { results[$0]! } }
  }

  /// The breaches of the specific standards of ATT, RIP and REC and their indemnities (SPEC
  /// §4.2 `indennizzi-<period>.csv`), open breaches accrued up to `reportDate`.
  /// - Parameter ids: the ids of the orders' and tickets' records, in the records' order
  ///   (``RecordIDs``).
  /// - Precondition: the orders and the tickets have been added or stored, with their ids.
  public func indemnities(reportDate: LocalDate, ids: [SourceKind: RecordIDs]) -> IndemnityList {
    let inputs = state.withLock { $0.inputs }
    precondition(ids[.orders]?.count == inputs.orders.records.count, "one id per order")
    precondition(ids[.tickets]?.count == inputs.tickets.records.count, "one id per ticket")
    return Indemnities.list(
      period: period, reportDate: reportDate, inputs: inputs, ids: ids, configuration: configuration)
  }

  /// Keeps a source; with `claiming`, claims the indicators that can now be computed and
  /// returns them with the sources they read.
  private func store(_ records: SourceRecords, claiming: Bool) -> (Metrics.Inputs, [IndicatorCode]) {
    // The tickets' local dates, shared by five indicators, outside the lock.
    var ticketDates: TicketDates?
    if case .tickets(let tickets, _) = records {
      ticketDates = TicketDates(tickets: tickets, zone: configuration.timeZone)
    }
    return state.withLock { state in
      state.inputs.store(records, ticketDates: ticketDates)
      guard claiming else { return (state.inputs, []) }
      let ready = configuration.indicatorsInForce.filter {
        !state.claimed.contains($0) && state.inputs.canCompute($0)
      }
      state.claimed.formUnion(ready)
      return (state.inputs, ready)
    }
  }
}
