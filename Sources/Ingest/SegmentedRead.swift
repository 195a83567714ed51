import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a large file is split into segments that libcsv parses on several cores (README
/// "Performance"; ``CSVFileReader`` tells why the result is exactly that of one parser).
public struct ReadSegmentation: Sendable, Equatable {
  /// A file of fewer bytes is parsed whole, by one parser, on the reading thread.
  public var threshold: Int
  /// Bytes of a segment after which its end is sought: the next line end outside quotes.
  public var segmentSize: Int
  /// Segments parsed at once on their own threads, ahead of the one being delivered.
  public var workers: Int

  public init(threshold: Int, segmentSize: Int, workers: Int) {
    self.threshold = threshold
    self.segmentSize = max(1, segmentSize)
    self.workers = max(1, workers)
  }

  /// Files of 8 MiB or more, in segments of 1 MiB, one worker per core (at most 4).
  public static let `default` = ReadSegmentation(
    threshold: 8 << 20, segmentSize: 1 << 20, workers: min(4, ProcessInfo.processInfo.activeProcessorCount))

  /// Every file parsed whole.
  public static let never = ReadSegmentation(threshold: Int.max, segmentSize: 2 << 20, workers: 1)
}

/// The bytes of a file read for one segment, and where the segment lies in them.
///
/// Unsafe, justified: the reader's raw read buffer. A segment owns its storage until the
/// reader frees it, after its job (if any) is done.
struct Segment {
  /// Bytes read from the file, from ``fileOffset``.
  var storage: UnsafeMutableRawBufferPointer
  var fileOffset: Int
  /// Bytes of ``storage`` in use (while filling, the read ones).
  var count = 0
  /// Where the segment's text starts in ``storage`` (after a byte-order mark in the first).
  var start = 0
  /// Where it ends (once cut).
  var end = 0
  /// Offsets in ``storage`` at which a chunk read from the file ended (a `read` call's end),
  /// ascending: where the reader checks the limits of fields and records.
  var chunkEnds: [Int] = []
  /// Whether the segment starts just after a line end found outside quotes (or at the file's
  /// start): only then can it be parsed apart, from a guessed record start.
  var startsAtLineEnd: Bool
  /// Whether it is the file's first segment (the header's), always parsed in order.
  var isFirst: Bool
  /// Its parse on a worker thread, once started.
  var job: SegmentJob?

  init(capacity: Int, fileOffset: Int, startsAtLineEnd: Bool, isFirst: Bool) {
    storage = .allocate(byteCount: capacity, alignment: 8)
    self.fileOffset = fileOffset
    self.startsAtLineEnd = startsAtLineEnd
    self.isFirst = isFirst
  }

  /// Makes room for `extra` more bytes after ``count``.
  mutating func reserve(_ extra: Int) {
    guard count + extra > storage.count else { return }
    let larger = UnsafeMutableRawBufferPointer.allocate(
      byteCount: max(storage.count * 2, count + extra), alignment: 8)
    if count > 0 { larger.baseAddress!.copyMemory(from: storage.baseAddress!, byteCount: count) }
    storage.deallocate()
    storage = larger
  }

  /// The segment's bytes.
  var text: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: storage[start..<end]) }

  /// The pieces the segment is parsed in: split where a chunk read ended, each with whether
  /// it ends there (and so whether the limits are checked after it).
  var pieces: [(range: Range<Int>, endsChunk: Bool)] {
    var pieces: [(range: Range<Int>, endsChunk: Bool)] = []
    var from = start
    for chunkEnd in chunkEnds where chunkEnd > start && chunkEnd <= end {
      pieces.append((from..<chunkEnd, true))
      from = chunkEnd
    }
    if from < end { pieces.append((from..<end, false)) }
    return pieces
  }

  func free() {
    storage.deallocate()
  }

  /// Where a segment that starts at `start` of `bytes` should end: just after the first line
  /// feed at or after `start + size` outside quotes, counting quotes from `start` (a quoted
  /// field may hold line breaks; a doubled quote leaves the count even). Exact when `start`
  /// is a record start and no stray quote comes before the line feed; otherwise a guess that
  /// the reader checks. A line end is never split: the segment ends after an LF, so never
  /// between the CR and the LF of a CRLF. Nil when `bytes` hold no such line feed.
  static func end(in bytes: UnsafeRawBufferPointer, from start: Int, size: Int) -> Int? {
    guard let base = bytes.baseAddress, bytes.count > start + size else { return nil }
    let quote = Int32(UInt8(ascii: "\""))
    var quoted = false
    var index = start
    let sought = start + size
    while index < sought, let found = memchr(base + index, quote, sought - index) {
      quoted.toggle()
      index = UnsafeRawPointer(found) - base + 1
    }
    index = sought
    while index < bytes.count {
      if quoted {
        guard let found = memchr(base + index, quote, bytes.count - index) else { return nil }
        quoted = false
        index = UnsafeRawPointer(found) - base + 1
        continue
      }
      let byte = bytes[index]
      if byte == 0x0A { return index + 1 }
      if byte == UInt8(ascii: "\"") { quoted = true }
      index += 1
    }
    return nil
  }

  /// Just after the first line feed at or after `from`, quotes ignored; nil when none.
  static func lineEnd(in bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
    guard let base = bytes.baseAddress, from < bytes.count,
      let found = memchr(base + from, 0x0A, bytes.count - from)
    else { return nil }
    return UnsafeRawPointer(found) - base + 1
  }
}

/// The parse of one segment on a thread of its own, from a guessed record start: its parser,
/// holding every record of the segment, and their rows with lines counted from the segment's
/// first (the reader keeps them only if the segment does start a record).
///
/// `@unchecked Sendable`, justified: the reader writes every stored property before it starts
/// the thread, the thread alone touches the parser, ``rows``, ``lines`` and ``clean`` until it
/// signals ``done``, and the reader reads them only after waiting for it; the segment's bytes
/// stay allocated until then.
final class SegmentJob: @unchecked Sendable {
  private let segment: Segment
  let parser: CSVParser
  /// The segment's records (lines from 1 at the segment's start), when ``clean``.
  var rows: ContiguousArray<CSVRow> = []
  /// Lines counted from the segment's start, after its last record.
  var lines = LineCounter()
  /// True when the segment parsed without reaching a limit or an error, so that its rows can
  /// be kept as they are; false sends the reader back to parsing it in order.
  private(set) var clean = false
  private let done = DispatchSemaphore(value: 0)
  private var started = false

  init(segment: Segment, parser: CSVParser) {
    self.segment = segment
    self.parser = parser
  }

  func start() {
    started = true
    Thread { [self] in
      parse()
      done.signal()
    }.start()
  }

  /// Waits until the segment is parsed (at once if it was never started).
  func wait() {
    if started { done.wait() }
  }

  private func parse() {
    do throws(CSVSyntaxError) {
      for piece in segment.pieces {
        try parser.parse(
          UnsafeRawBufferPointer(rebasing: segment.storage[piece.range]),
          fileOffset: segment.fileOffset + piece.range.lowerBound, checksLimits: piece.endsChunk)
      }
    } catch {
      return
    }
    clean = CSVFileReader.collectRows(of: parser.batch, lines: &lines, into: &rows)
  }
}
