/// The dimension fields of SPEC §2.1, in the order segments are sorted (SPEC §5.1).
public enum DimensionField: String, Sendable, CaseIterable, Comparable, Hashable {
  case service, access, technology, customer, region

  public static func < (lhs: DimensionField, rhs: DimensionField) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
