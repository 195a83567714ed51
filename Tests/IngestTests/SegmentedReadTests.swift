import Configuration
import Foundation
import ReportCore
import Testing

@testable import Ingest

/// Issue 14, point 3: a large file is parsed in segments on several threads, and what the
/// reader hands over — rows, their lines, stray quotes, forbidden-character flags, errors,
/// digests — is exactly what one parser reading the whole file hands over.
///
/// Tiny segments (a few bytes to a few records) make small files cross many segment
/// boundaries; every test compares the segmented read with the whole read (`.never`).
@Suite struct SegmentedReadTests {
  /// What a read hands over, as values.
  struct Outcome: Equatable {
    struct Row: Equatable {
      var line: Int
      /// The fields decoded as the reader says (ASCII reads the same in both encodings).
      var fields: [String]
      var strayQuoteField: Int32
      var mayHoldForbiddenCharacters: Bool
    }
    var header: [String] = []
    var headerPositions: [CSVPosition] = []
    var rows: [Row] = []
    var bytes = 0
    var sha256: String?
    var encoding: TextEncoding?
    var delimiter: UInt8?
    var error: IngestError?
  }

  /// Segments of `size` bytes, every file split, three threads.
  static func segments(_ size: Int, workers: Int = 3) -> ReadSegmentation {
    ReadSegmentation(threshold: 0, segmentSize: size, workers: workers)
  }

  /// Reads `path`; returns what it handed over and the segments kept and parsed again.
  static func read(
    _ path: String, _ segmentation: ReadSegmentation, delimiter: DelimiterSetting = .auto,
    encoding: EncodingSetting = .auto, startsThreads: Bool = true
  ) -> (outcome: Outcome, kept: Int, parsedAgain: Int) {
    var reader = CSVFileReader(path: path, delimiter: delimiter, encoding: encoding, computesDigest: true)
    reader.segmentation = segmentation
    reader.startsThreads = { startsThreads }
    var outcome = Outcome()
    do {
      let facts = try reader.read(
        header: { header, _ in
          outcome.header = header.names
          outcome.headerPositions = header.positions
        },
        rows: { rows, encoding in
          for index in rows.indices {
            let row = rows[index]
            outcome.rows.append(
              Outcome.Row(
                line: row.line, fields: (0..<row.fieldCount).map { encoding.decode(row[$0].bytes) },
                strayQuoteField: row.strayQuoteField,
                mayHoldForbiddenCharacters: row.mayHoldForbiddenCharacters))
          }
        })
      outcome.bytes = facts.bytes
      outcome.sha256 = facts.sha256?.hexadecimal
      outcome.encoding = facts.encoding
      outcome.delimiter = facts.delimiter
      return (outcome, facts.segmentsKept, facts.segmentsParsedAgain)
    } catch {
      outcome.error = error
      return (outcome, 0, 0)
    }
  }

  /// A scratch file holding `bytes`.
  final class ScratchFile {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("agcom-segments-\(UUID().uuidString)").path
    var path: String { directory + "/input.csv" }

    init(_ bytes: [UInt8]) {
      try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      write(bytes)
    }

    func write(_ bytes: [UInt8]) {
      _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    deinit {
      try? FileManager.default.removeItem(atPath: directory)
    }
  }

  @Test func quotedLineBreaksAtEverySegmentBoundaryReadAsWhole() throws {
    // Every record holds a quoted field with an LF, a CRLF and doubled quotes; records end
    // in LF and CRLF in turn. Segment sizes from 1 byte to two records put a boundary at
    // every byte of a record, inside the quoted fields included.
    var text = "id,note,n\r\n"
    for index in 0..<12 {
      text += "\(index),\"first\nsecond \"\"q\"\"\r\nthird\",x\(index)" + (index % 2 == 0 ? "\n" : "\r\n")
    }
    let file = ScratchFile(Array(text.utf8))
    let whole = Self.read(file.path, .never)
    #expect(whole.outcome.rows.count == 12 && whole.outcome.rows.last?.line == 35)
    #expect(whole.kept == 0 && whole.parsedAgain == 0)
    for size in 1...90 {
      let segmented = Self.read(file.path, Self.segments(size))
      #expect(segmented.outcome == whole.outcome, "segments of \(size) bytes")
      // The quote-aware search found every record start: no segment read twice.
      #expect(segmented.kept > 0 && segmented.parsedAgain == 0, "segments of \(size) bytes")
    }
  }

