import Configuration
import Foundation
import ReportCore
import Synchronization

/// Everything the metrics stage needs from the exports, plus the audit trail.
public struct IngestedData: Sendable {
  /// Each source's records (or counts), by source.
  public var records: [SourceKind: SourceRecords]
  /// Files, rows, rejects and duplicates per source.
  public var audit: IngestAudit
  /// The ids of the orders' and tickets' records (`recordIDs`), and of the calls' and surveys'
  /// (`careRecordIDs`), in the records' order, when ingestion was asked for them; empty otherwise.
  public var ids: [SourceKind: RecordIDs] = [:]
  /// Every file read, with its identity when it was read.
  var inputs: [InputFile]

  /// Checks that every input is still as it was read (same size, modification time and
  /// inode), so that a report is never written from files that changed since: call it just
  /// before writing.
  /// - Throws: ``IngestError/file(_:)`` naming the first file that changed or vanished.
  public func checkInputsUnchanged() throws(IngestError) {
    for input in inputs where FileIdentity.of(path: input.path) != input.identity {
      throw .file(FileError(path: input.path, line: 0, column: 0, message: "changed after it was read"))
    }
  }
}

/// A file that was read: its path as errors name it, and its identity while it was read.
struct InputFile: Sendable {
  var path: String
  var identity: FileIdentity
}

/// Why ingestion stopped (each maps to one exit code of SPEC §7).
public enum IngestError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The input directory does not exist (or is not a directory): exit 66.
  case inputDirectoryMissing(path: String)
  /// No file under `input` matches a source's globs: exit 66.
  case noFilesMatch(source: SourceKind, globs: [String], input: String)
  /// A file-level problem (SPEC §2.3), including a matched path that is not a regular file:
  /// exit 65.
  case file(FileError)
  /// A file that cannot be read for permission or I/O reasons (`reason` from `strerror`):
  /// exit 74.
  case unreadable(path: String, reason: String)

  public var description: String {
    switch self {
    case .inputDirectoryMissing(let path): "error: input directory '\(path)' does not exist"
    case .noFilesMatch(let source, let globs, let input):
      "error: no file under '\(input)' matches sources.\(source.rawValue).files ("
        + globs.map { "'\($0)'" }.joined(separator: ", ") + ")"
    case .file(let error): error.description
    case .unreadable(let path, let reason): "\(path): error: cannot read: \(reason)"
    }
  }
}

/// Stage 1 of the pipeline: reads every source of the configuration under an input directory.
public enum Ingestion {
  /// Reads the configured sources concurrently (one libcsv parser per source), each source's
  /// files one after the other in path order.
  /// - Parameters:
  ///   - configuration: the checked configuration.
  ///   - input: the directory the sources' globs are relative to.
  ///   - digests: whether to hash each file as it is read (``FileStatistics/sha256``).
  ///   - recordIDs: whether to keep the ids of the orders and tickets (``IngestedData/ids``),
  ///     which `run` needs for the breaches of `indennizzi-<period>.csv` and the records files
  ///     of `--records`; `check` does not keep them.
  ///   - careRecordIDs: whether to keep the ids of the calls and surveys, which only the records
  ///     files of `--records` need (tens of millions of calls: a run without them keeps none).
  ///   - progress: receives the bytes read per source as they are read, for a progress line.
  ///   - segmentation: which files are parsed in segments on several cores (the records,
  ///     rejects and errors are the same either way).
  ///   - whenRead: called with each source's records as soon as that source is read, on the
  ///     task that read it, while the others may still be reading: the next stage can
  ///     start on what is ready. Not called for a source that fails; ingestion can still
  ///     fail after some calls.
  public static func ingest(
    configuration: ReportConfiguration, input: String, digests: Bool = false, recordIDs: Bool = false,
    careRecordIDs: Bool = false, progress: ReadProgress? = nil, segmentation: ReadSegmentation = .default,
    whenRead: @escaping @Sendable (SourceRecords) -> Void = { _ in }
  ) async throws(IngestError) -> IngestedData {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      throw .inputDirectoryMissing(path: input)
    }
    var plans: [SourceKind: SourcePlan] = [:]
    // In catalogue order, so that the first source without files is always the one named.
    for kind in SourceKind.allCases {
      guard let source = configuration.sources[kind] else { continue }
      let keepsIDs = kind == .calls || kind == .surveys ? careRecordIDs : recordIDs
      plans[kind] = try SourcePlan(
        source: source, input: input, zone: configuration.timeZone, digests: digests, keepsIDs: keepsIDs)
      plans[kind]!.progress = progress
      plans[kind]!.segmentation = segmentation
      progress?.start(kind, total: plans[kind]!.bytes)
    }
    let reading = SourcesReading()
    for kind in plans.keys { plans[kind]!.reading = reading }
    let finished = plans
    let results = await withTaskGroup(of: (SourceKind, Result<SourceOutput, IngestError>).self) { group in
      for kind in finished.keys {
        group.addTask {
          reading.count.add(1, ordering: .relaxed)
          let result = Result { () throws(IngestError) in try finished[kind]!.read() }
          reading.count.subtract(1, ordering: .relaxed)
          if case .success(let output) = result { whenRead(output.records) }
          return (kind, result)
        }
      }
      var results: [SourceKind: Result<SourceOutput, IngestError>] = [:]
      for await (kind, result) in group { results[kind] = result }
      return results
    }
    var outputs: [SourceKind: SourceOutput] = [:]
    for kind in SourceKind.allCases {
      switch results[kind] {
      case .success(let output): outputs[kind] = output
      case .failure(let error): throw error
      case nil: continue
      }
    }
    return IngestedData(
      records: outputs.mapValues(\.records),
      audit: IngestAudit(statistics: outputs.mapValues(\.statistics), rejects: outputs.mapValues(\.rejects)),
      ids: outputs.compactMapValues(\.ids),
      inputs: SourceKind.allCases.flatMap { outputs[$0]?.inputs ?? [] })
  }
}

