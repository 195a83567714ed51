import Foundation
import ReportCore
import Yams

extension ReportConfiguration {
  /// Reads and checks a configuration file.
  ///
  /// The file must be UTF-8 text (a byte order mark is skipped) of at most 10 MB.
  ///
  /// - Parameter path: the configuration file, as given on the command line.
  /// - Throws: ``ConfigurationError`` at line 0 when the file cannot be read, else at the
  ///   line and column of the first problem (see ``parse(yaml:path:)``).
  public static func load(path: String) throws(ConfigurationError) -> ReportConfiguration {
    let bytes = try ConfigurationText.bytes(path: path)
    let text = try ConfigurationText.decodeUTF8(bytes, path: path)
    return try parse(yaml: text, file: ConfigurationFile(path: path, bytes: bytes))
  }

  /// Parses YAML text; `path` is used in messages only.
  ///
  /// Every key is checked against the format of `samples/acceptance.yaml`: unknown keys,
  /// missing required keys, values of the wrong type, unknown words, invalid dates,
  /// duplicate keys and YAML syntax errors are all errors, located and naming the key path.
  public static func parse(yaml: String, path: String) throws(ConfigurationError) -> ReportConfiguration {
    try parse(yaml: yaml, file: ConfigurationFile(path: path, bytes: Array(yaml.utf8)))
  }

  /// Parses the text of `file`, which must be its bytes decoded.
  static func parse(yaml: String, file: ConfigurationFile) throws(ConfigurationError) -> ReportConfiguration {
    let root = try YAMLNodeReader.compose(yaml: yaml, file: file.path)
    return try ConfigurationSchema.configuration(root, file: file)
  }
}

/// Reading the configuration file's bytes.
enum ConfigurationText {
  /// Larger files are refused: a configuration is a few kilobytes, and `/dev/zero` never ends.
  static let maximumSize = 10_000_000

  /// The file's bytes, read once.
  ///
  /// - Throws: at line 0 when the file is missing, not a regular file (a directory, a FIFO:
  ///   opened without blocking), unreadable or too large.
  static func bytes(path: String) throws(ConfigurationError) -> [UInt8] {
    func failure(_ reason: String) -> ConfigurationError {
      ConfigurationError(path: path, line: 0, column: 0, message: "cannot read the configuration: \(reason)")
    }
    let descriptor: Int32
    do throws(FileOpeningError) {
      descriptor = try RegularFile.open(path).descriptor
    } catch {
      throw failure(error.message)
    }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while bytes.count <= maximumSize {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count >= 0 else { throw failure(String(cString: strerror(errno))) }
      if count == 0 { break }
      bytes.append(contentsOf: chunk[..<count])
    }
    guard bytes.count <= maximumSize else { throw failure("larger than 10 MB; is it the right file?") }
    return bytes
  }

  /// Strict UTF-8 decoding that locates the first invalid byte; a byte order mark is skipped.
  ///
  /// - Throws: at the line and column of the first byte that is not UTF-8.
  static func decodeUTF8(_ bytes: [UInt8], path: String) throws(ConfigurationError) -> String {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    var iterator = body.makeIterator()
    var decoder = UTF8()
    var scalars = String.UnicodeScalarView()
    var line = 1
    var column = 1
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        scalars.append(scalar)
        if scalar == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
      case .emptyInput:
        return String(scalars)
      case .error:
        throw ConfigurationError(
          path: path, line: line, column: column,
          message: "the configuration is not UTF-8 text (save it as UTF-8)")
      }
    }
  }
}

/// The configuration format: which keys exist, which are required, and what their values may be.
enum ConfigurationSchema {
  /// Largest day or hour count accepted, far beyond any contractual term.
  static let maximumCount = 9999

  // MARK: Top level

