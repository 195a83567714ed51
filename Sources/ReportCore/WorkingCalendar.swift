/// A recurring holiday: every year on this month and day (patron saint).
///
/// SPEC §3: configured local holidays. 29 February applies in leap years only; a month and
/// day that never exist (31 April) never match.
public struct MonthDay: Sendable, Hashable {
  /// The month, 1...12.
  public var month: Int
  /// The day of the month, 1...31.
  public var day: Int

  /// Creates the recurring date `day` of `month`.
  public init(month: Int, day: Int) {
    self.month = month
    self.day = day
  }
}

/// The working calendar of SPEC §3.
///
/// Working weekdays (default Monday–Friday in the configuration), an optional daily working
/// window, the Italian national holidays — 1 Jan, 6 Jan, Easter Monday, 25 Apr, 1 May, 2 Jun,
/// 15 Aug, 1 Nov, 8 Dec, 25 Dec, 26 Dec, and 4 Oct from 2026 on (Law 151/2025) — plus
/// configured local holidays. Whether a day is a holiday or a working day is precomputed for
/// 1900–2199, so `isHoliday` and `isWorkingDay` are one array read; dates outside that range
/// are computed on demand with the same rules.
public struct WorkingCalendar: Sendable, CustomStringConvertible {
  /// The working weekdays.
  public let workingDays: Set<Weekday>

  /// The daily working window, minutes from local midnight, `[start, end)`; `nil` when unset.
  public let workingHours: Range<Int>?

  /// Configured holidays that recur every year (patron saint).
  public let recurringHolidays: [MonthDay]

  /// Configured one-off holidays.
  public let holidays: [LocalDate]

  /// `1 << (weekday.rawValue - 1)` for each working weekday.
  @usableFromInline let weekdayMask: UInt8

  /// The `day` values of `holidays`, for dates outside the precomputed table.
  @usableFromInline let oneOffDays: Set<Int32>

  /// One byte per day from `tableStart`: `holidayFlag` and `workingFlag`.
  @usableFromInline let flags: [UInt8]

  /// 1900-01-01, the first day of the precomputed table.
  @usableFromInline static let tableStart = Int32(LocalDate.daysFromCivil(year: 1900, month: 1, day: 1))

  /// 2200-01-01, the first day after the precomputed table.
  static let tableEnd = Int32(LocalDate.daysFromCivil(year: 2200, month: 1, day: 1))

  /// Set in `flags` for a national or configured holiday.
  @usableFromInline static let holidayFlag: UInt8 = 1

  /// Set in `flags` for a working weekday that is not a holiday.
  @usableFromInline static let workingFlag: UInt8 = 2

  /// The national holidays on a fixed date, in calendar order (Easter Monday and 4 Oct apart).
  static let fixedNationalHolidays: [MonthDay] = [
    MonthDay(month: 1, day: 1), MonthDay(month: 1, day: 6), MonthDay(month: 4, day: 25),
    MonthDay(month: 5, day: 1), MonthDay(month: 6, day: 2), MonthDay(month: 8, day: 15),
    MonthDay(month: 11, day: 1), MonthDay(month: 12, day: 8), MonthDay(month: 12, day: 25),
    MonthDay(month: 12, day: 26),
  ]

  /// 4 October (Saint Francis of Assisi), a national holiday from 2026 on (Law 151/2025).
  static let saintFrancis = MonthDay(month: 10, day: 4)

  /// The first year in which 4 October is a national holiday.
  static let saintFrancisFirstYear = 2026

  /// Builds the calendar and precomputes its holidays and working days for 1900–2199.
  ///
  /// - Parameters:
  ///   - workingDays: working weekdays (default Mon–Fri in the configuration).
  ///   - workingHours: optional daily window, minutes from local midnight, `[start, end)`,
  ///     `0 ≤ start < end ≤ 1440` (`08:30-19:30` → `510..<1170`).
  ///   - recurringHolidays: configured holidays every year on a month and day (patron saint).
  ///   - holidays: configured one-off holidays.
  public init(
    workingDays: Set<Weekday>, workingHours: Range<Int>?, recurringHolidays: [MonthDay],
    holidays: [LocalDate]
  ) {
    if let window = workingHours {
      precondition(
        window.lowerBound >= 0 && window.lowerBound < window.upperBound && window.upperBound <= 1440,
        "working hours must satisfy 0 ≤ start < end ≤ 1440 minutes")
    }
    self.workingDays = workingDays
    self.workingHours = workingHours
    self.recurringHolidays = recurringHolidays
    self.holidays = holidays
    self.weekdayMask = workingDays.reduce(0) { $0 | Self.bit(of: $1) }
    self.oneOffDays = Set(holidays.map(\.day))

    let start = Self.tableStart
    var flags = [UInt8](repeating: 0, count: Int(Self.tableEnd - start))
    for year in 1900..<2200 {
      for date in Self.nationalHolidays(year: year) {
        flags[Int(date.day - start)] |= Self.holidayFlag
      }
      for recurring in recurringHolidays {
        guard let date = LocalDate(year: year, month: recurring.month, day: recurring.day) else { continue }
        flags[Int(date.day - start)] |= Self.holidayFlag
      }
    }
    for date in holidays where date.day >= start && date.day < Self.tableEnd {
      flags[Int(date.day - start)] |= Self.holidayFlag
    }
    for index in flags.indices where flags[index] & Self.holidayFlag == 0 {
      let weekday = LocalDate(day: start + Int32(index)).weekday
      if weekdayMask & Self.bit(of: weekday) != 0 {
        flags[index] |= Self.workingFlag
      }
    }
    self.flags = flags
  }

