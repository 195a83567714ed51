import ReportCore

/// A configured ``DatePattern`` ready to parse timestamps straight from a field's bytes.
///
/// Parsing touches no Foundation and allocates nothing; patterns whose fields all have a
/// fixed width are read by offset (``FixedWidthLayout``) instead of running the program.
public struct DateTimePattern: Sendable, Equatable {
  typealias Instruction = DatePattern.Instruction
  /// The pattern as written in the configuration.
  public var pattern: String { compiled.text }

  /// The compiled pattern.
  let compiled: DatePattern

  /// The compiled matcher program.
  var program: [DatePattern.Instruction] { compiled.program }

  /// The byte layout of the program when every field has a fixed width (see
  /// ``FixedWidthLayout``): parsing then needs no program run.
  let layout: FixedWidthLayout?

  /// The matcher of a compiled pattern.
  public init(_ compiled: DatePattern) {
    self.compiled = compiled
    layout = FixedWidthLayout(compiled.program)
  }

  /// Compiles and prepares `pattern` (for tests and tools; the configuration compiles its
  /// patterns when it is loaded).
  public init(_ pattern: String) throws(DatePatternError) {
    self.init(try DatePattern(pattern))
  }

  /// Parses a whole field (the caller trims spaces; no other leading or trailing bytes).
  ///
  /// Unsafe pointer, justified: `bytes` is a field view (``RowFields/bytes(_:)``) or a
  /// string's UTF-8 (``parse(_:)-(String)``), read inside its `count` only (see ``FixedWidthLayout``).
  ///
  /// - Returns: `nil` when the bytes do not match the pattern or name an impossible date or
  ///   time (31/02, 29/02 of a common year, month 13, 24:00, 10:60).
  public func parse(_ bytes: UnsafeRawBufferPointer) -> ParsedTimestamp? {
    if let layout { return layout.parse(bytes) }
    var fields = Fields()
    guard run(from: 0, at: 0, in: bytes, fields: &fields) else { return nil }
    return fields.timestamp()
  }

  /// Parses a whole string; a convenience over `parse(_:)` for configuration and tests.
  public func parse(_ text: String) -> ParsedTimestamp? {
    var text = text
    return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
  }

  /// Runs the program from instruction `start` at byte `position`, backtracking into
  /// optional sections; true when the program and the bytes end together.
  private func run(
    from start: Int, at position: Int, in bytes: UnsafeRawBufferPointer, fields: inout Fields
  ) -> Bool {
    var index = start
    var position = position
    let count = bytes.count
    while index < program.count {
      switch program[index] {
      case .literal(let byte):
        guard position < count, bytes[position] == byte else { return false }
        position += 1
      case .number(let field, let minDigits, let maxDigits):
        var value = 0
        var digits = 0
        while digits < maxDigits, position < count {
          let digit = bytes[position] &- UInt8(ascii: "0")
          guard digit < 10 else { break }
          value = value * 10 + Int(digit)
          digits += 1
          position += 1
        }
        guard digits >= minDigits else { return false }
        fields.set(field, value)
      case .fraction(let separators):
        if separators != .bare {
          guard position < count, separators.contains(bytes[position]) else { return false }
          position += 1
        }
        let first = position
        while position < count, bytes[position] &- UInt8(ascii: "0") < 10 { position += 1 }
        guard position > first else { return false }
      case .dateTimeSeparator:
        guard position < count, bytes[position] == UInt8(ascii: "T") || bytes[position] == 0x20
        else { return false }
        position += 1
      case .offset:
        guard let (offset, end) = Self.parseOffset(bytes, at: position) else { return false }
        fields.offset = offset
        position = end
      case .optional(let end):
        let saved = fields
        if run(from: index + 1, at: position, in: bytes, fields: &fields) { return true }
        fields = saved
        index = end
      case .endOptional:
        break
      }
      index += 1
    }
    return position == count
  }

  /// Reads `Z`, `±HH:MM`, `±HHMM` or `±HH` at `position`: the offset in seconds east of UTC
  /// and the position after it.
  private static func parseOffset(
    _ bytes: UnsafeRawBufferPointer, at position: Int
  ) -> (Int32, Int)? {
    let count = bytes.count
    guard position < count else { return nil }
    let sign = bytes[position]
    if sign == UInt8(ascii: "Z") { return (0, position + 1) }
    guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
    func twoDigits(at index: Int) -> Int? {
      guard index + 1 < count else { return nil }
      let tens = bytes[index] &- UInt8(ascii: "0")
      let ones = bytes[index + 1] &- UInt8(ascii: "0")
      guard tens < 10, ones < 10 else { return nil }
      return Int(tens) * 10 + Int(ones)
    }
    guard let hours = twoDigits(at: position + 1), hours <= 23 else { return nil }
    var end = position + 3
    var minutes = 0
    if end < count, bytes[end] == UInt8(ascii: ":") {
      guard let value = twoDigits(at: end + 1) else { return nil }
      minutes = value
      end += 3
    } else if let value = twoDigits(at: end) {
      minutes = value
      end += 2
    }
    guard minutes <= 59 else { return nil }
    let seconds = Int32(hours * 3600 + minutes * 60)
    return (sign == UInt8(ascii: "-") ? -seconds : seconds, end)
  }

}

