import Configuration

/// The per-source summary printed by `agcom-report check`.
public struct CheckSummary: Sendable {
  public let data: IngestedData
  /// Rejected rows printed on standard error per source; the rest are counted.
  public static let rejectsShown = 20

  public init(data: IngestedData) {
    self.data = data
  }

  /// `{"sources": {"orders": {"files": 0, "rows": 0, "rejected": 0, "duplicates": 0}, …}}`, sources in SPEC order.
  public var json: String {
    let entries = SourceKind.allCases.map { kind in
      let statistics = data.statistics[kind]!
      return "\"\(kind.rawValue)\": {\"files\": \(statistics.files.count), \"rows\": \(statistics.rows), "
        + "\"rejected\": \(statistics.rejected), \"duplicates\": \(statistics.duplicates)}"
    }
    return "{\"sources\": {" + entries.joined(separator: ", ") + "}}"
  }

  /// One aligned line per source.
  public var text: String {
    var lines = ["source    files       rows  rejected  duplicates"]
    for kind in SourceKind.allCases {
      let statistics = data.statistics[kind]!
      lines.append(
        kind.rawValue.padding(8) + String(statistics.files.count).leftPadding(7)
          + String(statistics.rows).leftPadding(11) + String(statistics.rejected).leftPadding(10)
          + String(statistics.duplicates).leftPadding(12))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `file:line: warning: rejected: field: reason 'value'` for the first rejects of each
  /// source, then how many more there are and `whereToFind(source)`, where all of them are.
  public func warnings(whereToFind: (SourceKind) -> String) -> [String] {
    var lines: [String] = []
    for kind in SourceKind.allCases {
      let rejects = data.rejects[kind] ?? []
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
    return lines
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
