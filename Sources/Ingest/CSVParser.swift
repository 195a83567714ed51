import CLibCSV

/// A libcsv parser that collects the fields of complete records into a ``RowBatch``.
///
/// This file holds every libcsv call of the project. The parser runs in strict mode
/// (`CSV_STRICT | CSV_STRICT_FINI`), so malformed quoting is an error with the byte
/// offset libcsv stopped at, and it reports every unquoted line end (`CSV_REPALL_NL`)
/// so that the reader can count physical lines, blank lines included.
final class CSVParser {
  private let parser: UnsafeMutablePointer<csv_parser>
  /// Records completed so far; the reader drains it after every ``parse(_:)``.
  let batch: UnsafeMutablePointer<RowBatch>

  /// Longest field accepted, in bytes: a longer one is almost always a quote that never closes.
  static let maximumFieldLength = 1 << 20

  init(delimiter: UInt8) throws(CSVSyntaxError) {
    parser = .allocate(capacity: 1)
    batch = .allocate(capacity: 1)
    batch.initialize(to: RowBatch())
    let options = UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)
    guard csv_init(parser, options) == 0 else {
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

  /// Feeds `chunk` to libcsv; complete records land in ``batch``.
  /// - Throws: ``CSVSyntaxError/malformedQuoting(offset:)`` with the offset in `chunk`
  ///   of the byte that breaks the quoting rules, or a resource error.
  func parse(_ chunk: UnsafeRawBufferPointer) throws(CSVSyntaxError) {
    guard let base = chunk.baseAddress, !chunk.isEmpty else { return }
    let consumed = csv_parse(parser, base, chunk.count, onField, onRecord, UnsafeMutableRawPointer(batch))
    if consumed != chunk.count || csv_error(parser) != CSV_SUCCESS {
      throw Self.error(for: csv_error(parser), offset: consumed)
    }
    if csv_get_buffer_size(parser) > Self.maximumFieldLength || batch.pointee.pendingFieldTooLong {
      throw .fieldTooLong
    }
  }

  /// Ends the input: submits a last record without line end, or reports an unterminated quote.
  func finish() throws(CSVSyntaxError) {
    if csv_fini(parser, onField, onRecord, UnsafeMutableRawPointer(batch)) != 0 {
      throw .unterminatedQuote
    }
  }

  /// Turns a libcsv status code into a typed error (the one place that reads them).
  private static func error(for status: Int32, offset: Int) -> CSVSyntaxError {
    switch status {
    case CSV_EPARSE: .malformedQuoting(offset: offset)
    case CSV_ETOOBIG: .fieldTooLong
    default: .outOfMemory
    }
  }
}

/// A failure of libcsv on a byte stream.
enum CSVSyntaxError: Error, Equatable {
  /// A quote where the CSV rules do not allow one, at this offset of the chunk.
  case malformedQuoting(offset: Int)
  /// The input ended inside a quoted field.
  case unterminatedQuote
  /// A field longer than ``CSVParser/maximumFieldLength``.
  case fieldTooLong
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
