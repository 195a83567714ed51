import Ingest
import ReportCore
import Testing

@Suite("Date/time patterns")
struct DateTimePatternTests {
  /// A valid field and what it must parse to.
  struct Valid: Sendable, CustomTestStringConvertible {
    var pattern: String
    var text: String
    /// The wall clock as `yyyy-MM-dd HH:mm:ss`.
    var local: String
    var offset: Int32?
    var hasTime: Bool

    init(_ pattern: String, _ text: String, _ local: String, offset: Int32? = nil, hasTime: Bool = true) {
      self.pattern = pattern
      self.text = text
      self.local = local
      self.offset = offset
      self.hasTime = hasTime
    }

    var testDescription: String { "\(pattern) ← \(text)" }
  }

  static let validFields: [Valid] = [
    Valid("dd/MM/yyyy", "05/03/2025", "2025-03-05 00:00:00", hasTime: false),
    Valid("dd/MM/yyyy", "29/02/2024", "2024-02-29 00:00:00", hasTime: false),
    Valid("dd/MM/yyyy HH:mm", "31/12/2025 23:59", "2025-12-31 23:59:00"),
    Valid("dd/MM/yyyy HH:mm[:ss]", "31/12/2025 23:59", "2025-12-31 23:59:00"),
    Valid("dd/MM/yyyy HH:mm[:ss]", "31/12/2025 23:59:58", "2025-12-31 23:59:58"),
    Valid("yyyy-MM-dd", "2025-03-30", "2025-03-30 00:00:00", hasTime: false),
    Valid("yyyy-MM-dd[ HH:mm[:ss]]", "2025-03-30", "2025-03-30 00:00:00", hasTime: false),
    Valid("yyyy-MM-dd[ HH:mm[:ss]]", "2025-03-30 02:30", "2025-03-30 02:30:00"),
    Valid("yyyy-MM-dd[ HH:mm[:ss]]", "2025-03-30 02:30:07", "2025-03-30 02:30:07"),
    Valid("d/M/yyyy", "5/3/2025", "2025-03-05 00:00:00", hasTime: false),
    Valid("d/M/yyyy", "05/03/2025", "2025-03-05 00:00:00", hasTime: false),
    Valid("d/M/yyyy H:mm", "15/11/2025 9:05", "2025-11-15 09:05:00"),
    Valid("yyyyMMddHHmmss", "20250330023000", "2025-03-30 02:30:00"),
    Valid("yyyy-MM", "2025-07", "2025-07-01 00:00:00", hasTime: false),
    Valid("yyyy-MM-dd'T'HH:mm:ss", "2025-01-02T03:04:05", "2025-01-02 03:04:05"),
    Valid("yyyy-MM-ddTHH:mm:ss", "2025-01-02T03:04:05", "2025-01-02 03:04:05"),
    Valid("yyyy-MM-dd HH:mm:ss.SSS", "2025-01-02 03:04:05.999", "2025-01-02 03:04:05"),
    Valid("yyyy-MM-dd HH:mm:ssXXX", "2025-01-02 03:04:05Z", "2025-01-02 03:04:05", offset: 0),
    Valid("yyyy-MM-dd HH:mm:ssXXX", "2025-01-02 03:04:05+01:00", "2025-01-02 03:04:05", offset: 3600),
    Valid("yyyy-MM-dd HH:mm:ssXXX", "2025-01-02 03:04:05+0100", "2025-01-02 03:04:05", offset: 3600),
    Valid("yyyy-MM-dd HH:mm:ssXXX", "2025-01-02 03:04:05+01", "2025-01-02 03:04:05", offset: 3600),
    Valid("yyyy-MM-dd HH:mm:ssXXX", "2025-01-02 03:04:05-05:30", "2025-01-02 03:04:05", offset: -19_800),
    Valid("yyyy-MM-dd HH:mm:ss[XXX]", "2025-01-02 03:04:05", "2025-01-02 03:04:05"),
    Valid("'il' dd/MM/yyyy", "il 02/06/2025", "2025-06-02 00:00:00", hasTime: false),
    Valid("dd.MM.yyyy' ore 'HH''mm", "02.06.2025 ore 10'15", "2025-06-02 10:15:00"),
    Valid("iso8601", "2025-03-30", "2025-03-30 00:00:00", hasTime: false),
    Valid("iso8601", "2025-03-30T02:30", "2025-03-30 02:30:00"),
    Valid("iso8601", "2025-03-30 02:30", "2025-03-30 02:30:00"),
    Valid("iso8601", "2025-03-30T02:30:59", "2025-03-30 02:30:59"),
    Valid("iso8601", "2025-03-30T02:30:59.999999", "2025-03-30 02:30:59"),
    Valid("iso8601", "2025-03-30T02:30:59,5", "2025-03-30 02:30:59"),
    Valid("iso8601", "2025-03-30T02:30Z", "2025-03-30 02:30:00", offset: 0),
    Valid("iso8601", "2025-03-30T02:30:59Z", "2025-03-30 02:30:59", offset: 0),
    Valid("iso8601", "2025-03-30T02:30:59.123Z", "2025-03-30 02:30:59", offset: 0),
    Valid("iso8601", "2025-03-30T02:30:59+02:00", "2025-03-30 02:30:59", offset: 7200),
    Valid("iso8601", "2025-03-30T02:30:59-0330", "2025-03-30 02:30:59", offset: -12_600),
    Valid("iso8601", "2025-03-30 23:59:59.5+01:00", "2025-03-30 23:59:59", offset: 3600),
  ]

