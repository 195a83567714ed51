import Configuration
import ReportCore
import Testing

@testable import Metrics

extension ReportBuilder {
  /// The instant of a local `yyyy-MM-dd HH:mm:ss` in Europe/Rome (SPEC §3 rules).
  static func second(_ text: String) -> Int64 {
    let parts = text.split(separator: " ")
    let time = parts[1].split(separator: ":").map { Int($0)! }
    return zone.instant(
      for: LocalDateTime(date: date(String(parts[0])), hour: time[0], minute: time[1], second: time[2]))
  }

  /// A call asking for an operator at `requested`, answered `wait` seconds later (nil: not
  /// answered), ended `ended` seconds after the request (nil: no ended_at).
  mutating func call(
    requested: String, wait: Int64?, ended: Int64? = nil, _ dims: [ReportCore.DimensionField: String] = [:],
    exclusion: String? = nil
  ) {
    let at = Self.second(requested)
    let values = Self.dimensions(dims, in: &callValues)
    let excluded = exclusion.map { callValues.id(for: $0) } ?? 0
    let call = Call(
      startedAt: at - 30, operatorRequestedAt: at, answeredAt: wait.map { at + $0 },
      endedAt: ended.map { at + $0 }, dimensions: values, exclusion: excluded)!
    calls = (calls ?? []) + [call]
  }

  /// A call that never asked for an operator.
  mutating func ivrOnlyCall(started: String) {
    let at = Self.second(started)
    calls =
      (calls ?? []) + [
        Call(
          startedAt: at, operatorRequestedAt: nil, answeredAt: nil, endedAt: at + 60,
          dimensions: DimensionValues(),
          exclusion: 0)!
      ]
  }

  mutating func survey(
    sent: String, scores: [Int16?]? = nil, _ dims: [ReportCore.DimensionField: String] = [:]
  ) {
    let values = Self.dimensions(dims, in: &surveyValues)
    let survey = Survey(
      sentAt: Self.second(sent + ":00"), responded: scores != nil, clarity: scores?[0] ?? nil,
      courtesy: scores?[1] ?? nil, quality: scores?[2] ?? nil, speed: scores?[3] ?? nil, dimensions: values)
    surveys = (surveys ?? []) + [survey]
  }
}

@Suite struct OperatorAnswerTimeTests {
  @Test func theMeanIsExactAndRoundedHalfUpToWholeSeconds() throws {
    var builder = ReportBuilder()
    // 10 + 11 = 21 over 2 = 10.5 → 11.
    builder.call(requested: "2025-02-03 10:00:00", wait: 10)
    builder.call(requested: "2025-02-03 11:00:00", wait: 11)
    #expect(try builder.report("2025-H1").value(.TMO, .MEAN) == "11")
    // 10 + 10 + 11 = 31 over 3 = 10.33 → 10.
    builder.call(requested: "2025-02-03 12:00:00", wait: 10)
    let report = try builder.report("2025-H1")
    #expect(report.value(.TMO, .MEAN) == "10")
    #expect(report.cell(.TMO, .MEAN)?.sampleSize == 3)
    #expect(report.indicators.first { $0.code == .TMO }?.measures.first?.definition.unit == .seconds)
  }

  @Test func onlyAnsweredOperatorRequestsOfThePeriodCountAndExcludedOnesApart() throws {
    var builder = ReportBuilder()
    builder.call(requested: "2025-03-03 10:00:00", wait: 40, [.customer: "business"])
    builder.call(requested: "2025-03-03 10:05:00", wait: nil, ended: 100)  // not answered
    builder.ivrOnlyCall(started: "2025-03-03 10:10:00")
    builder.call(requested: "2025-03-03 10:15:00", wait: 500, exclusion: "test_call")
    // Not answered: excluded from no TMO population.
    builder.call(requested: "2025-03-03 10:20:00", wait: nil, ended: 3, exclusion: "test_call")
    // Requested in the last second of the semester, answered in the next: counts in H1.
    builder.call(requested: "2025-06-30 23:59:59", wait: 20, [.customer: "residential"])
    builder.indicators.breakdowns[.TMO] = [.customer]
    let report = try builder.report("2025")
    #expect(report.value(.TMO, .MEAN, column: 0) == "30")
    #expect(report.cell(.TMO, .MEAN, column: 0)?.sampleSize == 2)
    #expect(report.cell(.TMO, .MEAN, column: 0)?.excluded == 1)
    #expect(report.value(.TMO, .MEAN, column: 1) == "n.d.")
    #expect(report.value(.TMO, .MEAN, "customer=business", column: 2) == "40")
    #expect(
      report.indicators.first { $0.code == .TMO }?.exclusions == [
        ExclusionCount(code: "test_call", label: "test_call", count: 1)
      ])
  }

  @Test func aTargetIsMetWhenTheMeanIsAtMostIt() throws {
    var builder = ReportBuilder()
    builder.call(requested: "2025-02-03 10:00:00", wait: 150)
    builder.targets = ["TMO": ["MEAN": ["TOT": ExactDecimal(units: 150, scale: 0)]]]
    #expect(try builder.report("2025-H1").cell(.TMO, .MEAN)?.met == true)
    builder.call(requested: "2025-02-03 10:00:00", wait: 151)
    #expect(try builder.report("2025-H1").cell(.TMO, .MEAN)?.met == false)
  }

  @Test func withoutCallsAndSurveysTheCareIndicatorsAreAbsent() throws {
    var builder = ReportBuilder()
    builder.order(ordered: "2025-01-10", completed: "2025-01-12")
    #expect(try builder.report("2025-H1").indicators.map(\.code) == [.ATT, .GUA, .RIP, .FAT, .ACC, .REC])
    builder.call(requested: "2025-02-03 10:00:00", wait: 10)
    #expect(
      try builder.report("2025-H1").indicators.map(\.code) == [
        .ATT, .GUA, .RIP, .FAT, .ACC, .REC, .TMO, .C20,
      ])
  }
}

