/// Text from the exports, the command line or the file system made safe to print on one
/// line of standard error (SPEC §7: parseable log lines, one per event).
///
/// A value can hold anything the export held — a line break that would split one event
/// into two, an escape sequence that would repaint the operator's terminal. Every control
/// character is written out instead: `\n`, `\r`, `\t`, `\x1b` and `\xNN` for the other C0
/// controls and DEL, `\u{NNNN}` for the C1 controls and the Unicode line and paragraph
/// separators (which some readers also take for line breaks). Everything else — backslashes
/// included — is kept, so escaping twice changes nothing.
public enum ControlCharacters {
  /// `text` with every control character written out (see ``ControlCharacters``).
  public static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscaping) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x0A: result += "\\n"
      case 0x0D: result += "\\r"
      case 0x09: result += "\\t"
      case 0x00...0x1F, 0x7F: result += "\\x" + hexadecimal(scalar.value, digits: 2)
      case 0x80...0x9F, 0x2028, 0x2029: result += "\\u{" + hexadecimal(scalar.value, digits: 4) + "}"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// True for the scalars ``escaped(_:)`` writes out.
  static func needsEscaping(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: true
    default: false
    }
  }

  /// Lower-case hexadecimal, zero-padded to `digits`.
  private static func hexadecimal(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}
