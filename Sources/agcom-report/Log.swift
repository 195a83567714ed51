import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a line on standard error.
func printError(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Progress and events on standard error (SPEC §7).
///
/// On a terminal: short human lines. Otherwise (cron, CI, a pipe): one parseable line per
/// event, `agcom-report: event=<name> key=value …`, values quoted when they hold spaces,
/// with no timestamps (cron's mail and the journal add their own).
struct Log {
  let isTerminal = isatty(STDERR_FILENO) != 0

  /// Records an event; `human` is what a person at a terminal reads.
  func event(_ name: String, _ fields: KeyValuePairs<String, String> = [:], human: @autoclosure () -> String)
  {
    if isTerminal {
      printError("agcom-report: " + human())
    } else {
      let pairs = fields.map { key, value in
        "\(key)="
          + (value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) ? "\"\(escape(value))\"" : value)
      }
      printError((["agcom-report: event=\(name)"] + pairs).joined(separator: " "))
    }
  }

  private func escape(_ value: String) -> String {
    value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
  }
}
