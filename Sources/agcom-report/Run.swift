import ArgumentParser
import Configuration
import Emit
import Foundation
import Ingest
import Metrics
import ReportCore
import Synchronization

/// `agcom-report run`: the whole pipeline for one report period.
struct Run: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Compute the indicators of a period and write its report files.",
    discussion: """
      Writes <output>/<period>/: for each report model (servizi, assistenza, reclami) \
      whose sources are configured resoconto-<model>-<period>.xml (validated against the \
      schema first) and resoconto-<model>-<period>.csv, resoconto-<period>.xlsx, \
      results-<period>.csv, indennizzi-<period>.csv, index.html, \
      rejects/<source>.csv and manifest.json, and with --records records/<indicator>.csv \
      — all or nothing: the files go to a temporary directory that \
      replaces the previous report only when complete. Then rewrites the site index \
      <output>/index.html from every report present in <output>. Runs sharing an --output take \
      turns. Exits 65 (and writes nothing) when a source's rejected share exceeds its \
      threshold or a file is unusable.
      """
  )

  @OptionGroup var inputs: InputOptions

  @Option(
    name: .long,
    help: """
      2025-H1, 2025-H2 (semi-annual), 2025 (annual), current (the semester of the report date) or \
      previous (the last semester that ended before the report date).
      """)
  var period: PeriodArgument

  @Option(name: .long, help: "The directory that receives <period>/.")
  var output: String

  @Option(name: .long, help: "Date of preparation, YYYY-MM-DD (default: today in the configured time zone).")
  var reportDate: LocalDate?

  @Flag(
    name: .long, help: "Record the stages' durations in manifest.json (the manifest then differs run to run)."
  )
  var recordTimings = false

  @Flag(
    name: .long,
    help: "Also write records/<indicator>.csv: every record behind each figure, for auditors.")
  var records = false

  func run() async throws {
    let log = Log()
    let clock = ContinuousClock()
    let started = clock.now
    var timings: [String: Double] = [:]
    func lap(_ stage: String, since: ContinuousClock.Instant) {
      let duration = clock.now - since
      timings[stage] = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    let configuration = try ReportConfiguration.load(path: inputs.config)
    let date = reportDate ?? configuration.timeZone.localDate(at: Int64(Date().timeIntervalSince1970))
    let reportPeriod = period.period(reportDate: date)
    log.event(
      "start", ["period": reportPeriod.description, "report_date": date.description],
      human: "report \(reportPeriod), prepared \(date)")

    // The indicators start as soon as the sources they read are in (stage 2 overlaps stage 1).
    let pipeline = IndicatorPipeline(
      period: reportPeriod, configuration: configuration, collectingRecords: records)
    var stage = clock.now
    let data = try await ProgressLine.reading { progress throws(IngestError) in
      try await Ingestion.ingest(
        configuration: configuration, input: inputs.input, digests: true, recordIDs: true,
        careRecordIDs: records, progress: progress, whenRead: pipeline.add)
    }
    lap("ingest", since: stage)
    let overThreshold = ThresholdExceeded(data.audit)
    let directory = OutputDirectory(parent: output, name: reportPeriod.description)
    CheckSummary(audit: data.audit).warnings { kind in
      overThreshold == nil
        ? "all of them in \(directory.path)/rejects/\(kind.rawValue).csv"
        : "no report is written; check --rejects DIR writes all of them"
    }.forEach(printError)
    for kind in data.audit.sources {
      guard let statistics = data.audit.statistics[kind] else { continue }
      log.event(
        "source",
        [
          "source": kind.rawValue, "files": "\(statistics.files.count)", "rows": "\(statistics.rows)",
          "rejected": "\(statistics.rejected)", "duplicates": "\(statistics.duplicates)",
        ],
        human: "\(kind.rawValue): \(statistics.files.count) files, \(statistics.rows) rows, "
          + "\(statistics.rejected) rejected, \(statistics.duplicates) duplicates folded")
    }
    if let overThreshold { throw overThreshold }

    stage = clock.now
    var report = pipeline.report(reportDate: date)
    report.indemnities = pipeline.indemnities(reportDate: date, ids: data.ids)
    let evidence = records ? pipeline.records(ids: data.ids) : []
    lap("metrics", since: stage)

    stage = clock.now
    let lock = try directory.lock {
      log.event(
        "waiting", ["lock": directory.lockPath],
        human: "another run is writing into \(output); waiting for it to finish")
    }
    defer { close(lock) }
    let staged = try directory.stage()
    let previous: PreviousReport
    do {
      // With --records, the records files (most of the report's bytes) are rendered, hashed,
      // written and flushed on a thread of their own while the rest of the report is rendered.
      let contents = Mutex(Result<[(path: String, bytes: [UInt8])], ReportFilesError>.success([]))
      let recordFiles = Mutex(Result<[Manifest.OutputFile], OutputError>.success([]))
      let finished = report
      DispatchQueue.concurrentPerform(iterations: evidence.isEmpty ? 1 : 2) { task in
        if task == 0 {
          let result = Result { () throws(ReportFilesError) in
            try ReportFiles.contents(of: finished, audit: data.audit, toolVersion: toolVersion)
          }
          contents.withLock { $0 = result }
        } else {
          let result = Result { () throws(OutputError) in try ReportFiles.writeRecords(evidence, into: staged)
          }
          recordFiles.withLock { $0 = result }
        }
      }
      var files = try contents.withLock { $0 }.get()
      let written = try recordFiles.withLock { $0 }.get()
      lap("emit", since: stage)
      lap("total", since: started)
      let provenance = ReportFiles.Provenance(
        toolVersion: toolVersion, configuration: configuration.file, timings: recordTimings ? timings : nil)
      files.append(
        try ReportFiles.manifest(
          report: report, audit: data.audit, provenance: provenance, outputs: files, written: written))
      // The manifest's digests are of the bytes read: a file changed since would not match them.
      try data.checkInputsUnchanged()
      try staged.write(files)
      previous = try staged.commit()
    } catch {
      staged.discard()
      throw error
    }
    // Deleting the previous report overlaps the site index.
    let removed = DispatchGroup()
    DispatchQueue.global().async(group: removed) { previous.remove() }
    defer { removed.wait() }
    // The site index, from the reports now present (read back from their XML), still under the lock.
    let site = PublishedReport.scan(output: output)
    for skipped in site.skipped {
      printError(skipped.description)
      log.event(
        "skipped", ["path": skipped.path, "reason": skipped.reason],
        human: "\(skipped.path) left out of the site index: \(skipped.reason)")
    }
    let siteIndex: [UInt8]
    do {
      siteIndex = try SiteIndex.render(site.reports, toolVersion: toolVersion)
    } catch {
      throw ReportFilesError.template("templates/site.html.mustache: \(error)")
    }
    try directory.replaceSiteIndex(with: siteIndex)
    log.event(
      "done",
      [
        "period": reportPeriod.description, "output": directory.path,
        "provisional": report.isProvisional ? "true" : "false",
      ],
      human: "wrote \(directory.path)/" + (report.isProvisional ? " (provisional)" : ""))
  }
}
