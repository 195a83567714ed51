import Configuration
import ReportCore

/// TMO — *Tempo medio di risposta dell'operatore* (SPEC §4).
///
/// Population: calls whose `operator_requested_at` falls (local date) in the column's period
/// and that an operator answered; one with an exclusion code is counted as excluded instead.
/// Wait: true elapsed seconds from `operator_requested_at` to `answered_at` (across a change
/// of clock, the real time). Value: the exact mean wait, total ÷ n, rounded half-up to whole
/// seconds. Met when value ≤ target.
enum OperatorAnswerTime {
  /// What TMO counts for one segment of one column.
  struct Tally: Sendable {
    /// Sum of the waits, in seconds.
    var totalSeconds = 0
    var count = 0
    var excluded = 0
    var excludedByReason: [UInt32: Int] = [:]
  }

  /// The tallies of every column, in one pass over the calls, telling `records` what each
  /// call is to them.
  static func tally(
    calls: [Call], columns: [ReportColumn], zone: TimeZoneTable, records: inout some RecordCollector
  ) -> [SegmentedTallies<Tally>] {
    var tallies = ColumnTallies(columns, empty: Tally())
    for (index, call) in calls.enumerated() {
      guard let requested = call.operatorRequestedAt, let answered = call.answeredAt else { continue }
      let requestedOn = zone.localDate(at: requested)
      guard tallies.covers(requestedOn) else { continue }
      if call.exclusion != 0 {
        tallies.update(on: requestedOn, call.dimensions) { tally in
          tally.excluded += 1
          tally.excludedByReason[call.exclusion, default: 0] += 1
        }
        records.add(index, on: requestedOn, .excluded)
        continue
      }
      let wait = Int(answered - requested)
      tallies.update(on: requestedOn, call.dimensions) { tally in
        tally.totalSeconds += wait
        tally.count += 1
      }
      records.add(index, on: requestedOn, .waited(seconds: Int64(wait)))
    }
    return tallies.columns
  }

  /// The published cell of one segment: the exact mean, half-up, in whole seconds.
  static func cell(_ tally: Tally) -> ReportCell {
    guard tally.count > 0 else {
      return ReportCell(value: nil, sampleSize: 0, excluded: tally.excluded, notes: [Descriptions.noCases])
    }
    return ReportCell(
      value: ExactDecimal(roundingHalfUp: tally.totalSeconds, over: tally.count, scale: 0),
      sampleSize: tally.count, excluded: tally.excluded)
  }
}

extension OperatorAnswerTime: IndicatorComputation {
  static func cells(_ request: IndicatorRequest) -> IndicatorCells {
    if let collection = request.recordCollection { return cells(request, collecting: collection) }
    return cells(request, collecting: NoRecords())
  }

  private static func cells(_ request: IndicatorRequest, collecting: some RecordCollector) -> IndicatorCells {
    let calls = request.inputs.calls
    var records = collecting
    let tallies = tally(
      calls: calls.records, columns: request.columns, zone: request.configuration.timeZone, records: &records)
    let cells = tallies.map { column in [MeasureCode.MEAN: column.segments(calls.values).mapValues(cell)] }
    return IndicatorCells(
      cells: cells,
      exclusions: namedExclusions(tallies[request.reportColumn].total.excludedByReason, calls.values),
      records: records.collection)
  }

  static func definition(_ code: IndicatorCode, configuration: ReportConfiguration) -> String {
    "Tempo tra la richiesta di parlare con un operatore (scelta dell'opzione nel risponditore automatico)"
      + " e la risposta dell'operatore. Popolazione: chiamate con richiesta dell'operatore nel periodo e"
      + " risposta da un operatore; sono escluse quelle con causa di esclusione, contate a parte."
  }

  static func measurementNote(_ code: IndicatorCode, configuration: ReportConfiguration) -> String {
    "Secondi effettivamente trascorsi (\(Descriptions.zone(configuration)), cambi dell'ora legale"
      + " compresi). Media esatta: somma delle attese diviso il numero di chiamate, arrotondata al"
      + " secondo (metà per eccesso)."
  }
}
