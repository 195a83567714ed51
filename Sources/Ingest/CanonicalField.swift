import Configuration

/// A canonical column of SPEC §2.1, shared by all sources.
///
/// The raw value is the column's position in ``allCases``, used to index column maps
/// and value tables without hashing on the hot path.
enum CanonicalField: Int, CaseIterable {
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

  /// The canonical column name (`order_id`).
  var name: String { Self.names[rawValue] }

  /// The field called `name`, if any.
  init?(name: String) {
    guard let index = Self.names.firstIndex(of: name) else { return nil }
    self.init(rawValue: index)
  }

  /// Position in ``allCases``.
  var index: Int { rawValue }

  private static let names = [
    "order_id",
    "order_date",
    "completion_date",
    "agreed_date",
    "contract_days",
    "status",
    "ticket_id",
    "kind",
    "category",
    "opened_at",
    "resolved_at",
    "effective",
    "suspended_minutes",
    "invoice_id",
    "outcome",
    "issue_date",
    "doc_type",
    "month",
    "issued",
    "active_lines",
    "service",
    "access",
    "technology",
    "customer",
    "region",
    "exclusion",
    "updated_at",
  ]
}

/// The columns of one source and which of them a file must have.
struct SourceSchema {
  let kind: SourceKind
  /// Every canonical field the source knows, in SPEC order.
  let fields: [CanonicalField]
  /// Fields whose column must be present in every file (missing column = file-level error).
  let requiredColumns: Set<CanonicalField>

  static func of(_ kind: SourceKind, invoiceLayout: InvoiceLayout) -> SourceSchema {
    switch kind {
    case .orders:
      return SourceSchema(
        kind: kind,
        fields: [
          .orderID, .orderDate, .completionDate, .agreedDate, .contractDays, .status, .service, .access,
          .technology, .customer, .region, .exclusion, .updatedAt,
        ],
        requiredColumns: [
          .orderID, .orderDate, .completionDate, .status, .service, .access, .technology, .customer,
        ])
    case .tickets:
      return SourceSchema(
        kind: kind,
        fields: [
          .ticketID, .kind, .category, .openedAt, .resolvedAt, .effective, .suspendedMinutes, .invoiceID,
          .outcome, .service, .access, .technology, .customer, .region, .exclusion, .updatedAt,
        ],
        requiredColumns: [
          .ticketID, .kind, .openedAt, .resolvedAt, .service, .access, .technology, .customer,
        ])
    case .invoices:
      switch invoiceLayout {
      case .rows:
        return SourceSchema(
          kind: kind, fields: [.invoiceID, .issueDate, .docType, .service, .customer],
          requiredColumns: [.invoiceID, .issueDate, .docType])
      case .monthly:
        return SourceSchema(
          kind: kind, fields: [.month, .issued, .service, .access, .technology, .customer, .region],
          requiredColumns: [.month, .issued])
      }
    case .lines:
      return SourceSchema(
        kind: kind, fields: [.month, .activeLines, .service, .access, .technology, .customer, .region],
        requiredColumns: [.month, .activeLines])
    }
  }
}

/// Where each canonical field sits in a file's header.
///
/// Owns the column table that every row's ``RowFields`` points to; it must outlive them.
final class ColumnMap {
  /// Column index per ``CanonicalField/index``, -1 when the file lacks it.
  private let columns: [Int]
  /// The same table as raw memory, for ``RowFields``.
  let indexes: UnsafeMutablePointer<Int>
  /// Number of header fields: every record must have exactly this many.
  let width: Int

  /// Maps a header: configured names first (exact, then ignoring case), then canonical names.
  /// - Throws: a ``FileError`` on line 1 for a missing required column or a field named twice.
  init(header: [String], schema: SourceSchema, configured: [String: String], path: String) throws(FileError) {
    var columns = Array(repeating: -1, count: CanonicalField.allCases.count)
    width = header.count
    let lowered = Dictionary(
      configured.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
    var column = 1
    for (index, raw) in header.enumerated() {
      let name = raw.trimmingASCIISpaces()
      let canonicalName = configured[name] ?? lowered[name.lowercased()] ?? name.lowercased()
      if let field = CanonicalField(name: canonicalName), schema.fields.contains(field) {
        if columns[field.index] >= 0 {
          throw FileError(
            path: path, line: 1, column: column,
            message: "column '\(name)' maps to '\(field.name)', which an earlier column already provides")
        }
        columns[field.index] = index
      }
      column += raw.utf8.count + 1
    }
    for field in schema.fields where schema.requiredColumns.contains(field) && columns[field.index] < 0 {
      let alias = configured.filter { $0.value == field.name }.map { "'\($0.key)'" }.sorted()
      let expected = alias.isEmpty ? "'\(field.name)'" : alias.joined(separator: " or ")
      throw FileError(
        path: path, line: 1, column: 1,
        message: "missing required column \(expected) (\(schema.kind.rawValue).\(field.name))")
    }
    self.columns = columns
    indexes = .allocate(capacity: columns.count)
    indexes.initialize(from: columns, count: columns.count)
  }

  deinit {
    indexes.deallocate()
  }

  /// The column of `field`, or nil when the file lacks it.
  subscript(field: CanonicalField) -> Int? {
    let column = columns[field.index]
    return column < 0 ? nil : column
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  func trimmingASCIISpaces() -> String {
    let bytes = Array(utf8)
    var start = 0
    var end = bytes.count
    while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
    while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
    return start == 0 && end == bytes.count ? self : String(decoding: bytes[start..<end], as: UTF8.self)
  }
}
