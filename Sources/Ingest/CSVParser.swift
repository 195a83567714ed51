import CLibCSV

/// A libcsv parser that collects the fields of complete records into a ``RowBatch``.
///
/// This file holds every libcsv call of the project. The parser runs in strict mode
/// (`CSV_STRICT | CSV_STRICT_FINI`), so that libcsv itself finds every quote that breaks the
/// quoting rules, at no cost for the files that have none. Such a *stray quote* (SPEC §2.3) —
/// a quote inside an unquoted field, or text after a closing quote — does not stop the
/// file: the record is marked (``RowBatch/markStrayQuote(fileOffset:)``), so that the row is
/// rejected, and the quote is taken literally (see ``takeLiterally(_:)``). Only a quoted field
/// that never closes (`CSV_STRICT_FINI`), or a field over ``maximumFieldLength``, is an error.
/// It reports every unquoted line end (`CSV_REPALL_NL`) so that the reader can count physical
/// lines, blank lines included.
final class CSVParser {
  private let parser: UnsafeMutablePointer<csv_parser>
  /// Records completed so far; the reader drains it after every ``parse(_:fileOffset:)``.
  let batch: UnsafeMutablePointer<RowBatch>
  private static let options = UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)

  /// Longest field accepted, in bytes (after quotes are removed): 1 MiB is accepted, one
  /// byte more is not. A longer field is almost always a quote that never closes.
  static let maximumFieldLength = 1 << 20
  /// Longest record accepted, all its fields together: bounds the memory a file without line
  /// ends can take, whatever its number of delimiters.
  static let maximumRecordLength = 16 << 20

  /// File offset of the first stray quote met, if any (for a header that holds one).
  private(set) var firstStrayQuoteOffset: Int?

  init(delimiter: UInt8) throws(CSVSyntaxError) {
    parser = .allocate(capacity: 1)
    batch = .allocate(capacity: 1)
    batch.initialize(to: RowBatch())
    guard csv_init(parser, Self.options) == 0 else {
      batch.pointee.release()
      batch.deallocate()
      parser.deallocate()
      throw .outOfMemory
    }
    csv_set_delim(parser, delimiter)
    csv_set_quote(parser, UInt8(CSV_QUOTE))
    // Grow the field buffer in 64 KiB steps instead of libcsv's 128 bytes.
    csv_set_blk_size(parser, 1 << 16)
  }

  deinit {
    csv_free(parser)
    parser.deallocate()
    batch.pointee.release()
    batch.deinitialize(count: 1)
    batch.deallocate()
  }

  /// Feeds `chunk`, which starts at `fileOffset` in the file, to libcsv; complete records land
  /// in ``batch``, stray quotes marked on their records.
  ///
  /// The reader checks the limits where a chunk it read ends, and only there (`checksLimits`):
  /// a piece of a chunk that ends at a segment's end is fed without them, so that a file split
  /// into segments fails exactly where the whole file fails (``CSVFileReader``).
  /// - Throws: ``CSVSyntaxError/fieldTooLong`` when a field (complete, or still being read) is
  ///   longer than ``maximumFieldLength``, ``CSVSyntaxError/recordTooLong`` when the record
  ///   being read is longer than ``maximumRecordLength`` (both only with `checksLimits`); a
  ///   resource error.
  func parse(_ chunk: UnsafeRawBufferPointer, fileOffset: Int, checksLimits: Bool = true)
    throws(CSVSyntaxError)
  {
    guard let base = chunk.baseAddress, !chunk.isEmpty else { return }
    var start = 0
    while start < chunk.count {
      let consumed = csv_parse(
        parser, base + start, chunk.count - start, onField, onRecord, UnsafeMutableRawPointer(batch))
      let status = csv_error(parser)
      if status == CSV_SUCCESS && start + consumed == chunk.count { break }
      guard status == CSV_EPARSE else { throw Self.error(for: status) }
      // Strict mode stopped before the byte that breaks the quoting rules.
      let offset = fileOffset + start + consumed
      if firstStrayQuoteOffset == nil { firstStrayQuoteOffset = offset }
      batch.pointee.markStrayQuote()
      try takeLiterally(base + start + consumed)
      start += consumed + 1
    }
    guard checksLimits else { return }
    // `entry_pos` is the length of the field libcsv is still reading (public in <csv.h>).
    if parser.pointee.entry_pos > Self.maximumFieldLength || batch.pointee.hasFieldTooLong {
      throw .fieldTooLong
    }
    if batch.pointee.pendingRecordLength > Self.maximumRecordLength { throw .recordTooLong }
  }

  /// Takes the byte at which strict mode stopped (a quote inside an unquoted field, or the
  /// first byte after a closing quote that is not a delimiter, a line end or a space) as a
  /// literal character of the field, which goes on as an unquoted field.
  ///
  /// The byte is fed alone with strict mode off, which appends it to the field; libcsv 3.0.3
  /// (`csv.c`) then still takes the field for a quoted one in the second case, so the field's
  /// state is set to "unquoted field begun" through the parser's public structure (`pstate`
  /// `FIELD_BEGUN` = 2, `quoted` 0, `spaces` 0): from there a delimiter or a line end ends it,
  /// as in any unquoted field. Tests pin each case (`StrayQuoteTests`).
  private func takeLiterally(_ byte: UnsafeRawPointer) throws(CSVSyntaxError) {
    parser.pointee.status = CSV_SUCCESS
    csv_set_opts(parser, Self.options & ~UInt8(CSV_STRICT))
    let consumed = csv_parse(parser, byte, 1, onField, onRecord, UnsafeMutableRawPointer(batch))
    csv_set_opts(parser, Self.options)
    guard consumed == 1, csv_error(parser) == CSV_SUCCESS else { throw Self.error(for: csv_error(parser)) }
    parser.pointee.pstate = 2  // FIELD_BEGUN
    parser.pointee.quoted = 0
    parser.pointee.spaces = 0
  }

  /// Whether the parser stands between two records, as a new parser does: libcsv's state is
  /// "row not begun" (`pstate` 0, read in its public structure, with no field in progress) and
  /// no field of a record waits in the batch. Where the parser of the bytes before an offset
  /// stands between records, a new parser started at that offset reads the rest exactly as
  /// it would: what ``CSVFileReader`` checks before it keeps the records a segment's parser
  /// read from a guessed record start.
  var isBetweenRecords: Bool {
    parser.pointee.pstate == 0 && parser.pointee.quoted == 0 && parser.pointee.spaces == 0
      && parser.pointee.entry_pos == 0 && parser.pointee.status == CSV_SUCCESS
      && !batch.pointee.hasPendingFields
  }

  /// Makes the parser as new (libcsv's state as `csv_init` leaves it, its buffer kept; the
  /// batch empty), to parse another segment.
  func reset() {
    parser.pointee.pstate = 0  // ROW_NOT_BEGUN
    parser.pointee.quoted = 0
    parser.pointee.spaces = 0
    parser.pointee.entry_pos = 0
    parser.pointee.status = CSV_SUCCESS
    batch.pointee.removeAll()
    firstStrayQuoteOffset = nil
  }

  /// Ends the input: submits a last record without line end, or reports an unterminated quote.
  func finish() throws(CSVSyntaxError) {
    if csv_fini(parser, onField, onRecord, UnsafeMutableRawPointer(batch)) != 0 {
      throw .unterminatedQuote
    }
    if batch.pointee.hasFieldTooLong { throw .fieldTooLong }
  }

  /// Turns a libcsv status code other than a parse error into a typed error (the one place
  /// that reads them).
  private static func error(for status: Int32) -> CSVSyntaxError {
    switch status {
    case CSV_ETOOBIG: .fieldTooLong
    default: .outOfMemory
    }
  }
}

/// A failure of libcsv on a byte stream.
enum CSVSyntaxError: Error, Equatable {
  /// The input ended inside a quoted field.
  case unterminatedQuote
  /// A field longer than ``CSVParser/maximumFieldLength``.
  case fieldTooLong
  /// A record longer than ``CSVParser/maximumRecordLength``, all its fields together.
  case recordTooLong
  /// libcsv could not allocate its buffer.
  case outOfMemory
}

/// libcsv's per-field callback: appends the field's bytes to the batch.
///
/// Inlined, like what it calls, into the C entry point the compiler generates for it, so that
/// each of the millions of fields costs one call.
@inline(__always)
private func onField(_ bytes: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
  let batch = context.unsafelyUnwrapped.assumingMemoryBound(to: RowBatch.self)
  batch.pointee.appendField(UnsafeRawPointer(bytes), length)
}

/// libcsv's end-of-record callback: `terminator` is the CR or LF that ended it, or -1 at the end of input.
@inline(__always)
private func onRecord(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
  let batch = context.unsafelyUnwrapped.assumingMemoryBound(to: RowBatch.self)
  batch.pointee.endRecord(terminator: terminator)
}
