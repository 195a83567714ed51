import Configuration
import Crypto
import Foundation
import Ingest
import ReportCore
import Synchronization

/// Fuzzes the CSV reader through `Ingestion.ingest`: bytes → records, rejects, statistics.
///
/// The first byte of an input chooses how the rest is read, the rest is the file:
/// bits 0–1 the source (orders, tickets, invoices, lines), bit 2 the configuration
/// (`samples/operator.yaml`: `;`, Windows-1252, Italian headers and values; or
/// `samples/acceptance.yaml`: canonical `,` UTF-8), bit 3 auto-detection of delimiter and
/// encoding instead of the configured ones, bit 4 whether the file is hashed; bits 5–7 the
/// size of the segments of a second read that splits the file on several threads, which must
/// hand over the same audit (rows, rejects, digests) or fail with the same error.
enum ReaderHarness {
  /// The file every input is written to, as the only file of the only configured source.
  static let fileName = "input.csv"

  /// The 16 configurations an input's first byte chooses from, built once per process.
  static let configurations: [ReportConfiguration] = {
    let root =
      ProcessInfo.processInfo.environment["AGCOM_FUZZ_ROOT"]
      ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
    // Loaded once each: building a configuration's working calendar takes most of a second
    // under the sanitizers.
    let loaded = ["operator.yaml", "acceptance.yaml"].map { name in
      do {
        return try ReportConfiguration.load(path: root + "/samples/" + name)
      } catch {
        finding("cannot load the samples' configuration (set AGCOM_FUZZ_ROOT): \(error)")
      }
    }
    var result: [ReportConfiguration] = []
    for selector in 0..<16 {
      var configuration = loaded[selector & 4 == 0 ? 0 : 1]
      let kind = SourceKind.allCases[selector & 3]
      var source = configuration.sources[kind]!
      source.files = [fileName]
      if selector & 8 != 0 {
        source.delimiter = .auto
        source.encoding = .auto
      }
      configuration.sources = [kind: source]
      result.append(configuration)
    }
    return result
  }()

  /// Calls of `whenRead` during the current input.
  static let whenReadCalls = Atomic<Int>(0)

  static func run(_ input: [UInt8]) {
    guard let selector = input.first else { return }
    let configuration = configurations[Int(selector & 15)]
    let digests = selector & 16 != 0
    let kind = configuration.sources.keys.first!
    let source = configuration.sources[kind]!
    let bytes = Array(input.dropFirst())
    let directory = scratchDirectory
    write(bytes, to: directory + "/" + fileName)

    whenReadCalls.store(0, ordering: .relaxed)
    let result = runBlocking { () -> Result<IngestedData, IngestError> in
      do throws(IngestError) {
        return .success(
          try await Ingestion.ingest(
            configuration: configuration, input: directory, digests: digests,
            whenRead: { records in
              if records.kind != kind { finding("whenRead got \(records.kind), not \(kind)") }
              whenReadCalls.add(1, ordering: .relaxed)
            }))
      } catch {
        return .failure(error)
      }
    }

    let segmentation = ReadSegmentation(threshold: 0, segmentSize: 1 + Int(selector >> 5) * 9, workers: 2)
    let segmented = runBlocking { () -> Result<IngestedData, IngestError> in
      do throws(IngestError) {
        return .success(
          try await Ingestion.ingest(
            configuration: configuration, input: directory, digests: digests, segmentation: segmentation))
      } catch {
        return .failure(error)
      }
    }
    switch (result, segmented) {
    case (.success(let whole), .success(let split)) where whole.audit == split.audit: break
    case (.failure(let whole), .failure(let split)) where whole == split: break
    default: finding("read in segments of \(segmentation.segmentSize) bytes: \(segmented), whole: \(result)")
    }

    let lines = physicalLines(bytes)
    switch result {
    case .success(let data):
      let statistics = data.audit.statistics[kind]
      trace(
        "\(kind): \(statistics?.rows ?? 0) rows, \(statistics?.rejected ?? 0) rejected, "
          + "\(statistics?.duplicates ?? 0) duplicates; first reject: "
          + "\(data.audit.rejects[kind]?.first.map { "\($0.line) \($0.field) \($0.reason)" } ?? "none")")
    case .failure(let error): trace("\(kind): \(error)")
    }
    switch result {
    case .failure(.inputDirectoryMissing), .failure(.noFilesMatch):
      finding("input reported missing although \(fileName) exists: \(result)")
    case .failure(.unreadable(let path, let reason)):
      finding("\(path) reported unreadable although it is a regular file: \(reason)")
    case .failure(.file(let error)):
      checkLocated(
        description: IngestError.file(error).description, path: error.path,
        expectedPath: directory + "/" + fileName, line: error.line, column: error.column,
        message: error.message, lines: lines, length: bytes.count)
    case .success(let data):
      check(data, kind: kind, source: source, bytes: bytes, lines: lines, digests: digests)
    }
  }

