import Configuration
import Foundation
import ReportCore
import Testing

@testable import Ingest

extension Fixture {
  static let callsHeader =
    "call_id,started_at,operator_requested_at,answered_at,ended_at,customer,exclusion,updated_at"
  static let surveysHeader = "survey_id,sent_at,responded,clarity,courtesy,quality,speed,customer"

  /// Configures the calls source (times to the second) and writes its file.
  mutating func calls(_ rows: [String]) {
    sources[.calls] = SourceConfiguration(
      kind: .calls, files: ["calls/*.csv"], dateFormats: [try! DatePattern("yyyy-MM-dd HH:mm:ss")],
      decimalMark: .point, rejectThreshold: ExactDecimal(units: 1, scale: 0))
    write("calls/calls.csv", ([Self.callsHeader] + rows).joined(separator: "\n") + "\n")
  }

  /// Configures the surveys source on `scale` and writes its file.
  mutating func surveys(_ rows: [String], scale: ClosedRange<Int> = 1...10) {
    sources[.surveys] = SourceConfiguration(
      kind: .surveys, files: ["surveys/*.csv"], dateFormats: [try! DatePattern("yyyy-MM-dd HH:mm")],
      decimalMark: .point, rejectThreshold: ExactDecimal(units: 1, scale: 0), scoreScale: scale)
    write("surveys/surveys.csv", ([Self.surveysHeader] + rows).joined(separator: "\n") + "\n")
  }
}

extension IngestedData {
  var calls: [Call] {
    guard case .calls(let calls, _) = records[.calls] else { return [] }
    return calls
  }
  var surveys: [Survey] {
    guard case .surveys(let surveys, _) = records[.surveys] else { return [] }
    return surveys
  }
}

@Suite struct CallsIngestTests {
  @Test func theRowRulesOfCallsRejectImpossibleOrders() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.calls([
      "C1,2025-02-03 10:00:00,2025-02-03 10:00:30,2025-02-03 10:00:45,2025-02-03 10:05:00,business,,",
      "C2,2025-02-03 10:00:00,2025-02-03 09:59:59,,2025-02-03 10:05:00,,,",
      "C3,2025-02-03 10:00:00,2025-02-03 10:00:30,2025-02-03 10:00:29,2025-02-03 10:05:00,,,",
      "C4,2025-02-03 10:00:00,,2025-02-03 10:00:45,2025-02-03 10:05:00,,,",
      "C5,2025-02-03 10:00:00,,,2025-02-03 09:00:00,,,",
      "C6,,2025-02-03 10:00:30,,,,,",
      "C7,2025-02-03 10:00:00,2025-02-03 10:00:30,,,,test_call,",
      "C8,2025-02-03 10:00:00,,,,,,",
      "C9,1950-02-03 10:00:00,,,2025-02-03 10:00:00,,,",
    ])
    let data = try await fixture.ingest()
    let rejects = try #require(data.rejects[.calls])
    #expect(
      rejects.map { "\($0.line) \($0.field) \($0.reason)" } == [
        "3 operator_requested_at operator_requested_at before started_at",
        "4 answered_at answered_at before operator_requested_at",
        "5 answered_at answered_at without operator_requested_at",
        "6 ended_at ended_at before started_at",
        "7 started_at missing required field",
        "10 ended_at call longer than 68 years",
      ])
    #expect(rejects.first?.value == "2025-02-03 09:59:59")
    #expect(data.calls.count == 3)
    let first = try #require(data.calls.first)
    #expect(first.operatorRequestedAt! - first.startedAt == 30)
    #expect(first.answeredAt! - first.operatorRequestedAt! == 15)
    #expect(first.endedAt! - first.startedAt == 300)
    #expect(data.calls[1].answeredAt == nil && data.calls[1].endedAt == nil && data.calls[1].exclusion != 0)
    #expect(data.calls[2].operatorRequestedAt == nil)
  }

  @Test func aWaitAcrossTheMarchGapIsTrueElapsedTimeAndATimeInTheGapMovesForward() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.calls([
      // 01:59:50 CET to 03:00:10 CEST: 20 seconds.
      "G1,2025-03-30 01:59:00,2025-03-30 01:59:50,2025-03-30 03:00:10,,,,",
      // 02:30:00 does not exist: it is 03:30:00 CEST, 10 seconds before the answer.
      "G2,2025-03-30 01:59:00,2025-03-30 02:30:00,2025-03-30 03:30:10,,,,",
    ])
    let data = try await fixture.ingest()
    #expect(data.rejects[.calls]?.isEmpty == true)
    #expect(data.calls.map { $0.answeredAt! - $0.operatorRequestedAt! } == [20, 10])
  }

  @Test func aRepeatedOctoberTimeIsItsFirstOccurrence() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.calls([
      // 02:59:50 CEST (first occurrence) to 03:00:10 CET: one hour and 20 seconds.
      "F1,2025-10-26 02:59:00,2025-10-26 02:59:50,2025-10-26 03:00:10,,,,",
      // 02:59:50 and 02:00:10 both read as CEST: answered before the request, rejected.
      "F2,2025-10-26 02:59:00,2025-10-26 02:59:50,2025-10-26 02:00:10,,,,",
    ])
    let data = try await fixture.ingest()
    #expect(data.calls.map { $0.answeredAt! - $0.operatorRequestedAt! } == [3620])
    #expect(data.rejects[.calls]?.map(\.reason) == ["answered_at before operator_requested_at"])
  }

  @Test func callsAreDeduplicatedByCallIDTheLatestUpdateWinning() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.calls([
      "D1,2025-02-03 10:00:00,2025-02-03 10:00:30,,,,,2025-02-03 10:01:00",
      "D1,2025-02-03 10:00:00,2025-02-03 10:00:30,2025-02-03 10:00:50,,,,2025-02-03 11:00:00",
      "D1,2025-02-03 10:00:00,2025-02-03 10:00:30,,,,,2025-02-03 10:30:00",
    ])
    let data = try await fixture.ingest()
    #expect(data.statistics[.calls]?.duplicates == 2)
    #expect(data.calls.count == 1 && data.calls.first?.answeredAt != nil)
  }
}

