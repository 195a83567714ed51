import Configuration
import ReportCore

/// Turns the rows of one source into records; one implementation per source.
protocol RecordSink {
  var values: ValueTables { get set }
  /// Date patterns and time zone of the source.
  var decoding: SourceDecoding { get }
  /// Duplicates folded so far.
  var duplicates: Int { get }
  /// Takes one row, or throws why it cannot be used.
  mutating func consume(_ fields: RowFields, file: String) throws(RowProblem)
  /// Called for every row of a group of rows (a few hundred) before the first is consumed:
  /// notes the memory that consuming it will need.
  mutating func prefetch(_ fields: RowFields)
  /// Called after ``prefetch(_:)`` for every row of the group: loads the noted memory, many
  /// loads at a time, so that their cache misses overlap.
  mutating func loadPrefetched()
}

extension RecordSink {
  mutating func prefetch(_ fields: RowFields) {}
  mutating func loadPrefetched() {}

  /// Reads the dimension fields; `required` ones must be non-empty.
  mutating func dimensions(_ fields: RowFields, required: [DimensionField], optional: [DimensionField])
    throws(RowProblem)
    -> DimensionValues
  {
    var result = DimensionValues()
    for dimension in required {
      let id = try values.open(dimension.field, in: fields)
      if id == 0 { throw fields.missing(dimension.field) }
      result[dimension] = id
    }
    for dimension in optional {
      result[dimension] = try values.open(dimension.field, in: fields)
    }
    return result
  }

  /// The four dimensions every order and ticket must have (service, access, technology,
  /// customer, in that order) and the optional region: the hot case of
  /// ``dimensions(_:required:optional:)``, without its loops.
  mutating func coreDimensions(_ fields: RowFields) throws(RowProblem) -> DimensionValues {
    var result = DimensionValues()
    result.service = try requiredOpen(.service, fields)
    result.access = try requiredOpen(.access, fields)
    result.technology = try requiredOpen(.technology, fields)
    result.customer = try requiredOpen(.customer, fields)
    result.region = try values.open(.region, in: fields)
    return result
  }

  /// An open value that must not be empty.
  private mutating func requiredOpen(_ field: CanonicalField, _ fields: RowFields) throws(RowProblem)
    -> UInt32
  {
    let id = try values.open(field, in: fields)
    if id == 0 { throw fields.missing(field) }
    return id
  }

  /// A closed field that must be present, as a case of `type`.
  mutating func requiredCase<T: CaseIterable>(_ field: CanonicalField, _ fields: RowFields, as type: T.Type)
    throws(RowProblem) -> T where T.AllCases == [T]
  {
    guard let position = try values.closed(field, in: fields) else {
      throw fields.missing(field)
    }
    return T.allCases[Int(position) - 1]
  }

  /// A closed field that may be empty, as a case of `type`.
  mutating func optionalCase<T: CaseIterable>(_ field: CanonicalField, _ fields: RowFields, as type: T.Type)
    throws(RowProblem) -> T? where T.AllCases == [T]
  {
    guard let position = try values.closed(field, in: fields) else { return nil }
    return T.allCases[Int(position) - 1]
  }
}

/// A sink whose records have an id (``SourceSchema/idField``), kept in a ``RecordStore``.
protocol IdentifiedRecordSink: RecordSink {
  associatedtype Record
  var store: RecordStore<Record> { get set }
  /// The schema's id field of the source.
  var idField: CanonicalField { get }
}

extension IdentifiedRecordSink {
  var duplicates: Int { store.duplicates }
  var records: [Record] { store.records }
  /// The records' ids, in the same order, when kept.
  var ids: RecordIDs? { store.ids }

  mutating func prefetch(_ fields: RowFields) {
    store.prefetch(id: fields.bytes(idField))
  }

  mutating func loadPrefetched() {
    store.loadPrefetched()
  }
}

/// Orders (SPEC §2.1): one record per `order_id` after de-duplication.
struct OrdersSink: IdentifiedRecordSink {
  var values: ValueTables
  let decoding: SourceDecoding
  var store: RecordStore<Order>
  let idField: CanonicalField

  /// - Parameter keepingIDs: keep the records' ids (``RecordStore/ids``), for `run`.
  init(configuration: SourceConfiguration, decoding: SourceDecoding, keepingIDs: Bool = false) {
    self.decoding = decoding
    values = ValueTables(configuration: configuration)
    store = RecordStore(deduplicating: configuration.deduplicate, keepingIDs: keepingIDs)
    idField = configuration.schema.idField!
  }

