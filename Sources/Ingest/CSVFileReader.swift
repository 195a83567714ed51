import Configuration
import Crypto
import ReportCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One record of a CSV file, valid only during the callback that receives it.
struct CSVRow {
  /// 1-based physical line on which the record starts.
  fileprivate(set) var line: Int
  let fieldCount: Int
  fileprivate let batch: UnsafePointer<RowBatch>
  fileprivate let firstField: Int
  /// The first field holding a stray quote (SPEC §2.3: a quote inside an unquoted field, or
  /// text after a closing quote; the quote was taken literally), or -1.
  let strayQuoteField: Int32
  /// False when no field of the record holds a byte that could start a character no value
  /// may hold (``ForbiddenCharacter``); true when its fields must be checked.
  let mayHoldForbiddenCharacters: Bool

  /// The bytes of field `index` (unquoted, `""` already folded by libcsv).
  @inline(__always)
  subscript(index: Int) -> FieldBytes {
    batch.pointee.field(firstField + index)
  }
}

extension CSVRow {
  /// The row of `record`, whose fields are `firstField..<endField` of `batch`, starting on
  /// `line`; its fields are searched for forbidden characters only when `forbiddenNearby` (a
  /// search of the bytes around it) says they may hold some.
  @inline(__always)
  init(
    _ record: RowBatch.Record, line: Int, batch: UnsafeMutablePointer<RowBatch>, firstField: Int,
    endField: Int,
    forbiddenNearby: Bool
  ) {
    let from = batch.pointee.fieldStart(firstField)
    let mayHoldForbidden =
      forbiddenNearby
      && ForbiddenCharacterScan.mayOccur(
        in: UnsafeRawBufferPointer(
          start: batch.pointee.bytes + from, count: batch.pointee.fieldStart(endField) - from))
    self.init(
      line: line, fieldCount: endField - firstField, batch: UnsafePointer(batch), firstField: firstField,
      strayQuoteField: record.strayQuoteField < 0 ? -1 : record.strayQuoteField - Int32(firstField),
      mayHoldForbiddenCharacters: mayHoldForbidden)
  }
}

/// The header of a CSV file: its cells, decoded, and where each starts in the file.
struct CSVHeader {
  var names: [String]
  /// Line and byte column (file bytes, from the start of the line) of each cell: of its
  /// opening quote when quoted, after any spaces before it.
  var positions: [CSVPosition]
}

extension CSVHeader {
  /// Where each cell of the header starts, found in the first bytes of the file as libcsv
  /// reads them: blank lines and spaces before a cell skipped, a quoted cell running to its
  /// closing quote (`""` inside it, line breaks counted), text after that quote taken literally.
  /// Stops at the end of the header record, or of `bytes` (a header longer than them).
  ///
  /// - Parameters:
  ///   - bytes: the start of the file, byte-order mark included (columns count its bytes).
  ///   - start: where the text starts (after the byte-order mark).
  static func positions(in bytes: UnsafeRawBufferPointer, from start: Int, delimiter: UInt8) -> [CSVPosition]
  {
    let count = bytes.count
    var positions: [CSVPosition] = []
    var line = 1
    var lineStart = 0
    var index = start
    func isSpace(_ byte: UInt8) -> Bool { (byte == 0x20 || byte == 0x09) && byte != delimiter }
    func isLineBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
    func skipLineBreak() {
      index += bytes[index] == 0x0D && index + 1 < count && bytes[index + 1] == 0x0A ? 2 : 1
      line += 1
      lineStart = index
    }
    while index < count && (isSpace(bytes[index]) || isLineBreak(bytes[index])) {
      if isSpace(bytes[index]) { index += 1 } else { skipLineBreak() }
    }
    guard index < count else { return [] }
    while true {
      // At the end of the bytes, an empty last cell or one that starts in the next chunk.
      positions.append(CSVPosition(line: line, column: index - lineStart + 1))
      guard index < count else { return positions }
      var quoted = bytes[index] == UInt8(ascii: "\"")
      if quoted { index += 1 }
      while index < count {
        let byte = bytes[index]
        if quoted {
          if byte == UInt8(ascii: "\"") {
            let doubled = index + 1 < count && bytes[index + 1] == UInt8(ascii: "\"")
            index += doubled ? 2 : 1
            quoted = doubled
          } else if isLineBreak(byte) {
            skipLineBreak()
          } else {
            index += 1
          }
        } else if byte == delimiter {
          break
        } else if isLineBreak(byte) {
          return positions
        } else {
          index += 1
        }
      }
      guard index < count else { return positions }
      index += 1  // the delimiter
      while index < count && isSpace(bytes[index]) { index += 1 }
    }
  }
}

