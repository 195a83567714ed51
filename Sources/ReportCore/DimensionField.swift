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

extension DimensionField {
  /// The dimension's name for people: *Servizio*, *Accesso*, *Tecnologia*, *Cliente*, *Regione*.
  public var displayName: String {
    switch self {
    case .service: "Servizio"
    case .access: "Accesso"
    case .technology: "Tecnologia"
    case .customer: "Cliente"
    case .region: "Regione"
    }
  }

  /// The Italian display labels of the canonical values (SPEC §4.1): *Rete propria*,
  /// *Residenziale*, *Voce e Internet*, the ISTAT region names …; technologies are shown as
  /// they are written (FTTH, FTTC …), `OTHER` as *Altra tecnologia*.
  public var defaultValueLabels: [String: String] {
    switch self {
    case .service: ["voice": "Voce", "broadband": "Internet", "bundle": "Voce e Internet"]
    case .access: ["own": "Rete propria", "wholesale": "Altro operatore"]
    case .technology: ["OTHER": "Altra tecnologia"]
    case .customer: ["residential": "Residenziale", "business": "Affari"]
    case .region:
      Dictionary(uniqueKeysWithValues: zip(canonicalValues, Self.regionNames))
    }
  }

  /// The twenty ISTAT regions in code order (`01` Piemonte … `20` Sardegna).
  static let regionNames = [
    "Piemonte", "Valle d'Aosta", "Lombardia", "Trentino-Alto Adige", "Veneto", "Friuli-Venezia Giulia",
    "Liguria", "Emilia-Romagna", "Toscana", "Umbria", "Marche", "Lazio", "Abruzzo", "Molise", "Campania",
    "Puglia", "Basilicata", "Calabria", "Sicilia", "Sardegna",
  ]
}