  /// What a successful read must satisfy.
  static func check(
    _ data: IngestedData, kind: SourceKind, source: SourceConfiguration, bytes: [UInt8], lines: Int,
    digests: Bool
  ) {
    let calls = whenReadCalls.load(ordering: .relaxed)
    if calls != 1 { finding("whenRead called \(calls) times for one source") }
    guard Array(data.records.keys) == [kind], Array(data.audit.statistics.keys) == [kind],
      let statistics = data.audit.statistics[kind], statistics.files.count == 1
    else { finding("not exactly one source and one file in \(data.audit.statistics)") }
    let file = statistics.files[0]
    let rejects = data.audit.rejects[kind] ?? []
    if file.path != fileName || file.bytes != bytes.count {
      finding("file statistics \(file.path), \(file.bytes) bytes; expected \(fileName), \(bytes.count)")
    }
    if file.rows != statistics.rows || file.rejected != statistics.rejected
      || rejects.count != statistics.rejected || statistics.rejected > statistics.rows
      || statistics.duplicates < 0 || statistics.duplicates > statistics.rows - statistics.rejected
    {
      finding(
        "inconsistent counts: rows \(statistics.rows) (file \(file.rows)), rejected \(statistics.rejected) "
          + "(file \(file.rejected), \(rejects.count) rejects), duplicates \(statistics.duplicates)")
    }
    // Orders, tickets, calls and surveys are kept one by one: every row read is a record, a
    // reject or a folded duplicate.
    let kept: Int? =
      switch data.records[kind]! {
      case .orders(let orders, _): orders.count
      case .tickets(let tickets, _): tickets.count
      case .calls(let calls, _): calls.count
      case .surveys(let surveys, _): surveys.count
      case .invoices, .lines: nil
      }
    if let kept, kept + statistics.rejected + statistics.duplicates != statistics.rows {
      finding(
        "\(kept) kept + \(statistics.rejected) rejected + \(statistics.duplicates) duplicates "
          + "!= \(statistics.rows) rows")
    }
    // No value kept may hold a character the rules forbid (README "Rules", *Rows*).
    let values: ValueDictionary =
      switch data.records[kind]! {
      case .orders(_, let values), .tickets(_, let values), .invoices(_, let values), .lines(_, let values),
        .calls(_, let values), .surveys(_, let values):
        values
      }
    if let bad = values.strings.first(where: { ForbiddenCharacter.first(in: $0) != nil }) {
      finding("a value with a forbidden character was kept: \(bad.debugDescription)")
    }
    for reject in rejects {
      if reject.file != fileName || reject.line < 2 || reject.line > lines || reject.reason.isEmpty
        || reject.reason.contains(where: \.isNewline)
        || !(reject.field.isEmpty || CanonicalField(name: reject.field) != nil)
      {
        finding("reject out of bounds (\(lines) lines): \(reject)")
      }
    }
    if !["TAB", ";", ",", "|"].contains(file.delimiter) { finding("delimiter '\(file.delimiter)'") }
    if case .byte(let configured) = source.delimiter,
      file.delimiter != (configured == 0x09 ? "TAB" : String(UnicodeScalar(configured)))
    {
      finding("delimiter '\(file.delimiter)' read instead of the configured \(configured)")
    }
    if source.encoding != .auto && file.encoding.rawValue.lowercased() != source.encoding.rawValue {
      finding("encoding \(file.encoding) read instead of the configured \(source.encoding)")
    }
    let expectedDigest = digests ? SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() : nil
    if file.sha256 != expectedDigest {
      finding("sha256 \(file.sha256 ?? "nil"), expected \(expectedDigest ?? "nil")")
    }
  }

  /// Physical lines as the reader counts them: LF, CRLF and a lone CR each end one.
  static func physicalLines(_ bytes: [UInt8]) -> Int {
    var lines = 1
    for (index, byte) in bytes.enumerated()
    where byte == 0x0A || (byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) {
      lines += 1
    }
    return lines
  }
}
