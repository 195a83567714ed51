import Configuration
import Foundation
import ReportCore

/// What reading one file gave.
public struct FileStatistics: Sendable, Equatable {
  /// Path relative to `--input`.
  public var path: String
  public var bytes: Int
  /// Records read (header and blank lines excluded).
  public var rows: Int
  public var rejected: Int
  public var delimiter: String
  public var encoding: TextEncoding
  /// Lower-case hex SHA-256 of the bytes read, when ingestion was asked for digests.
  public var sha256: String?
}

/// What reading one source gave (SPEC §5 manifest; `check` output).
public struct SourceStatistics: Sendable, Equatable {
  public var files: [FileStatistics] = []
  public var rows = 0
  public var rejected = 0
  /// Valid rows dropped because another row with the same id won (SPEC §2.2).
  public var duplicates = 0
  /// The configured reject threshold.
  public var threshold: ExactDecimal

  /// True when rejected ÷ rows exceeds the threshold (SPEC §2.3): the run must fail.
  public var exceedsThreshold: Bool { threshold.isExceeded(byNumerator: rejected, denominator: rows) }
}

/// Everything the metrics stage needs from the exports, plus the audit trail.
public struct IngestedData: Sendable {
  public var orders: [Order]
  public var orderValues: ValueDictionary
  public var tickets: [Ticket]
  public var ticketValues: ValueDictionary
  /// Issued invoices per issue date (first of the month for monthly counts) and dimensions.
  public var invoicesIssued: [DatedDimensions: Int64]
  public var invoiceValues: ValueDictionary
  /// Active lines per month (first day) and dimensions.
  public var activeLines: [DatedDimensions: Int64]
  public var lineValues: ValueDictionary
  public var statistics: [SourceKind: SourceStatistics]
  public var rejects: [SourceKind: [Reject]]

  /// The sources, in catalogue order, whose rejected share exceeds their threshold.
  public var sourcesOverThreshold: [SourceKind] {
    SourceKind.allCases.filter { statistics[$0]?.exceedsThreshold ?? false }
  }

  /// What the metrics stage reads from one source.
  public func records(of kind: SourceKind) -> SourceRecords {
    switch kind {
    case .orders: .orders(orders, orderValues)
    case .tickets: .tickets(tickets, ticketValues)
    case .invoices: .invoices(issued: invoicesIssued, invoiceValues)
    case .lines: .lines(active: activeLines, lineValues)
    }
  }
}

/// What the metrics stage reads from one source: its records (or counts) and the
/// dictionary of their open values.
public enum SourceRecords: Sendable {
  case orders([Order], ValueDictionary)
  case tickets([Ticket], ValueDictionary)
  /// Issued invoices per issue date (first of the month for monthly counts) and dimensions.
  case invoices(issued: [DatedDimensions: Int64], ValueDictionary)
  /// Active lines per month (first day) and dimensions.
  case lines(active: [DatedDimensions: Int64], ValueDictionary)
}

/// Why ingestion stopped (each maps to one exit code of SPEC §7).
public enum IngestError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A setting that cannot be used (time zone, date pattern): exit 78.
  case configuration(String)
  /// The input directory or a source's files are missing: exit 66.
  case inputMissing(String)
  /// A file-level problem (SPEC §2.3): exit 65.
  case file(FileError)

  public var description: String {
    switch self {
    case .configuration(let message), .inputMissing(let message): "error: \(message)"
    case .file(let error): error.description
    }
  }
}