  /// The settings in one line, e.g. `Mon–Fri, 08:30–19:30, local holidays 06-24 2025-11-10`.
  ///
  /// Short on purpose: it names the calendar in test failures and logs, not its day table.
  public var description: String {
    let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    let days = workingDays.sorted()
    var text: String
    if let first = days.first, let last = days.last,
      days.count > 2 && last.rawValue - first.rawValue + 1 == days.count
    {
      text = names[first.rawValue - 1] + "–" + names[last.rawValue - 1]
    } else {
      text = days.map { names[$0.rawValue - 1] }.joined(separator: " ")
    }
    if let window = workingHours {
      text += ", " + Self.clock(window.lowerBound) + "–" + Self.clock(window.upperBound)
    }
    let local =
      recurringHolidays.map { zeroPadded($0.month, width: 2) + "-" + zeroPadded($0.day, width: 2) }
      + holidays.map(\.description)
    if !local.isEmpty {
      text += ", local holidays " + local.joined(separator: " ")
    }
    return text
  }

  /// Easter Sunday of `year` in the Gregorian calendar.
  ///
  /// The anonymous Gregorian algorithm (Meeus/Jones/Butcher), in integer arithmetic; floor
  /// division keeps it defined for every year `LocalDate` can hold (proleptic before 1583).
  public static func easterSunday(year: Int) -> LocalDate {
    let a = floorModulo(year, 19)
    let b = floorDivision(year, 100)
    let c = floorModulo(year, 100)
    let d = floorDivision(b, 4)
    let e = floorModulo(b, 4)
    let f = floorDivision(b + 8, 25)
    let g = floorDivision(b - f + 1, 3)
    let h = floorModulo(19 * a + b - d - g + 15, 30)
    let i = c / 4
    let k = c % 4
    let l = floorModulo(32 + 2 * e + 2 * i - h - k, 7)
    let m = (a + 11 * h + 22 * l) / 451
    let month = (h + l - 7 * m + 114) / 31
    let day = (h + l - 7 * m + 114) % 31 + 1
    return LocalDate(day: Int32(LocalDate.daysFromCivil(year: year, month: month, day: day)))
  }

  /// The Italian national holidays of `year`, ascending and distinct.
  ///
  /// SPEC §3: 1 Jan, 6 Jan, Easter Monday, 25 Apr, 1 May, 2 Jun, 15 Aug, 1 Nov, 8 Dec, 25 Dec,
  /// 26 Dec, and 4 Oct from 2026 on (Law 151/2025). Easter Sunday is always a Sunday, so it
  /// needs no entry. When Easter Monday is 25 April (2011) the date appears once. The same
  /// list applies to every year: the historical changes of the law before 2026 are not modelled.
  public static func nationalHolidays(year: Int) -> [LocalDate] {
    var dates = fixedNationalHolidays.map { date(year: year, month: $0.month, day: $0.day) }
    if year >= saintFrancisFirstYear {
      dates.append(date(year: year, month: saintFrancis.month, day: saintFrancis.day))
    }
    let easterMonday = easterSunday(year: year).adding(days: 1)
    if !dates.contains(easterMonday) {
      dates.append(easterMonday)
    }
    dates.sort()
    return dates
  }

  /// Whether `date` is a national holiday or a configured local one (SPEC §3).
  @inlinable
  public func isHoliday(_ date: LocalDate) -> Bool {
    let index = Int(date.day) &- Int(Self.tableStart)
    guard index >= 0 && index < flags.count else { return computedIsHoliday(date) }
    return flags[index] & Self.holidayFlag != 0
  }

  /// Whether `date` is a working day: a working weekday that is not a holiday (SPEC §3).
  @inlinable
  public func isWorkingDay(_ date: LocalDate) -> Bool {
    let index = Int(date.day) &- Int(Self.tableStart)
    guard index >= 0 && index < flags.count else {
      return weekdayMask & Self.bit(of: date.weekday) != 0 && !computedIsHoliday(date)
    }
    return flags[index] & Self.workingFlag != 0
  }

