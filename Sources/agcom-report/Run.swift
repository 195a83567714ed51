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
      Writes <output>/<period>/: resoconto-<period>.xml (validated against the schema \
      first), resoconto-<period>.csv, results-<period>.csv, index.html, \
      rejects/<source>.csv and manifest.json — all or nothing: the files go to a temporary directory that \
      replaces the previous report only when complete. Runs sharing an --output take \
      turns. Exits 65 (and writes nothing) when a source's rejected share exceeds its \
      threshold or a file is unusable.
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

  @Flag(
    name: .long, help: "Record the stages' durations in manifest.json (the manifest then differs run to run)."
  )
  var recordTimings = false

  func validate() throws {
    if let reportDate, LocalDate(parsing: reportDate) == nil {
      throw ValidationError("--report-date must be a date written YYYY-MM-DD, not '\(reportDate)'")
    }
    if period != "current" && ReportPeriod(parsing: period) == nil {
      throw ValidationError("--period must be YYYY-H1, YYYY-H2, YYYY or current, not '\(period)'")
    }
  }

  func run() async throws {
    let log = Log()
    let clock = ContinuousClock()
    let started = clock.now
    var timings: [String: Double] = [:]
    func lap(_ stage: String, since: ContinuousClock.Instant) {
      let duration = clock.now - since
      timings[stage] = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    let configuration = try loadConfiguration(path: config)
    let date = try preparationDate(configuration)
    let reportPeriod = ReportPeriod(parsing: period) ?? ReportPeriod(semesterContaining: date)
    log.event(
      "start", ["period": reportPeriod.description, "report_date": date.description],
      human: "report \(reportPeriod), prepared \(date)")

    // The indicators start as soon as the sources they read are in (stage 2 overlaps stage 1).
    let pipeline = IndicatorPipeline(period: reportPeriod, configuration: configuration)
    var stage = clock.now
    let data = try await ingest(
      configuration: configuration, input: input, digests: true, whenRead: pipeline.add)
    lap("ingest", since: stage)
    CheckSummary(audit: data.audit).warnings { kind in
      "all of them in \(output)/\(reportPeriod)/rejects/\(kind.rawValue).csv"
    }.forEach { printError($0) }
    for kind in data.audit.sources {
      let statistics = data.audit.statistics[kind]!
      log.event(
        "source",
        [
          "source": kind.rawValue, "files": "\(statistics.files.count)", "rows": "\(statistics.rows)",
          "rejected": "\(statistics.rejected)", "duplicates": "\(statistics.duplicates)",
        ],
        human: "\(kind.rawValue): \(statistics.files.count) files, \(statistics.rows) rows, "
          + "\(statistics.rejected) rejected, \(statistics.duplicates) duplicates folded")
    }
    try failOverThreshold(data)

    stage = clock.now
    let report = pipeline.report(reportDate: date)
    lap("metrics", since: stage)

    stage = clock.now
    let directory = OutputDirectory(parent: output, name: reportPeriod.description)
    let lock = try directory.lock(log: log)
    defer { close(lock) }
    var files: [(path: String, bytes: [UInt8])]
    do {
      files = try ReportFiles.contents(of: report, audit: data.audit, toolVersion: toolVersion)
      lap("emit", since: stage)
      lap("total", since: started)
      let provenance = ReportFiles.Provenance(
        toolVersion: toolVersion, configuration: configuration.file, timings: recordTimings ? timings : nil)
      files.append(
        try ReportFiles.manifest(report: report, audit: data.audit, provenance: provenance, outputs: files))
    } catch {
      printError(error.description)
      switch error {
      case .invalidXML, .input: throw ExitStatus.dataError
      case .xmlWriter, .template: throw ExitStatus.ioError
      }
    }
    try directory.replace(with: files)
    log.event(
      "done",
      [
        "period": reportPeriod.description, "output": output + "/" + reportPeriod.description,
        "provisional": report.isProvisional ? "true" : "false",
      ],
      human: "wrote \(output)/\(reportPeriod)/" + (report.isProvisional ? " (provisional)" : ""))
  }

  /// `--report-date`, or today's local date in the configured time zone.
  private func preparationDate(_ configuration: ReportConfiguration) throws -> LocalDate {
    if let reportDate { return LocalDate(parsing: reportDate)! }
    return configuration.timeZone.localDate(at: Int64(Date().timeIntervalSince1970))
  }
}
