import ReportCore

/// A compiled date/time pattern that parses timestamps straight from a field's bytes.
///
/// SPEC §2 (dates): exports write `dd/mm/yyyy`, `dd/mm/yyyy HH:mm[:ss]`, `yyyy-mm-dd` and
/// ISO 8601 with or without an offset, configurable per source. The pattern language is
/// ICU-like and case-sensitive:
///
/// | text | meaning |
/// |---|---|
/// | `yyyy` | four-digit year |
/// | `MM`, `M` | month, two digits / one or two digits |
/// | `dd`, `d` | day of the month, two digits / one or two digits |
/// | `HH`, `H` | hour 00–23, two digits / one or two digits |
/// | `mm`, `m` | minutes (only after an hour field) |
/// | `ss`, `s` | seconds (only after a minutes field) |
/// | `S`… | fraction-of-second digits (one or more), dropped |
/// | `XXX`, `XX`, `X`, `Z` | UTC offset: `Z`, `+01:00`, `+0100` or `+01` |
/// | `[` … `]` | optional section; may nest |
/// | `'text'`, `T` | literal text (`''` is a quote) |
/// | any other non-letter | itself |
///
/// The pattern `iso8601` accepts `yyyy-MM-dd` and `yyyy-MM-ddTHH:mm[:ss[.fraction]][offset]`
/// with `T` or a space between date and time; fraction digits are dropped.
/// A pattern needs a year and a month outside optional sections; a missing day is the 1st
/// (`yyyy-MM`), a missing time is midnight. Parsing touches no Foundation and allocates nothing.
public struct DateTimePattern: Sendable, Equatable {
  /// The pattern as written in the configuration.
  public let pattern: String

  /// The compiled matcher program.
  let program: [Instruction]

  /// The byte layout of the program when every field has a fixed width (see
  /// ``FixedWidthLayout``): parsing then needs no program run.
  let layout: FixedWidthLayout?

  /// Compiles `pattern`.
  ///
  /// - Throws: `DateTimePatternError` for unknown letters, unsupported widths, unbalanced
  ///   `[` `]` or quotes, repeated fields, and minutes written where the month was meant
  ///   (`dd/mm/yyyy`).
  public init(_ pattern: String) throws(DateTimePatternError) {
    self.pattern = pattern
    if pattern == "iso8601" {
      program = Self.iso8601Program
    } else {
      var compiler = PatternCompiler(pattern: pattern)
      program = try compiler.compile()
    }
    layout = FixedWidthLayout(program)
  }

  /// Parses a whole field (the caller trims spaces; no other leading or trailing bytes).
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

  /// `yyyy-MM-dd[(T| )HH:mm[:ss[(.|,)S…]][offset]]`.
  private static let iso8601Program: [Instruction] = resolvingSections([
    .number(.year, minDigits: 4, maxDigits: 4), .literal(UInt8(ascii: "-")),
    .number(.month, minDigits: 2, maxDigits: 2), .literal(UInt8(ascii: "-")),
    .number(.day, minDigits: 2, maxDigits: 2),
    .optional(end: -1),
    .dateTimeSeparator,
    .number(.hour, minDigits: 2, maxDigits: 2), .literal(UInt8(ascii: ":")),
    .number(.minute, minDigits: 2, maxDigits: 2),
    .optional(end: -1),
    .literal(UInt8(ascii: ":")), .number(.second, minDigits: 2, maxDigits: 2),
    .optional(end: -1), .fraction(.pointOrComma), .endOptional,
    .endOptional,
    .optional(end: -1), .offset, .endOptional,
    .endOptional,
  ])

