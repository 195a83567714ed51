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

  private struct State: Sendable {
    var inputs = Metrics.Inputs()
    /// Indicators computed or being computed.
    var claimed: Set<IndicatorCode> = []
    var tables: [IndicatorCode: IndicatorTable] = [:]
  }
  private let state = Mutex(State())

  public init(period: ReportPeriod, configuration: ReportConfiguration) {
    self.period = period
    self.configuration = configuration
  }

  /// Takes a source, then computes, on the calling thread, the indicators it completes.
  public func add(_ records: SourceRecords) {
    let (inputs, ready) = store(records, claiming: true)
    for code in ready {
      let table = Metrics.indicatorTable(code, period: period, inputs: inputs, configuration: configuration)
      state.withLock { $0.tables[code] = table }
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
      let table = Metrics.indicatorTable(
        remaining[index], period: period, inputs: inputs, configuration: configuration)
      state.withLock { $0.tables[remaining[index]] = table }
    }
    let indicators = state.withLock { state in configuration.indicatorsInForce.map { state.tables[$0]! } }
    return ReportModel(
      period: period, columns: period.columns, reportDate: reportDate,
      isProvisional: reportDate <= period.last,
      operatorInfo: configuration.operatorInfo, indicators: indicators)
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