/// A 1-based line and byte column of a file.
struct CSVPosition: Equatable {
  var line: Int
  var column: Int
}

/// What the reader learned about a file besides its records.
struct CSVFileFacts {
  var delimiter: UInt8
  var encoding: TextEncoding
  var bytes: Int
  /// SHA-256 of every byte read, when asked for.
  var sha256: SHA256.Digest?
  /// The file's device, inode, size and modification time, the same at open and after
  /// reading (see ``CSVFileReader/read(header:rows:)``).
  var identity: FileIdentity
  /// Segments parsed apart on their own threads whose records were kept, and those whose
  /// records were not (their start was no record's, or their parse reached a limit) and were
  /// parsed again in order; both 0 for a file parsed whole.
  var segmentsKept = 0
  var segmentsParsedAgain = 0
}

/// Streams a CSV file through libcsv, chunk by chunk, in constant memory.
///
/// Handles the byte-order mark, encoding validation and detection, delimiter detection
/// from the header line, CRLF and LF line ends, and counts physical lines so that every
/// record knows the line it starts on (quoted newlines included).
struct CSVFileReader {
  static let chunkSize = 1 << 18

  let path: String
  let delimiter: DelimiterSetting
  let encoding: EncodingSetting
  /// Whether to hash the bytes as they are read (for the manifest of `run`): the digest is
  /// then of exactly the bytes that were parsed, with no second read.
  var computesDigest = false
  /// Called once the first chunk (of a file read in segments: the first segment) is parsed:
  /// lets a test change the file in the middle of a read.
  var whenFirstChunkParsed: (() -> Void)? = nil
  /// Called with the size of each chunk read (``ReadProgress``).
  var whenChunkRead: ((Int) -> Void)? = nil
  /// Which files are parsed in segments on several threads, and how.
  var segmentation = ReadSegmentation.default
  /// Asked before a segment is given a thread of its own: false while every core is busy
  /// (with other sources), and the segment is then parsed in order, by the reading thread.
  var startsThreads: () -> Bool = { true }

  /// Reads the file: `header` receives the header fields (decoded, with their positions),
  /// `rows` every later record, a chunk's worth at a time (so that the receiver can prefetch
  /// before it works).
  ///
  /// `rows` is called only after `header`, and never for an empty chunk. The rows and their
  /// field bytes are valid only during the call: the `Span` cannot escape it.
  ///
  /// - Throws: ``IngestError/file(_:)`` for a problem of the file's content, or a path that is
  ///   not a regular file (opened without blocking, so a FIFO never hangs the run);
  ///   ``IngestError/unreadable(path:reason:)`` when the file cannot be opened or read.
  ///   A file whose size, modification time or inode after reading (on the descriptor, and on
  ///   the path, which catches a replaced file) differs from those at open, or of which fewer or
  ///   more bytes were parsed than its size, "changed while it was read": a file error.
  ///   A field over 1 MiB is a file error at the line where its record starts; so is a stray
  ///   quote in the header (in a later record it only marks the row, see ``CSVRow``).
  func read(
    header: (CSVHeader, TextEncoding) throws(FileError) -> Void,
    rows: (Span<CSVRow>, TextEncoding) -> Void
  ) throws(IngestError) -> CSVFileFacts {
    let descriptor: Int32
    let opened: FileIdentity
    do throws(FileOpeningError) {
      (descriptor, opened) = try RegularFile.open(path)
    } catch {
      switch error {
      case .notRegular, .missing:
        throw .file(FileError(path: path, line: 0, column: 0, message: error.message))
      case .unreadable(let reason):
        throw .unreadable(path: path, reason: reason)
      }
    }
    defer { close(descriptor) }
    func unchanged(parsed: Int?) -> Bool {
      FileIdentity.of(descriptor: descriptor) == opened && FileIdentity.of(path: path) == opened
        && (parsed.map { Int64($0) == opened.size } ?? true)
    }
    let changed = IngestError.file(
      FileError(path: path, line: 0, column: 0, message: "changed while it was read"))
    let facts: CSVFileFacts
    do {
      facts = try read(descriptor, opened: opened, header: header, rows: rows)
    } catch {
      // A file cut short while it was read fails where it breaks: say why.
      if case .file = error, !unchanged(parsed: nil) { throw changed }
      throw error
    }
    guard unchanged(parsed: facts.bytes) else { throw changed }
    return facts
  }

