import ReportCore

/// The whole configuration of a run, as read from the operator's YAML file.
///
/// Every key is checked: an unknown key, a missing required key or a value of the
/// wrong type is a ``ConfigurationError`` naming the file, line and key.
public struct ReportConfiguration: Sendable, Equatable {
  /// Who publishes the report (header of the Allegato 4 models).
  public var operatorInfo: OperatorInfo
  /// IANA time zone of naive timestamps (SPEC §3), default `Europe/Rome`.
  public var timeZone: String
  /// Working days, working hours and local holidays (SPEC §3).
  public var calendar: CalendarConfiguration
  /// The four canonical sources, keyed by ``SourceKind``.
  public var sources: [SourceKind: SourceConfiguration]
  /// Per-indicator rules (deadlines, clocks, breakdowns).
  public var indicators: IndicatorConfiguration
  /// Declared targets: indicator code → measure code → segment (`TOT`, `access=own`) → value.
  /// Values are exact decimals as written in the file.
  public var targets: [String: [String: [String: ExactDecimal]]]
  /// Label overrides: `"ATT"` or `"ATT P95"` → text.
  public var labels: [String: String]

  public init(
    operatorInfo: OperatorInfo, timeZone: String, calendar: CalendarConfiguration,
    sources: [SourceKind: SourceConfiguration], indicators: IndicatorConfiguration,
    targets: [String: [String: [String: ExactDecimal]]], labels: [String: String]
  ) {
    self.operatorInfo = operatorInfo
    self.timeZone = timeZone
    self.calendar = calendar
    self.sources = sources
    self.indicators = indicators
    self.targets = targets
    self.labels = labels
  }
}

/// Operator identity printed in every report header.
public struct OperatorInfo: Sendable, Equatable {
  public var name: String
  public var vatNumber: String
  public var brand: String?

  public init(name: String, vatNumber: String, brand: String?) {
    self.name = name
    self.vatNumber = vatNumber
    self.brand = brand
  }
}

/// The working calendar of SPEC §3.
public struct CalendarConfiguration: Sendable, Equatable {
  /// Working weekdays, default Monday–Friday.
  public var workingDays: Set<Weekday>
  /// Optional daily working window in local time, minutes from midnight, start < end.
  public var workingHours: ClosedOpenMinutes?
  /// Local holidays besides the national ones: recurring (`06-29`) or one-off (`2025-12-07`).
  public var localHolidays: [LocalHoliday]

  public init(workingDays: Set<Weekday>, workingHours: ClosedOpenMinutes?, localHolidays: [LocalHoliday]) {
    self.workingDays = workingDays
    self.workingHours = workingHours
    self.localHolidays = localHolidays
  }
}

/// A daily window `[start, end)` in minutes from local midnight (`08:30-19:30` → 510..<1170).
public struct ClosedOpenMinutes: Sendable, Equatable {
  public var start: Int
  public var end: Int

  public init(start: Int, end: Int) {
    self.start = start
    self.end = end
  }
}

/// A configured local holiday (patron saint and the like).
public enum LocalHoliday: Sendable, Equatable {
  /// Every year on this month and day.
  case recurring(month: Int, day: Int)
  /// Once, on this date.
  case once(LocalDate)
}

/// The four canonical sources of SPEC §2.1.
public enum SourceKind: String, Sendable, CaseIterable, Comparable {
  case orders, tickets, invoices, lines

  public static func < (lhs: SourceKind, rhs: SourceKind) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// How one source's files are found and read.
public struct SourceConfiguration: Sendable, Equatable {
  /// File globs relative to `--input` (`*`, `?` and `**`), read in path order.
  public var files: [String]
  /// Field delimiter, or auto-detection from the header line.
  public var delimiter: DelimiterSetting
  /// Text encoding, or auto-detection (BOM, then UTF-8 validity).
  public var encoding: EncodingSetting
  /// Accepted date/time patterns, tried in order (`yyyy-MM-dd HH:mm`, `dd/MM/yyyy`, `iso8601`).
  public var dateFormats: [String]
  /// Decimal mark of numbers: `,` (then `.` groups thousands) or `.`.
  public var decimalMark: DecimalMark
  /// Header name in the file → canonical field name. Unmapped headers that equal a
  /// canonical name are taken as that field; any other header is ignored.
  public var columns: [String: String]
  /// Canonical field → raw value → canonical value.
  public var values: [String: [String: String]]
  /// Fold records with the same id (SPEC §2.2). Default: on for orders and tickets, off otherwise.
  public var deduplicate: Bool
  /// Maximum rejected share (rejected ÷ rows read) before the run fails, as an exact fraction.
  public var rejectThreshold: ExactDecimal
  /// For invoices only: one row per document, or monthly counts.
  public var invoiceLayout: InvoiceLayout

