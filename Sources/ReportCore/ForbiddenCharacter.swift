/// The characters that no text the tool reads may hold — a value of an export, a key or text
/// of the configuration (README "Rules"): the C0 control characters other than TAB (NUL, line
/// breaks, escape, …), DEL, and U+FEFF, a byte order mark anywhere but as the first character
/// of a file.
///
/// None has a use in a segment name, an id, a code or a label, and each would reach the
/// outputs: a NUL cuts a value short in the XML, a line break splits a CSV row or a log line,
/// a byte order mark makes `\u{FEFF}ORD-1` another id than `ORD-1`. Refusing them where they
/// are read lets every output rely on clean text.
public enum ForbiddenCharacter {
  /// Whether the Unicode scalar value `value` is one of them.
  @inline(__always)
  public static func contains(_ value: UInt32) -> Bool {
    (value < 0x20 && value != 0x09) || value == 0x7F || value == 0xFEFF
  }

  /// The first of them in `text`, as a scalar value, or nil.
  public static func first(in text: String) -> UInt32? {
    text.unicodeScalars.first { contains($0.value) }?.value
  }

  /// `control character U+0000 (NUL)`, `control character U+0001`, `byte order mark U+FEFF`.
  public static func describe(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    let code = "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    if value == 0xFEFF { return "byte order mark \(code)" }
    let names: [UInt32: String] = [
      0x00: "NUL", 0x0A: "line feed", 0x0D: "carriage return", 0x1B: "escape", 0x7F: "DEL",
    ]
    return "control character \(code)" + (names[value].map { " (\($0))" } ?? "")
  }
}
