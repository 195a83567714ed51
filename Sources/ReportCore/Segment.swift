/// A breakdown of a measure's population (SPEC §4 Segments): the whole population
/// (`TOT`) or the records with one value of one dimension (`access=own`).
public enum Segment: Sendable, Hashable, Comparable, CustomStringConvertible {
  case total
  case value(DimensionField, String)

  public var description: String {
    switch self {
    case .total: "TOT"
    case .value(let dimension, let value): "\(dimension.rawValue)=\(value)"
    }
  }

  /// Parses `TOT` or `dimension=value`.
  public init?(parsing text: String) {
    if text == "TOT" {
      self = .total
      return
    }
    guard let equals = text.firstIndex(of: "="),
      let dimension = DimensionField(rawValue: String(text[..<equals]))
    else { return nil }
    self = .value(dimension, String(text[text.index(after: equals)...]))
  }

  /// SPEC §5.1: `TOT` first, then by dimension (service, access, technology, customer,
  /// region), then by value in byte order.
  public static func < (lhs: Segment, rhs: Segment) -> Bool {
    switch (lhs, rhs) {
    case (.total, .total): false
    case (.total, .value): true
    case (.value, .total): false
    case (.value(let a, let x), .value(let b, let y)):
      a != b ? a < b : Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
    }
  }
}