  /// Parses the open file `descriptor`, whose identity at open was `opened` (see
  /// ``read(header:rows:)``).
  private func read(
    _ descriptor: Int32, opened: FileIdentity,
    header: (CSVHeader, TextEncoding) throws(FileError) -> Void,
    rows: (Span<CSVRow>, TextEncoding) -> Void
  ) throws(IngestError) -> CSVFileFacts {
    var validator = EncodingValidator(setting: encoding)
    var consumed = 0  // bytes of the file read so far
    var parser: CSVParser?
    var lines = LineCounter()
    var sawHeader = false
    var delimiterByte: UInt8 = 0
    var pending: ContiguousArray<CSVRow> = []
    var hasher = computesDigest ? SHA256() : nil
    var headerPositions: [CSVPosition] = []
    var segmentsKept = 0
    var segmentsParsedAgain = 0

    func drain(_ parser: CSVParser) throws(IngestError) {
      let batch = parser.batch
      // Only quoted fields hold line breaks, and most files have none: search all the
      // chunk's field bytes once, and records one by one only when there are some. The same
      // for the characters no value may hold, which include the line breaks: a chunk without
      // any of them has no line break to look for either.
      let chunkBytes = UnsafeRawBufferPointer(start: batch.pointee.bytes, count: batch.pointee.byteCount)
      let forbiddenInChunk = ForbiddenCharacterScan.mayOccur(in: chunkBytes)
      let lineBreaksInChunk = forbiddenInChunk && LineCounter.containsLineBreak(chunkBytes)
      var firstField = 0
      for index in 0..<batch.pointee.recordCount {
        let record = batch.pointee.records[index]
        let endField = Int(record.endField)
        defer { firstField = endField }
        let fieldCount = endField - firstField
        let startLine = lines.begin(
          record: fieldCount == 0 ? nil : batch.pointee, firstField: firstField, endField: endField,
          terminator: record.terminator, mayHaveLineBreaks: lineBreaksInChunk)
        guard let startLine else { continue }
        if endField > batch.pointee.firstTooLongField {
          throw .file(describe(.fieldTooLong, startLine: startLine))
        }
        if !sawHeader {
          if record.strayQuoteField >= 0, let offset = parser.firstStrayQuoteOffset {
            throw .file(
              error(at: offset, "stray quote in the header: a quote inside a field must be doubled (\"\")"))
          }
          var names: [String] = []
          for field in firstField..<endField {
            names.append(validator.effectiveEncoding.decode(batch.pointee.field(field).bytes))
          }
          sawHeader = true
          // A header longer than the first chunk: its later cells are located at its line.
          let positions = (0..<names.count).map {
            $0 < headerPositions.count ? headerPositions[$0] : CSVPosition(line: startLine, column: 1)
          }
          do throws(FileError) {
            try header(CSVHeader(names: names, positions: positions), validator.effectiveEncoding)
          } catch {
            throw .file(error)
          }
        } else {
          pending.append(
            CSVRow(
              record, line: startLine, batch: batch, firstField: firstField, endField: endField,
              forbiddenNearby: forbiddenInChunk))
        }
      }
      if !pending.isEmpty {
        rows(pending.span, validator.effectiveEncoding)
        pending.removeAll(keepingCapacity: true)
      }
      batch.pointee.compact()
    }

    /// Reads the next chunk of the file to `destination` (room for ``chunkSize`` bytes) and
    /// does what every chunk gets, in file order: progress, digest, validation, and for the
    /// first the byte-order mark, the delimiter, the header's positions and the parser. Nil at
    /// the end of the file; an invalid byte is returned, not thrown, for the caller to throw
    /// once it has parsed what comes before this chunk.
    func readChunk(into destination: UnsafeMutableRawPointer) throws(IngestError) -> ReadChunk? {
      var count = readBytes(descriptor, destination, Self.chunkSize)
      while count < 0 && errno == EINTR { count = readBytes(descriptor, destination, Self.chunkSize) }
      if count < 0 { throw .unreadable(path: path, reason: systemError()) }
      if count == 0 { return nil }
      whenChunkRead?(count)
      let offset = consumed
      consumed += count
      let bytes = UnsafeRawBufferPointer(start: destination, count: count)
      hasher?.update(bufferPointer: bytes)
      var skipped = 0
      if parser == nil {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
          validator.forceUTF8()
          skipped = 3
        }
        delimiterByte = try resolveDelimiter(
          in: UnsafeRawBufferPointer(rebasing: bytes[skipped...]), fileOffset: skipped)
        headerPositions = CSVHeader.positions(in: bytes, from: skipped, delimiter: delimiterByte)
        parser = try newParser()
      }
      let chunk = UnsafeRawBufferPointer(rebasing: bytes[skipped...])
      var invalid: FileError? = nil
      if let bad = validator.validate(chunk) {
        let name = validator.effectiveEncoding.rawValue
        invalid = error(at: offset + skipped + bad.offset, "byte 0x\(hex(bad.byte)) is not valid \(name)")
      }
      return ReadChunk(fileOffset: offset, count: count, skipped: skipped, invalid: invalid)
    }

