/// Why a row cannot be used (SPEC §2.3): it goes to the reject file and counts in no indicator.
struct RowProblem: Error {
  /// The canonical field at fault, or nil for a problem of the whole row.
  var field: CanonicalField?
  /// The raw value as written (decoded), empty when the field is missing.
  var value: String
  var reason: String
}

/// A rejected row, as written to `rejects/<source>.csv`.
public struct Reject: Sendable, Equatable {
  /// The file, relative to `--input`.
  public var file: String
  /// 1-based line on which the record starts.
  public var line: Int
  /// Canonical field at fault; empty for a problem of the whole row.
  public var field: String
  /// The raw value as written.
  public var value: String
  public var reason: String

  public init(file: String, line: Int, field: String, value: String, reason: String) {
    self.file = file
    self.line = line
    self.field = field
    self.value = value
    self.reason = reason
  }
}
