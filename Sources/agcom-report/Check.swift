import ArgumentParser
import Configuration
import Emit
import Ingest
import ReportCore

/// `agcom-report check`: reads and validates every source, prints the reject summary.
struct Check: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Read and validate the exports; print files, rows, rejects and duplicates per source.",
    discussion: """
      For a source that lists no exclusions: (every exclusion code admitted), also prints \
      the codes seen and how many records carry each. Writes nothing unless --rejects is \
      given. Exits 65 when a source's rejected share exceeds its threshold or a file is \
      unusable, 66 when input is missing, 78 on a configuration error.
      """
  )

  @OptionGroup var inputs: InputOptions

  @Flag(name: .long, help: "Print the summary as JSON on stdout.")
  var json = false

  @Option(name: .long, help: "Also write rejects/<source>.csv files into this directory.")
  var rejects: String?

  func run() async throws {
    let configuration = try ReportConfiguration.load(path: inputs.config)
    let data = try await ProgressLine.reading { progress throws(IngestError) in
      try await Ingestion.ingest(configuration: configuration, input: inputs.input, progress: progress)
    }
    let summary = CheckSummary(audit: data.audit)
    if json {
      print(summary.json)
    } else {
      print(summary.text, terminator: "")
    }
    let hint = { (kind: SourceKind) in
      rejects.map { "all of them in \($0)/\(kind.rawValue).csv" } ?? "--rejects DIR writes all of them"
    }
    summary.warnings(whereToFind: hint).forEach(printError)
    if let rejects {
      try RejectFile.write(data.audit, into: rejects)
    }
    if let failure = ThresholdExceeded(data.audit) { throw failure }
  }
}