    func newParser() throws(IngestError) -> CSVParser {
      do {
        return try CSVParser(delimiter: delimiterByte)
      } catch {
        throw .file(FileError(path: path, line: 0, column: 0, message: "cannot start the CSV parser"))
      }
    }

    /// Parses `bytes`, at `fileOffset`, with `parser` and hands over the records completed.
    func parse(_ bytes: UnsafeRawBufferPointer, fileOffset: Int, endsChunk: Bool, with parser: CSVParser)
      throws(IngestError)
    {
      do throws(CSVSyntaxError) {
        try parser.parse(bytes, fileOffset: fileOffset, checksLimits: endsChunk)
      } catch {
        try drain(parser)
        throw .file(describe(error, startLine: lines.next))
      }
      try drain(parser)
    }

    /// Reads a large file in segments (see ``ReadSegmentation``): the reading thread reads
    /// ahead, cuts segments after line ends guessed outside quotes and starts a thread per
    /// segment that parses it from there; then it takes the segments in file order. A
    /// segment's rows are kept only if the parser of everything before it stands between
    /// records where it starts (``CSVParser/isBetweenRecords``) and its parse reached no limit;
    /// otherwise the reader parses its bytes on with that parser, as a whole file is read.
    /// Either way the same records, lines and errors reach `rows` in the same order.
    func readSegmented() throws(IngestError) {
      let size = segmentation.segmentSize
      // Read past a segment's size before its end is sought, so that most ends are found at once.
      let margin = max(1, min(size / 8, Self.chunkSize))
      let capacity = size + margin + Self.chunkSize
      var filling = Segment(capacity: capacity, fileOffset: 0, startsAtLineEnd: true, isFirst: true)
      var queue: [Segment] = []
      var invalid: FileError? = nil
      var atEnd = false
      var spare: [CSVParser] = []
      defer {
        for segment in queue {
          segment.job?.wait()
          segment.free()
        }
        filling.free()
      }

      /// Cuts the segments that the bytes read allow (all of them at the end of the file).
      func cut() {
        while filling.count > filling.start {
          let bytes = UnsafeRawBufferPointer(rebasing: filling.storage[0..<filling.count])
          var end: Int
          var nextStartsAtLineEnd = true
          if filling.count - filling.start < size + margin && !atEnd {
            return
          } else if let found = Segment.end(in: bytes, from: filling.start, size: size) {
            end = found
          } else if filling.count - filling.start >= 2 * size + margin {
            // No line end outside quotes (a stray quote?): the first line end, a guess that the
            // reader checks, or all that is read.
            if let found = Segment.lineEnd(in: bytes, from: filling.start + size) {
              end = found
            } else {
              end = filling.count
              nextStartsAtLineEnd = false
            }
          } else if atEnd {
            end = filling.count
          } else {
            return
          }
          var next = Segment(
            capacity: max(capacity, filling.count - end + Self.chunkSize),
            fileOffset: filling.fileOffset + end,
            startsAtLineEnd: nextStartsAtLineEnd, isFirst: false)
          next.count = filling.count - end
          if next.count > 0 {
            next.storage.baseAddress!.copyMemory(
              from: filling.storage.baseAddress! + end, byteCount: next.count)
          }
          next.chunkEnds = filling.chunkEnds.filter { $0 > end }.map { $0 - end }
          filling.end = end
          filling.chunkEnds.removeAll { $0 > end }
          queue.append(filling)
          filling = next
        }
      }

      /// Starts the jobs of the segments next in line, up to the number of workers.
      func startJobs() throws(IngestError) {
        guard startsThreads() else { return }
        for index in queue.indices.prefix(segmentation.workers + 1) {
          guard queue[index].job == nil, !queue[index].isFirst, queue[index].startsAtLineEnd else { continue }
          let parser: CSVParser
          if let reused = spare.popLast() {
            reused.reset()
            parser = reused
          } else {
            parser = try newParser()
          }
          let job = SegmentJob(segment: queue[index], parser: parser)
          queue[index].job = job
          job.start()
        }
      }

      var current: CSVParser? = nil
      var firstProcessed = false
      while true {
        while !atEnd && queue.count <= segmentation.workers {
          filling.reserve(Self.chunkSize)
          guard let chunk = try readChunk(into: filling.storage.baseAddress! + filling.count) else {
            atEnd = true
            break
          }
          if let failure = chunk.invalid {
            // Not parsed: the error is thrown once everything before this chunk is.
            invalid = failure
            atEnd = true
            break
          }
          if chunk.fileOffset == 0 { filling.start = chunk.skipped }
          filling.count += chunk.count
          filling.chunkEnds.append(filling.count)
          cut()
        }
        if atEnd { cut() }
        try startJobs()
        guard !queue.isEmpty else { break }
        let segment = queue.removeFirst()
        defer { segment.free() }
        if current == nil { current = parser }
        var kept = false
        if let job = segment.job {
          job.wait()
          if job.clean && sawHeader && current!.isBetweenRecords {
            let base = lines.next - 1
            Self.moveRows(&job.rows, down: base)
            if !job.rows.isEmpty { rows(job.rows.span, validator.effectiveEncoding) }
            job.rows = []
            job.parser.batch.pointee.compact()
            spare.append(current!)
            current = job.parser
            lines = job.lines
            lines.skip(base)
            kept = true
            segmentsKept += 1
          } else {
            spare.append(job.parser)
            segmentsParsedAgain += 1
          }
        }
        if !kept {
          for piece in segment.pieces {
            try parse(
              UnsafeRawBufferPointer(rebasing: segment.storage[piece.range]),
              fileOffset: segment.fileOffset + piece.range.lowerBound, endsChunk: piece.endsChunk,
              with: current!)
          }
        }
        if !firstProcessed {
          firstProcessed = true
          whenFirstChunkParsed?()
        }
      }
      if let invalid { throw .file(invalid) }
      if let current { parser = current }
    }