  @Test("Valid fields parse to the wall clock, offset and time flag they spell", arguments: validFields)
  func parsesValidFields(_ valid: Valid) throws {
    let pattern = try DateTimePattern(valid.pattern)
    let parsed = try #require(pattern.parse(valid.text))
    #expect(parsed.local.description == valid.local)
    #expect(parsed.utcOffsetSeconds == valid.offset)
    #expect(parsed.hasTime == valid.hasTime)
  }

  static let invalidFields: [(String, String)] = [
    ("yyyy-MM-dd HH:mm", "2025-02-31 10:00"),
    ("yyyy-MM-dd HH:mm", "2025-13-25 10:00"),
    ("yyyy-MM-dd HH:mm", "2025-00-25 10:00"),
    ("yyyy-MM-dd HH:mm", "2025-02-29 10:00"),
    ("yyyy-MM-dd HH:mm", "0000-01-01 10:00"),
    ("yyyy-MM-dd HH:mm", "2025-01-01 24:00"),
    ("yyyy-MM-dd HH:mm", "2025-01-01 24:01"),
    ("yyyy-MM-dd HH:mm", "2025-01-01 10:60"),
    ("yyyy-MM-dd HH:mm", "2025-01-01 10:00 "),
    ("yyyy-MM-dd HH:mm", " 2025-01-01 10:00"),
    ("yyyy-MM-dd HH:mm", "2025-01-01T10:00"),
    ("yyyy-MM-dd HH:mm", "2025-01-01"),
    ("yyyy-MM-dd HH:mm", "2025-1-01 10:00"),
    ("yyyy-MM-dd HH:mm", "25-01-01 10:00"),
    ("yyyy-MM-dd HH:mm", "２０２５-01-01 10:00"),
    ("yyyy-MM-dd HH:mm:ss", "2025-01-01 10:00:60"),
    ("yyyy-MM-dd HH:mm:ss", "2025-01-01 10:00:5x"),
    ("dd/MM/yyyy", ""),
    ("dd/MM/yyyy", "abc"),
    ("dd/MM/yyyy", "ab/cd/efgh"),
    ("dd/MM/yyyy", "31/04/2025"),
    ("dd/MM/yyyy", "5/3/2025"),
    ("dd/MM/yyyy", "05/03/20255"),
    ("d/M/yyyy", "123/3/2025"),
    ("d/M/yyyy", "/3/2025"),
    ("yyyy-MM-dd[ HH:mm[:ss]]", "2025-03-30 "),
    ("yyyy-MM-dd[ HH:mm[:ss]]", "2025-03-30 02"),
    ("yyyy-MM-dd[ HH:mm[:ss]]", "2025-03-30 02:30:"),
    ("yyyy-MM-dd HH:mm:ssXXX", "2025-01-02 03:04:05"),
    ("yyyy-MM-dd HH:mm:ssXXX", "2025-01-02 03:04:05+1"),
    ("yyyy-MM-dd HH:mm:ssXXX", "2025-01-02 03:04:05+01:"),
    ("yyyy-MM-dd HH:mm:ssXXX", "2025-01-02 03:04:05+01:60"),
    ("yyyy-MM-dd HH:mm:ssXXX", "2025-01-02 03:04:05+24:00"),
    ("yyyy-MM-dd HH:mm:ssXXX", "2025-01-02 03:04:05z"),
    ("yyyy-MM-dd HH:mm:ss.SSS", "2025-01-02 03:04:05."),
    ("iso8601", ""),
    ("iso8601", "2025-03-30T"),
    ("iso8601", "2025-03-30T24:00"),
    ("iso8601", "2025-03-30T24:00:00Z"),
    ("iso8601", "2025-03-30T02:30:59."),
    ("iso8601", "2025-03-30Z"),
    ("iso8601", "2025-03-30t02:30"),
    ("iso8601", "2025-03-30T02:30:59+01:00:00"),
    ("iso8601", "30/03/2025"),
    ("iso8601", "2025-03-30T02:30:59 +01:00"),
  ]

