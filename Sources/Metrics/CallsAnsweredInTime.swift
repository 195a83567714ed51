import Configuration
import ReportCore

/// C20 — *Tasso di chiamate verso operatore servite entro 20"* (SPEC §4).
///
/// Population: calls whose `operator_requested_at` falls (local date) in the column's period,
/// except short abandons — calls not answered whose `ended_at` is less than
/// `short_abandon_seconds` after the request (a call without `ended_at` never is one); a call
/// with an exclusion code is counted as excluded instead. ON_TIME: the share of the
/// population answered with a wait (true elapsed seconds) of at most `within_seconds`.
/// Short abandons are counted apart, in the cells' notes and the manifest.
enum CallsAnsweredInTime {
  /// What C20 counts for one segment of one column.
  struct Tally: Sendable {
    var count = 0
    var onTime = 0
    var excluded = 0
    var excludedByReason: [UInt32: Int] = [:]
    /// Unanswered calls left out because they ended within the short-abandon threshold.
    var shortAbandons = 0
  }

  /// The tallies of every column, in one pass over the calls, telling `records` what each
  /// call is to them.
  static func tally(
    calls: [Call], columns: [ReportColumn], zone: TimeZoneTable, withinSeconds: Int, shortAbandonSeconds: Int,
    records: inout some RecordCollector
  ) -> [SegmentedTallies<Tally>] {
    var tallies = ColumnTallies(columns, empty: Tally())
    for (index, call) in calls.enumerated() {
      guard let requested = call.operatorRequestedAt else { continue }
      let requestedOn = zone.localDate(at: requested)
      guard tallies.covers(requestedOn) else { continue }
      let answered = call.answeredAt
      if answered == nil, let ended = call.endedAt, ended - requested < Int64(shortAbandonSeconds) {
        tallies.update(on: requestedOn, call.dimensions) { $0.shortAbandons += 1 }
        records.add(index, on: requestedOn, .shortAbandon)
        continue
      }
      if call.exclusion != 0 {
        tallies.update(on: requestedOn, call.dimensions) { tally in
          tally.excluded += 1
          tally.excludedByReason[call.exclusion, default: 0] += 1
        }
        records.add(index, on: requestedOn, .excluded)
        continue
      }
      let wait = answered.map { $0 - requested }
      let onTime = wait.map { $0 <= Int64(withinSeconds) } ?? false
      tallies.update(on: requestedOn, call.dimensions) { tally in
        tally.count += 1
        if onTime { tally.onTime += 1 }
      }
      records.add(index, on: requestedOn, .called(wait: wait, onTime: onTime))
    }
    return tallies.columns
  }

  /// The published cell of one segment in `period`: ON_TIME in percent with one decimal.
  static func cell(_ tally: Tally, shortAbandonSeconds: Int, period: ReportPeriod) -> ReportCell {
    var notes = tally.count == 0 ? [Descriptions.noCases] : []
    if tally.shortAbandons > 0 {
      notes.append(
        Descriptions.shortAbandons(tally.shortAbandons, seconds: shortAbandonSeconds, period: period))
    }
    return ReportCell(
      value: tally.count == 0
        ? nil : ExactDecimal(roundingHalfUp: tally.onTime * 100, over: tally.count, scale: 1),
      sampleSize: tally.count, excluded: tally.excluded, shortAbandons: tally.shortAbandons, notes: notes)
  }
}

extension CallsAnsweredInTime: IndicatorComputation {
  static func cells(_ request: IndicatorRequest) -> IndicatorCells {
    if let collection = request.recordCollection { return cells(request, collecting: collection) }
    return cells(request, collecting: NoRecords())
  }

  private static func cells(_ request: IndicatorRequest, collecting: some RecordCollector) -> IndicatorCells {
    let calls = request.inputs.calls
    let settings = request.configuration.indicators
    var records = collecting
    let tallies = tally(
      calls: calls.records, columns: request.columns, zone: request.configuration.timeZone,
      withinSeconds: settings.answerWithinSeconds, shortAbandonSeconds: settings.shortAbandonSeconds,
      records: &records)
    let cells = zip(tallies, request.columns).map { tally, column in
      [
        MeasureCode.ON_TIME: tally.segments(calls.values).mapValues {
          cell($0, shortAbandonSeconds: settings.shortAbandonSeconds, period: column.period)
        }
      ]
    }
    return IndicatorCells(
      cells: cells,
      exclusions: namedExclusions(tallies[request.reportColumn].total.excludedByReason, calls.values),
      records: records.collection)
  }

  static func definition(_ code: IndicatorCode, configuration: ReportConfiguration) -> String {
    let settings = configuration.indicators
    var text =
      "Chiamate con richiesta di parlare con un operatore nel periodo, servite (risposta dell'operatore)"
      + " entro \(settings.answerWithinSeconds) secondi dalla richiesta. Popolazione: richieste"
      + " dell'operatore nel periodo, risposte o no"
    if settings.shortAbandonSeconds > 0 {
      text +=
        ", tranne le chiamate abbandonate meno di \(settings.shortAbandonSeconds) secondi dopo la richiesta,"
        + " contate a parte"
    }
    return text + "; sono escluse quelle con causa di esclusione, contate a parte."
  }

  static func measurementNote(_ code: IndicatorCode, configuration: ReportConfiguration) -> String {
    "Attesa in secondi effettivamente trascorsi (\(Descriptions.zone(configuration)), cambi dell'ora"
      + " legale compresi). Una chiamata non risposta conta come non servita; una chiamata senza ora di"
      + " fine non è mai considerata abbandonata."
  }
}