    if Int64(segmentation.threshold) <= opened.size {
      try readSegmented()
    } else {
      let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 8)
      defer { buffer.deallocate() }
      while let chunk = try readChunk(into: buffer.baseAddress!) {
        if let invalid = chunk.invalid { throw .file(invalid) }
        try parse(
          UnsafeRawBufferPointer(rebasing: buffer[chunk.skipped..<chunk.count]),
          fileOffset: chunk.fileOffset + chunk.skipped, endsChunk: true, with: parser!)
        if chunk.fileOffset == 0 { whenFirstChunkParsed?() }
      }
    }
    guard let parser else {
      throw .file(FileError(path: path, line: 1, column: 1, message: "empty file: a header line is required"))
    }
    if validator.endsInsideSequence {
      throw .file(error(at: consumed - 1, "the file ends inside a UTF-8 sequence"))
    }
    do throws(CSVSyntaxError) {
      try parser.finish()
    } catch {
      try drain(parser)
      throw .file(describe(error, startLine: lines.next))
    }
    try drain(parser)
    if !sawHeader {
      throw .file(FileError(path: path, line: 1, column: 1, message: "empty file: a header line is required"))
    }
    return CSVFileFacts(
      delimiter: delimiterByte, encoding: validator.effectiveEncoding, bytes: consumed,
      sha256: hasher?.finalize(), identity: opened, segmentsKept: segmentsKept,
      segmentsParsedAgain: segmentsParsedAgain)
  }

  /// The configured delimiter, or the candidate (`;` `,` TAB `|`) most frequent outside
  /// quotes on the header's line (the first line that is not blank), ties going to that order.
  private func resolveDelimiter(in chunk: UnsafeRawBufferPointer, fileOffset: Int) throws(IngestError)
    -> UInt8
  {
    if case .byte(let byte) = delimiter { return byte }
    let candidates: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: "|")]
    var counts = [Int](repeating: 0, count: candidates.count)
    var quoted = false
    var sawLineEnd = false
    // Blank lines before the header are skipped, as the parser skips them.
    let start = chunk.firstIndex { $0 != 0x0A && $0 != 0x0D } ?? chunk.endIndex
    for byte in chunk[start...] {
      if byte == UInt8(ascii: "\"") {
        quoted.toggle()
      } else if !quoted && (byte == 0x0A || byte == 0x0D) {
        sawLineEnd = true
        break
      } else if !quoted, let index = candidates.firstIndex(of: byte) {
        counts[index] += 1
      }
    }
    let best = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }!
    if counts[best] == 0 {
      if chunk.isEmpty || (!sawLineEnd && start > chunk.startIndex && chunk.count == Self.chunkSize) {
        throw .file(
          FileError(
            path: path, line: 1, column: 1,
            message: chunk.isEmpty ? "empty file: a header line is required" : "the header line is too long"))
      }
      // A single-column header: any delimiter reads it the same way.
      return candidates[1]
    }
    return candidates[best]
  }

  /// A ``FileError`` at a byte offset of the file.
  private func error(at offset: Int, _ message: String) -> FileError {
    let (line, column) = locate(offset: offset)
    return FileError(path: path, line: line, column: column, message: message)
  }

  /// Turns a libcsv failure into a ``FileError`` at the line where the record starts.
  private func describe(_ failure: CSVSyntaxError, startLine: Int) -> FileError {
    switch failure {
    case .unterminatedQuote:
      return FileError(
        path: path, line: startLine, column: 1,
        message: "a quoted field opened in the record starting here is never closed")
    case .fieldTooLong:
      return FileError(
        path: path, line: startLine, column: 1,
        message: "a field of the record starting here is longer than 1 MiB (a quote that never closes?)")
    case .recordTooLong:
      return FileError(
        path: path, line: startLine, column: 1,
        message: "the record starting here is longer than 16 MiB (a file without line ends?)")
    case .outOfMemory:
      return FileError(path: path, line: startLine, column: 1, message: "out of memory while reading a field")
    }
  }

  /// Line and byte column of a file offset, found by reading the file again (error path only).
  private func locate(offset: Int) -> (line: Int, column: Int) {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return (0, 0) }
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var line = 1
    var lineStart = 0
    var position = 0
    var previous: UInt8 = 0
    while position < offset {
      let count = buffer.withUnsafeMutableBytes {
        readBytes(descriptor, $0.baseAddress, min($0.count, offset - position))
      }
      if count <= 0 { break }
      for index in 0..<count {
        let byte = buffer[index]
        if previous == 0x0D && byte != 0x0A {  // a lone CR ended the previous line
          line += 1
          lineStart = position + index
        }
        if byte == 0x0A {
          line += 1
          lineStart = position + index + 1
        }
        previous = byte
      }
      position += count
    }
    if previous == 0x0D {
      line += 1
      lineStart = offset
    }
    return (line, offset - lineStart + 1)
  }

  private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
  }
}

