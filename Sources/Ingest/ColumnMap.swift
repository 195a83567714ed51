import ReportCore

/// Where each canonical field sits in a file's header.
///
/// A trivial value (a fixed-size table held inline, no references): every row's
/// ``RowFields`` carries a copy, so that reading a field needs no memory whose lifetime
/// someone must manage, and building one per row costs no reference counting.
struct ColumnMap: BitwiseCopyable {
  /// Column index per ``CanonicalField/index``, -1 when the file lacks the field.
  ///
  /// `SIMD64` only as a fixed-size inline table that works on every platform the package
  /// builds for (`InlineArray` needs macOS 26); no vector arithmetic is done on it. 16-bit
  /// indexes keep the table at 128 bytes, copied into every row's ``RowFields``: a canonical
  /// column must be among the first 32,768 of its header.
  private var columns = SIMD64<Int16>(repeating: -1)
  /// Number of header fields: every record must have exactly this many.
  let width: Int

  /// Maps a header: configured names first (exact, then ignoring case), then canonical names.
  /// - Throws: a ``FileError`` for a field named twice, at the second column naming it (its
  ///   line and byte column in the file), or for a missing required column, at the header's line.
  init(header: CSVHeader, schema: SourceSchema, configured: [String: CanonicalField], path: String)
    throws(FileError)
  {
    precondition(
      CanonicalField.allCases.count <= SIMD64<Int16>.scalarCount, "more canonical fields than slots")
    width = header.names.count
    let lowered = Dictionary(
      configured.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
    for (index, raw) in header.names.enumerated() {
      let name = raw.trimmingASCIISpaces()
      let mapped = configured[name] ?? lowered[name.lowercased()] ?? CanonicalField(name: name.lowercased())
      if let field = mapped, schema.fields.contains(field) {
        if columns[field.index] >= 0 {
          let at = header.positions[index]
          throw FileError(
            path: path, line: at.line, column: at.column,
            message: "column '\(name)' maps to '\(field.name)', which an earlier column already provides")
        }
        guard index <= Int(Int16.max) else {
          let at = header.positions[index]
          throw FileError(
            path: path, line: at.line, column: at.column,
            message: "column '\(name)' (\(field.name)) comes after the first \(Int(Int16.max) + 1) columns")
        }
        columns[field.index] = Int16(index)
      }
    }
    for field in schema.fields where schema.requiredColumns.contains(field) && columns[field.index] < 0 {
      let alias = configured.filter { $0.value == field }.map { "'\($0.key)'" }.sorted()
      let expected = alias.isEmpty ? "'\(field.name)'" : alias.joined(separator: " or ")
      throw FileError(
        path: path, line: header.positions.first?.line ?? 1, column: 1,
        message: "missing required column \(expected) (\(schema.kind.rawValue).\(field.name))")
    }
  }

  /// The column of `field`, or nil when the file lacks it.
  @inline(__always)
  subscript(field: CanonicalField) -> Int? {
    // The mask changes no index (init checks that every field has a slot) but lets the
    // compiler drop the bounds check of each look-up.
    let column = columns[field.index & (SIMD64<Int16>.scalarCount - 1)]
    return column < 0 ? nil : Int(column)
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  func trimmingASCIISpaces() -> String {
    let bytes = Array(utf8)
    var start = 0
    var end = bytes.count
    while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
    while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
    return start == 0 && end == bytes.count ? self : String(decoding: bytes[start..<end], as: UTF8.self)
  }
}