  @Test("Impossible, malformed or padded fields do not parse", arguments: invalidFields)
  func rejectsInvalidFields(pattern: String, text: String) throws {
    #expect(try DateTimePattern(pattern).parse(text) == nil)
  }

  @Test("Every truncation of an ISO 8601 timestamp parses only where the shorter form is complete")
  func truncatedTimestamps() throws {
    let pattern = try DateTimePattern("iso8601")
    let full = Array("2025-03-30T02:30:15.25+01:00".utf8)
    let completeLengths: Set<Int> = [10, 16, 19, 21, 22, 25, 28]
    for length in 0...full.count {
      let parsed = full[0..<length].withUnsafeBytes { pattern.parse($0) }
      #expect((parsed != nil) == completeLengths.contains(length), "length \(length)")
    }
  }

  @Test("Parsing reads only the bytes it is given, not the ones after them")
  func respectsBufferBounds() throws {
    let pattern = try DateTimePattern("yyyy-MM-dd[ HH:mm]")
    let bytes = Array("2025-03-30 10:00;2025-03-31".utf8)
    let parsed = bytes.withUnsafeBytes { pattern.parse(UnsafeRawBufferPointer(rebasing: $0[0..<10])) }
    #expect(parsed?.local.description == "2025-03-30 00:00:00")
    #expect(parsed?.hasTime == false)
    let whole = bytes.withUnsafeBytes { pattern.parse(UnsafeRawBufferPointer(rebasing: $0[0..<16])) }
    #expect(whole?.local.description == "2025-03-30 10:00:00")
  }

  @Test("Every valid timestamp of a random sample reads back the fields it was written from")
  func randomValidTimestampsRoundTrip() throws {
    var random = SplitMix64(seed: 20_250_330)
    let pattern = try DateTimePattern("dd/MM/yyyy HH:mm:ss")
    let iso = try DateTimePattern("iso8601")
    for _ in 0..<20_000 {
      let day = LocalDate(day: Int32(random.next(in: -25_567...84_000)))
      let second = Int(random.next(in: 0...86_399))
      let local = LocalDateTime(date: day, hour: second / 3600, minute: second / 60 % 60, second: second % 60)
      let text = local.description  // yyyy-MM-dd HH:mm:ss
      let (year, month, dayOfMonth) = day.civil
      let italian = "\(two(dayOfMonth))/\(two(month))/\(year) " + text.suffix(8)
      #expect(pattern.parse(italian)?.local == local, "\(italian)")
      #expect(iso.parse(text)?.local == local, "\(text)")
    }
  }

