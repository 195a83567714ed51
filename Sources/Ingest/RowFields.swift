import Configuration
import ReportCore

/// Typed access to the fields of one record, through the file's ``ColumnMap``.
///
/// Every accessor trims spaces and throws a ``RowProblem`` naming the field and the
/// raw value, so a source reader states its rules as a list of field reads.
///
/// A trivial value (no references; the column table is held inline and the two settings are
/// enums without payloads), so that building one per row costs no reference counting, and
/// what it points to is the row's own bytes alone.
struct RowFields {
  let row: CSVRow
  let columns: ColumnMap
  let encoding: TextEncoding
  let decimalMark: DecimalMark

  /// The trimmed bytes of `field` in the row's batch, empty when the column is absent.
  @inline(__always)
  func field(_ field: CanonicalField) -> FieldBytes {
    guard let column = columns[field] else { return .none }
    return row[column].trimmingSpaces()
  }

  /// The trimmed bytes of `field`, empty when the column is absent.
  ///
  /// Unsafe pointer, justified: a read-only view of ``FieldBytes/bytes``, valid during the
  /// reader's `rows` call, which is where every consumer runs; the byte parsers take it rather
  /// than a `Span` because its subscript is unchecked in release builds (a byte loop each).
  @inline(__always)
  func bytes(_ field: CanonicalField) -> UnsafeRawBufferPointer {
    self.field(field).bytes
  }

  /// The raw text of `field` for messages.
  func text(_ field: CanonicalField) -> String {
    encoding.decode(bytes(field))
  }

  func isEmpty(_ field: CanonicalField) -> Bool { bytes(field).isEmpty }

  /// The trimmed bytes of a field that must not be empty (ids).
  func requiredBytes(_ field: CanonicalField) throws(RowProblem) -> UnsafeRawBufferPointer {
    let value = bytes(field)
    if value.isEmpty { throw missing(field) }
    return value
  }

  /// A non-empty text field.
  func requiredText(_ field: CanonicalField) throws(RowProblem) -> String {
    let value = bytes(field)
    if value.isEmpty { throw missing(field) }
    return encoding.decode(value)
  }

  /// A text field, nil when empty.
  func optionalText(_ field: CanonicalField) -> String? {
    let value = bytes(field)
    return value.isEmpty ? nil : encoding.decode(value)
  }

  /// A whole number ≥ 0 written with the source's decimal mark, nil when empty.
  func count(_ field: CanonicalField) throws(RowProblem) -> Int64? {
    let value = bytes(field)
    if value.isEmpty { return nil }
    guard let number = FieldParsing.wholeNumber(value, decimalMark: decimalMark), number >= 0 else {
      throw RowProblem(field: field, value: text(field), reason: "not a whole number ≥ 0")
    }
    return number
  }

  func requiredCount(_ field: CanonicalField) throws(RowProblem) -> Int64 {
    guard let value = try count(field) else { throw missing(field) }
    return value
  }

  /// A `yyyy-MM` month as its first day.
  func requiredMonth(_ field: CanonicalField) throws(RowProblem) -> LocalDate {
    let value = bytes(field)
    if value.isEmpty { throw missing(field) }
    guard let (year, month) = FieldParsing.month(value),
      let date = LocalDate(year: year, month: month, day: 1)
    else {
      throw RowProblem(field: field, value: text(field), reason: "bad month (expected yyyy-MM)")
    }
    return date
  }

  func missing(_ field: CanonicalField) -> RowProblem {
    RowProblem(field: field, value: "", reason: "missing required field")
  }
}

/// A parsed date or date-time: the instant and the local calendar date.
struct Timestamp {
  /// Seconds since the Unix epoch (UTC).
  var instant: Int64
  /// Local calendar date in the configured time zone.
  var date: LocalDate
  /// False for a date without time of day (then `instant` is local midnight).
  var hasTime: Bool
}