/// How many sources are being read at the moment: a large file is parsed on more threads
/// only while fewer sources than cores are read (each source already keeps a core busy).
final class SourcesReading: Sendable {
  let count = Atomic<Int>(0)
  private let cores = ProcessInfo.processInfo.activeProcessorCount

  /// Whether a reader may start another thread for a segment.
  var leavesACoreIdle: Bool { count.load(ordering: .relaxed) < cores }
}

/// A finished source: its records, statistics and rejects (the sink stays on the task that
/// filled it; only these values cross to the caller).
struct SourceOutput: Sendable {
  var records: SourceRecords
  var statistics: SourceStatistics
  var rejects: [Reject]
  /// The files read, with their identities.
  var inputs: [InputFile]
  /// The records' ids, when kept (orders, tickets, calls and surveys).
  var ids: RecordIDs? = nil
}

/// One source, resolved: its files and decoding settings.
struct SourcePlan: Sendable {
  let source: SourceConfiguration
  let input: String
  let files: [String]
  let decoding: SourceDecoding
  let digests: Bool
  /// Whether to keep the records' ids.
  let keepsIDs: Bool
  /// Told of every chunk read.
  var progress: ReadProgress?
  /// Which files are parsed in segments.
  var segmentation = ReadSegmentation.default
  /// The sources being read, whose number tells whether a segment gets a thread of its own.
  var reading: SourcesReading?

  /// The size of the files matched, as they are when the plan is made (for progress only).
  var bytes: Int {
    files.reduce(0) { total, file in
      let path = input.hasSuffix("/") ? input + file : input + "/" + file
      return total + Int(FileIdentity.of(path: path)?.size ?? 0)
    }
  }

  var kind: SourceKind { source.kind }

  init(source: SourceConfiguration, input: String, zone: TimeZoneTable, digests: Bool, keepsIDs: Bool)
    throws(IngestError)
  {
    self.digests = digests
    self.keepsIDs = keepsIDs
    self.source = source
    self.input = input
    decoding = SourceDecoding(patterns: source.dateFormats.map(DateTimePattern.init), zone: zone)
    files = FileGlob.files(matching: source.files, under: input)
    if files.isEmpty {
      throw .noFilesMatch(source: source.kind, globs: source.files, input: input)
    }
  }

  /// Reads every file in path order into the source's sink, and takes its records.
  func read() throws(IngestError) -> SourceOutput {
    switch kind {
    case .orders:
      var sink = OrdersSink(configuration: source, decoding: decoding, keepingIDs: keepsIDs)
      var (statistics, rejects, inputs) = try read(into: &sink)
      statistics.exclusionsSeen = exclusionsSeen(sink.records.map(\.exclusion), sink.values.dictionary)
      return SourceOutput(
        records: .orders(sink.records, sink.values.dictionary), statistics: statistics, rejects: rejects,
        inputs: inputs, ids: sink.ids)
    case .tickets:
      var sink = TicketsSink(configuration: source, decoding: decoding, keepingIDs: keepsIDs)
      var (statistics, rejects, inputs) = try read(into: &sink)
      statistics.exclusionsSeen = exclusionsSeen(sink.records.map(\.exclusion), sink.values.dictionary)
      return SourceOutput(
        records: .tickets(sink.records, sink.values.dictionary), statistics: statistics, rejects: rejects,
        inputs: inputs, ids: sink.ids)
    case .invoices:
      var sink = InvoicesSink(configuration: source, decoding: decoding)
      let (statistics, rejects, inputs) = try read(into: &sink)
      sink.finish()
      return SourceOutput(
        records: .invoices(issued: sink.issued, sink.values.dictionary), statistics: statistics,
        rejects: rejects, inputs: inputs)
    case .lines:
      var sink = LinesSink(configuration: source, decoding: decoding)
      let (statistics, rejects, inputs) = try read(into: &sink)
      return SourceOutput(
        records: .lines(active: sink.activeLines, sink.values.dictionary), statistics: statistics,
        rejects: rejects, inputs: inputs)
    case .calls:
      var sink = CallsSink(configuration: source, decoding: decoding, keepingIDs: keepsIDs)
      var (statistics, rejects, inputs) = try read(into: &sink)
      statistics.exclusionsSeen = exclusionsSeen(sink.records.map(\.exclusion), sink.values.dictionary)
      return SourceOutput(
        records: .calls(sink.records, sink.values.dictionary), statistics: statistics, rejects: rejects,
        inputs: inputs, ids: sink.ids)
    case .surveys:
      var sink = SurveysSink(configuration: source, decoding: decoding, keepingIDs: keepsIDs)
      let (statistics, rejects, inputs) = try read(into: &sink)
      return SourceOutput(
        records: .surveys(sink.records, sink.values.dictionary), statistics: statistics, rejects: rejects,
        inputs: inputs, ids: sink.ids)
    }
  }

