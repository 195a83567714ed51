import Foundation
import ReportCore

/// The per-source summary printed by `agcom-report check`, and the warnings naming the
/// rejected rows that `check` and `run` print.
///
/// For a source that declares no `exclusions:` (every code admitted), the summary also gives
/// the exclusion codes seen with their records (after de-duplication), so that nothing is
/// excluded unnoticed (SPEC §2.3).
public struct CheckSummary: Sendable {
  public let audit: IngestAudit
  /// Rejected rows printed on standard error per source; the rest are counted.
  public static let rejectsShown = 20

  public init(audit: IngestAudit) {
    self.audit = audit
  }

  /// What `--json` prints for one source.
  struct SourceLine: Codable {
    var files: Int
    var rows: Int
    var rejected: Int
    var duplicates: Int
    /// Exclusion code → records, for a source without an `exclusions:` list only.
    var exclusionCodes: [String: Int]?

    enum CodingKeys: String, CodingKey {
      case files, rows, rejected, duplicates
      case exclusionCodes = "exclusion_codes"
    }
  }

  /// `{"sources":{"invoices":{"duplicates":0,"files":24,"rejected":0,"rows":40000},…}}`, keys
  /// sorted; a source without an `exclusions:` list adds
  /// `"exclusion_codes":{"customer_delay":237,…}` (an empty object when it has none).
  public var json: String {
    var sources: [String: SourceLine] = [:]
    for kind in audit.sources {
      let statistics = audit.statistics[kind]!
      sources[kind.rawValue] = SourceLine(
        files: statistics.files.count, rows: statistics.rows, rejected: statistics.rejected,
        duplicates: statistics.duplicates, exclusionCodes: statistics.exclusionsSeen)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    // Encoding a dictionary of plain structs of integers cannot fail.
    return String(decoding: try! encoder.encode(["sources": sources]), as: UTF8.self)
  }

  /// One aligned line per source; then, when a source declares no `exclusions:`, one line
  /// per exclusion code seen in it with its records (`(none)` when it has none).
  public var text: String {
    var lines = ["source    files       rows  rejected  duplicates"]
    for kind in audit.sources {
      let statistics = audit.statistics[kind]!
      lines.append(
        kind.rawValue.padding(8) + String(statistics.files.count).leftPadding(7)
          + String(statistics.rows).leftPadding(11) + String(statistics.rejected).leftPadding(10)
          + String(statistics.duplicates).leftPadding(12))
    }
    let unlisted = audit.sources.compactMap { kind in
      audit.statistics[kind]!.exclusionsSeen.map { (kind, $0) }
    }
    if !unlisted.isEmpty {
      lines += ["", "exclusion codes admitted without an exclusions: list (records after de-duplication)"]
      lines.append("source".padding(10) + "code".padding(27) + "records".leftPadding(9))
      for (kind, codes) in unlisted {
        if codes.isEmpty { lines.append(kind.rawValue.padding(10) + "(none)") }
        for (code, count) in codes.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8) }) {
          lines.append(
            kind.rawValue.padding(10) + ControlCharacters.escaped(code).padding(27)
              + String(count).leftPadding(9))
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `file:line: warning: rejected: field: reason 'value'` for the first rejects of each
  /// source, then how many more there are and `whereToFind(source)`, where all of them are.
  /// Each warning is one line: control characters in the file name, the value or the hint
  /// are written out (``ControlCharacters``).
  public func warnings(whereToFind: (SourceKind) -> String) -> [String] {
    var lines: [String] = []
    for kind in audit.sources {
      let rejects = audit.rejects[kind] ?? []
      for reject in rejects.prefix(Self.rejectsShown) {
        let field = reject.field.isEmpty ? "" : reject.field + ": "
        let value = reject.value.isEmpty ? "" : " '\(reject.value)'"
        lines.append("\(reject.file):\(reject.line): warning: rejected: \(field)\(reject.reason)\(value)")
      }
      if rejects.count > Self.rejectsShown {
        lines.append(
          "\(kind.rawValue): \(rejects.count - Self.rejectsShown) more rejected rows (\(whereToFind(kind)))")
      }
    }
    return lines.map(ControlCharacters.escaped)
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }

  fileprivate func leftPadding(_ width: Int) -> String {
    count >= width ? " " + self : String(repeating: " ", count: width - count) + self
  }
}
