import Emit
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a line on standard error, its control characters written out (``ControlCharacters``)
/// so that it stays one line.
func printError(_ line: String) {
  FileHandle.standardError.write(Data((ControlCharacters.escaped(line) + "\n").utf8))
}

/// Progress and events on standard error (SPEC §7).
///
/// On a terminal: short human lines. Otherwise (cron, CI, a pipe): one parseable line per
/// event, `agcom-report: event=<name> key=value …`, with no timestamps (cron's mail and the
/// journal add their own). Every event is one line, whatever its values hold.
struct Log {
  let isTerminal = isatty(STDERR_FILENO) != 0

  /// Records an event; `human` is what a person at a terminal reads.
  func event(_ name: String, _ fields: KeyValuePairs<String, String> = [:], human: @autoclosure () -> String)
  {
    printError(isTerminal ? "agcom-report: " + human() : Self.eventLine(name, fields))
  }

  /// `agcom-report: event=<name> key=value …`. A value holding a space, a quote, an equals
  /// sign, a backslash or a control character is quoted, with `\"` and `\\` inside the quotes
  /// and its control characters written out (`\n`, `\x1b`).
  static func eventLine(_ name: String, _ fields: KeyValuePairs<String, String>) -> String {
    let pairs = fields.map { key, value in
      let escaped = ControlCharacters.escaped(
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))
      let quoted = escaped != value || value.contains { $0 == " " || $0 == "=" }
      return quoted ? "\(key)=\"\(escaped)\"" : "\(key)=\(value)"
    }
    return (["agcom-report: event=\(name)"] + pairs).joined(separator: " ")
  }
}
