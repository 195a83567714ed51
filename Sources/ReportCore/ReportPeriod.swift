/// A reporting period of SPEC §3: `YYYY-H1` (1 Jan–30 Jun), `YYYY-H2` (1 Jul–31 Dec) or
/// `YYYY` (the year), in local time, both end days included.
public struct ReportPeriod: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Which part of the year.
  public enum Part: Int, Sendable, Hashable, Comparable {
    case firstHalf = 1
    case secondHalf = 2
    case year = 3

    public static func < (lhs: Part, rhs: Part) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  public let year: Int
  public let part: Part

  public init(year: Int, part: Part) {
    self.year = year
    self.part = part
  }

  /// Parses `2025-H1`, `2025-H2` or `2025` (years 1000–9999).
  public init?(parsing text: String) {
    let pieces = text.split(separator: "-", omittingEmptySubsequences: false)
    guard let first = pieces.first, first.count == 4, first.allSatisfy(\.isASCII), let year = Int(first),
      year >= 1000
    else { return nil }
    switch pieces.count {
    case 1: self.init(year: year, part: .year)
    case 2 where pieces[1] == "H1": self.init(year: year, part: .firstHalf)
    case 2 where pieces[1] == "H2": self.init(year: year, part: .secondHalf)
    default: return nil
    }
  }

  /// The semester containing `date` (for `--period current`).
  public init(semesterContaining date: LocalDate) {
    self.init(year: date.year, part: date.month <= 6 ? .firstHalf : .secondHalf)
  }

  /// The last semester that ended before `date` (for `--period previous`): the final
  /// report that the jobs of 1 July and 1 January make.
  public init(semesterEndedBefore date: LocalDate) {
    self =
      date.month <= 6
      ? ReportPeriod(year: date.year - 1, part: .secondHalf) : ReportPeriod(year: date.year, part: .firstHalf)
  }

  /// First day of the period.
  public var first: LocalDate {
    LocalDate(year: year, month: part == .secondHalf ? 7 : 1, day: 1)!
  }

  /// Last day of the period (included).
  public var last: LocalDate {
    part == .firstHalf
      ? LocalDate(year: year, month: 6, day: 30)! : LocalDate(year: year, month: 12, day: 31)!
  }

  public func contains(_ date: LocalDate) -> Bool {
    date >= first && date <= last
  }

  /// True for the annual report model.
  public var isAnnual: Bool { part == .year }

  /// The report's columns (SPEC §5.2): a semester is its own column; a year has
  /// *1° semestre*, *2° semestre* and *Anno*, each computed from its own population.
  public var columns: [ReportPeriod] {
    isAnnual
      ? [ReportPeriod(year: year, part: .firstHalf), ReportPeriod(year: year, part: .secondHalf), self]
      : [self]
  }

  /// The first day of every month of the period, in order.
  public var months: [LocalDate] {
    let firstMonth = part == .secondHalf ? 7 : 1
    let lastMonth = part == .firstHalf ? 6 : 12
    return (firstMonth...lastMonth).map { LocalDate(year: year, month: $0, day: 1)! }
  }

  public var description: String {
    switch part {
    case .firstHalf: "\(year)-H1"
    case .secondHalf: "\(year)-H2"
    case .year: "\(year)"
    }
  }

  /// Ordered as SPEC §5.1 sorts report columns: by year, then H1, H2, the year.
  public static func < (lhs: ReportPeriod, rhs: ReportPeriod) -> Bool {
    (lhs.year, lhs.part) < (rhs.year, rhs.part)
  }
}