  /// Points every `optional` of a balanced program at its matching `endOptional`.
  private static func resolvingSections(_ program: [Instruction]) -> [Instruction] {
    var program = program
    var open: [Int] = []
    for index in program.indices {
      switch program[index] {
      case .optional: open.append(index)
      case .endOptional: program[open.removeLast()] = .optional(end: index)
      default: break
      }
    }
    precondition(open.isEmpty, "unbalanced optional sections")
    return program
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

/// A pattern that cannot be compiled, with the reason in words an operator can act on.
public struct DateTimePatternError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The pattern as written.
  public var pattern: String
  /// What is wrong and how to fix it.
  public var message: String

  /// Creates an error for `pattern`.
  public init(pattern: String, message: String) {
    self.pattern = pattern
    self.message = message
  }

  public var description: String { "invalid date pattern '\(pattern)': \(message)" }
}

/// One step of a compiled pattern.
enum Instruction: Sendable, Equatable {
  /// One byte of literal text.
  case literal(UInt8)
  /// A decimal field of `minDigits...maxDigits` digits (greedy).
  case number(Field, minDigits: Int, maxDigits: Int)
  /// Fraction-of-second digits (one or more, dropped), after an optional separator.
  case fraction(FractionSeparator)
  /// `T` or a space (ISO 8601).
  case dateTimeSeparator
  /// `Z`, `±HH:MM`, `±HHMM` or `±HH`.
  case offset
  /// Start of an optional section; `end` is the index of its `endOptional`.
  case optional(end: Int)
  /// End of an optional section.
  case endOptional
}

/// The separator a `fraction` instruction reads before its digits.
enum FractionSeparator: Sendable, Equatable {
  /// No separator: the pattern has its own literal (`ss.SSS`).
  case bare
  /// `.` or `,` (ISO 8601).
  case pointOrComma

  func contains(_ byte: UInt8) -> Bool {
    switch self {
    case .bare: false
    case .pointOrComma: byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",")
    }
  }
}

/// A numeric field of a timestamp.
enum Field: Sendable, Equatable {
  case year, month, day, hour, minute, second
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

/// Turns pattern text into instructions, rejecting patterns that cannot mean what was meant.
private struct PatternCompiler {
  let pattern: String
  var program: [Instruction] = []
  /// Indices of the `optional` instructions not yet closed.
  var openSections: [Int] = []
  /// The fields seen so far.
  var seen: Set<FieldKey> = []

  /// Fields, offset and fraction, for duplicate and order checks.
  enum FieldKey: Hashable {
    case field(Field)
    case offset, fraction
  }

  init(pattern: String) {
    self.pattern = pattern
  }

  func error(_ message: String) -> DateTimePatternError {
    DateTimePatternError(pattern: pattern, message: message)
  }

  mutating func compile() throws(DateTimePatternError) -> [Instruction] {
    let characters = Array(pattern)
    guard !characters.isEmpty else { throw error("the pattern is empty") }
    var index = 0
    while index < characters.count {
      let character = characters[index]
      switch character {
      case "'":
        index = try quoted(characters, from: index)
        continue
      case "[":
        openSections.append(program.count)
        program.append(.optional(end: -1))
      case "]":
        guard let start = openSections.popLast() else {
          throw error("']' at position \(index + 1) closes no '['")
        }
        program[start] = .optional(end: program.count)
        program.append(.endOptional)
      case "T":
        program.append(.literal(UInt8(ascii: "T")))
      case _ where character.isASCII && character.isLetter:
        var run = 1
        while index + run < characters.count, characters[index + run] == character { run += 1 }
        try letters(character, count: run)
        index += run
        continue
      default:
        program.append(contentsOf: character.utf8.map { .literal($0) })
      }
      index += 1
    }
    guard openSections.isEmpty else { throw error("a '[' is never closed by ']'") }
    guard seen.contains(.field(.year)) else { throw error("the pattern has no year; add 'yyyy'") }
    guard seen.contains(.field(.month)) else {
      throw error("the pattern has no month; add 'MM'")
    }
    try checkAdjacentNumbers()
    return program
  }

  /// Appends the literal text of a quoted section starting at `start`; returns the index after it.
  mutating func quoted(_ characters: [Character], from start: Int) throws(DateTimePatternError) -> Int {
    var index = start + 1
    if index < characters.count, characters[index] == "'" {
      program.append(.literal(UInt8(ascii: "'")))
      return index + 1
    }
    while index < characters.count {
      if characters[index] == "'" {
        if index + 1 < characters.count, characters[index + 1] == "'" {
          program.append(.literal(UInt8(ascii: "'")))
          index += 2
          continue
        }
        return index + 1
      }
      program.append(contentsOf: characters[index].utf8.map { .literal($0) })
      index += 1
    }
    throw error("a quote (') is never closed")
  }

