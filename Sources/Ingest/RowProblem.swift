import ReportCore

/// Why a row cannot be used (SPEC §2.3): it goes to the reject file and counts in no indicator.
struct RowProblem: Error {
  /// The canonical field at fault, or nil for a problem of the whole row.
  var field: CanonicalField?
  /// The raw value as written (decoded), empty when the field is missing.
  var value: String
  var reason: String
}
