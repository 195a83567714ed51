import Foundation
import ReportCore
import Testing

@Suite("Local dates and times")
struct LocalDateTests {
  /// A Gregorian calendar in UTC, the reference for the civil-date arithmetic.
  static let utcCalendar: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
  }()

  @Test("Every day from 1900 to 2200 has the same civil date and weekday as Foundation's")
  func civilDatesAgreeWithFoundation() {
    let first = LocalDate(year: 1900, month: 1, day: 1)!
    let last = LocalDate(year: 2200, month: 12, day: 31)!
    #expect(first.day == -25_567)
    var mismatches: [String] = []
    var date = first
    while date <= last {
      let instant = Date(timeIntervalSince1970: Double(date.day) * 86_400)
      let expected = Self.utcCalendar.dateComponents([.year, .month, .day, .weekday], from: instant)
      let (year, month, day) = date.civil
      // Foundation numbers weekdays from Sunday = 1; ISO from Monday = 1.
      let expectedWeekday = (expected.weekday! + 5) % 7 + 1
      if year != expected.year || month != expected.month || day != expected.day
        || date.weekday.rawValue != expectedWeekday
        || LocalDate(year: year, month: month, day: day) != date
      {
        mismatches.append("\(date.day): \(date) \(date.weekday) vs \(expected)")
      }
      date = date.adding(days: 1)
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    #expect(date == LocalDate(year: 2201, month: 1, day: 1))
  }

  @Test(
    "Impossible calendar dates are rejected",
    arguments: [
      (2025, 2, 31), (2025, 2, 29), (1900, 2, 29), (2100, 2, 29), (2025, 4, 31), (2025, 13, 1),
      (2025, 0, 10), (2025, 1, 0), (2025, 1, 32), (0, 1, 1), (10_000, 1, 1), (-1, 6, 15),
    ])
  func impossibleDatesAreNil(year: Int, month: Int, day: Int) {
    #expect(LocalDate(year: year, month: month, day: day) == nil)
  }

  @Test(
    "Possible calendar dates, including leap days, are accepted and read back",
    arguments: [
      (2024, 2, 29), (2000, 2, 29), (2025, 2, 28), (2025, 12, 31), (1, 1, 1), (9999, 12, 31),
      (2026, 10, 4),
    ])
  func possibleDatesRoundTrip(year: Int, month: Int, day: Int) throws {
    let date = try #require(LocalDate(year: year, month: month, day: day))
    #expect(date.year == year)
    #expect(date.month == month)
    #expect(date.dayOfMonth == day)
  }

  @Test("Day numbers count from 1970-01-01, a Thursday")
  func epochIsThursday() {
    let epoch = LocalDate(day: 0)
    #expect(epoch == LocalDate(year: 1970, month: 1, day: 1))
    #expect(epoch.weekday == .thursday)
    #expect(LocalDate(day: -1).description == "1969-12-31")
    #expect(LocalDate(day: -1).weekday == .wednesday)
    #expect(LocalDate(year: 2025, month: 3, day: 30)!.weekday == .sunday)
    #expect(LocalDate(year: 2025, month: 3, day: 31)!.weekday == .monday)
  }

  @Test("Adding days crosses months, leap days and years")
  func addingDays() {
    let date = LocalDate(year: 2024, month: 2, day: 28)!
    #expect(date.adding(days: 1).description == "2024-02-29")
    #expect(date.adding(days: 2).description == "2024-03-01")
    #expect(date.adding(days: 307).description == "2024-12-31")
    #expect(date.adding(days: 308).description == "2025-01-01")
    #expect(date.adding(days: -59).description == "2023-12-31")
  }

  @Test("Dates print as yyyy-MM-dd with zero padding")
  func dateDescription() {
    #expect(LocalDate(year: 2025, month: 3, day: 5)!.description == "2025-03-05")
    #expect(LocalDate(year: 1, month: 1, day: 1)!.description == "0001-01-01")
  }

  @Test("Dates and weekdays order chronologically")
  func ordering() {
    #expect(LocalDate(year: 2024, month: 12, day: 31)! < LocalDate(year: 2025, month: 1, day: 1)!)
    #expect(Weekday.monday < Weekday.sunday)
    #expect(Weekday.allCases.count == 7)
  }

  @Test("A local date-time splits into its date and second of day, also before 1970")
  func dateTimeParts() {
    let date = LocalDate(year: 2025, month: 10, day: 26)!
    let time = LocalDateTime(date: date, hour: 2, minute: 30, second: 15)
    #expect(time.date == date)
    #expect(time.secondOfDay == 2 * 3600 + 30 * 60 + 15)
    #expect(time.description == "2025-10-26 02:30:15")

    let beforeEpoch = LocalDateTime(seconds: -1)
    #expect(beforeEpoch.date == LocalDate(day: -1))
    #expect(beforeEpoch.secondOfDay == 86_399)
    #expect(beforeEpoch.description == "1969-12-31 23:59:59")
    #expect(LocalDateTime(seconds: -86_400).description == "1969-12-31 00:00:00")
    #expect(LocalDateTime(date: date) < time)
  }
}
