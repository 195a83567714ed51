import ReportCore

/// Finds the characters no value may hold (``ForbiddenCharacter``, README "Rules", *Rows*)
/// in the rows of an export.
///
/// A row whose read fields hold one is rejected, located like any other reject; columns the
/// source does not map are never read and never looked at. The reader looks a chunk at a
/// time, eight bytes at once (``mayOccur(in:)``), and only a record whose bytes may hold one
/// is checked field by field (``check(_:columns:schema:encoding:)``).
enum ForbiddenCharacterScan {
  private static let ones: UInt64 = 0x0101_0101_0101_0101
  private static let highs: UInt64 = 0x8080_8080_8080_8080

  /// False when `bytes` surely hold no forbidden character; true when they may: some byte is
  /// below 0x20 (a TAB too), 0x7F, or 0xEF (the first byte of U+FEFF in UTF-8).
  ///
  /// Unsafe pointer, justified: a read-only view of a batch's field bytes during the reader's
  /// drain; unaligned eight-byte loads, within `bytes`.
  static func mayOccur(in bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let count = bytes.count
    var index = 0
    while index + 32 <= count {
      let words =
        suspect(base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        | suspect(base.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self))
        | suspect(base.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self))
        | suspect(base.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self))
      if words != 0 { return true }
      index += 32
    }
    while index + 8 <= count {
      if suspect(base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) != 0 { return true }
      index += 8
    }
    while index < count {
      let byte = bytes[index]
      if byte < 0x20 || byte == 0x7F || byte == 0xEF { return true }
      index += 1
    }
    return false
  }

  /// Non-zero when one of the eight bytes of `word` is below 0x20, 0x7F or 0xEF (the classic
  /// "has a byte less than n" and "has a zero byte" tests, exact as to whether one exists).
  @inline(__always)
  private static func suspect(_ word: UInt64) -> UInt64 {
    let below = (word &- ones &* 0x20) & ~word
    let del = word ^ (ones &* 0x7F)
    let bomStart = word ^ (ones &* 0xEF)
    return (below | ((del &- ones) & ~del) | ((bomStart &- ones) & ~bomStart)) & highs
  }

  /// The first forbidden character of a value's bytes, as a Unicode scalar value, or nil.
  /// U+FEFF is looked for in UTF-8 only: in Windows-1252 its bytes are the letters `ï»¿`
  /// (and the other forbidden characters are single bytes in both encodings).
  static func first(in bytes: UnsafeRawBufferPointer, encoding: TextEncoding) -> UInt32? {
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if ForbiddenCharacter.contains(UInt32(byte)) { return UInt32(byte) }
      if byte == 0xEF && encoding == .utf8 && index + 2 < bytes.count && bytes[index + 1] == 0xBB
        && bytes[index + 2] == 0xBF
      {
        return 0xFEFF
      }
      index += 1
    }
    return nil
  }

  /// Rejects `row` when a column mapped to one of the schema's fields holds a forbidden
  /// character (the first such field in schema order).
  /// - Throws: a ``RowProblem`` naming the field, its raw value and the character.
  static func check(_ row: CSVRow, columns: ColumnMap, schema: SourceSchema, encoding: TextEncoding)
    throws(RowProblem)
  {
    for field in schema.fields {
      guard let column = columns[field], column < row.fieldCount else { continue }
      let bytes = row[column].bytes
      if let scalar = first(in: bytes, encoding: encoding) {
        throw RowProblem(field: field, value: encoding.decode(bytes), reason: reason(for: scalar))
      }
    }
  }

  /// `control character U+0000 (NUL)`, `byte order mark U+FEFF after the start of the file`.
  static func reason(for scalar: UInt32) -> String {
    ForbiddenCharacter.describe(scalar) + (scalar == 0xFEFF ? " after the start of the file" : "")
  }
}
