/// The first 16 bytes of a field packed into two words, zero-padded, with the field's length.
///
/// Ids and coded values (`ORD-00012345`, `wholesale`, `FTTH`) are short: packed this way they
/// are compared with two word comparisons and hashed with two multiplications, with no
/// `memcmp`, `memcpy` or `Array`. Two fields of at most 16 bytes are equal exactly when their
/// keys are.
struct ShortKey: Equatable {
  /// Bytes 0..<8, the first in the lowest bits (little-endian order on every platform).
  var head: UInt64
  /// Bytes 8..<16, the same way.
  var tail: UInt64
  /// The length of the whole field (which may be longer than 16 bytes; fields are at most
  /// ``CSVParser/maximumFieldLength``).
  var length: UInt32

  /// Packs the first 16 bytes of `bytes`.
  ///
  /// Unsafe pointer, justified: `bytes` is a field view (``RowFields/bytes(_:)``) or a part of
  /// one, and the loads stay inside it: a field of 8 to 16 bytes is read as two overlapping words (the
  /// first 8 bytes and the last 8), the overlap shifted out of the second; a shorter one the same
  /// way with 4-byte words.
  @inline(__always)
  init(_ bytes: UnsafeRawBufferPointer) {
    let count = bytes.count
    length = UInt32(count)
    switch count {
    case 16...:
      head = Self.word(bytes, 0)
      tail = Self.word(bytes, 8)
    case 9..<16:
      head = Self.word(bytes, 0)
      tail = Self.word(bytes, count - 8) >> (8 * UInt64(16 - count))
    case 8:
      head = Self.word(bytes, 0)
      tail = 0
    case 4..<8:
      let low = UInt64(Self.halfWord(bytes, 0))
      let high = UInt64(Self.halfWord(bytes, count - 4) >> (8 * UInt32(8 - count)))
      head = low | high << 32
      tail = 0
    default:
      head = 0
      for index in 0..<count { head |= UInt64(bytes[index]) << (8 * UInt64(index)) }
      tail = 0
    }
  }

  /// Packs the first 16 bytes of a field of a ``RowBatch``, as ``init(_:)-(UnsafeRawBufferPointer)``
  /// does, without its branches on the length (see ``FieldBytes/loadFirst16()``).
  @inline(__always)
  init(_ field: FieldBytes) {
    (head, tail) = field.loadFirst16()
    length = UInt32(field.count)
  }

  /// A 64-bit hash of the key (multiply–xorshift); not meant for adversarial input, which
  /// a batch run over the operator's own exports is not.
  @inline(__always)
  var hash: UInt64 {
    var hash = (head ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15
    hash ^= hash >> 29
    hash = (hash ^ tail) &* 0xD6E8_FEB8_6659_FD93
    hash ^= hash >> 32
    return hash
  }

  @inline(__always)
  private static func word(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
    UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
  }

  @inline(__always)
  private static func halfWord(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
    UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }
}
