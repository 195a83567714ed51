/// A date/time pattern of the configuration, compiled: what each byte of a matching field
/// must be.
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
///
/// Compiled once, when the configuration is loaded, so that a bad pattern is a located
/// configuration error; Ingest's `DateTimePattern` matches fields' bytes against the program.
public struct DatePattern: Sendable, Equatable {
  /// The pattern as written in the configuration.
  public let text: String

  /// The compiled matcher program.
  public let program: [Instruction]

  /// Compiles `text`.
  ///
  /// - Throws: `DatePatternError` for unknown letters, unsupported widths, unbalanced
  ///   `[` `]` or quotes, repeated fields, and minutes written where the month was meant
  ///   (`dd/mm/yyyy`).
  public init(_ text: String) throws(DatePatternError) {
    self.text = text
    if text == "iso8601" {
      program = Self.iso8601Program
    } else {
      var compiler = PatternCompiler(pattern: text)
      program = try compiler.compile()
    }
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

/// A pattern that cannot be compiled, with the reason in words an operator can act on.
public struct DatePatternError: Error, Sendable, Equatable, CustomStringConvertible {
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

extension DatePattern {
  /// One step of a compiled pattern.
  public enum Instruction: Sendable, Equatable {
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
  public enum FractionSeparator: Sendable, Equatable {
    /// No separator: the pattern has its own literal (`ss.SSS`).
    case bare
    /// `.` or `,` (ISO 8601).
    case pointOrComma

    public func contains(_ byte: UInt8) -> Bool {
      switch self {
      case .bare: false
      case .pointOrComma: byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",")
      }
    }
  }

  /// A numeric field of a timestamp.
  public enum Field: Sendable, Equatable {
    case year, month, day, hour, minute, second
  }
}

/// Turns pattern text into instructions, rejecting patterns that cannot mean what was meant.
private struct PatternCompiler {
  typealias Instruction = DatePattern.Instruction
  typealias Field = DatePattern.Field
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

  func error(_ message: String) -> DatePatternError {
    DatePatternError(pattern: pattern, message: message)
  }

  mutating func compile() throws(DatePatternError) -> [Instruction] {
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
  mutating func quoted(_ characters: [Character], from start: Int) throws(DatePatternError) -> Int {
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
  mutating func letters(_ letter: Character, count: Int) throws(DatePatternError) {
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
  ) throws(DatePatternError) {
    guard seen.insert(.field(field)).inserted else { throw error("'\(text)' appears twice") }
    guard optionalAllowed || openSections.isEmpty else {
      throw error("'\(text)' cannot be inside an optional section '[ ]'")
    }
    program.append(.number(field, minDigits: minDigits, maxDigits: maxDigits))
  }

  /// Rejects a one-or-two-digit field directly followed by another number (`dMyyyy`):
  /// the digits could be split more than one way.
  func checkAdjacentNumbers() throws(DatePatternError) {
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
