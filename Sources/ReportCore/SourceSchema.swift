/// The source schema of SPEC §2.1: every fact about a source's columns that more than one
/// stage reads, written once.
///
/// Configuration checks `columns:` and `values:` against it, Ingest maps headers and values
/// with it. Adding a source means a case of ``SourceKind`` with its schema here, its row
/// rules in Ingest, its records, and its tests.

/// The canonical sources of SPEC §2.1, in catalogue order.
public enum SourceKind: String, Sendable, CaseIterable, Comparable {
  case orders, tickets, invoices, lines
  /// The contact-centre platform's export, one row per inbound call (optional).
  case calls
  /// Satisfaction-survey invitations and answers (optional).
  case surveys

  /// Whether a configuration may leave the source out (SPEC §2.1: calls and surveys); the
  /// indicators that read it are then absent from the report.
  public var isOptional: Bool {
    switch self {
    case .orders, .tickets, .invoices, .lines: false
    case .calls, .surveys: true
    }
  }

  public static func < (lhs: SourceKind, rhs: SourceKind) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// The `layout:` setting of the invoices source (SPEC §2.1).
public enum InvoiceLayout: String, Sendable, Equatable {
  /// `invoice_id`, `issue_date`, `doc_type`, …: one row per document.
  case rows
  /// `month`, `issued`, optional dimensions: monthly counts.
  case monthly
}

/// A canonical column of SPEC §2.1, shared by all sources.
///
/// The raw value is the column's position in ``allCases``, used to index column maps
/// and value tables without hashing on the hot path.
public enum CanonicalField: Int, Sendable, CaseIterable {
  case orderID
  case orderDate
  case completionDate
  case agreedDate
  case contractDays
  case status
  case ticketID
  case kind
  case category
  case openedAt
  case resolvedAt
  case effective
  case suspendedMinutes
  case invoiceID
  case outcome
  case issueDate
  case docType
  case month
  case issued
  case activeLines
  case service
  case access
  case technology
  case customer
  case region
  case exclusion
  case updatedAt
  case callID
  case startedAt
  case operatorRequestedAt
  case answeredAt
  case endedAt
  case surveyID
  case sentAt
  case responded
  case clarity
  case courtesy
  case quality
  case speed

  /// The canonical column name (`order_id`).
  public var name: String { Self.names[rawValue] }

  /// The field called `name`, if any.
  public init?(name: String) {
    guard let index = Self.names.firstIndex(of: name) else { return nil }
    self.init(rawValue: index)
  }

  /// Position in ``allCases``.
  @inlinable public var index: Int { rawValue }

  /// The canonical values of a field with a closed set of values (SPEC §2.1: `status`,
  /// `kind`, `category`, `outcome`, `doc_type`, `effective`, `responded`), in the order of their type's
  /// cases; nil for a field that takes any text.
  public var closedValues: [String]? {
    switch self {
    case .status: OrderStatus.allCases.map(\.rawValue)
    case .kind: TicketKind.allCases.map(\.rawValue)
    case .category: ComplaintCategory.allCases.map(\.rawValue)
    case .outcome: ComplaintOutcome.allCases.map(\.rawValue)
    case .docType: DocumentType.allCases.map(\.rawValue)
    case .effective, .responded: ["true", "false"]
    default: nil
    }
  }

  private static let names = [
    "order_id", "order_date", "completion_date", "agreed_date", "contract_days", "status", "ticket_id",
    "kind",
    "category", "opened_at", "resolved_at", "effective", "suspended_minutes", "invoice_id", "outcome",
    "issue_date", "doc_type", "month", "issued", "active_lines", "service", "access", "technology",
    "customer",
    "region", "exclusion", "updated_at", "call_id", "started_at", "operator_requested_at", "answered_at",
    "ended_at", "survey_id", "sent_at", "responded", "clarity", "courtesy", "quality", "speed",
  ]
}

extension CanonicalField {
  /// The dimension this field holds, nil for a field that is not a dimension.
  public var dimension: DimensionField? {
    DimensionField.allCases.first { $0.field == self }
  }
}

extension DimensionField {
  /// The canonical column holding this dimension.
  public var field: CanonicalField {
    switch self {
    case .service: .service
    case .access: .access
    case .technology: .technology
    case .customer: .customer
    case .region: .region
    }
  }
}

/// The columns of one source: which exist, which a file must have, which take closed values.
public struct SourceSchema: Sendable {
  public let kind: SourceKind
  /// Every canonical field the source knows, in SPEC order.
  public let fields: [CanonicalField]
  /// Fields whose column must be present in every file (missing column = file-level error).
  public let requiredColumns: Set<CanonicalField>
  /// The field identifying a record, for de-duplication (SPEC §2.2); nil for counts.
  public let idField: CanonicalField?
  /// Whether records with the same id are folded unless the configuration says otherwise.
  public let deduplicatesByDefault: Bool

