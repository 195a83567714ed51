/// A local calendar date, stored as days since 1970-01-01 in the proleptic Gregorian calendar.
///
/// Dates carry no time zone: they are the calendar day as read on the local clock (SPEC §3,
/// "day counts are differences of local calendar dates"). The difference of two `day` values
/// is the number of days between them.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01 (negative before it).
  public var day: Int32

  /// Creates the date `day` days after 1970-01-01.
  public init(day: Int32) {
    self.day = day
  }

  /// Parses `yyyy-MM-dd`; nil when malformed or impossible.
  public init?(parsing text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for byte in bytes[range] {
        guard byte >= 0x30 && byte <= 0x39 else { return nil }
        value = value * 10 + Int(byte - 0x30)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
    self.init(year: year, month: month, day: day)
  }

  /// Creates a date from its civil fields, or `nil` when the date does not exist.
  ///
  /// - Parameters:
  ///   - year: 1...9999.
  ///   - month: 1...12.
  ///   - day: 1...the length of the month (29 February only in leap years).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      day >= 1, day <= LocalDate.daysInMonth(year: year, month: month)
    else { return nil }
    self.day = Int32(LocalDate.daysFromCivil(year: year, month: month, day: day))
  }

  /// The year, month and day of month, computed once.
  public var civil: (year: Int, month: Int, day: Int) {
    LocalDate.civilFromDays(Int(day))
  }

  /// The year (1970 for day 0).
  public var year: Int { civil.year }

  /// The month, 1...12.
  public var month: Int { civil.month }

  /// The day of the month, 1...31.
  public var dayOfMonth: Int { civil.day }

  /// The day of the week; 1970-01-01 was a Thursday.
  public var weekday: Weekday {
    // Day 0 is a Thursday (raw value 4), so Monday-based index = (day + 3) mod 7.
    let index = floorModulo(Int(day) + 3, 7)
    return Weekday(rawValue: index + 1)!
  }

  /// The date `days` days later (earlier when negative).
  public func adding(days: Int) -> LocalDate {
    LocalDate(day: Int32(Int(day) + days))
  }

  /// The date as `yyyy-MM-dd`.
  public var description: String {
    let (y, m, d) = civil
    return zeroPadded(y, width: 4) + "-" + zeroPadded(m, width: 2) + "-" + zeroPadded(d, width: 2)
  }

  public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
    lhs.day < rhs.day
  }

  /// Whether `year` is a leap year in the Gregorian calendar.
  public static func isLeapYear(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  /// The number of days in `month` (1...12) of `year`.
  public static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`).
  ///
  /// Valid for any proleptic Gregorian date; the fields are not checked.
  public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400  // [0, 399]
    let shiftedMonth = month > 2 ? month - 3 : month + 9  // March = 0
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1  // [0, 365]
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear  // [0, 146096]
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The civil date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
  public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097  // [0, 146096]
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // [0, 365]
    let shiftedMonth = (5 * dayOfYear + 2) / 153  // March = 0
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }
}

/// A day of the week, numbered as in ISO 8601 (Monday = 1 … Sunday = 7).
///
/// Used by the working calendar of SPEC §3 (working weekdays, default Monday–Friday).
public enum Weekday: Int, Sendable, CaseIterable, Comparable {
  case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

  public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}

/// A wall-clock time: seconds since 1970-01-01T00:00 of the local clock, with no zone applied.
///
/// SPEC §3: naive timestamps are local time; `TimeZoneTable` turns them into instants.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Seconds since 1970-01-01T00:00 on the local clock.
  public var seconds: Int64

  /// Creates the wall-clock time `seconds` after 1970-01-01T00:00.
  public init(seconds: Int64) {
    self.seconds = seconds
  }

  /// Creates the wall-clock time at `hour:minute:second` on `date`.
  ///
  /// The fields are not range-checked: `hour: 24` is the next day's midnight.
  public init(date: LocalDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
    seconds = Int64(date.day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
  }

  /// The calendar date (floor division, so times before 1970 fall on the right day).
  public var date: LocalDate {
    LocalDate(day: Int32(floorDivision(seconds, 86_400)))
  }

  /// Seconds since the local midnight, 0..<86400.
  public var secondOfDay: Int {
    Int(floorModulo(seconds, 86_400))
  }

  /// The time as `yyyy-MM-dd HH:mm:ss`.
  public var description: String {
    let s = secondOfDay
    return date.description + " " + zeroPadded(s / 3600, width: 2) + ":" + zeroPadded(s / 60 % 60, width: 2)
      + ":"
      + zeroPadded(s % 60, width: 2)
  }

  public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
    lhs.seconds < rhs.seconds
  }
}

/// The non-negative remainder of `value / divisor` for `divisor > 0` (floor modulo).
@inline(__always)
func floorModulo<T: BinaryInteger>(_ value: T, _ divisor: T) -> T {
  let r = value % divisor
  return r < 0 ? r + divisor : r
}

/// `value / divisor` rounded toward negative infinity, for `divisor > 0`.
@inline(__always)
func floorDivision<T: BinaryInteger>(_ value: T, _ divisor: T) -> T {
  let q = value / divisor
  return (value % divisor < 0) ? q - 1 : q
}

/// `value` in decimal, left-padded with zeros to `width` digits (a minus sign comes first):
/// `zeroPadded(7, width: 2)` is `07`.
public func zeroPadded(_ value: Int, width: Int) -> String {
  let digits = String(value.magnitude)
  let zeros = String(repeating: "0", count: max(0, width - digits.count))
  return (value < 0 ? "-" : "") + zeros + digits
}
