import ReportCore

/// The whole configuration of a run, read from the operator's YAML file and resolved once:
/// the time zone, the working calendar, the date patterns, the targets and the labels are
/// typed values, so that no stage parses a string of the configuration again.
///
/// Every key is checked: an unknown key, a missing required key, a value of the wrong type,
/// an unknown time zone or a date pattern that cannot be compiled is a ``ConfigurationError``
/// naming the file, line and key.
public struct ReportConfiguration: Sendable {
  /// The file as read: its path and the very bytes that were parsed (for the manifest's digest).
  public var file: ConfigurationFile
  /// Who publishes the report (header of the Allegato 4 models).
  public var operatorInfo: OperatorInfo
  /// The time zone of naive timestamps (SPEC §3), default `Europe/Rome`.
  public var timeZone: TimeZoneTable
  /// Working days, working hours, national and local holidays (SPEC §3).
  public var calendar: WorkingCalendar
  /// The configured sources, keyed by ``SourceKind``: the four required ones, and calls and
  /// surveys when configured.
  public var sources: [SourceKind: SourceConfiguration]
  /// Per-indicator rules (deadlines, clocks, breakdowns).
  public var indicators: IndicatorConfiguration
  /// Declared targets, at the decimals of their measure (SPEC §4 Targets).
  public var targets: Targets
  /// Label overrides of indicators and measures.
  public var labels: Labels
  /// The operator's notes on indicators and columns (SPEC §4 Notes).
  public var notes: Notes
  /// The indemnities of the specific standards of ATT, RIP and REC (SPEC §4.2).
  public var indemnities: IndemnityRules

  public init(
    file: ConfigurationFile, operatorInfo: OperatorInfo, timeZone: TimeZoneTable, calendar: WorkingCalendar,
    sources: [SourceKind: SourceConfiguration], indicators: IndicatorConfiguration, targets: Targets,
    labels: Labels, notes: Notes = Notes(), indemnities: IndemnityRules = .defaults
  ) {
    self.file = file
    self.operatorInfo = operatorInfo
    self.timeZone = timeZone
    self.calendar = calendar
    self.sources = sources
    self.indicators = indicators
    self.targets = targets
    self.labels = labels
    self.notes = notes
    self.indemnities = indemnities
  }

  /// The indicators of the report, in catalogue order: every indicator but those reading an
  /// optional source that is not configured (SPEC §4: TMO, C20 and ISC exist only when their
  /// source is configured).
  public var indicatorsInForce: [IndicatorCode] {
    IndicatorCode.allCases.filter { code in code.sources.allSatisfy { !$0.isOptional || sources[$0] != nil } }
  }
}

/// The configuration file as read, once: the manifest's digest is of these bytes.
public struct ConfigurationFile: Sendable, Equatable {
  /// The path as given on the command line.
  public var path: String
  /// The file's bytes, exactly as read and parsed.
  public var bytes: [UInt8]

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
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

/// Declared targets (SPEC §4 Targets): indicator → measure → segment → value per column
/// kind, each value at its measure's published decimals.
public struct Targets: Sendable, Equatable {
  public var values: [IndicatorCode: [MeasureCode: [Segment: ColumnTargets]]]

  public init(_ values: [IndicatorCode: [MeasureCode: [Segment: ColumnTargets]]] = [:]) {
    self.values = values
  }

  /// The target of one segment of a measure in one report column, nil when none is declared.
  public func target(_ measure: MeasureDefinition, segment: Segment, column: ReportPeriod) -> ExactDecimal? {
    values[measure.indicator]?[measure.measure]?[segment]?.target(in: column)
  }
}

/// One declared target: the same value in every column (`RATE: {TOT: 12}`), or one for the
/// semesters and one for the year (`RATE: {TOT: {semestre: 6, anno: 12}}`) — a rate over a
/// year is about twice a semester's. A kind left out has no target.
public struct ColumnTargets: Sendable, Equatable {
  /// The target of a semester: the semi-annual report, and the *1° semestre* and *2° semestre*
  /// columns of the annual one.
  public var semester: ExactDecimal?
  /// The target of the annual report's *Anno* column.
  public var year: ExactDecimal?