  /// The fields of ``fields`` that take closed values, with those values.
  public var closedFields: [(field: CanonicalField, values: [String])] {
    fields.compactMap { field in field.closedValues.map { (field, $0) } }
  }

  /// The fields of ``fields`` whose values are mapped but not closed by the schema: the
  /// dimensions and the exclusion code. The configuration may close them (a dimension with a
  /// value mapping, an `exclusions:` list; SPEC §2.3).
  public var openValueFields: [CanonicalField] {
    fields.filter { field in field.dimension != nil || field == .exclusion }
  }

  /// Whether rows carry an exclusion code (orders, tickets, calls), so that the source may declare
  /// its admitted causes (`exclusions:`).
  public var hasExclusions: Bool { fields.contains(.exclusion) }

  /// The schema of `kind`; `invoiceLayout` chooses between the invoices' two layouts.
  public static func of(_ kind: SourceKind, invoiceLayout: InvoiceLayout = .rows) -> SourceSchema {
    let dimensions: [CanonicalField] = [.service, .access, .technology, .customer, .region]
    switch kind {
    case .orders:
      return SourceSchema(
        kind: kind,
        fields: [.orderID, .orderDate, .completionDate, .agreedDate, .contractDays, .status] + dimensions + [
          .exclusion, .updatedAt,
        ],
        requiredColumns: [
          .orderID, .orderDate, .completionDate, .status, .service, .access, .technology, .customer,
        ], idField: .orderID, deduplicatesByDefault: true)
    case .tickets:
      return SourceSchema(
        kind: kind,
        fields: [
          .ticketID, .kind, .category, .openedAt, .resolvedAt, .effective, .suspendedMinutes, .invoiceID,
          .outcome,
        ] + dimensions + [.exclusion, .updatedAt],
        requiredColumns: [
          .ticketID, .kind, .openedAt, .resolvedAt, .service, .access, .technology, .customer,
        ], idField: .ticketID, deduplicatesByDefault: true)
    case .invoices:
      switch invoiceLayout {
      case .rows:
        return SourceSchema(
          kind: kind, fields: [.invoiceID, .issueDate, .docType, .service, .customer],
          requiredColumns: [.invoiceID, .issueDate, .docType], idField: .invoiceID,
          deduplicatesByDefault: false)
      case .monthly:
        return SourceSchema(
          kind: kind, fields: [.month, .issued] + dimensions, requiredColumns: [.month, .issued],
          idField: nil, deduplicatesByDefault: false)
      }
    case .lines:
      return SourceSchema(
        kind: kind, fields: [.month, .activeLines] + dimensions, requiredColumns: [.month, .activeLines],
        idField: nil, deduplicatesByDefault: false)
    case .calls:
      // `ended_at` may be left out of the export: a call without it is never a short abandon.
      return SourceSchema(
        kind: kind,
        fields: [
          .callID, .startedAt, .operatorRequestedAt, .answeredAt, .endedAt, .service, .customer, .region,
          .exclusion, .updatedAt,
        ],
        requiredColumns: [.callID, .startedAt, .operatorRequestedAt, .answeredAt], idField: .callID,
        deduplicatesByDefault: true)
    case .surveys:
      // A survey that does not ask one of the four questions has no column for it.
      return SourceSchema(
        kind: kind,
        fields: [.surveyID, .sentAt, .responded, .clarity, .courtesy, .quality, .speed, .customer],
        requiredColumns: [.surveyID, .sentAt, .responded], idField: .surveyID, deduplicatesByDefault: false)
    }
  }
}
