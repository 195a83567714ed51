import Configuration
import Foundation
import Ingest
import Metrics
import ReportCore

/// The acceptance data read once and the four acceptance reports computed from it.
enum AcceptanceReports {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  /// The repository's copy of the acceptance data (it mirrors `../shared/acceptance`).
  static let fixtures = root.appendingPathComponent("Tests/Fixtures/acceptance")
  static let periods = ["2025", "2025-H1", "2026-H2", "2026"]

  static func data() async throws -> (IngestedData, ReportConfiguration) {
    let configuration = try ReportConfiguration.load(
      path: root.appendingPathComponent("samples/acceptance.yaml").path)
    let data = try await Ingestion.ingest(
      configuration: configuration, input: fixtures.appendingPathComponent("input").path)
    return (data, configuration)
  }

  static func report(_ period: String, data: IngestedData, configuration: ReportConfiguration) throws
    -> ReportModel
  {
    Metrics.report(
      for: ReportPeriod(parsing: period)!, records: data.records.values, configuration: configuration,
      reportDate: LocalDate(parsing: "2027-01-15")!)
  }
}