  /// Rules: `order_id`, `order_date`, `status` and the four dimensions are required;
  /// a completed order needs `completion_date`, on or after the order (compared as
  /// instants when both carry a time, else as local dates).
  mutating func consume(_ fields: RowFields, file: String) throws(RowProblem) {
    let id = try fields.requiredBytes(idField)
    let ordered = try decoding.requiredTimestamp(.orderDate, in: fields)
    let completed = try decoding.timestamp(.completionDate, in: fields)
    let agreed = try decoding.date(.agreedDate, in: fields)
    let contractDays = try fields.count(.contractDays)
    let status = try requiredCase(.status, fields, as: OrderStatus.self)
    let dimensions = try coreDimensions(fields)
    let exclusion = try values.open(.exclusion, in: fields)
    let updatedAt = try decoding.instant(.updatedAt, in: fields)
    if status == .completed && completed == nil {
      throw RowProblem(field: .completionDate, value: "", reason: "missing required field (status completed)")
    }
    if let completed, precedes(completed, ordered) {
      throw RowProblem(
        field: .completionDate, value: fields.text(.completionDate), reason: "completion before order")
    }
    guard contractDays.map({ $0 <= Int64(Int32.max) }) ?? true else {
      throw RowProblem(field: .contractDays, value: fields.text(.contractDays), reason: "number too large")
    }
    let order = Order(
      orderDate: ordered.date, completionDate: completed?.date, agreedDate: agreed,
      contractDays: contractDays.map { Int32($0) }, status: status, dimensions: dimensions,
      exclusion: exclusion)
    store.add(order, id: id, updatedAt: updatedAt, encoding: fields.encoding)
  }
}

/// Tickets (SPEC §2.1): one record per `ticket_id` after de-duplication.
struct TicketsSink: IdentifiedRecordSink {
  var values: ValueTables
  let decoding: SourceDecoding
  var store: RecordStore<Ticket>
  let idField: CanonicalField

  /// - Parameter keepingIDs: keep the records' ids (``RecordStore/ids``), for `run`.
  init(configuration: SourceConfiguration, decoding: SourceDecoding, keepingIDs: Bool = false) {
    self.decoding = decoding
    values = ValueTables(configuration: configuration)
    store = RecordStore(deduplicating: configuration.deduplicate, keepingIDs: keepingIDs)
    idField = configuration.schema.idField!
  }

  /// Rules: `ticket_id`, `kind`, `opened_at` and the four dimensions are required;
  /// `effective` defaults to true; `resolved_at` may not precede `opened_at`.
  mutating func consume(_ fields: RowFields, file: String) throws(RowProblem) {
    let id = try fields.requiredBytes(idField)
    let kind = try requiredCase(.kind, fields, as: TicketKind.self)
    let category = try optionalCase(.category, fields, as: ComplaintCategory.self)
    let opened = try decoding.requiredInstant(.openedAt, in: fields)
    let resolved = try decoding.instant(.resolvedAt, in: fields)
    let effective = try values.closed(.effective, in: fields).map { $0 == 1 } ?? true
    let suspended = try fields.count(.suspendedMinutes) ?? 0
    let invoice = fields.optionalText(.invoiceID).map { values.dictionary.id(for: $0) } ?? 0
    let outcome = try optionalCase(.outcome, fields, as: ComplaintOutcome.self)
    let dimensions = try coreDimensions(fields)
    let exclusion = try values.open(.exclusion, in: fields)
    let updatedAt = try decoding.instant(.updatedAt, in: fields)
    if let resolved, resolved < opened {
      throw RowProblem(
        field: .resolvedAt, value: fields.text(.resolvedAt), reason: "resolution before opening")
    }
    guard suspended <= Int64(Int32.max) else {
      throw RowProblem(
        field: .suspendedMinutes, value: fields.text(.suspendedMinutes), reason: "number too large")
    }
    let ticket = Ticket(
      kind: kind, category: category, openedAt: opened, resolvedAt: resolved,
      effective: effective, suspendedMinutes: Int32(suspended), invoice: invoice, outcome: outcome,
      dimensions: dimensions, exclusion: exclusion)
    store.add(ticket, id: id, updatedAt: updatedAt, encoding: fields.encoding)
  }
}

