/// One cell of any CSV file the tool writes: the rejects, the machine-readable results and
/// the Italian CSV all quote and guard their cells here, the same way.
enum CSVCell {
  /// The first characters that make a spreadsheet read a cell as a formula (`=`, `+`, `-`,
  /// `@`), or that some treat as such after trimming (TAB, CR).
  static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

  /// `text` as a cell of a file delimited by `delimiter`.
  ///
  /// - A text starting with one of ``formulaStarts`` gets a leading `'` when
  ///   `guardingFormulas`, so that no spreadsheet evaluates an operator's raw value.
  /// - The cell is quoted (RFC 4180, quotes doubled) when it holds the delimiter, a quote or
  ///   any line break (LF, CR, CRLF and the other Unicode line separators).
  static func render(_ text: String, delimiter: Character, guardingFormulas: Bool = true) -> String {
    var text = text
    if guardingFormulas, let first = text.first, formulaStarts.contains(first) { text = "'" + text }
    guard text.contains(where: { $0 == delimiter || $0 == "\"" || $0.isNewline }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