  @Test func aStrayQuoteThatMisleadsTheQuoteCountIsCaughtAtTheBoundary() throws {
    // After the stray quote in record 2 the count of quotes is odd: the search takes the LF
    // inside record 3's quoted field for a record's end. The parser of record 3 stands inside
    // that field there, so the guessed segment is parsed again in order.
    let text =
      "id,note,n\n" + "1,plain,a\n" + "2,ab\"c,b\n" + "3,\"one\ntwo\nthree\",c\n" + "4,plain,d\n"
      + "5,\"x\ny\",e\n" + "6,end,f\n"
    let file = ScratchFile(Array(text.utf8))
    let whole = Self.read(file.path, .never)
    #expect(whole.outcome.rows.map(\.line) == [2, 3, 4, 7, 8, 10])
    #expect(whole.outcome.rows[1].strayQuoteField == 1)
    var parsedAgain = 0
    for size in 1...text.utf8.count {
      let segmented = Self.read(file.path, Self.segments(size))
      #expect(segmented.outcome == whole.outcome, "segments of \(size) bytes")
      parsedAgain += segmented.parsedAgain
    }
    #expect(parsedAgain > 0)
  }

  @Test func aCRLFIsNeverSplitAndBlankLinesAndLoneCRsCount() throws {
    let text =
      "id,note\r\n1,a\r\n\r\n2,b\r\n   \r\n3,c\r4,d\r\n\n5,\"e\r\nf\"\r\n6,g"
    let file = ScratchFile(Array(text.utf8))
    let whole = Self.read(file.path, .never)
    #expect(whole.outcome.rows.map(\.line) == [2, 4, 6, 7, 9, 11])
    var kept = 0
    for size in 1...text.utf8.count {
      let segmented = Self.read(file.path, Self.segments(size))
      #expect(segmented.outcome == whole.outcome, "segments of \(size) bytes")
      kept += segmented.kept
    }
    #expect(kept > 0)
  }

  @Test func anInvalidByteInALaterSegmentIsLocatedAsInAWholeRead() throws {
    var bytes = Array("id,note\n".utf8)
    for index in 0..<200 { bytes += Array("\(index),row \(index)\n".utf8) }
    bytes += Array("200,bad ".utf8) + [0xC3, 0x28] + Array("\n201,after\n".utf8)
    let file = ScratchFile(bytes)
    let whole = Self.read(file.path, .never, encoding: .utf8)
    let expected = IngestError.file(
      FileError(path: file.path, line: 202, column: 9, message: "byte 0xC3 is not valid UTF-8"))
    #expect(whole.outcome.error == expected)
    for size in [7, 64, 500] {
      #expect(Self.read(file.path, Self.segments(size), encoding: .utf8).outcome.error == expected)
    }
  }

  @Test func theFirstErrorInFileOrderWinsAcrossSegmentsAndChunks() throws {
    // A field of more than 1 MiB (a quote that closes only far on) in the middle, then an
    // invalid byte and a quote that never closes; chunks of 256 KiB, segments of 1000 bytes
    // to 300 KiB. The field's length is checked where a chunk ends, and a chunk's bytes are
    // validated before any is parsed: an invalid byte in the chunk where the field goes over
    // the limit is the error, one in a later chunk is not.
    func longField(padding: Int) -> [UInt8] {
      var bytes = Array("id,note\n".utf8)
      for index in 0..<3000 { bytes += Array("\(index),row \(index)\n".utf8) }
      bytes +=
        Array("3000,\"".utf8) + Array(String(repeating: "long line\n", count: 120_000).utf8)
        + Array("\",x\n".utf8)
      for index in 0..<padding { bytes += Array("p\(index),pad\n".utf8) }
      return bytes + Array("3001,bad ".utf8) + [0xFF] + Array("\n3002,\"open\n".utf8)
    }
    let file = ScratchFile(longField(padding: 0))
    let sameChunk = IngestError.file(
      FileError(path: file.path, line: 123_003, column: 10, message: "byte 0xFF is not valid UTF-8"))
    #expect(Self.read(file.path, .never, encoding: .utf8).outcome.error == sameChunk)
    for size in [1000, 64 << 10, 300 << 10] {
      #expect(Self.read(file.path, Self.segments(size), encoding: .utf8).outcome.error == sameChunk)
    }
    let tooLong = IngestError.file(
      FileError(
        path: file.path, line: 3002, column: 1,
        message: "a field of the record starting here is longer than 1 MiB (a quote that never closes?)"))
    file.write(longField(padding: 8000))
    #expect(Self.read(file.path, .never, encoding: .utf8).outcome.error == tooLong)
    for size in [1000, 64 << 10, 300 << 10] {
      #expect(Self.read(file.path, Self.segments(size), encoding: .utf8).outcome.error == tooLong)
    }
    // Without the long field the invalid byte is the first error, then the open quote.
    var shorter = Array("id,note\n".utf8)
    for index in 0..<3000 { shorter += Array("\(index),row \(index)\n".utf8) }
    let rest = Array("3001,bad ".utf8) + [0xFF] + Array("\n3002,\"open\n".utf8)
    file.write(shorter + rest)
    // In Windows-1252, 0xFF is a letter: the quote that never closes is the error.
    for (encoding, message) in [
      (EncodingSetting.utf8, "byte 0xFF is not valid UTF-8"),
      (.windows1252, "a quoted field opened in the record starting here is never closed"),
    ] {
      let whole = Self.read(file.path, .never, encoding: encoding).outcome.error
      let column = encoding == .utf8 ? 10 : 1
      let line = encoding == .utf8 ? 3002 : 3003
      #expect(whole == .file(FileError(path: file.path, line: line, column: column, message: message)))
      for size in [100, 4096] {
        #expect(Self.read(file.path, Self.segments(size), encoding: encoding).outcome.error == whole)
      }
    }
  }

