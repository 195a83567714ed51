import ArgumentParser
import Configuration
import Emit
import Foundation
import Ingest
import Metrics
import ReportCore

/// `agcom-report run`: the whole pipeline for one report period.
struct Run: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Compute the indicators of a period and write its report files.",
    discussion: """
      Writes <output>/<period>/results-<period>.csv and rejects/<source>.csv, all or \
      nothing: the files are written to a temporary directory that replaces the \
      previous one only when complete. Exits 65 (and writes nothing) when a source's \
      rejected share exceeds its threshold or a file is unusable.
      """
  )

  @Option(name: .long, help: "The YAML configuration file.")
  var config: String

  @Option(name: .long, help: "The directory the sources' file globs are relative to.")
  var input: String

  @Option(
    name: .long,
    help: "2025-H1, 2025-H2 (semi-annual), 2025 (annual), or current (the semester of the report date).")
  var period: String

  @Option(name: .long, help: "The directory that receives <period>/.")
  var output: String

  @Option(name: .long, help: "Date of preparation, YYYY-MM-DD (default: today in the configured time zone).")
  var reportDate: String?

  func validate() throws {
    if let reportDate, LocalDate(parsing: reportDate) == nil {
      throw ValidationError("--report-date must be a date written YYYY-MM-DD, not '\(reportDate)'")
    }
    if period != "current" && ReportPeriod(parsing: period) == nil {
      throw ValidationError("--period must be YYYY-H1, YYYY-H2, YYYY or current, not '\(period)'")
    }
  }

  func run() async throws {
    let configuration = try loadConfiguration(path: config)
    let date = try preparationDate(configuration)
    let reportPeriod = ReportPeriod(parsing: period) ?? ReportPeriod(semesterContaining: date)
    let data = try await ingest(configuration: configuration, input: input)
    CheckSummary(data: data).warnings.forEach { printError($0) }
    try failOverThreshold(data)
    let report: ReportModel
    do {
      report = try Metrics.report(
        for: reportPeriod, data: data, configuration: configuration, reportDate: date)
    } catch {
      printError(error.description)
      throw ExitStatus.configurationError
    }
    var files: [String: Data] = ["results-\(reportPeriod).csv": Data(ResultsCSV.render(report).utf8)]
    for kind in SourceKind.allCases {
      files["rejects/\(kind.rawValue).csv"] = RejectFile.render(data.rejects[kind] ?? [])
    }
    try OutputDirectory(parent: output, name: reportPeriod.description).replace(with: files)
  }

  /// `--report-date`, or today's local date in the configured time zone.
  private func preparationDate(_ configuration: ReportConfiguration) throws -> LocalDate {
    if let reportDate { return LocalDate(parsing: reportDate)! }
    do {
      let zone = try TimeZoneTable(identifier: configuration.timeZone)
      return zone.localDate(at: Int64(Date().timeIntervalSince1970))
    } catch {
      printError("error: unknown time zone '\(configuration.timeZone)'")
      throw ExitStatus.configurationError
    }
  }
}