  public init(semester: ExactDecimal?, year: ExactDecimal?) {
    self.semester = semester
    self.year = year
  }

  /// One value for every column.
  public init(_ value: ExactDecimal) {
    self.init(semester: value, year: value)
  }

  /// The target in force in `column`.
  public func target(in column: ReportPeriod) -> ExactDecimal? {
    column.isAnnual ? year : semester
  }
}

/// Configured labels (`labels:`), over the catalogue's defaults (SPEC §4.1): of indicators,
/// of measures, and of dimension values as people read them.
public struct Labels: Sendable, Equatable {
  public var indicators: [IndicatorCode: String]
  /// Keyed by ``MeasureDefinition/key`` (`ATT P95`).
  public var measures: [String: String]
  /// Dimension → canonical value → label, over ``DimensionField/defaultValueLabels``.
  public var dimensionValues: [DimensionField: [String: String]]

  public init(
    indicators: [IndicatorCode: String] = [:], measures: [String: String] = [:],
    dimensionValues: [DimensionField: [String: String]] = [:]
  ) {
    self.indicators = indicators
    self.measures = measures
    self.dimensionValues = dimensionValues
  }

  /// *Denominazione indicatore*: the configured label, else the catalogue's.
  public func label(_ code: IndicatorCode) -> String { indicators[code] ?? code.label }

  /// *Misura*: the configured label, else the catalogue's.
  public func label(_ measure: MeasureDefinition) -> String { measures[measure.key] ?? measure.label }

  /// A dimension value for people: the configured label, else the Italian default, else
  /// the value as written (`own` → *Rete propria*, `09` → *Toscana*, `FTTH` → `FTTH`).
  public func label(_ dimension: DimensionField, value: String) -> String {
    dimensionValues[dimension]?[value] ?? dimension.defaultValueLabels[value] ?? value
  }

  /// The whole population (segment `TOT`) for people.
  public static let total = "Totale"

  /// A segment for people: *Totale*, or `Accesso: Rete propria`.
  public func label(_ segment: Segment) -> String {
    switch segment {
    case .total: Self.total
    case .value(let dimension, let value): "\(dimension.displayName): \(label(dimension, value: value))"
    }
  }
}

/// The operator's notes (`notes:`, SPEC §4 Notes): a free text on an indicator, shown in every
/// report, or on an indicator in one column (`"RIP 2025-H2"`), shown wherever that column is
/// — the place to explain a missed target where it is published.
public struct Notes: Sendable, Equatable {
  public var indicators: [IndicatorCode: String]
  public var columns: [IndicatorCode: [ReportPeriod: String]]

  public init(
    indicators: [IndicatorCode: String] = [:], columns: [IndicatorCode: [ReportPeriod: String]] = [:]
  ) {
    self.indicators = indicators
    self.columns = columns
  }

  /// The notes of `code` in a report with `columns`: the indicator's first, then the
  /// columns' in column order.
  public func notes(of code: IndicatorCode, columns reportColumns: [ReportPeriod]) -> [OperatorNote] {
    var notes = indicators[code].map { [OperatorNote(column: nil, text: $0)] } ?? []
    for column in reportColumns {
      if let text = columns[code]?[column] { notes.append(OperatorNote(column: column, text: text)) }
    }
    return notes
  }
}

/// One note of the operator, on the whole indicator or on one column of it.
public struct OperatorNote: Sendable, Equatable {
  /// The column it is about; nil for the whole indicator.
  public var column: ReportPeriod?
  public var text: String