/// A timestamp read from a field: the wall clock as written, and its offset if it had one.
public struct ParsedTimestamp: Sendable, Equatable {
  /// The date and time of day as written (midnight when the text had no time).
  public var local: LocalDateTime

  /// The UTC offset written in the text, in seconds east; `nil` for a naive local time.
  public var utcOffsetSeconds: Int32?

  /// Whether the text had a time of day (false for date-only patterns and for an absent
  /// optional time section).
  public var hasTime: Bool

  /// Creates a parsed timestamp.
  public init(local: LocalDateTime, utcOffsetSeconds: Int32? = nil, hasTime: Bool) {
    self.local = local
    self.utcOffsetSeconds = utcOffsetSeconds
    self.hasTime = hasTime
  }

  /// The UTC instant (seconds since the Unix epoch): the written offset if any, otherwise
  /// the local time in `zone` (SPEC §3: naive timestamps are local time).
  public func instant(in zone: TimeZoneTable) -> Int64 {
    if let offset = utcOffsetSeconds {
      return local.seconds - Int64(offset)
    }
    return zone.instant(for: local)
  }
}

/// The day number of the first day of every month from January 1900 to January 2200, so
/// that the date of a year, month and day in those years is a look-up (which also gives the
/// month's length) instead of `LocalDate`'s calendar arithmetic.
///
/// Kept by each ``SourceDecoding`` rather than in a global, whose every use would go through
/// the runtime's one-time initialization check.
struct MonthStarts: Sendable {
  /// Days since 1970-01-01 of the first of each month, at index `(year - 1900) * 12 + month - 1`.
  private let days: [Int32] = (0...300 * 12).map { index in
    Int32(LocalDate.daysFromCivil(year: 1900 + index / 12, month: index % 12 + 1, day: 1))
  }

  /// The date of `year`, `month` and `day`, nil when it does not exist (31/02, month 13).
  @inline(__always)
  func date(year: Int, month: Int, day: Int) -> LocalDate? {
    guard year >= 1900, year < 2200, month >= 1, month <= 12 else {
      return LocalDate(year: year, month: month, day: day)
    }
    let index = (year - 1900) * 12 + month - 1
    let first = days[index]
    guard day >= 1, day <= days[index + 1] - first else { return nil }
    return LocalDate(day: first + Int32(day - 1))
  }
}

/// The layout of a pattern of at most 32 bytes made only of literals and fixed-width numbers
/// (`yyyy-MM-dd HH:mm`, `dd/MM/yyyy`, not `d/M/yyyy`, optional sections, fractions or offsets).
///
/// Such a pattern matches only fields of one length, with every literal and digit at a known
/// position. A field is checked eight bytes at a time: each 8-byte word of it (the last one
/// zero-padded) must hold the pattern's literals where it has literals and digits where it
/// has numbers; the numbers are then read at their offsets. The same result as running the
/// program, at a fraction of the cost.
///
/// The layout is a plain value (no array, which would be retained and released whenever the
/// layout is read out of an array of layouts).
struct FixedWidthLayout: Sendable, Equatable {
  typealias Instruction = DatePattern.Instruction
  typealias Field = DatePattern.Field
  /// The length of a matching field, in bytes.
  let length: Int
  /// What each 8-byte word of a matching field holds.
  let word0, word1, word2, word3: Word
  let year: Number
  let month: Number
  let day: Number
  let hour: Number
  let minute: Number
  let second: Number

  /// What the bytes of one 8-byte word of a field must be (the first byte in the lowest bits).
  struct Word: Sendable, Equatable {
    /// 0xFF in the bytes that hold a literal.
    var literalMask: UInt64 = 0
    /// The literal bytes, 0 in the others.
    var literals: UInt64 = 0
    /// 0xFF in the bytes that hold a digit.
    var digitMask: UInt64 = 0

    @inline(__always)
    func matches(_ word: UInt64) -> Bool {
      // With '0' (0x30) xored away a digit byte is 0...9. Adding 0x76 to the low seven bits
      // of a byte sets its high bit exactly when they are 10 or more, without carrying into
      // the next byte; or-ing in the byte itself also flags bytes of 0x80 and up.
      let values = word ^ 0x3030_3030_3030_3030
      let notDigits =
        ((values & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7676_7676_7676_7676 | values) & 0x8080_8080_8080_8080
      return word & literalMask == literals && notDigits & digitMask == 0
    }
  }

  /// Where a number's digits are; a field absent from the pattern has no digits.
  struct Number: Sendable, Equatable {
    var offset: UInt8 = 0
    /// Digit count, 0...4.
    var width: UInt8 = 0
  }