  /// The whole configuration.
  static func configuration(_ root: YAMLNodeReader, file: ConfigurationFile) throws(ConfigurationError)
    -> ReportConfiguration
  {
    let top = try root.mapping(allowedKeys: [
      "operator", "time_zone", "calendar", "sources", "indicators", "targets", "labels", "notes",
      "indemnities",
    ])
    let operatorInfo = try self.operatorInfo(top.required("operator"))
    let timeZone = try self.timeZone(top.optional("time_zone"), in: root)
    var calendar = WorkingCalendar(
      workingDays: [.monday, .tuesday, .wednesday, .thursday, .friday], workingHours: nil,
      recurringHolidays: [],
      holidays: [])
    if let node = top.optional("calendar") { calendar = try self.calendar(node) }
    let sources = try self.sources(top.required("sources"))
    var indicators = IndicatorConfiguration.defaults
    if let node = top.optional("indicators") {
      indicators = try self.indicators(node, calendar: calendar, sources: sources)
    }
    var targets = Targets()
    if let node = top.optional("targets") {
      targets = try self.targets(node, indicators: indicators, sources: sources)
    }
    var labels = Labels()
    if let node = top.optional("labels") { labels = try self.labels(node) }
    var notes = Notes()
    if let node = top.optional("notes") { notes = try self.notes(node) }
    var indemnities = IndemnityRules.defaults
    if let node = top.optional("indemnities") { indemnities = try self.indemnities(node) }
    return ReportConfiguration(
      file: file, operatorInfo: operatorInfo, timeZone: timeZone, calendar: calendar, sources: sources,
      indicators: indicators, targets: targets, labels: labels, notes: notes, indemnities: indemnities)
  }

  /// `time_zone:` — an IANA name (default `Europe/Rome`), resolved into its table of
  /// transitions from the system's time-zone database.
  static func timeZone(_ node: YAMLNodeReader?, in root: YAMLNodeReader) throws(ConfigurationError)
    -> TimeZoneTable
  {
    let name = try node?.nonEmptyText(expected: "a time zone name such as Europe/Rome") ?? "Europe/Rome"
    do {
      return try TimeZoneTable(identifier: name)
    } catch {
      let message =
        "unknown time zone \(YAMLNodeReader.quoted(name)) (not in the system's time-zone database)"
      throw node?.error(message) ?? root.error("time_zone: " + message)
    }
  }

  /// `operator:` — name, VAT number, brand.
  static func operatorInfo(_ node: YAMLNodeReader) throws(ConfigurationError) -> OperatorInfo {
    let map = try node.mapping(allowedKeys: ["name", "vat_number", "brand"])
    let name = try map.required("name").nonEmptyText(expected: "the operator's name")
    let vatNumber = try map.required("vat_number").nonEmptyText(
      expected: "a VAT number such as IT01234567890")
    let brand = try map.optional("brand")?.nonEmptyText(expected: "a brand name")
    return OperatorInfo(name: name, vatNumber: vatNumber, brand: brand)
  }

  // MARK: Calendar

  /// Weekday spellings of `working_days`.
  static let weekdays: [(String, Weekday)] = [
    ("mon", .monday), ("tue", .tuesday), ("wed", .wednesday), ("thu", .thursday), ("fri", .friday),
    ("sat", .saturday), ("sun", .sunday),
  ]