  public init(column: ReportPeriod?, text: String) {
    self.column = column
    self.text = text
  }
}

/// How one source's files are found and read.
public struct SourceConfiguration: Sendable, Equatable {
  /// Which source this is.
  public var kind: SourceKind
  /// File globs relative to `--input` (`*`, `?` and `**`), read in path order.
  public var files: [String]
  /// Field delimiter, or auto-detection from the header line.
  public var delimiter: DelimiterSetting
  /// Text encoding, or auto-detection (BOM, then UTF-8 validity).
  public var encoding: EncodingSetting
  /// Accepted date/time patterns, compiled, tried in order (`yyyy-MM-dd HH:mm`, `dd/MM/yyyy`, `iso8601`).
  public var dateFormats: [DatePattern]
  /// Decimal mark of numbers: `,` (then `.` groups thousands) or `.`.
  public var decimalMark: DecimalMark
  /// Header name in the file → canonical field. Unmapped headers that equal a canonical
  /// name are taken as that field; any other header is ignored.
  public var columns: [String: CanonicalField]
  /// Canonical field → raw value → canonical value. A dimension with a mapping is closed:
  /// a value neither mapped nor canonical (``DimensionField/canonicalValues``) rejects the row
  /// (SPEC §2.3); a dimension without one takes any text.
  public var values: [CanonicalField: [String: String]]
  /// `exclusions:` — the admitted exclusion causes, code → Italian label (SPEC §2.3): a row
  /// with another code (after `values:` mapping) is rejected. Nil when the source declares
  /// none: every code is then admitted, and `check` shows the codes seen.
  public var exclusions: [String: String]?
  /// Fold records with the same id (SPEC §2.2). Default: the schema's (on for orders and tickets).
  public var deduplicate: Bool
  /// Maximum rejected share (rejected ÷ rows read) before the run fails, as an exact fraction.
  public var rejectThreshold: ExactDecimal
  /// For invoices only: one row per document, or monthly counts.
  public var invoiceLayout: InvoiceLayout
  /// For surveys only: the whole-number scores a question may take (`scale:`, default 1–10).
  public var scoreScale: ClosedRange<Int>

  /// The source's columns and closed values (SPEC §2.1).
  public var schema: SourceSchema { SourceSchema.of(kind, invoiceLayout: invoiceLayout) }