  public init(
    files: [String], delimiter: DelimiterSetting = .auto, encoding: EncodingSetting = .auto,
    dateFormats: [String], decimalMark: DecimalMark = .comma, columns: [String: String] = [:],
    values: [String: [String: String]] = [:], deduplicate: Bool,
    rejectThreshold: ExactDecimal = ExactDecimal(units: 5, scale: 3),
    invoiceLayout: InvoiceLayout = .rows
  ) {
    self.files = files
    self.delimiter = delimiter
    self.encoding = encoding
    self.dateFormats = dateFormats
    self.decimalMark = decimalMark
    self.columns = columns
    self.values = values
    self.deduplicate = deduplicate
    self.rejectThreshold = rejectThreshold
    self.invoiceLayout = invoiceLayout
  }
}

/// The `delimiter:` setting of a source.
public enum DelimiterSetting: Sendable, Equatable {
  case auto
  /// One of `;`, `,`, TAB, `|`.
  case byte(UInt8)
}

/// The `encoding:` setting of a source.
public enum EncodingSetting: String, Sendable, Equatable {
  case auto
  case utf8 = "utf-8"
  case windows1252 = "windows-1252"
}

/// The `decimal_mark:` setting of a source.
public enum DecimalMark: String, Sendable, Equatable {
  case comma = ","
  case point = "."
}

/// The `layout:` setting of the invoices source (SPEC §2.1).
public enum InvoiceLayout: String, Sendable, Equatable {
  /// `invoice_id`, `issue_date`, `doc_type`, …: one row per document.
  case rows
  /// `month`, `issued`, optional dimensions: monthly counts.
  case monthly
}

/// Per-indicator settings of SPEC §4.
public struct IndicatorConfiguration: Sendable, Equatable {
  /// ATT: contractual days when the row has none, first matching rule wins.
  public var contractDays: [ContractDaysRule]
  /// Breakdown dimensions per indicator code (`ATT` → `[access, technology, customer]`).
  public var breakdowns: [String: [Dimension]]
  /// Extra breakdowns in the annual report's *Anno* column (`ATT` → `[region]`).
  public var annualBreakdowns: [String: [Dimension]]
  /// RIP percentiles: solar (elapsed) or working-hours clock.
  public var repairClock: RepairClock
  /// RIP ON_TIME deadline.
  public var repairDeadline: RepairDeadline
  /// REC ON_TIME term in days (default 30).
  public var complaintTermDays: Int

  public init(
    contractDays: [ContractDaysRule], breakdowns: [String: [Dimension]],
    annualBreakdowns: [String: [Dimension]], repairClock: RepairClock,
    repairDeadline: RepairDeadline, complaintTermDays: Int
  ) {
    self.contractDays = contractDays
    self.breakdowns = breakdowns
    self.annualBreakdowns = annualBreakdowns
    self.repairClock = repairClock
    self.repairDeadline = repairDeadline
    self.complaintTermDays = complaintTermDays
  }
}

/// `{service: voice, access: own, days: 60}`: a rule for ATT's default contractual days.
/// A rule without `service`/`access` matches every order.
public struct ContractDaysRule: Sendable, Equatable {
  public var service: String?
  public var access: String?
  public var days: Int

  public init(service: String?, access: String?, days: Int) {
    self.service = service
    self.access = access
    self.days = days
  }
}

/// Clock of the RIP percentiles.
public enum RepairClock: String, Sendable, Equatable {
  case solar
  case workingHours = "working_hours"
}

/// Deadline of RIP ON_TIME.
public enum RepairDeadline: Sendable, Equatable {
  /// Met when elapsed solar minutes minus suspension ≤ hours × 60.
  case solarHours(Int)
  /// Met when resolved on or before the end of the N-th working day after the report day.
  case workingDays(Int)
}