  /// Records per exclusion code, for a source that lists no causes (every code admitted:
  /// `check` shows them, SPEC §2.3); nil when it declares its `exclusions:`.
  /// - Parameter exclusions: the exclusion id of every record, 0 for none.
  private func exclusionsSeen(_ exclusions: [UInt32], _ values: ValueDictionary) -> [String: Int]? {
    guard source.exclusions == nil else { return nil }
    var counts: [UInt32: Int] = [:]
    for id in exclusions where id != 0 { counts[id, default: 0] += 1 }
    return Dictionary(uniqueKeysWithValues: counts.map { (values.string(for: $0.key)!, $0.value) })
  }

  private func read<Sink: RecordSink>(into sink: inout Sink) throws(IngestError) -> (
    SourceStatistics, [Reject], [InputFile]
  ) {
    let schema = source.schema
    var statistics = SourceStatistics(threshold: source.rejectThreshold)
    var rejects: [Reject] = []
    var inputs: [InputFile] = []
    for file in files {
      let path = input.hasSuffix("/") ? input + file : input + "/" + file
      var reader = CSVFileReader(
        path: path, delimiter: source.delimiter, encoding: source.encoding, computesDigest: digests)
      reader.segmentation = segmentation
      if let reading { reader.startsThreads = { reading.leavesACoreIdle } }
      if let progress {
        let kind = kind
        reader.whenChunkRead = { progress.add(kind, bytes: $0) }
      }
      var columns: ColumnMap?
      var headerNames: [String] = []
      var rows = 0
      var rejected = 0
      let facts = try reader.read(
        header: { (header, _) throws(FileError) in
          columns = try ColumnMap(header: header, schema: schema, configured: source.columns, path: path)
          headerNames = header.names
        },
        rows: { chunk, encoding in
          // The header came first: without one the reader calls `rows` for no record.
          let map = columns!
          let width = map.width
          rows += chunk.count
          // A few hundred rows at a time: enough loads in flight to overlap their cache
          // misses, and few enough lines that they are still in cache when consumed.
          for start in stride(from: 0, to: chunk.count, by: 256) {
            let group = start..<min(start + 256, chunk.count)
            for index in group where chunk[index].fieldCount == width {
              sink.prefetch(
                RowFields(
                  row: chunk[index], columns: map, encoding: encoding, decimalMark: source.decimalMark))
            }
            sink.loadPrefetched()
            for index in group {
              let row = chunk[index]
              let fields = RowFields(
                row: row, columns: map, encoding: encoding, decimalMark: source.decimalMark)
              do throws(RowProblem) {
                if row.strayQuoteField >= 0 {
                  throw StrayQuote.problem(
                    in: row, columns: map, schema: schema, header: headerNames, encoding: encoding)
                }
                guard row.fieldCount == width else {
                  throw RowProblem(
                    field: nil, value: "",
                    reason: "expected \(width) fields as in the header, found \(row.fieldCount)")
                }
                if row.mayHoldForbiddenCharacters {
                  try ForbiddenCharacterScan.check(row, columns: map, schema: schema, encoding: encoding)
                }
                try sink.consume(fields, file: file)
              } catch {
                rejected += 1
                // The id only from a row whose fields line up with the header: in another,
                // the id's column may hold some other field.
                let id = schema.idField.flatMap { row.fieldCount == width ? fields.text($0) : nil } ?? ""
                rejects.append(
                  Reject(
                    file: file, line: row.line, id: id, field: error.field?.name ?? "", value: error.value,
                    reason: error.reason))
              }
            }
          }
        })
      statistics.files.append(
        FileStatistics(
          path: file, bytes: facts.bytes, rows: rows, rejected: rejected,
          delimiter: facts.delimiter == 0x09 ? "TAB" : String(UnicodeScalar(facts.delimiter)),
          encoding: facts.encoding, sha256: facts.sha256?.hexadecimal))
      statistics.rows += rows
      statistics.rejected += rejected
      inputs.append(InputFile(path: path, identity: facts.identity))
    }
    statistics.duplicates = sink.duplicates
    return (statistics, rejects, inputs)
  }
}