  public init(
    kind: SourceKind, files: [String], delimiter: DelimiterSetting = .auto, encoding: EncodingSetting = .auto,
    dateFormats: [DatePattern], decimalMark: DecimalMark = .comma, columns: [String: CanonicalField] = [:],
    values: [CanonicalField: [String: String]] = [:], exclusions: [String: String]? = nil,
    deduplicate: Bool? = nil, rejectThreshold: ExactDecimal = ExactDecimal(units: 5, scale: 3),
    invoiceLayout: InvoiceLayout = .rows, scoreScale: ClosedRange<Int> = 1...10
  ) {
    self.kind = kind
    self.files = files
    self.delimiter = delimiter
    self.encoding = encoding
    self.dateFormats = dateFormats
    self.decimalMark = decimalMark
    self.columns = columns
    self.values = values
    self.exclusions = exclusions
    self.deduplicate =
      deduplicate ?? SourceSchema.of(kind, invoiceLayout: invoiceLayout).deduplicatesByDefault
    self.rejectThreshold = rejectThreshold
    self.invoiceLayout = invoiceLayout
    self.scoreScale = scoreScale
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

/// Per-indicator settings of SPEC §4.
public struct IndicatorConfiguration: Sendable, Equatable {
  /// ATT: contractual days when the row has none, first matching rule wins.
  public var contractDays: [ContractDaysRule]
  /// Breakdown dimensions per indicator (`ATT` → `[access, technology, customer]`).
  public var breakdowns: [IndicatorCode: [DimensionField]]
  /// Extra breakdowns in the annual report's *Anno* column (`ATT` → `[region]`).
  public var annualBreakdowns: [IndicatorCode: [DimensionField]]
  /// RIP percentiles: solar (elapsed) or working-hours clock.
  public var repairClock: RepairClock
  /// RIP ON_TIME deadline.
  public var repairDeadline: RepairDeadline
  /// REC ON_TIME term in days (default 30).
  public var complaintTermDays: Int
  /// C20 ON_TIME: the longest wait, in seconds, of a call served in time (default 20).
  public var answerWithinSeconds: Int
  /// C20: an unanswered call that ended less than this many seconds after asking for an
  /// operator is left out of the population (default 0: none is).
  public var shortAbandonSeconds: Int

  public init(
    contractDays: [ContractDaysRule], breakdowns: [IndicatorCode: [DimensionField]],
    annualBreakdowns: [IndicatorCode: [DimensionField]], repairClock: RepairClock,
    repairDeadline: RepairDeadline, complaintTermDays: Int, answerWithinSeconds: Int = 20,
    shortAbandonSeconds: Int = 0
  ) {
    self.contractDays = contractDays
    self.breakdowns = breakdowns
    self.annualBreakdowns = annualBreakdowns
    self.repairClock = repairClock
    self.repairDeadline = repairDeadline
    self.complaintTermDays = complaintTermDays
    self.answerWithinSeconds = answerWithinSeconds
    self.shortAbandonSeconds = shortAbandonSeconds
  }

  /// The SPEC §4 defaults: TOT only, ATT by region in the annual report, solar repair clock,
  /// 4 working days, 30-day complaint term, calls served within 20 seconds, no short abandon.
  public static var defaults: IndicatorConfiguration {
    IndicatorConfiguration(
      contractDays: [], breakdowns: [:], annualBreakdowns: [.ATT: [.region]], repairClock: .solar,
      repairDeadline: .workingDays(4), complaintTermDays: 30)
  }

  /// The breakdowns of `code` in a column of a report: the annual breakdowns are added in
  /// the *Anno* column of an annual report only.
  public func breakdowns(of code: IndicatorCode, inAnnualColumn: Bool) -> [DimensionField] {
    var dimensions = breakdowns[code] ?? []
    if inAnnualColumn {
      for extra in annualBreakdowns[code] ?? [] where !dimensions.contains(extra) { dimensions.append(extra) }
    }
    return dimensions
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

/// How the days late of a breach are counted (SPEC §4.2 `count`).
public enum DayCount: String, Sendable, Equatable {
  /// Local calendar days after the deadline date up to the end date (the default).
  case calendarDays = "calendar_days"
  /// Working days of the configured calendar after the deadline date up to the end date, for
  /// the *Carte* that pay per *giorno feriale*.
  case workingDays = "working_days"
}

/// The indemnity of one indicator's specific standard (SPEC §4.2): min(cap, per_day ×
/// max(0, days late − grace_days)) × business_multiplier (for `customer` business), in euro.
public struct IndemnityRule: Sendable, Equatable {
  /// Euro per day late, in cents (`7.50` → 750).
  public var perDayCents: Int64
  /// Days late that earn nothing (default 0).
  public var graceDays: Int
  /// The largest indemnity before the business multiplier, in cents; nil when uncapped.
  public var capCents: Int64?
  /// Multiplier of a business customer's indemnity (default 1), exact as written.
  public var businessMultiplier: ExactDecimal
  /// How the days late are counted.
  public var count: DayCount

  public init(
    perDayCents: Int64, graceDays: Int = 0, capCents: Int64? = nil,
    businessMultiplier: ExactDecimal = ExactDecimal(units: 1, scale: 0), count: DayCount = .calendarDays
  ) {
    self.perDayCents = perDayCents
    self.graceDays = graceDays
    self.capCents = capCents
    self.businessMultiplier = businessMultiplier
    self.count = count
  }
}

/// `indemnities:` — the rule of each indicator with specific standards (ATT, RIP, REC),
/// each defaulting to delibera 347/18/CONS Allegato A.
public struct IndemnityRules: Sendable, Equatable {
  /// The indicators whose records carry a per-customer deadline, in catalogue order.
  public static let indicators: [IndicatorCode] = [.ATT, .RIP, .REC]

  public var rules: [IndicatorCode: IndemnityRule]

  public init(rules: [IndicatorCode: IndemnityRule]) {
    self.rules = rules
  }

  /// 347/18/CONS Allegato A: ATT €7.50 per day (art. 4), RIP €6.00 per day (art. 6), REC €2.50
  /// per day up to €300 (art. 12); no grace days, no business multiplier, calendar days.
  public static var defaults: IndemnityRules {
    IndemnityRules(rules: [
      .ATT: IndemnityRule(perDayCents: 750),
      .RIP: IndemnityRule(perDayCents: 600),
      .REC: IndemnityRule(perDayCents: 250, capCents: 30_000),
    ])
  }

  /// The rule of `code`. - Precondition: `code` is one of ``indicators``.
  public subscript(code: IndicatorCode) -> IndemnityRule { rules[code]! }
}