  @Test("Random bytes never crash the parser, and whatever parses is a real date and time")
  func randomBytesAreSafe() throws {
    var random = SplitMix64(seed: 42)
    let alphabet = Array("0123456789-/:. T+Z,x".utf8) + [0, 0xFF, 0xC3, 0x80]
    let patterns = try ["iso8601", "yyyy-MM-dd HH:mm:ss", "d/M/yyyy[ H:mm[:ss]]", "yyyy-MM-dd HH:mm:ssXXX"]
      .map { try DateTimePattern($0) }
    var parsedCount = 0
    for attempt in 0..<50_000 {
      let length = Int(random.next(in: 0...30))
      let bytes = (0..<length).map { _ in
        // Half the time start from a valid shape so that some inputs get deep into the pattern.
        alphabet[Int(random.next(in: 0...Int64(alphabet.count - 1)))]
      }
      var input = bytes
      if attempt % 2 == 0 {
        input = Array("2025-03-30 12:34:56".utf8)
        for _ in 0..<Int(random.next(in: 1...3)) where !input.isEmpty {
          input[Int(random.next(in: 0...Int64(input.count - 1)))] = alphabet[Int(random.next(in: 0...19))]
        }
      }
      for pattern in patterns {
        guard let parsed = input.withUnsafeBytes({ pattern.parse($0) }) else { continue }
        parsedCount += 1
        // A parsed wall clock prints back to fields that appear in the input.
        let (year, month, day) = parsed.local.date.civil
        #expect((1...9999).contains(year) && (1...12).contains(month) && (1...31).contains(day))
        #expect(parsed.local.secondOfDay < 86_400)
        let printed = String(decoding: input, as: UTF8.self)
        #expect(printed.contains(String(year)), "\(printed)")
      }
    }
    // Some mutated inputs stay valid (digit for digit); a parser that rejects everything fails here.
    #expect(parsedCount > 1_000)
  }

  @Test("A timestamp with an offset ignores the zone; a naive one is read in the zone")
  func instantsInAZone() throws {
    let rome = try TimeZoneTable(identifier: "Europe/Rome")
    let iso = try DateTimePattern("iso8601")
    let naive = try #require(iso.parse("2025-03-30T02:30"))
    let explicit = try #require(iso.parse("2025-03-30T02:30+02:00"))
    let utc = LocalDateTime(date: LocalDate(year: 2025, month: 3, day: 30)!, hour: 1, minute: 30).seconds
    #expect(naive.instant(in: rome) == utc)  // the gap moves 02:30 to 03:30 CEST
    #expect(explicit.instant(in: rome) == utc - 3600)
  }

  @Test(
    "Patterns that cannot mean what was meant are rejected when the configuration is read",
    arguments: [
      ("dd/mm/yyyy", "'mm' means minutes; write 'MM' for the month"),
      ("yyyy-mm-dd", "'mm' means minutes; write 'MM' for the month"),
      ("d/m/yyyy", "'m' means minutes; write 'M' for the month"),
      ("dd/MM/yy", "'yy' is not supported; write 'yyyy' for the year"),
      ("dd/MM/YYYY", "'YYYY' means week-based year; write 'yyyy' for the year"),
      ("DD/MM/yyyy", "'DD' means day of the year; write 'dd' for the day of the month"),
      ("dd MMM yyyy", "'MMM' (month names) is not supported; write 'MM' or 'M' for the month"),
      ("dd/MM/yyyy hh:mm", "'hh' (12-hour clock) is not supported; write 'HH' for the hour 00-23"),
      ("dd/MM/yyyy HH:mm:ss Q", "unknown pattern letter 'Q'; put literal letters inside single quotes"),
      ("", "the pattern is empty"),
      ("dd/MM/yyyy [HH:mm", "a '[' is never closed by ']'"),
      ("dd/MM/yyyy HH:mm]", "']' at position 17 closes no '['"),
      ("dd/MM/yyyy 'at HH:mm", "a quote (') is never closed"),
      ("dd/MM/yyyy dd", "'dd' appears twice"),
      ("HH:mm", "the pattern has no year; add 'yyyy'"),
      ("yyyy", "the pattern has no month; add 'MM'"),
      ("[yyyy-]MM-dd", "'yyyy' cannot be inside an optional section '[ ]'"),
      ("yyyy-MM-dd HH:ss", "'ss' (seconds) must come after the minutes 'mm'"),
      ("dMyyyy", "a one-letter field followed directly by another number is ambiguous; double it"),
    ])
  func rejectsBadPatterns(pattern: String, message: String) {
    #expect(throws: DatePatternError(pattern: pattern, message: message)) {
      try DateTimePattern(pattern)
    }
  }

  @Test("Patterns compare by their text")
  func patternsAreEquatable() throws {
    #expect(try DateTimePattern("dd/MM/yyyy") == DateTimePattern("dd/MM/yyyy"))
    #expect(try DateTimePattern("dd/MM/yyyy") != DateTimePattern("d/M/yyyy"))
    #expect(try DateTimePattern("iso8601").pattern == "iso8601")
  }
}

/// Two decimal digits.
private func two(_ value: Int) -> String {
  value < 10 ? "0\(value)" : "\(value)"
}