  @Test func duplicatesAcrossSegmentsKeepTheRowReadLastAndRejectsKeepFileOrder() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    var text = Fixture.ordersHeader + "\n"
    for index in 0..<300 {
      // O1…O50 again and again with the same updated_at: on a tie the row read last wins.
      let completed = String(format: "2025-01-%02d 10:00", 3 + index / 50)
      text += "O\(index % 50),2025-01-02 10:00,\(completed),,,completed,voice,own,FTTH,business,01,,\n"
      // Rejected: not a date.
      if index % 41 == 0 {
        text += "R\(index),2025-01-02 10:00,oops,,,completed,voice,own,FTTH,business,01,,\n"
      }
    }
    fixture.write("orders/orders.csv", text)
    let whole = try await fixture.ingest(segmentation: .never)
    #expect(whole.statistics[.orders]!.duplicates > 200)
    #expect(Set(whole.orders.map(\.completionDate)) == [LocalDate(year: 2025, month: 1, day: 8)])
    let lines = whole.rejects[.orders]!.map(\.line)
    #expect(lines.count == 8 && lines == lines.sorted())
    for size in [1, 150, 1000, 4000] {
      let segmented = try await fixture.ingest(segmentation: Self.segments(size))
      #expect(segmented.audit == whole.audit, "segments of \(size) bytes")
      #expect(segmented.orders == whole.orders, "segments of \(size) bytes")
    }
  }

  /// The records of two ingestions are the same.
  static func sameRecords(_ left: IngestedData, _ right: IngestedData) -> Bool {
    guard Set(left.records.keys) == Set(right.records.keys) else { return false }
    for (kind, records) in left.records {
      switch (records, right.records[kind]!) {
      case (.orders(let a, let x), .orders(let b, let y)): if a != b || x != y { return false }
      case (.tickets(let a, let x), .tickets(let b, let y)): if a != b || x != y { return false }
      case (.invoices(let a, let x), .invoices(let b, let y)): if a != b || x != y { return false }
      case (.lines(let a, let x), .lines(let b, let y)): if a != b || x != y { return false }
      case (.calls(let a, let x), .calls(let b, let y)): if a != b || x != y { return false }
      case (.surveys(let a, let x), .surveys(let b, let y)): if a != b || x != y { return false }
      default: return false
      }
    }
    return true
  }