  /// Appends the field for a run of `count` copies of the pattern letter `letter`.
  mutating func letters(_ letter: Character, count: Int) throws(DateTimePatternError) {
    let text = String(repeating: letter, count: count)
    switch letter {
    case "y":
      guard count == 4 else { throw error("'\(text)' is not supported; write 'yyyy' for the year") }
      try add(.year, minDigits: 4, maxDigits: 4, text: text, optionalAllowed: false)
    case "M":
      guard count <= 2 else {
        throw error("'\(text)' (month names) is not supported; write 'MM' or 'M' for the month")
      }
      try add(.month, minDigits: count, maxDigits: 2, text: text, optionalAllowed: false)
    case "d":
      guard count <= 2 else { throw error("'\(text)' is not supported; write 'dd' or 'd' for the day") }
      try add(.day, minDigits: count, maxDigits: 2, text: text, optionalAllowed: true)
    case "H":
      guard count <= 2 else { throw error("'\(text)' is not supported; write 'HH' or 'H' for the hour") }
      try add(.hour, minDigits: count, maxDigits: 2, text: text, optionalAllowed: true)
    case "m":
      guard seen.contains(.field(.hour)) else {
        let month = String(repeating: "M", count: count)
        throw error("'\(text)' means minutes; write '\(month)' for the month")
      }
      guard count <= 2 else { throw error("'\(text)' is not supported; write 'mm' for the minutes") }
      try add(.minute, minDigits: count, maxDigits: 2, text: text, optionalAllowed: true)
    case "s":
      guard seen.contains(.field(.minute)) else {
        throw error("'\(text)' (seconds) must come after the minutes 'mm'")
      }
      guard count <= 2 else { throw error("'\(text)' is not supported; write 'ss' for the seconds") }
      try add(.second, minDigits: count, maxDigits: 2, text: text, optionalAllowed: true)
    case "S":
      guard seen.contains(.field(.second)) else {
        throw error("'\(text)' (fraction of a second) must come after the seconds 'ss'")
      }
      guard seen.insert(.fraction).inserted else { throw error("the fraction appears twice") }
      program.append(.fraction(.bare))
    case "X", "Z":
      guard count <= 3 else {
        throw error("'\(text)' is not supported; write 'XXX' for a UTC offset")
      }
      guard seen.insert(.offset).inserted else { throw error("the UTC offset appears twice") }
      program.append(.offset)
    case "h", "K", "k", "a":
      throw error("'\(text)' (12-hour clock) is not supported; write 'HH' for the hour 00-23")
    case "D":
      throw error("'\(text)' means day of the year; write 'dd' for the day of the month")
    case "Y":
      throw error("'\(text)' means week-based year; write 'yyyy' for the year")
    default:
      throw error("unknown pattern letter '\(letter)'; put literal letters inside single quotes")
    }
  }

  /// Appends a numeric field, rejecting repeats and (for year and month) optional placement.
  mutating func add(
    _ field: Field, minDigits: Int, maxDigits: Int, text: String, optionalAllowed: Bool
  ) throws(DateTimePatternError) {
    guard seen.insert(.field(field)).inserted else { throw error("'\(text)' appears twice") }
    guard optionalAllowed || openSections.isEmpty else {
      throw error("'\(text)' cannot be inside an optional section '[ ]'")
    }
    program.append(.number(field, minDigits: minDigits, maxDigits: maxDigits))
  }

  /// Rejects a one-or-two-digit field directly followed by another number (`dMyyyy`):
  /// the digits could be split more than one way.
  func checkAdjacentNumbers() throws(DateTimePatternError) {
    for (index, instruction) in program.enumerated() {
      guard case .number(_, let minDigits, let maxDigits) = instruction, minDigits != maxDigits
      else { continue }
      var next = index + 1
      while next < program.count {
        if case .endOptional = program[next] {
          next += 1
        } else if case .optional = program[next] {
          next += 1
        } else {
          break
        }
      }
      guard next < program.count else { continue }
      switch program[next] {
      case .number, .fraction(.bare):
        throw error("a one-letter field followed directly by another number is ambiguous; double it")
      default:
        break
      }
    }
  }
}
