import Foundation
import ReportCore
import Testing

@Suite("Time-zone table")
struct TimeZoneTableTests {
  static let rome = try! TimeZoneTable(identifier: "Europe/Rome")

  /// The local wall clock at `hour:minute` on a date.
  static func local(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0)
    -> LocalDateTime
  {
    LocalDateTime(date: LocalDate(year: year, month: month, day: day)!, hour: hour, minute: minute)
  }

  /// The UTC instant of a UTC wall clock.
  static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Int64 {
    local(year, month, day, hour, minute).seconds
  }

  /// Europe/Rome's spring-forward Sundays.
  static let marchChanges = [(2025, 3, 30), (2026, 3, 29)]
  /// Europe/Rome's fall-back Sundays.
  static let octoberChanges = [(2025, 10, 26), (2026, 10, 25)]

  @Test("An unknown zone identifier is an error naming it")
  func unknownIdentifier() {
    #expect(throws: TimeZoneError.unknownIdentifier("Europe/Atlantis")) {
      try TimeZoneTable(identifier: "Europe/Atlantis")
    }
  }

  @Test("The table keeps the identifier it was built from")
  func keepsIdentifier() throws {
    #expect(Self.rome.identifier == "Europe/Rome")
    #expect(try TimeZoneTable(identifier: "UTC").identifier == "UTC")
  }

  @Test("On the March change 02:30 does not exist and moves forward to 03:30 CEST", arguments: marchChanges)
  func springGapMovesForward(year: Int, month: Int, day: Int) {
    let instant = Self.rome.instant(for: Self.local(year, month, day, 2, 30))
    #expect(instant == Self.utc(year, month, day, 1, 30))
    #expect(Self.rome.localDateTime(at: instant) == Self.local(year, month, day, 3, 30))
    #expect(Self.rome.offset(at: instant) == 7200)
  }

  @Test("On the March change 01:59 is still CET and 03:00 is already CEST", arguments: marchChanges)
  func springGapEdges(year: Int, month: Int, day: Int) {
    #expect(Self.rome.instant(for: Self.local(year, month, day, 1, 59)) == Self.utc(year, month, day, 0, 59))
    #expect(Self.rome.instant(for: Self.local(year, month, day, 2, 0)) == Self.utc(year, month, day, 1, 0))
    #expect(Self.rome.instant(for: Self.local(year, month, day, 3, 0)) == Self.utc(year, month, day, 1, 0))
    #expect(
      Self.rome.localDateTime(at: Self.utc(year, month, day, 0, 59)) == Self.local(year, month, day, 1, 59))
    #expect(
      Self.rome.localDateTime(at: Self.utc(year, month, day, 1, 0)) == Self.local(year, month, day, 3, 0))
  }

  @Test(
    "On the October change 02:30 occurs twice and is taken as the first (CEST)", arguments: octoberChanges)
  func autumnFoldTakesFirstOccurrence(year: Int, month: Int, day: Int) {
    let instant = Self.rome.instant(for: Self.local(year, month, day, 2, 30))
    #expect(instant == Self.utc(year, month, day, 0, 30))
    #expect(Self.rome.offset(at: instant) == 7200)
    // The second 02:30 is an hour later, in CET.
    let second = Self.utc(year, month, day, 1, 30)
    #expect(Self.rome.localDateTime(at: second) == Self.local(year, month, day, 2, 30))
    #expect(Self.rome.offset(at: second) == 3600)
  }

  @Test("On the October change 01:59 is CEST and 03:00 is CET", arguments: octoberChanges)
  func autumnFoldEdges(year: Int, month: Int, day: Int) {
    #expect(Self.rome.instant(for: Self.local(year, month, day, 1, 59)) == Self.utc(year, month, day, -1, 59))
    #expect(Self.rome.instant(for: Self.local(year, month, day, 2, 0)) == Self.utc(year, month, day, 0, 0))
    #expect(Self.rome.instant(for: Self.local(year, month, day, 2, 59)) == Self.utc(year, month, day, 0, 59))
    #expect(Self.rome.instant(for: Self.local(year, month, day, 3, 0)) == Self.utc(year, month, day, 2, 0))
    #expect(
      Self.rome.localDateTime(at: Self.utc(year, month, day, 0, 59)) == Self.local(year, month, day, 2, 59))
    #expect(
      Self.rome.localDateTime(at: Self.utc(year, month, day, 1, 0)) == Self.local(year, month, day, 2, 0))
  }

  @Test(
    "A ticket open from Saturday 12:00 to Sunday 12:00 lasts 23 h in March, 25 h in October, else 24 h",
    arguments: [
      ((2025, 3, 29), 23), ((2026, 3, 28), 23), ((2025, 10, 25), 25), ((2026, 10, 24), 25),
      ((2025, 6, 14), 24), ((2025, 12, 20), 24),
    ])
  func elapsedHoursAcrossChanges(saturday: (Int, Int, Int), hours: Int64) {
    let opened = Self.local(saturday.0, saturday.1, saturday.2, 12)
    let resolved = LocalDateTime(date: opened.date.adding(days: 1), hour: 12)
    #expect(opened.date.weekday == .saturday)
    let elapsed = Self.rome.instant(for: resolved) - Self.rome.instant(for: opened)
    #expect(elapsed == hours * 3600)
  }

  @Test(
    "The table agrees with Foundation for every hour of 2024-2027 outside the gap and fold",
    arguments: ["Europe/Rome", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata"])
  func agreesWithFoundationHourly(identifier: String) throws {
    let table = try TimeZoneTable(identifier: identifier)
    let zone = try #require(TimeZone(identifier: identifier))
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let start = Self.utc(2024, 1, 1, 0)
    let end = Self.utc(2028, 1, 1, 0)
    var mismatches: [String] = []
    var skipped = 0
    var hour = start
    while hour < end {
      defer { hour += 3600 }
      // UTC → local: the offset at every hour.
      let expectedOffset = Int32(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(hour))))
      if table.offset(at: hour) != expectedOffset {
        mismatches.append("offset at \(hour): \(table.offset(at: hour)) vs \(expectedOffset)")
      }
      // Local → UTC: read `hour` as a wall clock; skip it when it has no single reading.
      let wall = LocalDateTime(seconds: hour)
      let candidates = Set(
        [wall.seconds - 14 * 3600, wall.seconds + 14 * 3600].map {
          Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double($0))))
        }
      )
      let readings = candidates.filter {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(wall.seconds - $0)))) == $0
      }
      guard readings.count == 1 else {
        skipped += 1
        continue
      }
      let expected = wall.seconds - readings.first!
      let (year, month, day) = wall.date.civil
      let components = DateComponents(
        year: year, month: month, day: day, hour: wall.secondOfDay / 3600)
      let viaCalendar = Int64(calendar.date(from: components)!.timeIntervalSince1970)
      if table.instant(for: wall) != expected || viaCalendar != expected {
        mismatches.append(
          "\(wall): table \(table.instant(for: wall)), calendar \(viaCalendar), want \(expected)")
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    // At most one gap hour and one fold hour a year where DST is observed (Lord Howe shifts by
    // half an hour, so only its gap contains a whole hour); Kolkata has none.
    #expect(skipped <= 8)
    #expect((identifier == "Asia/Kolkata") == (skipped == 0))
  }

  @Test("A fixed-offset table applies one offset everywhere")
  func fixedOffset() {
    let utc = TimeZoneTable(fixedOffsetSeconds: 0)
    let plusOne = TimeZoneTable(fixedOffsetSeconds: 3600)
    let wall = Self.local(2025, 3, 30, 2, 30)
    #expect(utc.instant(for: wall) == wall.seconds)
    #expect(plusOne.instant(for: wall) == wall.seconds - 3600)
    #expect(plusOne.localDateTime(at: plusOne.instant(for: wall)) == wall)
    #expect(plusOne.offset(at: 0) == 3600)
    #expect(TimeZoneTable(fixedOffsetSeconds: -19_800).identifier == "UTC-05:30")
  }

  @Test("The local date of an instant follows the zone, not UTC")
  func localDateOfInstant() {
    // 23:30 UTC on 31 December is already 1 January in Rome.
    let instant = Self.utc(2025, 12, 31, 23, 30)
    #expect(Self.rome.localDate(at: instant) == LocalDate(year: 2026, month: 1, day: 1))
    #expect(
      TimeZoneTable(fixedOffsetSeconds: 0).localDate(at: instant) == LocalDate(year: 2025, month: 12, day: 31)
    )
  }

  @Test("Times outside 1900-2200 use the offsets at the ends of the table")
  func outsideTheTable() {
    #expect(Self.rome.offset(at: Self.utc(1850, 7, 1, 12)) == 3600)
    #expect(Self.rome.offset(at: Self.utc(2300, 1, 1, 12)) == 3600)
    #expect(Self.rome.instant(for: Self.local(1, 1, 1, 0)) == Self.local(1, 1, 1, 0).seconds - 3600)
  }

  @Test("The local time of every instant reads back as that instant, and as the first one in the fold")
  func localTimesReadBack() {
    // A million instants 97 s apart from 2024 to 2027: every minute of the day, three folds.
    // The speed of these lookups is measured by the benchmarks, not here.
    let start = Self.utc(2024, 1, 1, 0)
    var wrong: [String] = []
    var secondOccurrences = 0
    for step in 0..<1_000_000 {
      let instant = start + Int64(step) * 97
      let local = Self.rome.localDateTime(at: instant)
      if local.seconds != instant + Int64(Self.rome.offset(at: instant)) {
        wrong.append("\(instant): local \(local) does not apply the offset \(Self.rome.offset(at: instant))")
      }
      // In the October fold the same wall clock was shown an hour earlier, in CEST.
      let shownAnHourEarlier = Self.rome.offset(at: instant - 3600) == Self.rome.offset(at: instant) + 3600
      if shownAnHourEarlier { secondOccurrences += 1 }
      let expected = shownAnHourEarlier ? instant - 3600 : instant
      if Self.rome.instant(for: local) != expected {
        wrong.append("\(instant) (\(local)): read back as \(Self.rome.instant(for: local)), want \(expected)")
      }
    }
    #expect(wrong.isEmpty, "\(wrong.count) wrong, first \(wrong.prefix(5))")
    // Not vacuous: three folds of 3600 s each, sampled every 97 s.
    #expect((109...113).contains(secondOccurrences))
  }
}
