import ReportCore
import Testing

@Suite("Working calendar")
struct WorkingCalendarTests {
  static let rome = try! TimeZoneTable(identifier: "Europe/Rome")

  static let mondayToFriday: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]
  static let mondayToSaturday = mondayToFriday.union([.saturday])

  /// 08:30–19:30 as minutes from midnight.
  static let officeHours = 510..<1170

  /// Mon–Fri, 08:30–19:30, patron saint 24 June (Turin, Florence, Genoa), one-off 2025-11-10.
  static let office = WorkingCalendar(
    workingDays: mondayToFriday, workingHours: officeHours,
    recurringHolidays: [MonthDay(month: 6, day: 24)], holidays: [date(2025, 11, 10)])

  /// Mon–Fri with national holidays only and no working hours.
  static let plain = WorkingCalendar(
    workingDays: mondayToFriday, workingHours: nil, recurringHolidays: [], holidays: [])

  /// Mon–Sat with national holidays only.
  static let withSaturday = WorkingCalendar(
    workingDays: mondayToSaturday, workingHours: nil, recurringHolidays: [], holidays: [])

  /// Every weekday works, all day long; national holidays only.
  static func everyDay(hours: Range<Int> = 0..<1440) -> WorkingCalendar {
    WorkingCalendar(
      workingDays: Set(Weekday.allCases), workingHours: hours, recurringHolidays: [], holidays: [])
  }

  /// A date known to exist.
  static func date(_ year: Int, _ month: Int, _ day: Int) -> LocalDate {
    LocalDate(year: year, month: month, day: day)!
  }

  /// The instant of a Europe/Rome wall clock (gap times move forward, fold times are the first).
  static func instant(
    _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0, _ second: Int = 0
  ) -> Int64 {
    rome.instant(
      for: LocalDateTime(date: date(year, month, day), hour: hour, minute: minute, second: second))
  }

  /// `calendar.workingMinutes` between two Europe/Rome instants.
  static func minutes(_ calendar: WorkingCalendar, _ from: Int64, _ to: Int64) -> Int64 {
    calendar.workingMinutes(from: from, to: to, zone: rome)
  }

  // MARK: - Easter

  @Test(
    "Easter Sunday and Easter Monday fall on the published dates of 2024–2035",
    arguments: [
      (2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28), (2028, 4, 16), (2029, 4, 1),
      (2030, 4, 21), (2031, 4, 13), (2032, 3, 28), (2033, 4, 17), (2034, 4, 9), (2035, 3, 25),
    ])
  func easterOfRecentYears(year: Int, month: Int, day: Int) {
    let sunday = Self.date(year, month, day)
    #expect(WorkingCalendar.easterSunday(year: year) == sunday)
    #expect(WorkingCalendar.nationalHolidays(year: year).contains(sunday.adding(days: 1)))
    #expect(Self.plain.isHoliday(sunday.adding(days: 1)))
    #expect(!Self.plain.isWorkingDay(sunday.adding(days: 1)))
    // Easter Tuesday is an ordinary working day in all of these years.
    #expect(Self.plain.isWorkingDay(sunday.adding(days: 2)))
  }

  @Test(
    "Easter Sunday falls on well-known historical dates, including the earliest and latest possible",
    arguments: [
      (1818, 3, 22), (1943, 4, 25), (2000, 4, 23), (2008, 3, 23), (2011, 4, 24), (2016, 3, 27),
      (2019, 4, 21), (2038, 4, 25), (2285, 3, 22),
    ])
  func easterOfHistoricalYears(year: Int, month: Int, day: Int) {
    #expect(WorkingCalendar.easterSunday(year: year) == Self.date(year, month, day))
  }

  @Test("Easter Sunday is a Sunday between 22 March and 25 April in every year from 1583 to 4099")
  func easterIsAlwaysASundayInRange() {
    var wrong: [Int] = []
    for year in 1583...4099 {
      let easter = WorkingCalendar.easterSunday(year: year)
      if easter.weekday != .sunday || easter < Self.date(year, 3, 22) || easter > Self.date(year, 4, 25) {
        wrong.append(year)
      }
    }
    let firstWrong = Array(wrong.prefix(5))
    #expect(firstWrong.isEmpty, "\(wrong.count) wrong")
  }

  // MARK: - Holidays

  @Test("The national holidays of 2025 are the eleven of the law, in calendar order")
  func nationalHolidaysOf2025() {
    let expected = [
      Self.date(2025, 1, 1), Self.date(2025, 1, 6), Self.date(2025, 4, 21), Self.date(2025, 4, 25),
      Self.date(2025, 5, 1), Self.date(2025, 6, 2), Self.date(2025, 8, 15), Self.date(2025, 11, 1),
      Self.date(2025, 12, 8), Self.date(2025, 12, 25), Self.date(2025, 12, 26),
    ]
    #expect(WorkingCalendar.nationalHolidays(year: 2025) == expected)
  }

  @Test("From 2026 on, 4 October is a national holiday (Law 151/2025); in 2025 it is not")
  func saintFrancisFrom2026() {
    let holidays2026 = WorkingCalendar.nationalHolidays(year: 2026)
    #expect(holidays2026.count == 12)
    // Easter Monday 2026 is 6 April; 4 October sits between 15 August and 1 November.
    #expect(holidays2026[2] == Self.date(2026, 4, 6))
    #expect(holidays2026[7] == Self.date(2026, 10, 4))
    #expect(!WorkingCalendar.nationalHolidays(year: 2025).contains(Self.date(2025, 10, 4)))
    #expect(!Self.plain.isHoliday(Self.date(2025, 10, 4)))
    #expect(Self.plain.isHoliday(Self.date(2026, 10, 4)))
    #expect(Self.plain.isHoliday(Self.date(2027, 10, 4)))
    // 4 October 2027 is a Monday: no longer a working day. Saturday 4 October 2025 still works
    // where Saturday does.
    #expect(!Self.plain.isWorkingDay(Self.date(2027, 10, 4)))
    #expect(Self.plain.isWorkingDay(Self.date(2027, 10, 5)))
    #expect(Self.withSaturday.isWorkingDay(Self.date(2025, 10, 4)))
  }

  @Test("When Easter Monday is 25 April (2011) the day is listed once, and the list stays ascending")
  func easterMondayOnLiberationDay() {
    let holidays2011 = WorkingCalendar.nationalHolidays(year: 2011)
    #expect(holidays2011.count == 10)
    #expect(holidays2011[2] == Self.date(2011, 4, 25))
    #expect(holidays2011[3] == Self.date(2011, 5, 1))
    // 2038: Easter Sunday is 25 April, so Easter Monday (26 April) comes after Liberation Day.
    let holidays2038 = WorkingCalendar.nationalHolidays(year: 2038)
    #expect(holidays2038.count == 12)
    #expect(holidays2038[2] == Self.date(2038, 4, 25))
    #expect(holidays2038[3] == Self.date(2038, 4, 26))
    for year in [2011, 2024, 2038, 2285] {
      let list = WorkingCalendar.nationalHolidays(year: year)
      #expect(zip(list, list.dropFirst()).allSatisfy { $0 < $1 }, "\(year)")
    }
  }

  @Test("A configured patron saint is a holiday every year, a one-off date only in its year")
  func configuredHolidays() {
    for year in [2025, 2026, 2199, 2300] {
      #expect(Self.office.isHoliday(Self.date(year, 6, 24)), "\(year)")
    }
    // 24 June 2025 is a Tuesday: a working weekday, but not a working day here.
    #expect(!Self.office.isWorkingDay(Self.date(2025, 6, 24)))
    #expect(Self.office.isWorkingDay(Self.date(2025, 6, 23)))
    #expect(!Self.plain.isHoliday(Self.date(2025, 6, 24)))
    #expect(Self.plain.isWorkingDay(Self.date(2025, 6, 24)))
    // One-off: Monday 10 November 2025 only.
    #expect(Self.office.isHoliday(Self.date(2025, 11, 10)))
    #expect(!Self.office.isWorkingDay(Self.date(2025, 11, 10)))
    #expect(!Self.office.isHoliday(Self.date(2026, 11, 10)))
    #expect(!Self.plain.isHoliday(Self.date(2025, 11, 10)))
  }

  @Test("A recurring holiday on 29 February applies in leap years only")
  func leapDayHoliday() {
    let calendar = WorkingCalendar(
      workingDays: Self.mondayToFriday, workingHours: nil,
      recurringHolidays: [MonthDay(month: 2, day: 29)], holidays: [])
    // 29 February 2028 is a Tuesday.
    #expect(calendar.isHoliday(Self.date(2028, 2, 29)))
    #expect(!calendar.isWorkingDay(Self.date(2028, 2, 29)))
    #expect(!calendar.isHoliday(Self.date(2027, 2, 28)))
    #expect(!calendar.isHoliday(Self.date(2027, 3, 1)))
    #expect(calendar.isHoliday(Self.date(2400, 2, 29)))
  }

  @Test("Weekends and holidays are not working days; Saturday works when configured")
  func workingDays() {
    // Thursday 8 May 2025, Saturday 10, Sunday 11; Friday 25 April 2025 is Liberation Day.
    #expect(Self.plain.isWorkingDay(Self.date(2025, 5, 8)))
    #expect(!Self.plain.isWorkingDay(Self.date(2025, 5, 10)))
    #expect(!Self.plain.isWorkingDay(Self.date(2025, 5, 11)))
    #expect(!Self.plain.isHoliday(Self.date(2025, 5, 10)))
    #expect(!Self.plain.isWorkingDay(Self.date(2025, 4, 25)))
    #expect(Self.withSaturday.isWorkingDay(Self.date(2025, 5, 10)))
    #expect(!Self.withSaturday.isWorkingDay(Self.date(2025, 5, 11)))
    // Saturday 1 November 2025 (All Saints) is a holiday even where Saturday works.
    #expect(!Self.withSaturday.isWorkingDay(Self.date(2025, 11, 1)))
  }

  @Test(
    "Around the ends of the precomputed 1900–2199 table holidays and working days follow the same rules",
    arguments: [1895, 2195])
  func computedOutsideTheTable(firstYear: Int) {
    var wrong: [String] = []
    for year in firstYear..<(firstYear + 10) {
      let national = Set(WorkingCalendar.nationalHolidays(year: year))
      var day = Self.date(year, 1, 1)
      while day.year == year {
        let holiday = national.contains(day) || (day.month == 6 && day.dayOfMonth == 24)
        let working = Self.mondayToFriday.contains(day.weekday) && !holiday
        if Self.office.isHoliday(day) != holiday || Self.office.isWorkingDay(day) != working {
          wrong.append(day.description)
        }
        day = day.adding(days: 1)
      }
    }
    let firstWrong = Array(wrong.prefix(5))
    #expect(firstWrong.isEmpty, "\(wrong.count) wrong")
  }

  @Test("Far outside the table the rules still apply: 4 October only from 2026, one-off dates too")
  func farOutsideTheTable() {
    let calendar = WorkingCalendar(
      workingDays: Self.mondayToFriday, workingHours: nil, recurringHolidays: [],
      holidays: [Self.date(2500, 1, 7), Self.date(1850, 3, 4)])
    // Friday 4 October 1850 works; Thursday 4 October 2300 does not; Tuesday 25 December 2300.
    #expect(calendar.isWorkingDay(Self.date(1850, 10, 4)))
    #expect(!calendar.isWorkingDay(Self.date(2300, 10, 4)))
    #expect(!calendar.isWorkingDay(Self.date(2300, 12, 25)))
    #expect(calendar.isWorkingDay(Self.date(2300, 12, 27)))
    #expect(calendar.isHoliday(WorkingCalendar.easterSunday(year: 2300).adding(days: 1)))
    #expect(calendar.isHoliday(Self.date(2500, 1, 7)))
    #expect(calendar.isHoliday(Self.date(1850, 3, 4)))
    #expect(!calendar.isHoliday(Self.date(2501, 1, 7)))
  }

  @Test("A calendar describes its settings in one line")
  func description() {
    #expect(Self.office.description == "Mon–Fri, 08:30–19:30, local holidays 06-24 2025-11-10")
    #expect(Self.withSaturday.description == "Mon–Sat")
    #expect(Self.everyDay().description == "Mon–Sun, 00:00–24:00")
    let odd = WorkingCalendar(
      workingDays: [.wednesday, .monday], workingHours: 5..<605, recurringHolidays: [], holidays: [])
    #expect(odd.description == "Mon Wed, 00:05–10:05")
  }

  @Test("Inside the precomputed table, from 2020 to 2029, a day works exactly when the rules say so")
  func workingDaysInsideTheTable() {
    // The speed of these lookups is measured by the benchmarks, not here.
    var wrong: [String] = []
    var working = 0
    for year in 2020..<2030 {
      let national = Set(WorkingCalendar.nationalHolidays(year: year))
      var day = Self.date(year, 1, 1)
      while day.year == year {
        let holiday =
          national.contains(day) || (day.month == 6 && day.dayOfMonth == 24) || day == Self.date(2025, 11, 10)
        let works = Self.mondayToFriday.contains(day.weekday) && !holiday
        if Self.office.isHoliday(day) != holiday || Self.office.isWorkingDay(day) != works {
          wrong.append(day.description)
        }
        if works { working += 1 }
        day = day.adding(days: 1)
      }
    }
    let firstWrong = Array(wrong.prefix(5))
    #expect(firstWrong.isEmpty, "\(wrong.count) wrong")
    // About 250 working days a year out of 365.
    #expect((2400...2560).contains(working))
  }

  // MARK: - N-th working day after

  @Test("The 4th working day after a Thursday is the next Wednesday, skipping the weekend")
  func fourthAcrossAWeekend() {
    // Thu 8 May 2025: Fri 9 (1), Sat 10 and Sun 11 skipped, Mon 12 (2), Tue 13 (3), Wed 14 (4).
    #expect(Self.plain.workingDay(4, after: Self.date(2025, 5, 8)) == Self.date(2025, 5, 14))
  }

  @Test("The working days after a date up to another skip weekends and holidays; none when not after it")
  func workingDaysBetween() {
    // After Fri 19 Dec 2025 up to Fri 2 Jan 2026: Mon 22, Tue 23, Wed 24, Mon 29, Tue 30, Wed 31,
    // Fri 2 (25, 26 Dec and 1 Jan holidays, two weekends).
    #expect(Self.plain.workingDays(after: Self.date(2025, 12, 19), through: Self.date(2026, 1, 2)) == 7)
    // The start day never counts, the end day does.
    #expect(Self.plain.workingDays(after: Self.date(2025, 5, 8), through: Self.date(2025, 5, 9)) == 1)
    #expect(Self.plain.workingDays(after: Self.date(2025, 5, 9), through: Self.date(2025, 5, 11)) == 0)
    #expect(Self.plain.workingDays(after: Self.date(2025, 5, 9), through: Self.date(2025, 5, 9)) == 0)
    #expect(Self.plain.workingDays(after: Self.date(2025, 5, 12), through: Self.date(2025, 5, 9)) == 0)
    // A configured one-off holiday (Mon 10 Nov 2025) is skipped.
    #expect(Self.plain.workingDays(after: Self.date(2025, 11, 7), through: Self.date(2025, 11, 11)) == 2)
    #expect(Self.office.workingDays(after: Self.date(2025, 11, 7), through: Self.date(2025, 11, 11)) == 1)
  }

  @Test("Christmas, St Stephen, a weekend and New Year's Day are skipped")
  func fourthAcrossChristmas() {
    // Tue 23 Dec 2025: Wed 24 (1), Thu 25 and Fri 26 holidays, Sat 27 and Sun 28 weekend,
    // Mon 29 (2), Tue 30 (3), Wed 31 (4).
    #expect(Self.plain.workingDay(4, after: Self.date(2025, 12, 23)) == Self.date(2025, 12, 31))
    // Wed 24 Dec 2025: Mon 29 (1), Tue 30 (2), Wed 31 (3), Thu 1 Jan holiday, Fri 2 Jan (4).
    #expect(Self.plain.workingDay(4, after: Self.date(2025, 12, 24)) == Self.date(2026, 1, 2))
  }

  @Test("Easter Monday is skipped")
  func fourthAcrossEaster() {
    // Thu 2 Apr 2026: Fri 3 (1), Sat 4 and Sun 5 (Easter), Mon 6 Easter Monday,
    // Tue 7 (2), Wed 8 (3), Thu 9 (4).
    #expect(Self.plain.workingDay(4, after: Self.date(2026, 4, 2)) == Self.date(2026, 4, 9))
    // Thu 24 Apr 2025: Fri 25 Liberation Day, Mon 28 (1), Tue 29 (2), Wed 30 (3),
    // Thu 1 May holiday, Fri 2 May (4).
    #expect(Self.plain.workingDay(4, after: Self.date(2025, 4, 24)) == Self.date(2025, 5, 2))
  }

  @Test("4 October 2026 is a Sunday: it moves nothing Mon–Fri, but skips a day where Sunday works")
  func fourthAcrossSaintFrancis2026() {
    // Mon–Fri from Thu 1 Oct 2026: Fri 2 (1), Mon 5 (2), Tue 6 (3), Wed 7 (4) — as with no holiday.
    #expect(Self.plain.workingDay(4, after: Self.date(2026, 10, 1)) == Self.date(2026, 10, 7))
    // Every day from Fri 2 Oct 2026: Sat 3 (1), Sun 4 holiday, Mon 5 (2), Tue 6 (3), Wed 7 (4).
    #expect(Self.everyDay().workingDay(4, after: Self.date(2026, 10, 2)) == Self.date(2026, 10, 7))
    // The same count in 2025, when 4 October (a Saturday) was not a holiday: from Thu 2 Oct,
    // Fri 3 (1), Sat 4 (2), Sun 5 (3), Mon 6 (4).
    #expect(Self.everyDay().workingDay(4, after: Self.date(2025, 10, 2)) == Self.date(2025, 10, 6))
  }

  @Test("4 October 2027 is a Monday and is skipped")
  func fourthAcrossSaintFrancis2027() {
    // Thu 30 Sep 2027: Fri 1 Oct (1), Sat 2 and Sun 3 weekend, Mon 4 holiday,
    // Tue 5 (2), Wed 6 (3), Thu 7 (4).
    #expect(Self.plain.workingDay(4, after: Self.date(2027, 9, 30)) == Self.date(2027, 10, 7))
  }

  @Test("Saturday counts when it is a configured working day")
  func fourthWithSaturday() {
    // Thu 8 May 2025: Fri 9 (1), Sat 10 (2), Mon 12 (3), Tue 13 (4).
    #expect(Self.withSaturday.workingDay(4, after: Self.date(2025, 5, 8)) == Self.date(2025, 5, 13))
    // Tue 23 Dec 2025: Wed 24 (1), Thu 25 and Fri 26 holidays, Sat 27 (2), Mon 29 (3), Tue 30 (4).
    #expect(Self.withSaturday.workingDay(4, after: Self.date(2025, 12, 23)) == Self.date(2025, 12, 30))
  }

  @Test("The first working day is strictly after the day, whether or not that day works")
  func firstWorkingDay() {
    // Fri 9 May 2025 → Mon 12; Sat 10 → Mon 12; Wed 31 Dec 2025 → Fri 2 Jan 2026.
    #expect(Self.plain.workingDay(1, after: Self.date(2025, 5, 9)) == Self.date(2025, 5, 12))
    #expect(Self.plain.workingDay(1, after: Self.date(2025, 5, 10)) == Self.date(2025, 5, 12))
    #expect(Self.plain.workingDay(1, after: Self.date(2025, 12, 31)) == Self.date(2026, 1, 2))
    // A configured one-off holiday counts too: Fri 7 Nov 2025 → Tue 11 (Mon 10 is a holiday).
    #expect(Self.office.workingDay(1, after: Self.date(2025, 11, 7)) == Self.date(2025, 11, 11))
  }

  // MARK: - Working minutes, 08:30–19:30 Mon–Fri in Europe/Rome

  @Test("Within one working window the minutes are the plain difference")
  func minutesWithinOneDay() {
    // Tue 13 May 2025, 09:00 → 10:15 = 75 min.
    #expect(Self.minutes(Self.office, Self.instant(2025, 5, 13, 9), Self.instant(2025, 5, 13, 10, 15)) == 75)
    // The whole of Tuesday, midnight to midnight: 19:30 − 08:30 = 11 h = 660 min.
    #expect(Self.minutes(Self.office, Self.instant(2025, 5, 13, 0), Self.instant(2025, 5, 14, 0)) == 660)
  }

  @Test("The night between two working days does not count")
  func minutesAcrossANight() {
    // Tue 13 May 2025 18:00 → Wed 14 09:00: 18:00–19:30 = 90, 08:30–09:00 = 30; total 120.
    #expect(Self.minutes(Self.office, Self.instant(2025, 5, 13, 18), Self.instant(2025, 5, 14, 9)) == 120)
  }

  @Test("A weekend does not count")
  func minutesAcrossAWeekend() {
    // Fri 16 May 2025 17:00 → Mon 19 10:00: Friday 17:00–19:30 = 150, Monday 08:30–10:00 = 90; 240.
    #expect(Self.minutes(Self.office, Self.instant(2025, 5, 16, 17), Self.instant(2025, 5, 19, 10)) == 240)
    // Mon 12 May 00:00 → Mon 19 00:00: five windows of 660 = 3300.
    #expect(Self.minutes(Self.office, Self.instant(2025, 5, 12, 0), Self.instant(2025, 5, 19, 0)) == 3300)
    // All of Saturday 17 May: 0.
    #expect(Self.minutes(Self.office, Self.instant(2025, 5, 17, 0), Self.instant(2025, 5, 18, 0)) == 0)
  }

  @Test("National and configured holidays do not count")
  func minutesAcrossHolidays() {
    // Thu 24 Apr 2025 18:00 → Mon 28 09:00: Thursday 90, Fri 25 Apr holiday, weekend, Monday 30; 120.
    #expect(Self.minutes(Self.office, Self.instant(2025, 4, 24, 18), Self.instant(2025, 4, 28, 9)) == 120)
    // Fri 18 Apr 2025 17:00 → Tue 22 09:00: Friday 150, weekend, Easter Monday 21, Tuesday 30; 180.
    #expect(Self.minutes(Self.office, Self.instant(2025, 4, 18, 17), Self.instant(2025, 4, 22, 9)) == 180)
    // Mon 23 Jun 2025 18:00 → Wed 25 09:00: Monday 90, Tue 24 patron saint, Wednesday 30; 120.
    #expect(Self.minutes(Self.office, Self.instant(2025, 6, 23, 18), Self.instant(2025, 6, 25, 9)) == 120)
    // The same interval with no patron saint adds Tuesday's 660: 780.
    let noPatron = WorkingCalendar(
      workingDays: Self.mondayToFriday, workingHours: Self.officeHours, recurringHolidays: [], holidays: [])
    #expect(Self.minutes(noPatron, Self.instant(2025, 6, 23, 18), Self.instant(2025, 6, 25, 9)) == 780)
  }

  @Test("Only the part of an interval inside the window counts")
  func minutesAtTheEdgesOfTheWindow() {
    // Tue 13 May 2025 19:00 → 22:00: 19:00–19:30 = 30.
    #expect(Self.minutes(Self.office, Self.instant(2025, 5, 13, 19), Self.instant(2025, 5, 13, 22)) == 30)
    // 07:00 → 09:00: 08:30–09:00 = 30.
    #expect(Self.minutes(Self.office, Self.instant(2025, 5, 13, 7), Self.instant(2025, 5, 13, 9)) == 30)
    // 20:00 → Wed 08:00: nothing.
    #expect(Self.minutes(Self.office, Self.instant(2025, 5, 13, 20), Self.instant(2025, 5, 14, 8)) == 0)
    // 08:30 → 19:30 exactly: 660.
    #expect(
      Self.minutes(Self.office, Self.instant(2025, 5, 13, 8, 30), Self.instant(2025, 5, 13, 19, 30)) == 660)
  }

  @Test("A reversed or empty interval has no working minutes")
  func minutesOfAReversedInterval() {
    #expect(Self.minutes(Self.office, Self.instant(2025, 5, 13, 10), Self.instant(2025, 5, 13, 9)) == 0)
    #expect(Self.minutes(Self.office, Self.instant(2025, 5, 14, 10), Self.instant(2025, 5, 13, 10)) == 0)
    #expect(Self.minutes(Self.office, Self.instant(2025, 5, 13, 10), Self.instant(2025, 5, 13, 10)) == 0)
  }

  @Test("Seconds are summed over the windows, then rounded down to whole minutes")
  func minutesRoundDown() {
    // 09:00:00 → 09:01:59 = 119 s → 1 min; 09:00:00 → 09:00:59 = 59 s → 0 min.
    #expect(Self.minutes(Self.office, Self.instant(2025, 5, 13, 9), Self.instant(2025, 5, 13, 9, 1, 59)) == 1)
    #expect(Self.minutes(Self.office, Self.instant(2025, 5, 13, 9), Self.instant(2025, 5, 13, 9, 0, 59)) == 0)
    // Tue 19:29:30 → Wed 08:30:31: 30 s + 31 s = 61 s → 1 min (rounding each day would give 0).
    let evening = Self.instant(2025, 5, 13, 19, 29, 30)
    let morning = Self.instant(2025, 5, 14, 8, 30, 31)
    #expect(Self.minutes(Self.office, evening, morning) == 1)
  }

  @Test("A daytime window is untouched by a DST weekend", arguments: [(3, 28), (10, 24)])
  func officeHoursAcrossADSTWeekend(month: Int, friday: Int) {
    // Fri 19:00 → Mon 09:00 around the 2025 changes: 19:00–19:30 = 30, 08:30–09:00 = 30; 60.
    let from = Self.instant(2025, month, friday, 19)
    let to = Self.instant(2025, month, friday + 3, 9)
    #expect(Self.minutes(Self.office, from, to) == 60)
  }

  // MARK: - Working minutes over DST days, 00:00–24:00 every day

  @Test(
    "A 00:00–24:00 window measures a DST day in true elapsed time: 23 h in March, 25 h in October",
    arguments: [((2025, 3, 30), 1380), ((2025, 10, 26), 1500), ((2026, 3, 29), 1380), ((2026, 10, 25), 1500)])
  func wholeDSTDay(sunday: (Int, Int, Int), expected: Int64) {
    let day = Self.date(sunday.0, sunday.1, sunday.2)
    #expect(day.weekday == .sunday)
    let from = Self.instant(sunday.0, sunday.1, sunday.2, 0)
    let to = Self.rome.instant(for: LocalDateTime(date: day.adding(days: 1)))
    #expect(Self.minutes(Self.everyDay(), from, to) == expected)
    // On the Mon–Fri calendar the Sunday does not work at all.
    let mondayToFriday = WorkingCalendar(
      workingDays: Self.mondayToFriday, workingHours: 0..<1440, recurringHolidays: [], holidays: [])
    #expect(Self.minutes(mondayToFriday, from, to) == 0)
  }

  @Test("Parts of the DST days are measured in true elapsed time")
  func partsOfDSTDays() {
    let calendar = Self.everyDay()
    // Sat 29 Mar 2025 00:00 → Mon 31 00:00: 1440 + 1380 = 2820.
    #expect(Self.minutes(calendar, Self.instant(2025, 3, 29, 0), Self.instant(2025, 3, 31, 0)) == 2820)
    // 30 Mar 2025 01:30 CET → 03:30 CEST: one real hour, 60 min.
    #expect(Self.minutes(calendar, Self.instant(2025, 3, 30, 1, 30), Self.instant(2025, 3, 30, 3, 30)) == 60)
    // A gap time counts as the moved-forward time: "02:30" is 03:30 CEST, so 02:30 → 04:00 = 30.
    #expect(Self.minutes(calendar, Self.instant(2025, 3, 30, 2, 30), Self.instant(2025, 3, 30, 4)) == 30)
    // 26 Oct 2025 01:30 CEST → 03:30 CET: three real hours (02:00–03:00 twice), 180 min.
    #expect(
      Self.minutes(calendar, Self.instant(2025, 10, 26, 1, 30), Self.instant(2025, 10, 26, 3, 30)) == 180)
  }

  @Test("Window edges on a DST day are instants of local times, so the window shrinks or grows")
  func windowEdgesOnDSTDays() {
    // Window 01:00–03:00. On 30 Mar 2025, 01:00 CET = 00:00 UTC and 03:00 CEST = 01:00 UTC: 60 min.
    // On 26 Oct 2025, 01:00 CEST = 23:00 UTC (25th) and 03:00 CET = 02:00 UTC: 180 min.
    // On an ordinary day: 120 min.
    let early = Self.everyDay(hours: 60..<180)
    #expect(Self.minutes(early, Self.instant(2025, 3, 30, 0), Self.instant(2025, 3, 31, 0)) == 60)
    #expect(Self.minutes(early, Self.instant(2025, 10, 26, 0), Self.instant(2025, 10, 27, 0)) == 180)
    #expect(Self.minutes(early, Self.instant(2025, 3, 31, 0), Self.instant(2025, 4, 1, 0)) == 120)
    // Window 02:00–03:00 lies wholly in the March gap: both edges are 01:00 UTC, so 0 min.
    let gap = Self.everyDay(hours: 120..<180)
    #expect(Self.minutes(gap, Self.instant(2025, 3, 30, 0), Self.instant(2025, 3, 31, 0)) == 0)
    #expect(Self.minutes(gap, Self.instant(2025, 3, 31, 0), Self.instant(2025, 4, 1, 0)) == 60)
  }

  @Test(
    "Working minutes agree with counting minute by minute on the local clock around the DST changes",
    arguments: [(2025, 3, 26), (2025, 10, 22), (2026, 3, 25), (2026, 10, 21)])
  func agreesWithMinuteByMinuteCount(year: Int, month: Int, day: Int) {
    // A week starting on a Wednesday, with the Sunday change in the middle. A minute counts when
    // its local date is a working day and its local time of day is inside the window; windows
    // whose edges avoid 02:00–03:00 make that the same rule as the instants of the window edges.
    let start = Self.instant(year, month, day, 0)
    let minuteCount = 8 * 1440
    for calendar in [Self.office, Self.everyDay(), Self.everyDay(hours: 300..<1380)] {
      let window = calendar.workingHours!
      var cumulative = [Int64](repeating: 0, count: minuteCount + 1)
      for minute in 0..<minuteCount {
        let local = Self.rome.localDateTime(at: start + Int64(minute) * 60)
        let inside =
          calendar.isWorkingDay(local.date) && window.contains(local.secondOfDay / 60)
        cumulative[minute + 1] = cumulative[minute] + (inside ? 1 : 0)
      }
      var wrong: [String] = []
      for from in stride(from: 0, to: minuteCount, by: 97) {
        for to in stride(from: from, through: minuteCount, by: 89) {
          let got = Self.minutes(calendar, start + Int64(from) * 60, start + Int64(to) * 60)
          if got != cumulative[to] - cumulative[from] {
            wrong.append("\(from)–\(to): \(got) vs \(cumulative[to] - cumulative[from])")
          }
        }
      }
      let firstWrong = Array(wrong.prefix(5))
      #expect(firstWrong.isEmpty, "\(wrong.count) wrong with window \(window)")
    }
  }
}