/// The per-source date settings that turn bytes into instants.
///
/// Record sinks keep one as a stored property, so that the per-row calls borrow it
/// instead of retaining its arrays.
struct SourceDecoding: Sendable {
  let patterns: [DateTimePattern]
  /// The ``DateTimePattern/layout`` of each pattern, apart: a layout holds no reference, so
  /// reading one out of this array retains nothing, where reading a pattern out of
  /// ``patterns`` retains its program and text.
  private let layouts: [FixedWidthLayout?]
  private let months = MonthStarts()
  let zone: TimeZoneTable

  init(patterns: [DateTimePattern], zone: TimeZoneTable) {
    self.patterns = patterns
    self.layouts = patterns.map(\.layout)
    self.zone = zone
  }

  /// A date or date-time in one of the source's formats, converted with the time zone.
  func timestamp(_ field: CanonicalField, in fields: RowFields) throws(RowProblem) -> Timestamp? {
    guard let parsed = try parsed(field, in: fields) else { return nil }
    return timestamp(parsed)
  }

  func requiredTimestamp(_ field: CanonicalField, in fields: RowFields) throws(RowProblem) -> Timestamp {
    guard let value = try timestamp(field, in: fields) else { throw fields.missing(field) }
    return value
  }

  /// Only the instant of ``timestamp(_:in:)``, which saves finding the local date.
  func instant(_ field: CanonicalField, in fields: RowFields) throws(RowProblem) -> Int64? {
    guard let parsed = try parsed(field, in: fields) else { return nil }
    return instant(parsed)
  }

  func requiredInstant(_ field: CanonicalField, in fields: RowFields) throws(RowProblem) -> Int64 {
    guard let value = try instant(field, in: fields) else { throw fields.missing(field) }
    return value
  }

  /// Only the local date of ``timestamp(_:in:)``, which for a date without time and offset
  /// saves the time zone altogether.
  func date(_ field: CanonicalField, in fields: RowFields) throws(RowProblem) -> LocalDate? {
    guard let parsed = try parsed(field, in: fields) else { return nil }
    if !parsed.hasTime && parsed.utcOffsetSeconds == nil { return parsed.local.date }
    return timestamp(parsed).date
  }

  func requiredDate(_ field: CanonicalField, in fields: RowFields) throws(RowProblem) -> LocalDate {
    guard let value = try date(field, in: fields) else { throw fields.missing(field) }
    return value
  }

  /// The wall clock of `field` in the first of the source's patterns that matches, nil when empty.
  @inline(__always)
  private func parsed(_ field: CanonicalField, in fields: RowFields) throws(RowProblem) -> ParsedTimestamp? {
    let value = fields.bytes(field)
    if value.isEmpty { return nil }
    guard let parsed = parse(value) else {
      throw RowProblem(field: field, value: fields.text(field), reason: "bad date")
    }
    return parsed
  }

  /// The instant and local date of a wall clock (SPEC §3: naive times are local, gap and fold rules).
  @inline(__always)
  private func timestamp(_ parsed: ParsedTimestamp) -> Timestamp {
    if let offset = parsed.utcOffsetSeconds {
      let instant = parsed.local.seconds - Int64(offset)
      return Timestamp(instant: instant, date: zone.localDate(at: instant), hasTime: parsed.hasTime)
    }
    guard parsed.hasTime else {
      return Timestamp(instant: zone.instant(for: parsed.local), date: parsed.local.date, hasTime: false)
    }
    let (instant, date) = zone.instantAndLocalDate(for: parsed.local)
    return Timestamp(instant: instant, date: date, hasTime: true)
  }

  /// The UTC instant of a wall clock: its own offset if written, else the zone's.
  @inline(__always)
  private func instant(_ parsed: ParsedTimestamp) -> Int64 {
    if let offset = parsed.utcOffsetSeconds { return parsed.local.seconds - Int64(offset) }
    return zone.instant(for: parsed.local)
  }

  /// The wall clock of `bytes` in the first pattern that matches.
  private func parse(_ bytes: UnsafeRawBufferPointer) -> ParsedTimestamp? {
    for index in layouts.indices {
      if let layout = layouts[index] {
        if let parsed = layout.parse(bytes, months: months) { return parsed }
      } else if let parsed = patterns[index].parse(bytes) {
        return parsed
      }
    }
    return nil
  }
}