/// A chunk read from the file (``CSVFileReader``).
private struct ReadChunk {
  var fileOffset: Int
  var count: Int
  /// Bytes of a byte-order mark at its start (the first chunk only).
  var skipped: Int
  /// The first byte that is not valid in the file's encoding, located.
  var invalid: FileError?
}

extension CSVFileReader {
  /// Counts the lines of every complete record of a segment's batch (from 1 at the segment's
  /// start) and lists the records with fields as rows, as the reader's drain does, on the
  /// segment's thread. False when a field is over the limit (then the reader parses the
  /// segment again in order, to fail where a whole file fails).
  static func collectRows(
    of batch: UnsafeMutablePointer<RowBatch>, lines: inout LineCounter,
    into rows: inout ContiguousArray<CSVRow>
  ) -> Bool {
    let recordCount = batch.pointee.recordCount
    rows.reserveCapacity(recordCount)
    var firstField = 0
    var groupStart = 0
    while groupStart < recordCount {
      // As the drain looks a chunk at a time: a group of records, then the records one by one
      // only where the group may hold line breaks or forbidden characters.
      let groupEnd = min(groupStart + 2048, recordCount)
      let from = batch.pointee.fieldStart(firstField)
      let to = batch.pointee.fieldStart(Int(batch.pointee.records[groupEnd - 1].endField))
      let groupBytes = UnsafeRawBufferPointer(start: batch.pointee.bytes + from, count: to - from)
      let forbiddenInGroup = ForbiddenCharacterScan.mayOccur(in: groupBytes)
      let lineBreaksInGroup = forbiddenInGroup && LineCounter.containsLineBreak(groupBytes)
      for index in groupStart..<groupEnd {
        let record = batch.pointee.records[index]
        let endField = Int(record.endField)
        defer { firstField = endField }
        let fieldCount = endField - firstField
        let startLine = lines.begin(
          record: fieldCount == 0 ? nil : batch.pointee, firstField: firstField, endField: endField,
          terminator: record.terminator, mayHaveLineBreaks: lineBreaksInGroup)
        guard let startLine else { continue }
        if endField > batch.pointee.firstTooLongField { return false }
        rows.append(
          CSVRow(
            record, line: startLine, batch: batch, firstField: firstField, endField: endField,
            forbiddenNearby: forbiddenInGroup))
      }
      groupStart = groupEnd
    }
    // A field over the limit in the record still in progress.
    return !batch.pointee.hasFieldTooLong
  }