/// Stage 1 of the pipeline: reads every source of the configuration under an input directory.
public enum Ingestion {
  /// Reads the four sources concurrently (one libcsv parser per source), each source's
  /// files one after the other in path order.
  /// - Parameters:
  ///   - configuration: the checked configuration.
  ///   - input: the directory the sources' globs are relative to.
  ///   - digests: whether to hash each file as it is read (``FileStatistics/sha256``).
  ///   - whenRead: called with each source's records as soon as that source is read, on the
  ///     task that read it, while the others may still be reading: the next stage can
  ///     start on what is ready. Not called for a source that fails; ingestion can still
  ///     fail after some calls.
  public static func ingest(
    configuration: ReportConfiguration, input: String, digests: Bool = false,
    whenRead: @escaping @Sendable (SourceRecords) -> Void = { _ in }
  ) async throws(IngestError) -> IngestedData {
    let zone: TimeZoneTable
    do {
      zone = try TimeZoneTable(identifier: configuration.timeZone)
    } catch {
      throw .configuration("unknown time zone '\(configuration.timeZone)'")
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      throw .inputMissing("input directory '\(input)' does not exist")
    }
    var plans: [SourceKind: SourcePlan] = [:]
    for kind in SourceKind.allCases {
      guard let source = configuration.sources[kind] else {
        throw .configuration("no configuration for source '\(kind.rawValue)'")
      }
      plans[kind] = try SourcePlan(kind: kind, source: source, input: input, zone: zone, digests: digests)
    }
    let finished = plans
    let results = await withTaskGroup(of: (SourceKind, Result<SourceOutput, FileError>).self) { group in
      for kind in SourceKind.allCases {
        group.addTask {
          let result = Result { () throws(FileError) in try finished[kind]!.read() }
          if case .success(let output) = result { whenRead(output.records) }
          return (kind, result)
        }
      }
      var results: [SourceKind: Result<SourceOutput, FileError>] = [:]
      for await (kind, result) in group { results[kind] = result }
      return results
    }
    var outputs: [SourceKind: SourceOutput] = [:]
    for kind in SourceKind.allCases {
      switch results[kind]! {
      case .success(let output): outputs[kind] = output
      case .failure(let error): throw .file(error)
      }
    }
    return assemble(outputs)
  }

  private static func assemble(_ outputs: [SourceKind: SourceOutput]) -> IngestedData {
    guard case .orders(let orders, let orderValues) = outputs[.orders]!.records,
      case .tickets(let tickets, let ticketValues) = outputs[.tickets]!.records,
      case .invoices(let issued, let invoiceValues) = outputs[.invoices]!.records,
      case .lines(let active, let lineValues) = outputs[.lines]!.records
    else { preconditionFailure("each source yields its own records") }
    return IngestedData(
      orders: orders, orderValues: orderValues, tickets: tickets, ticketValues: ticketValues,
      invoicesIssued: issued, invoiceValues: invoiceValues, activeLines: active, lineValues: lineValues,
      statistics: outputs.mapValues(\.statistics), rejects: outputs.mapValues(\.rejects))
  }
}

/// A finished source: its sink, statistics and rejects.
struct SourceOutput: Sendable {
  enum Sink: @unchecked Sendable {
    case orders(OrdersSink)
    case tickets(TicketsSink)
    case invoices(InvoicesSink)
    case lines(LinesSink)
  }
  var sink: Sink
  var statistics: SourceStatistics
  var rejects: [Reject]

  var records: SourceRecords {
    switch sink {
    case .orders(let sink): .orders(sink.records, sink.values.dictionary)
    case .tickets(let sink): .tickets(sink.records, sink.values.dictionary)
    case .invoices(let sink): .invoices(issued: sink.issued, sink.values.dictionary)
    case .lines(let sink): .lines(active: sink.activeLines, sink.values.dictionary)
    }
  }
}

/// One source, resolved: its files and decoding settings.
struct SourcePlan: Sendable {
  let kind: SourceKind
  let source: SourceConfiguration
  let input: String
  let files: [String]
  let decoding: SourceDecoding
  let digests: Bool

  init(kind: SourceKind, source: SourceConfiguration, input: String, zone: TimeZoneTable, digests: Bool)
    throws(IngestError)
  {
    self.kind = kind
    self.digests = digests
    self.source = source
    self.input = input
    var patterns: [DateTimePattern] = []
    for text in source.dateFormats {
      do {
        patterns.append(try DateTimePattern(text))
      } catch {
        throw .configuration("sources.\(kind.rawValue).date_formats: \(error.message)")
      }
    }
    decoding = SourceDecoding(patterns: patterns, zone: zone)
    files = FileGlob.files(matching: source.files, under: input)
    if files.isEmpty {
      let globs = source.files.map { "'\($0)'" }.joined(separator: ", ")
      throw .inputMissing("no file under '\(input)' matches sources.\(kind.rawValue).files (\(globs))")
    }
  }

