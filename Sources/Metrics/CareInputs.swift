import ReportCore

extension Metrics.Inputs {
  /// The calls and their values. - Precondition: they have arrived.
  var calls: (records: [Call], values: ValueDictionary) {
    guard case .calls(let records, let values) = sources[.calls] else { preconditionFailure("no calls") }
    return (records, values)
  }

  /// The survey invitations and their values. - Precondition: they have arrived.
  var surveys: (records: [Survey], values: ValueDictionary) {
    guard case .surveys(let records, let values) = sources[.surveys] else {
      preconditionFailure("no surveys")
    }
    return (records, values)
  }
}

/// The exclusions per reason of the report's own column, named through the source's dictionary.
func namedExclusions(_ byReason: [UInt32: Int], _ values: ValueDictionary) -> [String: Int] {
  Dictionary(uniqueKeysWithValues: byReason.map { (values.string(for: $0.key)!, $0.value) })
}
