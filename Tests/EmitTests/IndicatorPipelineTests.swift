import Configuration
import Emit
import Foundation
import Ingest
import Metrics
import ReportCore
import Testing

/// The indicators computed while the sources arrive (as `run` does) are the acceptance
/// results whatever the order in which the sources finish reading.
@Suite struct IndicatorPipelineTests {
  static func expected(_ period: String) throws -> String {
    try String(
      contentsOf: AcceptanceReports.fixtures.appendingPathComponent("expected/results-\(period).csv"),
      encoding: .utf8)
  }

  /// Every ordering of the four sources.
  static func orderings(_ kinds: [SourceKind]) -> [[SourceKind]] {
    guard kinds.count > 1 else { return [kinds] }
    return kinds.indices.flatMap { index in
      var rest = kinds
      let first = rest.remove(at: index)
      return orderings(rest).map { [first] + $0 }
    }
  }

  @Test(arguments: ["2025", "2026-H2"])
  func everyOrderOfArrivalGivesTheExpectedResults(period: String) async throws {
    let (data, configuration) = try await AcceptanceReports.data()
    let expected = try Self.expected(period)
    let orderings = Self.orderings(SourceKind.allCases.filter { data.records[$0] != nil })
    #expect(orderings.count == 24)
    for ordering in orderings {
      let pipeline = IndicatorPipeline(
        period: ReportPeriod(parsing: period)!, configuration: configuration)
      for kind in ordering { pipeline.add(data.records[kind]!) }
      let report = pipeline.report(reportDate: LocalDate(parsing: "2027-01-15")!)
      #expect(ResultsCSV.render(report) == expected, "\(ordering)")
    }
  }

  @Test func sourcesArrivingTogetherFromSeveralTasksGiveTheExpectedResults() async throws {
    let (data, configuration) = try await AcceptanceReports.data()
    for _ in 0..<20 {
      let pipeline = IndicatorPipeline(
        period: ReportPeriod(parsing: "2025")!, configuration: configuration)
      await withTaskGroup(of: Void.self) { group in
        for kind in SourceKind.allCases where data.records[kind] != nil {
          let records = data.records[kind]!
          group.addTask { pipeline.add(records) }
        }
      }
      let report = pipeline.report(reportDate: LocalDate(parsing: "2027-01-15")!)
      #expect(ResultsCSV.render(report) == (try Self.expected("2025")))
    }
  }
}