/// Invoices, either one row per document or monthly counts (SPEC §2.1).
///
/// Only counts are kept (issued invoices per local date and dimensions), so memory
/// does not grow with the number of invoice rows unless de-duplication is configured.
struct InvoicesSink: RecordSink {
  var values: ValueTables
  let decoding: SourceDecoding
  let layout: InvoiceLayout
  /// Issued invoices (doc_type invoice) per issue date — or month — and dimensions.
  var issued: [DatedDimensions: Int64] = [:]
  var creditNotes: Int64 = 0
  var deduplicator: Deduplicator<(key: DatedDimensions, type: DocumentType)>?
  var monthlyRows = MonthlyKeys()
  var duplicates: Int { deduplicator?.folded ?? 0 }

  init(configuration: SourceConfiguration, decoding: SourceDecoding) {
    self.decoding = decoding
    layout = configuration.invoiceLayout
    values = ValueTables(configuration: configuration)
    deduplicator = configuration.deduplicate && layout == .rows ? Deduplicator() : nil
  }

  mutating func consume(_ fields: RowFields, file: String) throws(RowProblem) {
    switch layout {
    case .rows:
      let id = try fields.requiredBytes(.invoiceID)
      let date = try decoding.requiredDate(.issueDate, in: fields)
      let type = try requiredCase(.docType, fields, as: DocumentType.self)
      let dimensions = try self.dimensions(fields, required: [], optional: [.service, .customer])
      let key = DatedDimensions(date: date, dimensions: dimensions)
      if deduplicator != nil {
        deduplicator!.offer(id: id, record: (key, type), updatedAt: nil)
      } else {
        count(key, type: type, amount: 1)
      }
    case .monthly:
      let month = try fields.requiredMonth(.month)
      let amount = try fields.requiredCount(.issued)
      let dimensions = try self.dimensions(fields, required: [], optional: DimensionField.allCases)
      let key = DatedDimensions(date: month, dimensions: dimensions)
      try monthlyRows.claim(key, at: fields.row.line, file: file)
      count(key, type: .invoice, amount: amount)
    }
  }

  private mutating func count(_ key: DatedDimensions, type: DocumentType, amount: Int64) {
    switch type {
    case .invoice: issued[key, default: 0] += amount
    case .creditNote: creditNotes += amount
    }
  }

  /// Counts the de-duplicated documents, once every file has been read.
  mutating func finish() {
    guard let deduplicator else { return }
    for winner in deduplicator.winners { count(winner.key, type: winner.type, amount: 1) }
  }
}

/// Monthly census of active lines (SPEC §2.1 lines).
struct LinesSink: RecordSink {
  var values: ValueTables
  let decoding: SourceDecoding
  /// Active lines per month (first day) and dimensions.
  var activeLines: [DatedDimensions: Int64] = [:]
  var monthlyRows = MonthlyKeys()
  var duplicates: Int { 0 }

  init(configuration: SourceConfiguration, decoding: SourceDecoding) {
    self.decoding = decoding
    values = ValueTables(configuration: configuration)
  }

  mutating func consume(_ fields: RowFields, file: String) throws(RowProblem) {
    let month = try fields.requiredMonth(.month)
    let lines = try fields.requiredCount(.activeLines)
    let dimensions = try self.dimensions(fields, required: [], optional: DimensionField.allCases)
    let key = DatedDimensions(date: month, dimensions: dimensions)
    try monthlyRows.claim(key, at: fields.row.line, file: file)
    activeLines[key] = lines
  }
}

/// Guards monthly tables against a month and dimension combination written twice:
/// summing would double-count and picking one would hide a conflict, so the later row
/// is rejected, naming the first.
struct MonthlyKeys {
  private var seen: [DatedDimensions: (file: String, line: Int)] = [:]

  mutating func claim(_ key: DatedDimensions, at line: Int, file: String) throws(RowProblem) {
    if let first = seen[key] {
      throw RowProblem(
        field: .month, value: key.date.description.prefix(7).description,
        reason: "duplicate row for this month and dimensions (first at \(first.file):\(first.line))")
    }
    seen[key] = (file, line)
  }
}

/// True when `later` is strictly before `earlier`: as instants when both carry a time,
/// else as local calendar dates.
private func precedes(_ later: Timestamp, _ earlier: Timestamp) -> Bool {
  later.hasTime && earlier.hasTime ? later.instant < earlier.instant : later.date < earlier.date
}
