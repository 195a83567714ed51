/// The dimension fields of SPEC §2.1, in the order segments are sorted (SPEC §5.1).
public enum DimensionField: String, Sendable, CaseIterable, Comparable, Hashable {
  case service, access, technology, customer, region

  public static func < (lhs: DimensionField, rhs: DimensionField) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }

  /// The canonical values of the dimension (SPEC §2.1): `service` voice, broadband, bundle;
  /// `access` own, wholesale; `technology` FTTH, FTTC, ADSL, FWA, OTHER; `customer`
  /// residential, business; `region` the ISTAT region codes `01` … `20`.
  ///
  /// A dimension without a value mapping takes any text; one with a mapping is closed to
  /// these values and the mapped ones (SPEC §2.3).
  public var canonicalValues: [String] {
    switch self {
    case .service: ["voice", "broadband", "bundle"]
    case .access: ["own", "wholesale"]
    case .technology: ["FTTH", "FTTC", "ADSL", "FWA", "OTHER"]
    case .customer: ["residential", "business"]
    case .region: (1...20).map { $0 < 10 ? "0\($0)" : "\($0)" }
    }
  }
}