  @Test(arguments: ["acceptance.yaml", "acceptance-care.yaml"])
  func theAcceptanceInputReadsTheSameInSegments(configuration name: String) async throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let configuration = try ReportConfiguration.load(
      path: root.appendingPathComponent("samples/\(name)").path)
    let input = root.appendingPathComponent("Tests/Fixtures/acceptance/input").path
    let whole = try await Ingestion.ingest(
      configuration: configuration, input: input, digests: true, recordIDs: true, segmentation: .never)
    let segmented = try await Ingestion.ingest(
      configuration: configuration, input: input, digests: true, recordIDs: true,
      segmentation: Self.segments(1500, workers: 2))
    #expect(segmented.audit == whole.audit)
    #expect(Self.sameRecords(segmented, whole))
    #expect(segmented.ids == whole.ids)
    #expect(whole.audit.statistics.values.contains { $0.rows > 0 })
  }

  /// A random CSV: quoted fields with line breaks and doubled quotes, stray quotes, blank
  /// lines, spaces, LF, CRLF and lone CR line ends, control characters, non-ASCII letters,
  /// now and then an invalid byte or a quote that never closes.
  static func randomCSV(_ generator: inout SplitMix64) -> [UInt8] {
    var bytes = Array("id,name,note,n\n".utf8)
    let records = Int.random(in: 0...60, using: &generator)
    let lineEnds: [[UInt8]] = [[0x0A], [0x0A], [0x0D, 0x0A], [0x0D]]
    for record in 0..<records {
      if Int.random(in: 0..<12, using: &generator) == 0 {
        bytes += lineEnds.randomElement(using: &generator)!
      }
      let fields = Int.random(in: 1...5, using: &generator)
      for field in 0..<fields {
        if field > 0 { bytes.append(UInt8(ascii: ",")) }
        switch Int.random(in: 0..<10, using: &generator) {
        case 0:  // quoted, with line breaks and a doubled quote
          bytes += Array("\"a\nb\r\nc\"\"d".utf8) + [0x22]
        case 1:  // a stray quote inside an unquoted field
          bytes += Array("x\"y".utf8)
        case 2:  // text after a closing quote
          bytes += Array("\"q\"z".utf8)
        case 3:  // spaces, a TAB, a control character
          bytes += Array("  s\tt ".utf8) + [0x01]
        case 4:  // non-ASCII: UTF-8, or a Windows-1252 byte
          bytes += Int.random(in: 0..<4, using: &generator) == 0 ? [0x61, 0xE8] : Array("caffè".utf8)
        case 5:
          bytes += []
        default:
          bytes += Array("v\(record)_\(field)".utf8)
        }
      }
      bytes += lineEnds.randomElement(using: &generator)!
    }
    switch Int.random(in: 0..<20, using: &generator) {
    case 0: bytes += Array("9,\"never closed\n1,2\n".utf8)
    case 1: bytes += [0x39, 0x2C, 0xC3]  // ends inside a UTF-8 sequence
    case 2: bytes += Array("9,last without a line end".utf8)
    default: break
    }
    return bytes
  }

  @Test func randomFilesReadTheSameInSegmentsOfAnySize() throws {
    var generator = SplitMix64(seed: 20_261_130)
    let file = ScratchFile([])
    var kept = 0
    var parsedAgain = 0
    for round in 0..<250 {
      let bytes = Self.randomCSV(&generator)
      file.write(bytes)
      let encoding: EncodingSetting = [.auto, .utf8, .windows1252].randomElement(using: &generator)!
      let whole = Self.read(file.path, .never, encoding: encoding)
      for _ in 0..<3 {
        let size = Int.random(in: 1...max(1, bytes.count / 2), using: &generator)
        let workers = Int.random(in: 1...4, using: &generator)
        let segmented = Self.read(file.path, Self.segments(size, workers: workers), encoding: encoding)
        #expect(
          segmented.outcome == whole.outcome,
          "round \(round), segments of \(size) bytes: \(String(decoding: bytes, as: UTF8.self).debugDescription)"
        )
        kept += segmented.kept
        parsedAgain += segmented.parsedAgain
      }
    }
    // Both ways of taking a segment were taken.
    #expect(kept > 100 && parsedAgain > 10)
  }

  @Test func whileEveryCoreIsBusyTheSegmentsAreParsedInOrderByTheReadingThread() throws {
    let text = "id,note\n" + (0..<60).map { "\($0),\"a\nb\"\r\n" }.joined()
    let file = ScratchFile(Array(text.utf8))
    let whole = Self.read(file.path, .never)
    let busy = Self.read(file.path, Self.segments(10), startsThreads: false)
    #expect(busy.outcome == whole.outcome && busy.kept == 0 && busy.parsedAgain == 0)
    #expect(Self.read(file.path, Self.segments(10)).kept > 0)
    // Threads are started while fewer sources than cores are being read.
    let reading = SourcesReading()
    #expect(reading.leavesACoreIdle)
    reading.count.store(ProcessInfo.processInfo.activeProcessorCount, ordering: .relaxed)
    #expect(!reading.leavesACoreIdle)
  }

  @Test func aFileUnderTheThresholdIsReadWhole() throws {
    let file = ScratchFile(Array("id,note\n1,a\n2,b\n".utf8))
    let read = Self.read(file.path, ReadSegmentation(threshold: 1000, segmentSize: 1, workers: 2))
    #expect(read.kept == 0 && read.parsedAgain == 0 && read.outcome.rows.count == 2)
    #expect(Self.read(file.path, Self.segments(1)).kept > 0)
  }
}
