import Configuration
import Dispatch
import Foundation
import Metrics
import ReportCore
import Synchronization

/// Why the report files could not be produced.
public enum ReportFilesError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The XML would not validate against the schema: it is not written (SPEC §5.2).
  case invalidXML([SchemaViolation])
  /// libxml2 failed while writing.
  case xmlWriter
  /// A built-in template could not be used.
  case template(String)
  /// libxlsxwriter could not write the workbook.
  case workbook(String)
  /// An input file was read without its digest (ingestion must be asked for digests).
  case input(path: String, message: String)

  public var description: String {
    switch self {
    case .invalidXML(let violations):
      (["error: the report does not validate against templates/resoconto.xsd; it is not written:"]
        + violations.map { "  line \($0.line): \($0.message)" }).joined(separator: "\n")
    case .xmlWriter: "error: libxml2 could not write the report"
    case .template(let message): "error: \(message)"
    case .workbook(let message): "error: the workbook could not be written: \(message)"
    case .input(let path, let message): "\(path): error: \(message)"
    }
  }
}

/// Every file of a report's output directory (SPEC §5), rendered from one report model.
public enum ReportFiles {
  /// What the manifest records besides the report.
  public struct Provenance: Sendable {
    public var toolVersion: String
    /// The configuration file as read and parsed.
    public var configuration: ConfigurationFile
    public var timings: [String: Double]?

    public init(toolVersion: String, configuration: ConfigurationFile, timings: [String: Double]? = nil) {
      self.toolVersion = toolVersion
      self.configuration = configuration
      self.timings = timings
    }
  }

  /// The files, by path relative to the report's directory, in a fixed order: each written
  /// model's XML (validated) and human CSV, the workbook, the results CSV, the breaches and
  /// indemnities (when the report carries them), the web page, the rejects, then the manifest.
  /// (`run --records` adds the records files, written apart by ``writeRecords(_:into:)``.)
  public static func render(report: ReportModel, audit: IngestAudit, provenance: Provenance)
    throws(ReportFilesError) -> [(path: String, bytes: [UInt8])]
  {
    let files = try contents(of: report, audit: audit, toolVersion: provenance.toolVersion)
    return files + [try manifest(report: report, audit: audit, provenance: provenance, outputs: files)]
  }

  /// Every file but the manifest: per written model (SPEC §5.2: a model none of whose
  /// indicators can be computed is not written) `resoconto-<model>-<period>.xml` (validated
  /// first) and `resoconto-<model>-<period>.csv`, the workbook, the results CSV of every
  /// indicator, `indennizzi-<period>.csv` when the report carries its breaches, the web page,
  /// and the rejects.
  public static func contents(
    of report: ReportModel, audit: IngestAudit, toolVersion: String
  ) throws(ReportFilesError) -> [(path: String, bytes: [UInt8])] {
    let period = report.period.description
    var files: [(path: String, bytes: [UInt8])] = []
    for document in report.writtenDocuments {
      let xml: [UInt8]
      do {
        xml = try ReportXML.render(report, model: document.kind)
      } catch {
        throw .xmlWriter
      }
      switch SchemaValidation.validate(xml, against: Array(ReportXML.schema.utf8)) {
      case .valid: break
      case .invalid(let violations), .unusableSchema(let violations): throw .invalidXML(violations)
      }
      files.append((document.kind.fileName(period: period, ext: "xml"), xml))
      files.append(
        (
          document.kind.fileName(period: period, ext: "csv"),
          ResocontoCSV.render(report, model: document.kind)
        ))
    }
    do {
      files.append(
        (Workbook.path(period: report.period), try Workbook.render(report, toolVersion: toolVersion)))
    } catch {
      throw .workbook(error.message)
    }
    files.append(("results-\(period).csv", Array(ResultsCSV.render(report).utf8)))
    if let indemnities = report.indemnities {
      files.append((IndemnitiesCSV.path(report.period), IndemnitiesCSV.render(indemnities)))
    }
    do {
      let downloads = files.map(\.path).filter { $0.hasPrefix("resoconto") }
      files.append(("index.html", try WebPage.render(report, toolVersion: toolVersion, downloads: downloads)))
    } catch {
      throw .template("templates/index.html.mustache: \(error)")
    }
    for kind in audit.sources {
      files.append(("rejects/\(kind.rawValue).csv", RejectFile.render(audit.rejects[kind] ?? [])))
    }
    return files
  }

