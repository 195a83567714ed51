import Configuration
import ReportCore

/// Typed access to the fields of one record, through the file's ``ColumnMap``.
///
/// Every accessor trims spaces and throws a ``RowProblem`` naming the field and the
/// raw value, so a source reader states its rules as a list of field reads.
struct RowFields {
  let row: CSVRow
  /// Owned by the file's read loop, which outlives every row (no reference counting per row).
  unowned(unsafe) let columns: ColumnMap
  let encoding: TextEncoding
  /// Owned by the source's plan, which outlives every row.
  unowned(unsafe) let decoding: SourceDecoding

  /// The trimmed bytes of `field`, empty when the column is absent.
  func bytes(_ field: CanonicalField) -> UnsafeRawBufferPointer {
    guard let column = columns[field] else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    return FieldParsing.trim(row[column])
  }

  /// The raw text of `field` for messages.
  func text(_ field: CanonicalField) -> String {
    encoding.decode(bytes(field))
  }

  func isEmpty(_ field: CanonicalField) -> Bool { bytes(field).isEmpty }

  /// A non-empty text field (ids).
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

  /// A date or date-time in one of the source's formats, converted with the time zone.
  func timestamp(_ field: CanonicalField) throws(RowProblem) -> Timestamp? {
    let value = bytes(field)
    if value.isEmpty { return nil }
    guard let parsed = decoding.parseTimestamp(value) else {
      throw RowProblem(field: field, value: text(field), reason: "bad date")
    }
    return parsed
  }

  func requiredTimestamp(_ field: CanonicalField) throws(RowProblem) -> Timestamp {
    guard let value = try timestamp(field) else { throw missing(field) }
    return value
  }

  /// A whole number ≥ 0 written with the source's decimal mark, nil when empty.
  func count(_ field: CanonicalField) throws(RowProblem) -> Int64? {
    let value = bytes(field)
    if value.isEmpty { return nil }
    guard let number = FieldParsing.wholeNumber(value, decimalMark: decoding.decimalMark), number >= 0 else {
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
    guard let (year, month) = FieldParsing.month(value), let date = LocalDate(year: year, month: month, day: 1)
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

/// The per-source settings that turn bytes into values.
final class SourceDecoding: Sendable {
  let patterns: [DateTimePattern]
  let zone: TimeZoneTable
  let decimalMark: DecimalMark

  init(patterns: [DateTimePattern], zone: TimeZoneTable, decimalMark: DecimalMark) {
    self.patterns = patterns
    self.zone = zone
    self.decimalMark = decimalMark
  }

  /// Tries each configured pattern in order (SPEC §3: naive times are local, gap and fold rules).
  func parseTimestamp(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
    for index in patterns.indices {
      guard let parsed = patterns[index].parse(bytes) else { continue }
      if let offset = parsed.utcOffsetSeconds {
        let instant = parsed.local.seconds - Int64(offset)
        return Timestamp(instant: instant, date: zone.localDate(at: instant), hasTime: parsed.hasTime)
      }
      let instant = zone.instant(for: parsed.local)
      let date = parsed.hasTime ? zone.localDate(at: instant) : parsed.local.date
      return Timestamp(instant: instant, date: date, hasTime: parsed.hasTime)
    }
    return nil
  }
}