  /// The `n`-th working day after `date`: the first working day strictly after `date` is the 1st.
  ///
  /// SPEC §4 RIP: the deadline is "the end of the N-th working day after the day of the
  /// report"; a ticket meets it when the local date of resolution is on or before this day.
  /// `date` itself never counts, whether or not it is a working day.
  /// - Precondition: `n ≥ 1` and at least one working weekday.
  public func workingDay(_ n: Int, after date: LocalDate) -> LocalDate {
    precondition(n >= 1, "the working-day count starts at 1")
    precondition(weekdayMask != 0, "a calendar without working weekdays has no working days")
    var current = date
    var remaining = n
    while remaining > 0 {
      current = current.adding(days: 1)
      if isWorkingDay(current) {
        remaining -= 1
      }
    }
    return current
  }

  /// The number of working days strictly after `start` up to and including `end`; 0 when
  /// `end ≤ start`.
  ///
  /// SPEC §4.2 `count: working_days`: the days late of a breach are the working days after its
  /// deadline date up to its end date (or the report date, for an open breach).
  public func workingDays(after start: LocalDate, through end: LocalDate) -> Int {
    var count = 0
    var day = start
    while day < end {
      day = day.adding(days: 1)
      if isWorkingDay(day) { count += 1 }
    }
    return count
  }

  /// Whole minutes of the instants `[from, to)` inside the working windows of working days.
  ///
  /// SPEC §3: elapsed minutes on the working-hours clock are the sum of the overlaps with the
  /// working windows, in whole minutes (seconds ÷ 60, rounded down, after summing). Each
  /// working day's window runs from the instant of its local start time to the instant of its
  /// local end time in `zone` (end 1440 is the next local midnight), so a DST day is measured
  /// in true elapsed time (00:00–24:00 is 23 h in March, 25 h in October). A window edge in the
  /// March gap counts as the moved-forward time (SPEC §4 RIP), as `zone.instant(for:)` gives it;
  /// a window that lies wholly in the gap is empty.
  /// - Parameters:
  ///   - from: the start instant, seconds since the Unix epoch.
  ///   - to: the end instant (exclusive), seconds since the Unix epoch.
  ///   - zone: the configured time zone.
  /// - Returns: the minutes, 0 when `to ≤ from`.
  /// - Precondition: `workingHours` is set.
  public func workingMinutes(from: Int64, to: Int64, zone: TimeZoneTable) -> Int64 {
    guard let window = workingHours else {
      preconditionFailure("workingMinutes needs a calendar with working hours")
    }
    guard to > from else { return 0 }
    let startSecond = window.lowerBound * 60
    let endSecond = window.upperBound * 60
    let lastDay = zone.localDate(at: to)
    var day = zone.localDate(at: from)
    var seconds: Int64 = 0
    while day <= lastDay {
      if isWorkingDay(day) {
        let opens = zone.instant(for: LocalDateTime(date: day, second: startSecond))
        let closes = zone.instant(for: LocalDateTime(date: day, second: endSecond))
        let overlap = min(to, closes) - max(from, opens)
        if overlap > 0 {
          seconds += overlap
        }
      }
      day = day.adding(days: 1)
    }
    return seconds / 60
  }

  /// Whether `date` is a holiday, computed from the rules (dates outside the table).
  @usableFromInline
  func computedIsHoliday(_ date: LocalDate) -> Bool {
    if oneOffDays.contains(date.day) {
      return true
    }
    let (year, month, day) = date.civil
    if recurringHolidays.contains(where: { $0.month == month && $0.day == day }) {
      return true
    }
    if Self.fixedNationalHolidays.contains(where: { $0.month == month && $0.day == day }) {
      return true
    }
    if year >= Self.saintFrancisFirstYear && month == Self.saintFrancis.month
      && day == Self.saintFrancis.day
    {
      return true
    }
    // Easter Monday falls between 23 March and 26 April.
    return (month == 3 || month == 4) && Self.easterSunday(year: year).adding(days: 1) == date
  }

  /// The bit of `weekday` in `weekdayMask`.
  @usableFromInline @inline(__always)
  static func bit(of weekday: Weekday) -> UInt8 {
    1 << UInt8(weekday.rawValue - 1)
  }

  /// Minutes from midnight as `HH:mm` (1440 is `24:00`).
  public static func clock(_ minutes: Int) -> String {
    zeroPadded(minutes / 60, width: 2) + ":" + zeroPadded(minutes % 60, width: 2)
  }

  /// The date of civil fields known to exist (no range check on the year).
  private static func date(year: Int, month: Int, day: Int) -> LocalDate {
    LocalDate(day: Int32(LocalDate.daysFromCivil(year: year, month: month, day: day)))
  }
}