  /// Renders `records/<indicator>.csv` for each of `records` (`run --records`), hashes it
  /// and writes it into `staged`, on every core, the largest files first: called on a thread
  /// of its own while the rest of the report is rendered, so that the disk writes the first
  /// files while the next are rendered. Each worker renders into one buffer it reuses, a
  /// piece of about a megabyte at a time (``RecordsCSV/pieceSize``), hashed and written
  /// while it is in the processor's cache: a file is never in memory whole. The year's rows
  /// of an annual report are copied from the semesters' rows read back from the file, and the
  /// cells of a source's ids and values are made once for all its files.
  /// - Returns: the files' entries for the manifest
  ///   (``manifest(report:audit:provenance:outputs:written:)``), in the order of `records`.
  /// - Throws: the first failure in the order of `records`.
  public static func writeRecords(_ records: [IndicatorRecords], into staged: StagedReport)
    throws(OutputError)
    -> [Manifest.OutputFile]
  {
    let largestFirst = records.indices.sorted {
      records[$0].rows.map(\.count).reduce(0, +) > records[$1].rows.map(\.count).reduce(0, +)
    }
    let cells = RecordsCSV.Cells.shared(by: records)
    let next = Mutex(0)
    let results = Mutex([Int: Result<Manifest.OutputFile, OutputError>]())
    let workers = min(records.count, ProcessInfo.processInfo.activeProcessorCount)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      let buffer = RenderBuffer()
      while true {
        let taken = next.withLock { next in
          defer { next += 1 }
          return next
        }
        guard taken < largestFirst.count else { return }
        let index = largestFirst[taken]
        let path = RecordsCSV.path(records[index].code)
        let result = Result { () throws(OutputError) in
          var digest = Digests.SHA256Stream()
          var size = 0
          try staged.write(path) { file throws(OutputError) in
            try RecordsCSV.render(
              records[index], reusing: buffer, readingBack: file.read, cells: cells[index]
            ) {
              piece throws(OutputError) in
              digest.update(piece)
              size += piece.count
              try file.append(piece)
            }
          }
          return Manifest.OutputFile(path: path, sha256: digest.finish(), bytes: size)
        }
        results.withLock { $0[index] = result }
      }
    }
    return try results.withLock { results throws(OutputError) in
      try records.indices.map { index throws(OutputError) in try results[index]!.get() }
    }
  }

  /// `manifest.json` for the files `outputs`, then the files already `written` (their
  /// entries from ``writeRecords(_:into:)``).
  public static func manifest(
    report: ReportModel, audit: IngestAudit, provenance: Provenance,
    outputs: [(path: String, bytes: [UInt8])],
    written: [Manifest.OutputFile] = []
  ) throws(ReportFilesError) -> (path: String, bytes: [UInt8]) {
    (
      "manifest.json",
      try manifestModel(
        report: report, audit: audit, provenance: provenance, outputs: outputs, written: written
      )
      .json()
    )
  }

  /// The manifest's entry of every output, the digests computed on every core.
  static func outputFiles(_ outputs: [(path: String, bytes: [UInt8])]) -> [Manifest.OutputFile] {
    let digests = Mutex([Int: String]())
    DispatchQueue.concurrentPerform(iterations: outputs.count) { index in
      let digest = Digests.sha256(outputs[index].bytes)
      digests.withLock { $0[index] = digest }
    }
    return digests.withLock { digests in
      outputs.indices.map {
        Manifest.OutputFile(path: outputs[$0].path, sha256: digests[$0]!, bytes: outputs[$0].bytes.count)
      }
    }
  }

  /// The manifest's counts and totals of the breaches, per indicator code.
  static func indemnityTotals(_ list: IndemnityList) -> [String: Manifest.Indemnities] {
    Dictionary(
      uniqueKeysWithValues: list.summaries.map {
        (
          $0.code.rawValue,
          Manifest.Indemnities(closed: $0.closed, open: $0.open, amount: IndemnitiesCSV.euro($0.amountCents))
        )
      })
  }

  static func manifestModel(
    report: ReportModel, audit: IngestAudit, provenance: Provenance,
    outputs: [(path: String, bytes: [UInt8])],
    written: [Manifest.OutputFile] = []
  ) throws(ReportFilesError) -> Manifest {
    var inputs: [String: Manifest.Source] = [:]
    for kind in audit.sources {
      let statistics = audit.statistics[kind]!
      var files: [Manifest.InputFile] = []
      for file in statistics.files {
        guard let digest = file.sha256 else {
          throw .input(path: file.path, message: "was read without computing its digest")
        }
        files.append(
          Manifest.InputFile(
            path: file.path, sha256: digest, bytes: file.bytes, rows: file.rows,
            rejected: file.rejected,
            encoding: file.encoding.rawValue, delimiter: file.delimiter))
      }
      inputs[kind.rawValue] = Manifest.Source(
        rows: statistics.rows, rejected: statistics.rejected, duplicates: statistics.duplicates, files: files)
    }
    var excluded: [String: [String: Manifest.Exclusion]] = [:]
    for indicator in report.indicators where !indicator.exclusions.isEmpty {
      excluded[indicator.code.rawValue] = Dictionary(
        uniqueKeysWithValues: indicator.exclusions.map {
          ($0.code, Manifest.Exclusion(count: $0.count, label: $0.label))
        })
    }
    var shortAbandons: [String: Int] = [:]
    let column = report.columns.firstIndex(of: report.period)!
    for indicator in report.indicators {
      let total = indicator.measures.first?.rows.first { $0.segment == .total }?.cells[column]
      if let count = total?.shortAbandons, count > 0 { shortAbandons[indicator.code.rawValue] = count }
    }
    return Manifest(
      tool: Manifest.Tool(name: "agcom-report", version: provenance.toolVersion),
      report: Manifest.Report(
        period: report.period.description, type: ReportLabels.reportType(report.period),
        reportDate: report.reportDate.description, provisional: report.isProvisional),
      configuration: Manifest.ConfigurationFile(
        path: provenance.configuration.path, sha256: Digests.sha256(provenance.configuration.bytes),
        text: String(decoding: provenance.configuration.bytes, as: UTF8.self)),
      inputs: inputs, models: models(report), excluded: excluded,
      shortAbandons: shortAbandons.isEmpty ? nil : shortAbandons,
      indemnities: report.indemnities.map(indemnityTotals),
      outputs: outputFiles(outputs) + written,
      timings: provenance.timings)
  }

  /// The manifest's account of the report models (SPEC §5.2): which are written, in which
  /// files, with which indicators, and why one is not.
  static func models(_ report: ReportModel) -> [String: Manifest.Model] {
    let period = report.period.description
    return Dictionary(
      uniqueKeysWithValues: report.documents.map { document in
        let missing = document.missingSources.map(\.rawValue)
        let model = Manifest.Model(
          title: document.kind.title, deliberation: document.kind.reference, written: document.isWritten,
          files: document.isWritten
            ? ["xml", "csv"].map { document.kind.fileName(period: period, ext: $0) } : [],
          indicators: document.indicators.map(\.code.rawValue),
          notCollected: document.notCollected.map(\.code.rawValue),
          reason: document.isWritten
            ? nil
            : "not written: none of its indicators can be computed, the source"
              + (missing.count == 1 ? " \(missing[0]) is" : "s \(missing.joined(separator: " and ")) are")
              + " not configured")
        return (document.kind.rawValue, model)
      })
  }
}