  /// Moves rows whose lines were counted from a segment's start to their lines in the file,
  /// `lines` lines down.
  static func moveRows(_ rows: inout ContiguousArray<CSVRow>, down lines: Int) {
    for index in rows.indices { rows[index].line += lines }
  }
}

/// `read(2)`, named apart from the reader's own `read`.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(descriptor, buffer, count)
}

/// The text of `errno`.
func systemError() -> String {
  String(cString: strerror(errno))
}

/// Counts physical lines across records: libcsv reports each unquoted CR and LF
/// (a CRLF as a record end followed by an empty record), and newlines inside quoted
/// fields are counted from the field bytes.
struct LineCounter {
  /// 1-based line on which the next record starts.
  private(set) var next = 1
  private var afterCR = false

  /// Moves the count `lines` lines down: from lines counted at a segment's start, which is
  /// a record's, to lines of the file.
  mutating func skip(_ lines: Int) {
    next += lines
  }

  /// Accounts for one libcsv record; returns its start line, or nil for a line end without fields.
  /// With `mayHaveLineBreaks` false the caller knows that the record's fields hold none.
  mutating func begin(
    record batch: RowBatch?, firstField: Int, endField: Int, terminator: Int32, mayHaveLineBreaks: Bool
  ) -> Int? {
    guard let batch else {
      // An empty record: the LF of a CRLF, or a blank line.
      if terminator == 0x0A && afterCR {
        afterCR = false
        return nil
      }
      next += 1
      afterCR = terminator == 0x0D
      return nil
    }
    let start = next
    next += 1
    if mayHaveLineBreaks {
      let from = batch.fieldStart(firstField)
      let to = batch.fieldEnds[endField - 1]
      next += Self.lineBreaks(in: UnsafeRawBufferPointer(start: batch.bytes + from, count: to - from))
    }
    afterCR = terminator == 0x0D
    return start
  }

  /// Whether the bytes hold a CR or an LF.
  static func containsLineBreak(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
    return memchr(base, 0x0A, bytes.count) != nil || memchr(base, 0x0D, bytes.count) != nil
  }

  /// Line breaks inside field bytes: LF, CRLF and a lone CR count one each.
  static func lineBreaks(in bytes: UnsafeRawBufferPointer) -> Int {
    guard containsLineBreak(bytes) else { return 0 }
    var breaks = 0
    var previous: UInt8 = 0
    for byte in bytes {
      if byte == 0x0A {
        breaks += 1
      } else if previous == 0x0D {
        breaks += 1
      }
      previous = byte
    }
    if previous == 0x0D { breaks += 1 }
    return breaks
  }
}
