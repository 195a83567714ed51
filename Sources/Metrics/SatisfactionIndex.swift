import Configuration
import ReportCore

/// ISC — *Indice di soddisfazione del cliente (facoltativo)* (SPEC §4).
///
/// Population: survey invitations whose `sent_at` falls (local date) in the column's period.
/// M1: responded ÷ invitations × 100, one decimal (sample size: the invitations). M2 clarity,
/// M3 courtesy, M4 quality of the assistance, M5 perceived speed: the exact mean score of the
/// responses carrying that score, two decimals (MOS; sample size: those responses). Nothing
/// is excluded. Met when value ≥ target.
enum SatisfactionIndex {
  /// What ISC counts for one segment of one column.
  struct Tally: Sendable {
    var invitations = 0
    var responses = 0
    /// Per question (``SurveyQuestion`` order): sum of the scores and number of scores.
    var scoreSums = [0, 0, 0, 0]
    var scoreCounts = [0, 0, 0, 0]
  }

  /// The measure of each question, in ``SurveyQuestion`` order.
  static let questionMeasures: [MeasureCode] = [.M2, .M3, .M4, .M5]

  /// The tallies of every column, in one pass over the surveys, telling `records` which
  /// invitations they count.
  static func tally(
    surveys: [Survey], columns: [ReportColumn], zone: TimeZoneTable, records: inout some RecordCollector
  ) -> [SegmentedTallies<Tally>] {
    var tallies = ColumnTallies(columns, empty: Tally())
    for (index, survey) in surveys.enumerated() {
      let sentOn = zone.localDate(at: survey.sentAt)
      guard tallies.covers(sentOn) else { continue }
      records.add(index, on: sentOn, .invited)
      tallies.update(on: sentOn, survey.dimensions) { tally in
        tally.invitations += 1
        if survey.responded { tally.responses += 1 }
        for (index, question) in SurveyQuestion.allCases.enumerated() {
          guard let score = survey[question] else { continue }
          tally.scoreSums[index] += Int(score)
          tally.scoreCounts[index] += 1
        }
      }
    }
    return tallies.columns
  }

  /// The cells of every measure of one segment.
  static func segmentCells(_ tally: Tally) -> [MeasureCode: ReportCell] {
    var result: [MeasureCode: ReportCell] = [
      .M1: ReportCell(
        value: tally.invitations == 0
          ? nil : ExactDecimal(roundingHalfUp: tally.responses * 100, over: tally.invitations, scale: 1),
        sampleSize: tally.invitations, notes: tally.invitations == 0 ? [Descriptions.noCases] : [])
    ]
    for (index, measure) in questionMeasures.enumerated() {
      let count = tally.scoreCounts[index]
      result[measure] = ReportCell(
        value: count == 0 ? nil : ExactDecimal(roundingHalfUp: tally.scoreSums[index], over: count, scale: 2),
        sampleSize: count, notes: count == 0 ? [Descriptions.noResponses] : [])
    }
    return result
  }
}

extension SatisfactionIndex: IndicatorComputation {
  static func cells(_ request: IndicatorRequest) -> IndicatorCells {
    if let collection = request.recordCollection { return cells(request, collecting: collection) }
    return cells(request, collecting: NoRecords())
  }

  private static func cells(_ request: IndicatorRequest, collecting: some RecordCollector) -> IndicatorCells {
    let surveys = request.inputs.surveys
    var records = collecting
    let tallies = tally(
      surveys: surveys.records, columns: request.columns, zone: request.configuration.timeZone,
      records: &records)
    let cells = tallies.map { column in
      var byMeasure: [MeasureCode: [Segment: ReportCell]] = [:]
      for (segment, tally) in column.segments(surveys.values) {
        for (measure, cell) in segmentCells(tally) { byMeasure[measure, default: [:]][segment] = cell }
      }
      return byMeasure
    }
    return IndicatorCells(cells: cells, exclusions: [:], records: records.collection)
  }

  static func definition(_ code: IndicatorCode, configuration: ReportConfiguration) -> String {
    "Sondaggi di soddisfazione inviati dopo un contatto con l'assistenza. Popolazione: inviti inviati nel"
      + " periodo. Misura 1: risposte sul totale degli inviti. Misure 2–5: media dei punteggi dati a"
      + " chiarezza, cortesia, qualità dell'assistenza e velocità percepita dalle risposte che li riportano."
  }

  static func measurementNote(_ code: IndicatorCode, configuration: ReportConfiguration) -> String {
    let scale = configuration.sources[.surveys]?.scoreScale ?? 1...10
    return
      "Data di invio (\(Descriptions.zone(configuration))). Punteggi interi sulla scala"
      + " \(scale.lowerBound)–\(scale.upperBound); MOS: media esatta, due decimali (metà per eccesso)."
  }
}
