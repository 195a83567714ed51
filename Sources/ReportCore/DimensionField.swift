/// The dimension fields of SPEC §2.1, in the order segments are sorted (SPEC §5.1).
public enum DimensionField: String, Sendable, CaseIterable, Comparable, Hashable {
  case service, access, technology, customer, region

  public static func < (lhs: DimensionField, rhs: DimensionField) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

extension DimensionField {
  /// The canonical values of SPEC §2.1: `service` ∈ {voice, broadband, bundle}, `access` ∈
  /// {own, wholesale}, `technology` ∈ {FTTH, FTTC, ADSL, FWA, OTHER}, `customer` ∈
  /// {residential, business}, `region` the ISTAT codes `01` … `20`.
  public var canonicalValues: [String] {
    switch self {
    case .service: ["voice", "broadband", "bundle"]
    case .access: ["own", "wholesale"]
    case .technology: ["FTTH", "FTTC", "ADSL", "FWA", "OTHER"]
    case .customer: ["residential", "business"]
    case .region: (1...20).map { zeroPadded($0, width: 2) }
    }
  }
}