  /// Reads every file in path order into the source's sink.
  func read() throws(FileError) -> SourceOutput {
    switch kind {
    case .orders:
      var sink = OrdersSink(configuration: source, decoding: decoding)
      let (statistics, rejects) = try read(into: &sink)
      return SourceOutput(sink: .orders(sink), statistics: statistics, rejects: rejects)
    case .tickets:
      var sink = TicketsSink(configuration: source, decoding: decoding)
      let (statistics, rejects) = try read(into: &sink)
      return SourceOutput(sink: .tickets(sink), statistics: statistics, rejects: rejects)
    case .invoices:
      var sink = InvoicesSink(configuration: source, decoding: decoding)
      let (statistics, rejects) = try read(into: &sink)
      sink.finish()
      return SourceOutput(sink: .invoices(sink), statistics: statistics, rejects: rejects)
    case .lines:
      var sink = LinesSink(configuration: source, decoding: decoding)
      let (statistics, rejects) = try read(into: &sink)
      return SourceOutput(sink: .lines(sink), statistics: statistics, rejects: rejects)
    }
  }

  private func read<Sink: RecordSink>(into sink: inout Sink) throws(FileError) -> (SourceStatistics, [Reject])
  {
    let schema = SourceSchema.of(kind, invoiceLayout: source.invoiceLayout)
    var statistics = SourceStatistics(threshold: source.rejectThreshold)
    var rejects: [Reject] = []
    for file in files {
      let path = input.hasSuffix("/") ? input + file : input + "/" + file
      let reader = CSVFileReader(
        path: path, delimiter: source.delimiter, encoding: source.encoding, computesDigest: digests)
      var columns: ColumnMap?
      var indexes: UnsafeMutablePointer<Int>?
      var width = 0
      var rows = 0
      var rejected = 0
      let facts = try reader.read(
        header: { (names, _) throws(FileError) in
          let map = try ColumnMap(header: names, schema: schema, configured: source.columns, path: path)
          (columns, indexes, width) = (map, map.indexes, map.width)
        },
        rows: { chunk, encoding in
          rows += chunk.count
          // A few hundred rows at a time: enough loads in flight to overlap their cache
          // misses, and few enough lines that they are still in cache when consumed.
          for start in stride(from: 0, to: chunk.count, by: 256) {
            let batch = UnsafeBufferPointer(rebasing: chunk[start..<min(start + 256, chunk.count)])
            for row in batch where row.fieldCount == width {
              sink.prefetch(
                RowFields(row: row, columns: indexes!, encoding: encoding, decimalMark: source.decimalMark))
            }
            sink.loadPrefetched()
            for row in batch {
              let fields = RowFields(
                row: row, columns: indexes!, encoding: encoding, decimalMark: source.decimalMark)
              do throws(RowProblem) {
                guard row.fieldCount == width else {
                  throw RowProblem(
                    field: nil, value: "",
                    reason: "expected \(width) fields as in the header, found \(row.fieldCount)")
                }
                try sink.consume(fields, file: file)
              } catch {
                rejected += 1
                rejects.append(
                  Reject(
                    file: file, line: row.line, field: error.field?.name ?? "", value: error.value,
                    reason: error.reason))
              }
            }
          }
        })
      withExtendedLifetime(columns) {}  // the rows read its table through `indexes`
      statistics.files.append(
        FileStatistics(
          path: file, bytes: facts.bytes, rows: rows, rejected: rejected,
          delimiter: facts.delimiter == 0x09 ? "TAB" : String(UnicodeScalar(facts.delimiter)),
          encoding: facts.encoding, sha256: facts.sha256?.hex))
      statistics.rows += rows
      statistics.rejected += rejected
    }
    statistics.duplicates = sink.duplicates
    return (statistics, rejects)
  }
}
