/// What reading the exports gave besides the records: the audit trail that `check` prints
/// and the manifest records (SPEC §2.3, §5).

/// The text encoding of a file, as declared or as detected (SPEC §2).
public enum TextEncoding: String, Sendable {
  case utf8 = "UTF-8"
  case windows1252 = "Windows-1252"
}

/// What reading one file gave.
public struct FileStatistics: Sendable, Equatable {
  /// Path relative to `--input`.
  public var path: String
  public var bytes: Int
  /// Records read (header and blank lines excluded).
  public var rows: Int
  public var rejected: Int
  /// The delimiter as written in the manifest: the character, or `TAB`.
  public var delimiter: String
  public var encoding: TextEncoding
  /// Lower-case hex SHA-256 of the bytes read, when ingestion was asked for digests.
  public var sha256: String?

  public init(
    path: String, bytes: Int, rows: Int, rejected: Int, delimiter: String, encoding: TextEncoding,
    sha256: String?
  ) {
    self.path = path
    self.bytes = bytes
    self.rows = rows
    self.rejected = rejected
    self.delimiter = delimiter
    self.encoding = encoding
    self.sha256 = sha256
  }
}

/// What reading one source gave (SPEC §5 manifest; `check` output).
public struct SourceStatistics: Sendable, Equatable {
  public var files: [FileStatistics] = []
  public var rows = 0
  public var rejected = 0
  /// Valid rows dropped because another row with the same id won (SPEC §2.2).
  public var duplicates = 0
  /// The configured reject threshold.
  public var threshold: ExactDecimal
  /// For a source with an exclusion field but no `exclusions:` list (every code admitted):
  /// the records, after de-duplication, carrying each exclusion code, so that `check` shows
  /// what would be excluded (SPEC §2.3). Nil when the source declares its causes or has no
  /// exclusion field.
  public var exclusionsSeen: [String: Int]?

  public init(threshold: ExactDecimal) {
    self.threshold = threshold
  }

  /// True when rejected ÷ rows exceeds the threshold (SPEC §2.3): the run must fail.
  public var exceedsThreshold: Bool { threshold.isExceeded(byNumerator: rejected, denominator: rows) }
}

/// A rejected row, as written to `rejects/<source>.csv`.
public struct Reject: Sendable, Equatable {
  /// The file, relative to `--input`.
  public var file: String
  /// 1-based line on which the record starts.
  public var line: Int
  /// The record's id (`order_id`, `ticket_id`, `invoice_id`) as written, when it could be
  /// read from the row; empty otherwise (a source without ids, an empty id, a row whose
  /// number of fields differs from the header's).
  public var id: String
  /// Canonical field at fault; empty for a problem of the whole row.
  public var field: String
  /// The raw value as written.
  public var value: String
  public var reason: String

  public init(file: String, line: Int, id: String = "", field: String, value: String, reason: String) {
    self.file = file
    self.line = line
    self.id = id
    self.field = field
    self.value = value
    self.reason = reason
  }
}

/// The audit trail of one ingestion: per source, its files' statistics and its rejects.
public struct IngestAudit: Sendable, Equatable {
  public var statistics: [SourceKind: SourceStatistics]
  public var rejects: [SourceKind: [Reject]]

  public init(statistics: [SourceKind: SourceStatistics], rejects: [SourceKind: [Reject]]) {
    self.statistics = statistics
    self.rejects = rejects
  }

  /// The sources read, in catalogue order.
  public var sources: [SourceKind] { SourceKind.allCases.filter { statistics[$0] != nil } }

  /// The sources, in catalogue order, whose rejected share exceeds their threshold.
  public var sourcesOverThreshold: [SourceKind] {
    SourceKind.allCases.filter { statistics[$0]?.exceedsThreshold ?? false }
  }
}

extension Sequence<UInt8> {
  /// Lower-case hexadecimal, as `sha256sum` writes a digest.
  public var hexadecimal: String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    for byte in self {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