  /// `calendar:` — working days, working hours, local holidays (SPEC §3).
  static func calendar(_ node: YAMLNodeReader) throws(ConfigurationError) -> WorkingCalendar {
    let map = try node.mapping(allowedKeys: ["working_days", "working_hours", "local_holidays"])
    var workingDays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]
    if let list = map.optional("working_days") {
      let items = try list.list(of: "weekdays (mon, tue, …)")
      guard !items.isEmpty else { throw list.error("expected at least one working day, found an empty list") }
      workingDays = []
      for item in items {
        let day = try item.choice(weekdays)
        guard workingDays.insert(day).inserted else {
          throw item.error("\(YAMLNodeReader.describe(item.node)) is listed twice")
        }
      }
    }
    var workingHours: Range<Int>?
    if let text = map.optional("working_hours") { workingHours = try self.workingHours(text) }
    var recurring: [MonthDay] = []
    var once: [LocalDate] = []
    if let list = map.optional("local_holidays") {
      for item in try list.list(of: "dates") {
        switch try localHoliday(item) {
        case .recurring(let day): recurring.append(day)
        case .once(let date): once.append(date)
        }
      }
    }
    return WorkingCalendar(
      workingDays: workingDays, workingHours: workingHours, recurringHolidays: recurring, holidays: once)
  }

  /// `"08:30-19:30"` → 510..<1170 minutes from midnight; the start must be before the end.
  static func workingHours(_ node: YAMLNodeReader) throws(ConfigurationError) -> Range<Int> {
    let what = "a daily window such as \"08:30-19:30\" (start before end)"
    let text = try node.text(expected: what)
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, let start = minutes(parts[0]), let end = minutes(parts[1]), start < end else {
      throw node.typeError(expected: what)
    }
    return start..<end
  }

  /// `H:MM` or `HH:MM` (00:00 to 24:00) → minutes from midnight.
  static func minutes(_ text: Substring) -> Int? {
    let parts = text.trimmingCharacters(in: .whitespaces).split(
      separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let hours = Int(parts[0]), let minutes = Int(parts[1]), minutes < 60,
      hours < 24 || (hours == 24 && minutes == 0)
    else { return nil }
    return hours * 60 + minutes
  }

  /// `06-29` (every year) or `2025-12-07` (once); the date must exist (29 February only in leap years).
  static func localHoliday(_ node: YAMLNodeReader) throws(ConfigurationError) -> LocalHoliday {
    let what = "a date as MM-dd (every year) or yyyy-MM-dd (once)"
    let text = try node.text(expected: what)
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    let lengths = parts.map(\.count)
    guard lengths == [2, 2] || lengths == [4, 2, 2],
      parts.allSatisfy({ $0.utf8.allSatisfy { (0x30...0x39).contains($0) } })
    else { throw node.typeError(expected: what) }
    let numbers = parts.compactMap { Int($0) }
    let notADate = node.error("\(YAMLNodeReader.quoted(text)) is not a valid date")
    if numbers.count == 2 {
      let (month, day) = (numbers[0], numbers[1])
      // A recurring holiday may fall on 29 February: it then applies in leap years only.
      guard (1...12).contains(month), (1...LocalDate.daysInMonth(year: 2000, month: month)).contains(day)
      else {
        throw notADate
      }
      return .recurring(MonthDay(month: month, day: day))
    }
    guard numbers.count == 3, let date = LocalDate(year: numbers[0], month: numbers[1], day: numbers[2])
    else {
      throw notADate
    }
    return .once(date)
  }

  // MARK: Sources

  /// A configured local holiday (patron saint and the like).
  enum LocalHoliday {
    /// Every year on this month and day.
    case recurring(MonthDay)
    /// Once, on this date.
    case once(LocalDate)
  }

  /// `sources:` — orders, tickets, invoices and lines are required; calls and surveys optional.
  static func sources(_ node: YAMLNodeReader) throws(ConfigurationError) -> [SourceKind: SourceConfiguration]
  {
    let map = try node.mapping(allowedKeys: SourceKind.allCases.map(\.rawValue))
    var sources: [SourceKind: SourceConfiguration] = [:]
    for kind in SourceKind.allCases {
      if kind.isOptional {
        guard let entry = map.optional(kind.rawValue) else { continue }
        sources[kind] = try source(kind, entry)
      } else {
        sources[kind] = try source(kind, map.required(kind.rawValue))
      }
    }
    return sources
  }

  /// An error when `code` reads a source the configuration leaves out: its settings or
  /// targets would apply to an indicator that is not reported.
  static func requireSources(
    of code: IndicatorCode, _ sources: [SourceKind: SourceConfiguration], at node: YAMLNodeReader,
    _ entry: YAMLEntry
  ) throws(ConfigurationError) {
    guard let missing = code.sources.first(where: { sources[$0] == nil }) else { return }
    throw node.error(
      "\(code.rawValue) is computed from sources.\(missing.rawValue), which is not configured",
      at: entry.keyPosition)
  }

  /// One source: files, how to read them, how to map headers and values.
  static func source(_ kind: SourceKind, _ node: YAMLNodeReader) throws(ConfigurationError)
    -> SourceConfiguration
  {
    var allowed = [
      "files", "delimiter", "encoding", "date_formats", "decimal_mark", "columns", "values", "deduplicate",
      "reject_threshold",
    ]
    if kind == .invoices { allowed.append("layout") }
    if SourceSchema.of(kind).hasExclusions {
      allowed.insert("exclusions", at: allowed.firstIndex(of: "values")! + 1)
    }
    if kind == .surveys { allowed.append("scale") }
    let map = try node.mapping(allowedKeys: allowed)

    var layout = InvoiceLayout.rows
    if let value = map.optional("layout") {
      layout = try value.choice([("rows", InvoiceLayout.rows), ("monthly", .monthly)])
    }
    let schema = SourceSchema.of(kind, invoiceLayout: layout)
    let fields = schema.fields.map(\.name)

    let filesNode = try map.required("files")
    let fileItems = try filesNode.oneOrList(of: "a file pattern")
    guard !fileItems.isEmpty else {
      throw filesNode.error("expected at least one file pattern, found an empty list")
    }
    var files: [String] = []
    for item in fileItems {
      files.append(try item.nonEmptyText(expected: "a file pattern such as \"\(kind.rawValue)/*.csv\""))
    }

    var delimiter = DelimiterSetting.auto
    if let value = map.optional("delimiter") {
      delimiter = try value.choice(
        [
          ("auto", .auto), (";", .byte(UInt8(ascii: ";"))), (",", .byte(UInt8(ascii: ","))),
          ("|", .byte(UInt8(ascii: "|"))), ("\t", .byte(9)), ("\\t", .byte(9)), ("tab", .byte(9)),
        ],
        shown: ["auto", "\";\"", "\",\"", "\"|\"", "\"\\t\"", "tab"])
    }

    var encoding = EncodingSetting.auto
    if let value = map.optional("encoding") {
      encoding = try value.choice(
        [
          ("auto", .auto), ("utf-8", .utf8), ("utf8", .utf8), ("windows-1252", .windows1252),
          ("cp1252", .windows1252),
        ],
        shown: ["auto", "utf-8", "windows-1252"], caseInsensitive: true)
    }

    var dateFormats = [try! DatePattern("iso8601")]
    if let value = map.optional("date_formats") {
      let items = try value.oneOrList(of: "a date pattern")
      guard !items.isEmpty else {
        throw value.error("expected at least one date pattern, found an empty list")
      }
      dateFormats = []
      for item in items { dateFormats.append(try datePattern(item)) }
    }

    var decimalMark = DecimalMark.comma
    if let value = map.optional("decimal_mark") {
      decimalMark = try value.choice([(",", DecimalMark.comma), (".", .point)], shown: ["\",\"", "\".\""])
    }

    var columns: [String: CanonicalField] = [:]
    if let value = map.optional("columns") {
      for entry in try value.keyedEntries() {
        guard entry.key.contains(where: { !$0.isWhitespace }) else {
          throw value.error("expected a column name, found an empty key", at: entry.keyPosition)
        }
        columns[entry.key] = try entry.value.choice(schema.fields.map { ($0.name, $0) })
      }
    }

    var exclusions: [String: String]?
    if let value = map.optional("exclusions") { exclusions = try self.exclusions(value) }

    var values: [CanonicalField: [String: String]] = [:]
    if let value = map.optional("values") {
      for entry in try value.keyedEntries() {
        guard let field = CanonicalField(name: entry.key), schema.fields.contains(field) else {
          throw value.unknown("field", entry, expected: "one of: " + fields.joined(separator: ", "))
        }
        var mapping: [String: String] = [:]
        // An exclusion code maps onto a declared cause when the source lists its causes.
        let canonical =
          field.closedValues ?? (field == .exclusion ? exclusions.map { $0.keys.sorted() } : nil)
        for raw in try entry.value.keyedEntries() {
          if let canonical {
            mapping[raw.key] = try raw.value.choice(canonical.map { ($0, $0) })
          } else {
            mapping[raw.key] = try raw.value.text(expected: "a canonical value")
          }
        }
        values[field] = mapping
      }
    }

    var deduplicate = schema.deduplicatesByDefault
    if let value = map.optional("deduplicate") {
      deduplicate = try value.bool()
      if deduplicate && kind == .lines {
        throw value.error("lines have no record id to de-duplicate on")
      }
      if deduplicate && kind == .surveys {
        throw value.error("surveys are never de-duplicated: an invitation exported twice counts twice")
      }
      if deduplicate && kind == .invoices && layout == .monthly {
        throw value.error("monthly invoice counts have no record id to de-duplicate on")
      }
    }

    var rejectThreshold = ExactDecimal(units: 5, scale: 3)
    if let value = map.optional("reject_threshold") { rejectThreshold = try share(value) }

    var scale = 1...10
    if let value = map.optional("scale") { scale = try scoreScale(value) }

    return SourceConfiguration(
      kind: kind, files: files, delimiter: delimiter, encoding: encoding, dateFormats: dateFormats,
      decimalMark: decimalMark, columns: columns, values: values, exclusions: exclusions,
      deduplicate: deduplicate, rejectThreshold: rejectThreshold, invoiceLayout: layout, scoreScale: scale)
  }

  /// `exclusions:` — the admitted exclusion causes, code → Italian label (SPEC §2.3). A code
  /// is compared with the trimmed value (after `values:` mapping) exactly, then ignoring
  /// case, so it may not have surrounding spaces nor differ from another only in case.
  static func exclusions(_ node: YAMLNodeReader) throws(ConfigurationError) -> [String: String] {
    var causes: [String: String] = [:]
    var folded: [String: String] = [:]
    for entry in try node.keyedEntries() {
      let code = entry.key
      guard let first = code.first, let last = code.last, !first.isWhitespace, !last.isWhitespace else {
        throw node.error(
          "expected an exclusion code such as customer_delay, found \(YAMLNodeReader.quoted(code))"
            + " (no leading or trailing spaces)", at: entry.keyPosition)
      }
      if let other = folded[code.lowercased()] {
        throw node.error(
          "exclusion codes \(YAMLNodeReader.quoted(other)) and \(YAMLNodeReader.quoted(code)) differ only in"
            + " case, and codes are matched ignoring case", at: entry.keyPosition)
      }
      folded[code.lowercased()] = code
      causes[code] = try entry.value.nonEmptyText(
        expected: "the cause's Italian label, such as \"Ritardo imputabile al cliente\"")
    }
    return causes
  }

  /// Largest score a survey scale may reach.
  static let maximumScore = 1000

  /// `scale: {min: 1, max: 10}` — the whole-number scores of the surveys, min below max.
  static func scoreScale(_ node: YAMLNodeReader) throws(ConfigurationError) -> ClosedRange<Int> {
    let map = try node.mapping(allowedKeys: ["min", "max"])
    let minimum = try map.required("min").integer(in: 0...maximumScore)
    let maximumNode = try map.required("max")
    let maximum = try maximumNode.integer(in: 0...maximumScore)
    guard minimum < maximum else {
      throw maximumNode.error("expected a maximum above the minimum \(minimum), found \(maximum)")
    }
    return minimum...maximum
  }

  /// A date pattern (`dd/MM/yyyy HH:mm`, `iso8601`), compiled (see ``DatePattern``).
  static func datePattern(_ node: YAMLNodeReader) throws(ConfigurationError) -> DatePattern {
    let text = try node.nonEmptyText(expected: "a date pattern such as \"dd/MM/yyyy HH:mm\" or iso8601")
    do {
      return try DatePattern(text)
    } catch {
      throw node.error(error.description)
    }
  }

  /// `0.5%` → 0.005, or a plain fraction `0.005`; from 0 to 1 inclusive, trailing zeros dropped.
  static func share(_ node: YAMLNodeReader) throws(ConfigurationError) -> ExactDecimal {
    let what = "a share such as 0.5% or 0.005 (from 0 to 1)"
    let text = try node.text(expected: what).trimmingCharacters(in: .whitespaces)
    var value: ExactDecimal?
    if text.hasSuffix("%") {
      let number = text.dropLast().trimmingCharacters(in: .whitespaces)
      value = ExactDecimal(parsing: number).map { ExactDecimal(units: $0.units, scale: $0.scale + 2) }
    } else {
      value = ExactDecimal(parsing: text)
    }
    guard var value, value.units >= 0, value.units <= power10(value.scale) else {
      throw node.typeError(expected: what)
    }
    while value.scale > 0 && value.units % 10 == 0 {
      value.units /= 10
      value.scale -= 1
    }
    return value
  }

  /// 10^exponent for exponent 0...18.
  static func power10(_ exponent: Int) -> Int64 {
    var result: Int64 = 1
    for _ in 0..<exponent { result *= 10 }
    return result
  }

  // MARK: Indicators

  /// `indicators:` — one optional mapping per indicator code.
  static func indicators(
    _ node: YAMLNodeReader, calendar: WorkingCalendar, sources: [SourceKind: SourceConfiguration]
  ) throws(ConfigurationError) -> IndicatorConfiguration {
    let map = try node.mapping(allowedKeys: IndicatorCode.allCases.map(\.rawValue))
    for entry in try node.keyedEntries() {
      if let code = IndicatorCode(rawValue: entry.key) {
        try requireSources(of: code, sources, at: node, entry)
      }
    }
    var result = IndicatorConfiguration.defaults
    for code in IndicatorCode.allCases {
      guard let indicator = map.optional(code.rawValue) else { continue }
      var keys = ["breakdowns", "annual_breakdowns"]
      switch code {
      case .ATT: keys.insert("contract_days", at: 0)
      case .RIP: keys += ["clock", "deadline"]
      case .REC: keys += ["term_days"]
      case .C20: keys += ["within_seconds", "short_abandon_seconds"]
      default: break
      }
      let settings = try indicator.mapping(allowedKeys: keys)
      if let list = settings.optional("breakdowns") { result.breakdowns[code] = try dimensions(list) }
      if let list = settings.optional("annual_breakdowns") {
        result.annualBreakdowns[code] = try dimensions(list)
      }
      if let list = settings.optional("contract_days") { result.contractDays = try contractDays(list) }
      if let value = settings.optional("clock") {
        result.repairClock = try value.choice([
          ("solar", RepairClock.solar), ("working_hours", .workingHours),
        ])
        if result.repairClock == .workingHours && calendar.workingHours == nil {
          throw value.error("the working_hours clock needs calendar.working_hours")
        }
      }
      if let value = settings.optional("deadline") { result.repairDeadline = try repairDeadline(value) }
      if let value = settings.optional("term_days") {
        result.complaintTermDays = try value.integer(in: 1...maximumCount)
      }
      if let value = settings.optional("within_seconds") {
        result.answerWithinSeconds = try value.integer(in: 1...maximumCount)
      }
      if let value = settings.optional("short_abandon_seconds") {
        result.shortAbandonSeconds = try value.integer(in: 0...maximumCount)
      }
    }
    return result
  }

  /// A list of dimension names, each at most once.
  static func dimensions(_ node: YAMLNodeReader) throws(ConfigurationError) -> [ReportCore.DimensionField] {
    var result: [ReportCore.DimensionField] = []
    for item in try node.list(of: "dimensions") {
      let dimension = try item.choice(ReportCore.DimensionField.allCases.map { ($0.rawValue, $0) })
      guard !result.contains(dimension) else {
        throw item.error("\(YAMLNodeReader.quoted(dimension.rawValue)) is listed twice")
      }
      result.append(dimension)
    }
    return result
  }

  /// `contract_days:` — `[{service?, access?, days}]`, first matching rule wins.
  static func contractDays(_ node: YAMLNodeReader) throws(ConfigurationError) -> [ContractDaysRule] {
    var rules: [ContractDaysRule] = []
    for item in try node.list(of: "rules such as {access: own, days: 60}") {
      let rule = try item.mapping(allowedKeys: ["service", "access", "days"])
      let service = try rule.optional("service")?.nonEmptyText(expected: "a service value")
      let access = try rule.optional("access")?.nonEmptyText(expected: "an access value")
      let days = try rule.required("days").integer(in: 1...maximumCount)
      rules.append(ContractDaysRule(service: service, access: access, days: days))
    }
    return rules
  }

  /// `deadline:` — exactly one of `{working_days: N}` or `{hours: H}`.
  static func repairDeadline(_ node: YAMLNodeReader) throws(ConfigurationError) -> RepairDeadline {
    let map = try node.mapping(allowedKeys: ["working_days", "hours"])
    switch (map.contains("working_days"), map.contains("hours")) {
    case (true, false):
      return .workingDays(try map.required("working_days").integer(in: 1...maximumCount))
    case (false, true):
      return .solarHours(try map.required("hours").integer(in: 1...maximumCount))
    default:
      throw node.error("expected exactly one of working_days and hours")
    }
  }

  // MARK: Targets and labels

  /// `targets:` — indicator → measure → segment → number, or `{semestre: …, anno: …}`,
  /// checked against the catalogue, the breakdowns and the values a segment can take, each
  /// value brought to its measure's published decimals.
  static func targets(
    _ node: YAMLNodeReader, indicators: IndicatorConfiguration, sources: [SourceKind: SourceConfiguration]
  ) throws(ConfigurationError) -> Targets {
    var targets = Targets()
    for indicator in try node.keyedEntries() {
      guard let code = IndicatorCode(rawValue: indicator.key) else {
        throw node.unknown(
          "indicator", indicator,
          expected: "one of: " + IndicatorCode.allCases.map(\.rawValue).joined(separator: ", "))
      }
      try requireSources(of: code, sources, at: node, indicator)
      let measures = code.measures
      let segmentValues = Self.segmentValues(
        of: code, dimensions: indicators.breakdowns(of: code, inAnnualColumn: true), sources: sources)
      var byMeasure: [MeasureCode: [Segment: ColumnTargets]] = [:]
      for measure in try indicator.value.keyedEntries() {
        guard let measureCode = MeasureCode(rawValue: measure.key), measures.contains(measureCode) else {
          throw indicator.value.unknown(
            "measure", measure, expected: "one of: " + measures.map(\.rawValue).joined(separator: ", "))
        }
        let definition = code.definition(of: measureCode)
        var bySegment: [Segment: ColumnTargets] = [:]
        for entry in try measure.value.keyedEntries() {
          let segment = try self.segment(entry, in: measure.value, indicator: code, values: segmentValues)
          bySegment[segment] = try columnTargets(entry.value, definition: definition)
        }
        byMeasure[measureCode] = bySegment
      }
      targets.values[code] = byMeasure
    }
    return targets
  }

  /// A segment's target: one number, or `{semestre: X, anno: Y}` (at least one of the two).
  static func columnTargets(
    _ node: YAMLNodeReader, definition: MeasureDefinition
  ) throws(ConfigurationError) -> ColumnTargets {
    guard node.isMapping else { return ColumnTargets(try publishedTarget(node, definition: definition)) }
    let map = try node.mapping(allowedKeys: ["semestre", "anno"])
    let semester = try map.optional("semestre").map { (node) throws(ConfigurationError) in
      try publishedTarget(node, definition: definition)
    }
    let year = try map.optional("anno").map { (node) throws(ConfigurationError) in
      try publishedTarget(node, definition: definition)
    }
    guard semester != nil || year != nil else {
      throw node.error("expected a target for semestre, anno or both (or one number for every column)")
    }
    return ColumnTargets(semester: semester, year: year)
  }

  /// A target number brought to its measure's published decimals.
  static func publishedTarget(
    _ node: YAMLNodeReader, definition: MeasureDefinition
  ) throws(ConfigurationError) -> ExactDecimal {
    let value = try target(node, percent: definition.unit.isPercentage)
    guard let published = value.withScale(definition.decimals) else {
      throw node.error(
        "\(definition.key) is published with \(definition.decimals) decimals, so a target of"
          + " \(value) cannot be compared with it")
    }
    return published
  }

  /// The values a segment of `code` can take, per breakdown dimension: the dimension's
  /// canonical values (SPEC §2.1) and the values its mappings produce in the sources `code` reads.
  static func segmentValues(
    of code: IndicatorCode, dimensions: [DimensionField], sources: [SourceKind: SourceConfiguration]
  ) -> [DimensionField: Set<String>] {
    var values: [DimensionField: Set<String>] = [:]
    for dimension in dimensions {
      var allowed = Set(dimension.canonicalValues)
      for kind in code.sources {
        allowed.formUnion(sources[kind]?.values[dimension.field]?.values ?? [:].values)
      }
      values[dimension] = allowed
    }
    return values
  }

  /// A segment is `TOT` or `dimension=value`, the dimension one the indicator is broken down
  /// by and the value one a segment of it can take: a typo is an error, never a target that
  /// silently applies to nothing (SPEC §4 Targets).
  static func segment(
    _ entry: YAMLEntry, in owner: YAMLNodeReader, indicator: IndicatorCode,
    values: [DimensionField: Set<String>]
  ) throws(ConfigurationError) -> Segment {
    if entry.key == "TOT" { return .total }
    guard let parsed = Segment(parsing: entry.key), case .value(let dimension, let value) = parsed,
      !value.isEmpty
    else {
      let names = YAMLNodeReader.alternatives(DimensionField.allCases.map(\.rawValue))
      throw owner.error(
        "bad segment \(YAMLNodeReader.quoted(entry.key)) (expected TOT or dimension=value, the dimension"
          + " being \(names))", at: entry.keyPosition)
    }
    guard let allowed = values[dimension] else {
      throw owner.error(
        "segment \(YAMLNodeReader.quoted(entry.key)) is never reported: add \(dimension.rawValue) to"
          + " indicators.\(indicator.rawValue).breakdowns", at: entry.keyPosition)
    }
    guard allowed.contains(value) else {
      throw owner.error(
        "segment \(YAMLNodeReader.quoted(entry.key)) is never reported: \(YAMLNodeReader.quoted(value)) is"
          + " neither a canonical value of \(dimension.rawValue) nor one its mapping produces (expected one of: "
          + allowed.sorted().joined(separator: ", ") + ")", at: entry.keyPosition)
    }
    return parsed
  }

  /// A target value, exact as written (`1.5` stays 15 × 10⁻¹); percentages from 0 to 100.
  static func target(_ node: YAMLNodeReader, percent: Bool) throws(ConfigurationError) -> ExactDecimal {
    let what = percent ? "a percentage from 0 to 100 such as 95 or 1.5" : "a number such as 30 or 1.5"
    let text = try node.text(expected: what)
    guard let value = ExactDecimal(parsing: text), value.units >= 0,
      !percent || value.units <= 100 * power10(value.scale)
    else { throw node.typeError(expected: what) }
    return value
  }

  /// `labels:` — `"ATT"` or `"ATT P95"` → text, or `"access=own"` → the value's display label.
  static func labels(_ node: YAMLNodeReader) throws(ConfigurationError) -> Labels {
    var labels = Labels()
    for entry in try node.keyedEntries() {
      let parts = entry.key.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
      let code = IndicatorCode(rawValue: parts[0])
      let measure = parts.count == 2 ? MeasureCode(rawValue: parts[1]) : nil
      let text = { () throws(ConfigurationError) in try entry.value.nonEmptyText(expected: "a label text") }
      if let code, parts.count == 1 {
        labels.indicators[code] = try text()
      } else if let code, let measure, code.measures.contains(measure) {
        labels.measures[code.definition(of: measure).key] = try text()
      } else if case .value(let dimension, let value)? = Segment(parsing: entry.key), !value.isEmpty {
        labels.dimensionValues[dimension, default: [:]][value] = try text()
      } else {
        throw node.unknown(
          "label", entry,
          expected: "an indicator code such as ATT, a code and a measure such as \"ATT P95\", or a"
            + " dimension value such as \"access=own\"")
      }
    }
    return labels
  }

  /// `notes:` — `"RIP"` (every report) or `"RIP 2025-H2"` (that column, in every report
  /// showing it) → the operator's text.
  static func notes(_ node: YAMLNodeReader) throws(ConfigurationError) -> Notes {
    var notes = Notes()
    for entry in try node.keyedEntries() {
      let parts = entry.key.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
      let code = IndicatorCode(rawValue: parts[0])
      let column = parts.count == 2 ? ReportPeriod(parsing: parts[1]) : nil
      let text = { () throws(ConfigurationError) in try entry.value.nonEmptyText(expected: "a note text") }
      if let code, parts.count == 1 {
        notes.indicators[code] = try text()
      } else if let code, let column {
        notes.columns[code, default: [:]][column] = try text()
      } else {
        throw node.unknown(
          "note", entry,
          expected:
            "an indicator code such as RIP, or a code and a period such as \"RIP 2025-H2\" or \"GUA 2025\"")
      }
    }
    return notes
  }

  // MARK: Indemnities

  /// Largest amount in euro accepted for `per_day` and `cap`, far beyond any *Carta*.
  static let maximumEuro: Int64 = 1_000_000

  /// `indemnities:` — `ATT`, `RIP` or `REC` → `{per_day, grace_days, cap, business_multiplier,
  /// count}`, every key optional; a key left out keeps the 347/18/CONS default (SPEC §4.2).
  static func indemnities(_ node: YAMLNodeReader) throws(ConfigurationError) -> IndemnityRules {
    let map = try node.mapping(allowedKeys: IndemnityRules.indicators.map(\.rawValue))
    var result = IndemnityRules.defaults
    for code in IndemnityRules.indicators {
      guard let indicator = map.optional(code.rawValue) else { continue }
      let settings = try indicator.mapping(allowedKeys: [
        "per_day", "grace_days", "cap", "business_multiplier", "count",
      ])
      var rule = result[code]
      if let value = settings.optional("per_day") { rule.perDayCents = try cents(value, orNone: false)! }
      if let value = settings.optional("grace_days") {
        rule.graceDays = try value.integer(in: 0...maximumCount)
      }
      if let value = settings.optional("cap") {
        rule.capCents = try cents(value, orNone: true)
      }
      if let value = settings.optional("business_multiplier") {
        rule.businessMultiplier = try multiplier(value)
      }
      if let value = settings.optional("count") {
        rule.count = try value.choice([
          ("calendar_days", DayCount.calendarDays), ("working_days", .workingDays),
        ])
      }
      result.rules[code] = rule
    }
    return result
  }

  /// An amount in euro with at most two decimals (`7.50`, `300`), from 0 to ``maximumEuro``,
  /// in cents; with `orNone`, the word `none` too, which gives nil.
  static func cents(_ node: YAMLNodeReader, orNone: Bool) throws(ConfigurationError) -> Int64? {
    let what =
      "an amount in euro with at most two decimals such as 7.50 (from 0 to 1000000)"
      + (orNone ? " or none" : "")
    let text = try node.text(expected: what)
    if orNone && text == "none" { return nil }
    guard let value = ExactDecimal(parsing: text), value.units >= 0, let cents = value.withScale(2),
      cents.units <= maximumEuro * 100
    else { throw node.typeError(expected: what) }
    return cents.units
  }

  /// `business_multiplier:` — a number with at most two decimals (`2`, `1.5`), from 0 to 100.
  static func multiplier(_ node: YAMLNodeReader) throws(ConfigurationError) -> ExactDecimal {
    let what = "a number with at most two decimals such as 2 or 1.5 (from 0 to 100)"
    let text = try node.text(expected: what)
    guard let value = ExactDecimal(parsing: text), value.units >= 0, value.scale <= 2,
      value.units <= 100 * power10(value.scale)
    else { throw node.typeError(expected: what) }
    return value
  }
}