@Suite struct WideHeaderTests {
  @Test func aCanonicalColumnAfterTheFirst32768IsAFileError() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    let filler = (0..<32_768).map { "x\($0)" }.joined(separator: ",")
    fixture.write("lines/lines.csv", filler + ",month,active_lines\n")
    let error = try #require(await fixture.fileError())
    #expect(error.line == 1)
    #expect(error.message == "column 'month' (month) comes after the first 32768 columns")
  }
}

@Suite struct SurveysIngestTests {
  @Test func scoresMustBeWholeNumbersOnTheScaleAndOnlyOnResponses() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.surveys([
      "S1,2025-02-03 10:00,true,8,9,,10,business",
      "S2,2025-02-03 10:00,true,11,,,,",
      "S3,2025-02-03 10:00,false,,6,,,",
      "S4,2025-02-03 10:00,true,,0,,,",
      "S5,2025-02-03 10:00,true,7.5,,,,",
      "S6,2025-02-03 10:00,false,,,,,",
      "S6,2025-02-03 10:00,false,,,,,",
      "S7,2025-02-03 10:00,maybe,,,,,",
    ])
    let data = try await fixture.ingest()
    #expect(
      data.rejects[.surveys]?.map { "\($0.line) \($0.field) \($0.value) \($0.reason)" } == [
        "3 clarity 11 score 11 outside 1-10",
        "4 courtesy 6 score on a survey not responded",
        "5 courtesy 0 score 0 outside 1-10",
        "6 clarity 7.5 not a whole number on the scale 1-10",
        "9 responded maybe unknown value",
      ])
    // Not de-duplicated: the invitation exported twice counts twice.
    #expect(data.surveys.count == 3)
    #expect(data.statistics[.surveys]?.duplicates == 0)
    let first = try #require(data.surveys.first)
    #expect(
      first.responded && first.clarity == 8 && first.courtesy == 9 && first.quality == nil
        && first.speed == 10)
  }

  @Test func theConfiguredScaleBoundsTheScores() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.surveys(["S1,2025-02-03 10:00,true,0,5,,,", "S2,2025-02-03 10:00,true,6,,,,"], scale: 0...5)
    let data = try await fixture.ingest()
    #expect(data.rejects[.surveys]?.map(\.reason) == ["score 6 outside 0-5"])
    #expect(data.surveys.first?.clarity == 0)
  }
}
