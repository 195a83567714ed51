/// Status of an activation order (SPEC §2.1 `status`).
public enum OrderStatus: String, Sendable, CaseIterable {
  case completed, cancelled, open
}

/// Kind of a customer ticket (SPEC §2.1 `kind`).
public enum TicketKind: String, Sendable, CaseIterable {
  case fault, complaint
}

/// Category of a complaint (SPEC §2.1 `category`).
public enum ComplaintCategory: String, Sendable, CaseIterable {
  case billing, other
}

/// Outcome of a complaint (SPEC §2.1 `outcome`).
public enum ComplaintOutcome: String, Sendable, CaseIterable {
  case founded, unfounded, pending
}

/// Type of a billing document (SPEC §2.1 `doc_type`).
public enum DocumentType: String, Sendable, CaseIterable {
  case invoice
  case creditNote = "credit_note"
}

/// The dimension values of one record, as ids into its source's ``ValueDictionary``.
///
/// Id 0 means "absent" (the source has no such column, or the optional field is empty).
public struct DimensionValues: Sendable, Hashable {
  public var service: UInt32 = 0
  public var access: UInt32 = 0
  public var technology: UInt32 = 0
  public var customer: UInt32 = 0
  public var region: UInt32 = 0

  public init() {}

  /// The id stored for `dimension`.
  public subscript(dimension: DimensionField) -> UInt32 {
    get {
      switch dimension {
      case .service: service
      case .access: access
      case .technology: technology
      case .customer: customer
      case .region: region
      }
    }
    set {
      switch dimension {
      case .service: service = newValue
      case .access: access = newValue
      case .technology: technology = newValue
      case .customer: customer = newValue
      case .region: region = newValue
      }
    }
  }
}

/// Distinct strings of one source, numbered from 1 in order of first appearance.
///
/// Records carry small ids instead of strings; `strings[id - 1]` is the text.
public struct ValueDictionary: Sendable, Equatable {
  public private(set) var strings: [String] = []
  private var ids: [String: UInt32] = [:]

  public init() {}

  /// The id of `string`, adding it when new.
  public mutating func id(for string: String) -> UInt32 {
    if let id = ids[string] { return id }
    strings.append(string)
    let id = UInt32(strings.count)
    ids[string] = id
    return id
  }

  /// The id of `string` if it was ever added.
  public func existingID(for string: String) -> UInt32? {
    ids[string]
  }

  /// The string of a non-zero id.
  public func string(for id: UInt32) -> String? {
    id == 0 ? nil : strings[Int(id) - 1]
  }
}

/// One activation order after de-duplication (SPEC §2.1 orders).
public struct Order: Sendable, Hashable {
  /// Local calendar date on which the valid order was received.
  public var orderDate: LocalDate
  /// Local calendar date on which the service became available, if completed.
  public var completionDate: LocalDate?
  /// Date agreed with the customer, if any.
  public var agreedDate: LocalDate?
  /// Contractual maximum in days written on the row, if any.
  public var contractDays: Int32?
  public var status: OrderStatus
  public var dimensions: DimensionValues
  /// Id of the exclusion reason in ``ValueDictionary`` (0 = not excluded).
  public var exclusion: UInt32

  public init(
    orderDate: LocalDate, completionDate: LocalDate?, agreedDate: LocalDate?, contractDays: Int32?,
    status: OrderStatus, dimensions: DimensionValues, exclusion: UInt32
  ) {
    self.orderDate = orderDate
    self.completionDate = completionDate
    self.agreedDate = agreedDate
    self.contractDays = contractDays
    self.status = status
    self.dimensions = dimensions
    self.exclusion = exclusion
  }
}

/// One fault or complaint ticket after de-duplication (SPEC §2.1 tickets).
public struct Ticket: Sendable, Hashable {
  public var kind: TicketKind
  public var category: ComplaintCategory?
  /// Opening instant, seconds since the Unix epoch (UTC).
  public var openedAt: Int64
  /// Resolution instant, seconds since the Unix epoch (UTC), if resolved.
  public var resolvedAt: Int64?
  /// Faults: a real fault (default true).
  public var effective: Bool
  /// Minutes the clock was stopped on the customer's account (0 when empty).
  public var suspendedMinutes: Int32
  /// Id of the disputed invoice's `invoice_id` in ``ValueDictionary`` (0 = none given):
  /// equal ids, equal invoice numbers.
  public var invoice: UInt32
  public var outcome: ComplaintOutcome?
  public var dimensions: DimensionValues
  /// Id of the exclusion reason in ``ValueDictionary`` (0 = not excluded).
  public var exclusion: UInt32

  public init(
    kind: TicketKind, category: ComplaintCategory?, openedAt: Int64, resolvedAt: Int64?, effective: Bool,
    suspendedMinutes: Int32, invoice: UInt32, outcome: ComplaintOutcome?, dimensions: DimensionValues,
    exclusion: UInt32
  ) {
    self.kind = kind
    self.category = category
    self.openedAt = openedAt
    self.resolvedAt = resolvedAt
    self.effective = effective
    self.suspendedMinutes = suspendedMinutes
    self.invoice = invoice
    self.outcome = outcome
    self.dimensions = dimensions
    self.exclusion = exclusion
  }
}

/// Key of an aggregated count: a local date (or the first day of a month) and dimensions.
public struct DatedDimensions: Sendable, Hashable {
  public var date: LocalDate
  public var dimensions: DimensionValues

  public init(date: LocalDate, dimensions: DimensionValues) {
    self.date = date
    self.dimensions = dimensions
  }

  /// Three words instead of six fields: the invoices are counted per key, one lookup per
  /// invoice row, and hashing was 7 % of a national year's time (README "Where the time goes").
  public func hash(into hasher: inout Hasher) {
    hasher.combine(UInt64(UInt32(bitPattern: date.day)) << 32 | UInt64(dimensions.service))
    hasher.combine(UInt64(dimensions.access) << 32 | UInt64(dimensions.technology))
    hasher.combine(UInt64(dimensions.customer) << 32 | UInt64(dimensions.region))
  }
}

/// What the metrics stage reads from one source: its records (or counts) and the
/// dictionary of their open values.
public enum SourceRecords: Sendable {
  case orders([Order], ValueDictionary)
  case tickets([Ticket], ValueDictionary)
  /// Issued invoices per issue date (first of the month for monthly counts) and dimensions.
  case invoices(issued: [DatedDimensions: Int64], ValueDictionary)
  /// Active lines per month (first day) and dimensions.
  case lines(active: [DatedDimensions: Int64], ValueDictionary)
  case calls([Call], ValueDictionary)
  case surveys([Survey], ValueDictionary)

  /// The source these records come from.
  public var kind: SourceKind {
    switch self {
    case .orders: .orders
    case .tickets: .tickets
    case .invoices: .invoices
    case .lines: .lines
    case .calls: .calls
    case .surveys: .surveys
    }
  }
}