@Suite struct CallsAnsweredInTimeTests {
  @Test func aWaitOfExactlyWithinSecondsIsOnTimeAndOneMoreIsNot() throws {
    var builder = ReportBuilder()
    builder.call(requested: "2025-02-03 10:00:00", wait: 20)
    builder.call(requested: "2025-02-03 10:01:00", wait: 21)
    #expect(try builder.report("2025-H1").value(.C20, .ON_TIME) == "50.0")
    builder.indicators.answerWithinSeconds = 21
    #expect(try builder.report("2025-H1").value(.C20, .ON_TIME) == "100.0")
  }

  @Test func shortAbandonsAreLeftOutAndCountedApart() throws {
    var builder = ReportBuilder()
    builder.indicators.shortAbandonSeconds = 5
    builder.call(requested: "2025-02-03 10:00:00", wait: 10)
    builder.call(requested: "2025-02-03 10:01:00", wait: nil, ended: 4)  // short abandon
    // A short abandon with an exclusion code: a short abandon, not an exclusion.
    builder.call(requested: "2025-02-03 10:02:00", wait: nil, ended: 4, exclusion: "test_call")
    builder.call(requested: "2025-02-03 10:03:00", wait: nil, ended: 5)  // exactly 5 s: in, not served
    builder.call(requested: "2025-02-03 10:04:00", wait: nil)  // no ended_at: never left out
    builder.call(requested: "2025-02-03 10:05:00", wait: 30, exclusion: "mass_outage")
    let report = try builder.report("2025-H1")
    let cell = try #require(report.cell(.C20, .ON_TIME))
    #expect(cell.sampleSize == 3)
    #expect(report.value(.C20, .ON_TIME) == "33.3")
    #expect(cell.excluded == 1)
    #expect(cell.shortAbandons == 2)
    #expect(cell.notes.contains { $0.hasPrefix("2025-H1: 2 chiamate abbandonate meno di 5 secondi") })
    // With the default of 0 no call is a short abandon: 4 in the population, 2 excluded.
    builder.indicators.shortAbandonSeconds = 0
    let all = try #require(try builder.report("2025-H1").cell(.C20, .ON_TIME))
    #expect(all.sampleSize == 4 && all.excluded == 2 && all.shortAbandons == 0)
  }
}

@Suite struct SatisfactionIndexTests {
  @Test func responseRateAndMeanScoresOfTheResponsesCarryingThem() throws {
    var builder = ReportBuilder()
    builder.survey(sent: "2025-02-03 10:00", scores: [8, 9, nil, 7])
    builder.survey(sent: "2025-02-04 10:00", scores: [7, 10, nil, nil])
    builder.survey(sent: "2025-02-05 10:00", scores: [10, nil, nil, nil])
    builder.survey(sent: "2025-02-06 10:00")
    builder.survey(sent: "2025-02-06 11:00")
    builder.survey(sent: "2025-02-06 12:00")
    builder.survey(sent: "2025-07-06 12:00", scores: [1, 1, 1, 1])
    let report = try builder.report("2025-H1")
    #expect(report.value(.ISC, .M1) == "50.0")
    #expect(report.cell(.ISC, .M1)?.sampleSize == 6)
    // (8 + 7 + 10) / 3 = 8.333… → 8.33; (9 + 10) / 2 = 9.5 → 9.50.
    #expect(report.value(.ISC, .M2) == "8.33")
    #expect(report.cell(.ISC, .M2)?.sampleSize == 3)
    #expect(report.value(.ISC, .M3) == "9.50")
    #expect(report.value(.ISC, .M4) == "n.d.")
    #expect(report.cell(.ISC, .M4)?.sampleSize == 0)
    #expect(report.value(.ISC, .M5) == "7.00")
    #expect(report.cell(.ISC, .M1)?.excluded == 0)
    #expect(report.indicators.map(\.code).last == .ISC)
    #expect(!report.indicators.map(\.code).contains(.TMO))
  }

  @Test func theMeanScoreRoundsHalfUpOnExactDecimals() throws {
    var builder = ReportBuilder()
    // (7 + 8 + 8 + 8 + 8 + 8 + 8 + 8) / 8 = 7.875 → 7.88.
    builder.survey(sent: "2025-02-03 10:00", scores: [7, nil, nil, nil])
    for hour in 11...17 { builder.survey(sent: "2025-02-03 \(hour):00", scores: [8, nil, nil, nil]) }
    builder.targets = ["ISC": ["M2": ["TOT": ExactDecimal(units: 788, scale: 2)]]]
    let report = try builder.report("2025-H1")
    #expect(report.value(.ISC, .M2) == "7.88")
    #expect(report.cell(.ISC, .M2)?.met == true)
  }
}