  /// The layout of `program`, or nil when the program has a variable-width part or matches
  /// more than 32 bytes.
  init?(_ program: [Instruction]) {
    var length = 0
    var words = [Word](repeating: Word(), count: 4)
    var numbers: [Field: Number] = [:]
    for instruction in program {
      switch instruction {
      case .literal(let byte):
        guard length < 32 else { return nil }
        words[length / 8].literalMask |= 0xFF << (8 * UInt64(length % 8))
        words[length / 8].literals |= UInt64(byte) << (8 * UInt64(length % 8))
        length += 1
      case .number(let field, let minDigits, let maxDigits) where minDigits == maxDigits:
        guard length + maxDigits <= 32 else { return nil }
        numbers[field] = Number(offset: UInt8(length), width: UInt8(maxDigits))
        for _ in 0..<maxDigits {
          words[length / 8].digitMask |= 0xFF << (8 * UInt64(length % 8))
          length += 1
        }
      default:
        return nil
      }
    }
    self.length = length
    (word0, word1, word2, word3) = (words[0], words[1], words[2], words[3])
    year = numbers[.year, default: Number()]
    month = numbers[.month, default: Number()]
    day = numbers[.day, default: Number()]
    hour = numbers[.hour, default: Number()]
    minute = numbers[.minute, default: Number()]
    second = numbers[.second, default: Number()]
  }

  /// Parses a whole field, as ``DateTimePattern/parse(_:)-(UnsafeRawBufferPointer)`` does,
  /// finding dates in `months` when it can.
  @inline(__always)
  func parse(_ bytes: UnsafeRawBufferPointer, months: MonthStarts? = nil) -> ParsedTimestamp? {
    var fields = Fields()
    guard read(bytes, into: &fields) else { return nil }
    return fields.timestamp(months: months)
  }

  /// Reads `bytes` into `fields`; false when they do not match the layout.
  @inline(__always)
  private func read(_ bytes: UnsafeRawBufferPointer, into fields: inout Fields) -> Bool {
    guard bytes.count == length, word0.matches(Self.word(0, of: bytes)),
      length <= 8 || word1.matches(Self.word(1, of: bytes)),
      length <= 16 || word2.matches(Self.word(2, of: bytes)),
      length <= 24 || word3.matches(Self.word(3, of: bytes))
    else { return false }
    fields.year = Self.value(of: year, in: bytes)
    fields.month = Self.value(of: month, in: bytes)
    if day.width > 0 { fields.day = Self.value(of: day, in: bytes) }
    fields.hour = Self.value(of: hour, in: bytes)
    fields.minute = Self.value(of: minute, in: bytes)
    fields.second = Self.value(of: second, in: bytes)
    fields.hasTime = hour.width > 0
    return true
  }

  /// The number spelled by a number's digits, known to be digits (0 when it has none).
  @inline(__always)
  private static func value(of number: Number, in bytes: UnsafeRawBufferPointer) -> Int {
    var value = 0
    for index in Int(number.offset)..<Int(number.offset &+ number.width) {
      value = value &* 10 &+ Int(bytes[index] &- UInt8(ascii: "0"))
    }
    return value
  }

  /// Bytes `8 * index ..< 8 * index + 8` of a field that has more than `8 * index`, the first in
  /// the lowest bits, zero-padded. Reads only inside `bytes`: a partial last word is loaded
  /// from the field's last eight bytes and shifted down.
  @inline(__always)
  private static func word(_ index: Int, of bytes: UnsafeRawBufferPointer) -> UInt64 {
    let start = 8 * index
    let count = bytes.count
    if start + 8 <= count {
      return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self))
    }
    if count >= 8 {
      let last = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
      return last >> (8 * UInt64(start + 8 - count))
    }
    var word: UInt64 = 0
    for offset in 0..<count { word |= UInt64(bytes[offset]) << (8 * UInt64(offset)) }
    return word
  }
}

/// The fields read so far; absent ones keep their defaults (day 1, midnight, no offset).
private struct Fields {
  typealias Field = DatePattern.Field
  var year = 0
  var month = 0
  var day = 1
  var hour = 0
  var minute = 0
  var second = 0
  var offset: Int32?
  var hasTime = false

  /// The timestamp the fields spell, nil when it does not exist (31/02, 24:00, 10:60); its
  /// date is looked up in `months` when given.
  @inline(__always)
  func timestamp(months: MonthStarts? = nil) -> ParsedTimestamp? {
    let date: LocalDate?
    if let months {
      date = months.date(year: year, month: month, day: day)
    } else {
      date = LocalDate(year: year, month: month, day: day)
    }
    guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second), let date
    else { return nil }
    let local = LocalDateTime(date: date, hour: hour, minute: minute, second: second)
    return ParsedTimestamp(local: local, utcOffsetSeconds: offset, hasTime: hasTime)
  }

  @inline(__always)
  mutating func set(_ field: Field, _ value: Int) {
    switch field {
    case .year: year = value
    case .month: month = value
    case .day: day = value
    case .hour:
      hour = value
      hasTime = true
    case .minute: minute = value
    case .second: second = value
    }
  }
}
