import Configuration
import Foundation
import ReportCore
import Testing

/// A small valid configuration; the error cases below edit it, so its line numbers matter.
private let minimal = """
  operator:
    name: Operatore Prova
    vat_number: 01234567890
  sources:
    orders:
      files: orders/*.csv
    tickets:
      files: [tickets/*.csv]
    invoices:
      files: invoices/*.csv
    lines:
      files: lines/*.csv

  """

/// `minimal` with `text` replaced by `replacement` (which must occur).
private func edited(_ text: String, _ replacement: String) -> String {
  precondition(minimal.contains(text), "the template has no \(text)")
  return minimal.replacingOccurrences(of: text, with: replacement)
}

/// One invalid configuration and the exact message it must produce.
struct ErrorCase: Sendable, CustomTestStringConvertible {
  var name: String
  var yaml: String
  var expected: String
  var testDescription: String { name }
}

private let ordersKeys =
  "files, delimiter, encoding, date_formats, decimal_mark, columns, values, exclusions, deduplicate,"
  + " reject_threshold"
/// The keys of a source without exclusion codes (lines, invoices without `layout`).
private let linesKeys =
  "files, delimiter, encoding, date_formats, decimal_mark, columns, values, deduplicate, reject_threshold"

private let errorCases: [ErrorCase] = [
  ErrorCase(
    name: "unknown time zone", yaml: minimal + "time_zone: Europe/Atlantis\n",
    expected: "cfg.yaml:13:12: error: time_zone: unknown time zone 'Europe/Atlantis' (not in the system's"
      + " time-zone database)"),
  ErrorCase(
    name: "date pattern that cannot be compiled",
    yaml: edited(
      "    files: [tickets/*.csv]\n", "    files: [tickets/*.csv]\n    date_formats: [dd/mm/yyyy]\n"),
    expected: "cfg.yaml:9:20: error: sources.tickets.date_formats[0]: invalid date pattern 'dd/mm/yyyy': 'mm'"
      + " means minutes; write 'MM' for the month"),
  ErrorCase(
    name: "unknown top-level key", yaml: minimal + "colour: blue\n",
    expected: "cfg.yaml:13:1: error: unknown key 'colour' at the top level (expected one of: operator,"
      + " time_zone, calendar, sources, indicators, targets, labels, notes, indemnities)"),
  ErrorCase(
    name: "misspelled nested key",
    yaml: edited("    files: orders/*.csv\n", "    files: orders/*.csv\n    delimeter: \";\"\n"),
    expected:
      "cfg.yaml:7:5: error: unknown key 'delimeter' in sources.orders (expected one of: \(ordersKeys))"),
  ErrorCase(
    name: "layout on a source other than invoices",
    yaml: edited("    files: lines/*.csv\n", "    files: lines/*.csv\n    layout: rows\n"),
    expected: "cfg.yaml:13:5: error: unknown key 'layout' in sources.lines (expected one of: \(linesKeys))"),
  ErrorCase(
    name: "exclusion causes on a source without exclusion codes",
    yaml: edited(
      "    files: lines/*.csv\n",
      "    files: lines/*.csv\n    exclusions: {force_majeure: \"Forza maggiore\"}\n"),
    expected:
      "cfg.yaml:13:5: error: unknown key 'exclusions' in sources.lines (expected one of: \(linesKeys))"),
  ErrorCase(
    name: "exclusion code mapped onto a cause that is not declared",
    yaml: edited(
      "    files: orders/*.csv\n",
      "    files: orders/*.csv\n    exclusions: {customer_delay: \"Ritardo imputabile al cliente\"}\n"
        + "    values: {exclusion: {Ripensamento: withdrawal}}\n"),
    expected: "cfg.yaml:8:40: error: sources.orders.values.exclusion.Ripensamento: expected customer_delay,"
      + " found 'withdrawal'"),
  ErrorCase(
    name: "exclusion cause without a label",
    yaml: edited(
      "    files: [tickets/*.csv]\n", "    files: [tickets/*.csv]\n    exclusions:\n      force_majeure:\n"),
    expected: "cfg.yaml:10:21: error: sources.tickets.exclusions.force_majeure: expected the cause's Italian"
      + " label, such as \"Ritardo imputabile al cliente\", found nothing"),
  ErrorCase(
    name: "exclusion codes that differ only in case",
    yaml: edited(
      "    files: [tickets/*.csv]\n",
      "    files: [tickets/*.csv]\n    exclusions:\n      force_majeure: Forza maggiore\n"
        + "      Force_Majeure: Forza maggiore\n"),
    expected: "cfg.yaml:11:7: error: sources.tickets.exclusions: exclusion codes 'force_majeure' and"
      + " 'Force_Majeure' differ only in case, and codes are matched ignoring case"),
  ErrorCase(
    name: "exclusion code with surrounding spaces",
    yaml: edited(
      "    files: [tickets/*.csv]\n", "    files: [tickets/*.csv]\n    exclusions: {\" force_majeure\": x}\n"),
    expected: "cfg.yaml:9:18: error: sources.tickets.exclusions: expected an exclusion code such as"
      + " customer_delay, found ' force_majeure' (no leading or trailing spaces)"),
  ErrorCase(
    name: "missing required key",
    yaml: edited("    files: [tickets/*.csv]\n", "    delimiter: auto\n"),
    expected: "cfg.yaml:7:3: error: missing required key 'files' in sources.tickets"),
  ErrorCase(
    name: "missing required source",
    yaml: edited("  lines:\n    files: lines/*.csv\n", ""),
    expected: "cfg.yaml:4:1: error: missing required key 'lines' in sources"),
  ErrorCase(
    name: "missing required top-level key",
    yaml: edited("operator:\n  name: Operatore Prova\n  vat_number: 01234567890\n", ""),
    expected: "cfg.yaml:1:1: error: missing required key 'operator' at the top level"),
  ErrorCase(
    name: "wrong type for a boolean",
    yaml: edited("    files: orders/*.csv\n", "    files: orders/*.csv\n    deduplicate: si\n"),
    expected: "cfg.yaml:7:18: error: sources.orders.deduplicate: expected true or false, found 'si'"),
  ErrorCase(
    name: "wrong type for a text",
    yaml: minimal + "time_zone: [Europe/Rome]\n",
    expected: "cfg.yaml:13:12: error: time_zone: expected a time zone name such as Europe/Rome,"
      + " found a list"),
  ErrorCase(
    name: "empty required value",
    yaml: edited("  name: Operatore Prova\n", "  name:\n"),
    expected: "cfg.yaml:2:8: error: operator.name: expected the operator's name, found nothing"),
  ErrorCase(
    name: "bad enum value",
    yaml: edited("    files: orders/*.csv\n", "    files: orders/*.csv\n    encoding: latin1\n"),
    expected: "cfg.yaml:7:15: error: sources.orders.encoding: expected auto, utf-8 or windows-1252,"
      + " found 'latin1'"),
  ErrorCase(
    name: "unknown weekday",
    yaml: minimal + "calendar:\n  working_days: [mon, tue, wensday]\n",
    expected: "cfg.yaml:14:28: error: calendar.working_days[2]: expected mon, tue, wed, thu, fri, sat or sun,"
      + " found 'wensday'"),
  ErrorCase(
    name: "bad date in local holidays",
    yaml: minimal + "calendar:\n  local_holidays: [\"06-29\", \"2025-02-30\"]\n",
    expected: "cfg.yaml:14:29: error: calendar.local_holidays[1]: '2025-02-30' is not a valid date"),
  ErrorCase(
    name: "badly written local holiday",
    yaml: minimal + "calendar:\n  local_holidays: [29/06]\n",
    expected: "cfg.yaml:14:20: error: calendar.local_holidays[0]: expected a date as MM-dd (every year) or"
      + " yyyy-MM-dd (once), found '29/06'"),
  ErrorCase(
    name: "working hours ending before they start",
    yaml: minimal + "calendar:\n  working_hours: \"19:30-08:30\"\n",
    expected: "cfg.yaml:14:18: error: calendar.working_hours: expected a daily window such as \"08:30-19:30\""
      + " (start before end), found '19:30-08:30'"),
  ErrorCase(
    name: "threshold above one",
    yaml: edited("    files: orders/*.csv\n", "    files: orders/*.csv\n    reject_threshold: 5\n"),
    expected: "cfg.yaml:7:23: error: sources.orders.reject_threshold: expected a share such as 0.5% or 0.005"
      + " (from 0 to 1), found '5'"),
  ErrorCase(
    name: "threshold with a decimal comma",
    yaml: edited("    files: orders/*.csv\n", "    files: orders/*.csv\n    reject_threshold: 0,5%\n"),
    expected: "cfg.yaml:7:23: error: sources.orders.reject_threshold: expected a share such as 0.5% or 0.005"
      + " (from 0 to 1), found '0,5%'"),
  ErrorCase(
    name: "column mapped to an unknown field",
    yaml: edited("    files: orders/*.csv\n", "    files: orders/*.csv\n    columns: {Codice: ordine}\n"),
    expected: "cfg.yaml:7:23: error: sources.orders.columns.Codice: expected order_id, order_date,"
      + " completion_date, agreed_date, contract_days, status, service, access, technology, customer, region,"
      + " exclusion or updated_at, found 'ordine'"),
  ErrorCase(
    name: "value mapped to a non-canonical status",
    yaml: edited(
      "    files: orders/*.csv\n", "    files: orders/*.csv\n    values: {status: {Completato: done}}\n"),
    expected: "cfg.yaml:7:35: error: sources.orders.values.status.Completato: expected completed, cancelled"
      + " or open, found 'done'"),
  ErrorCase(
    name: "value mapping of an unknown field",
    yaml: edited(
      "    files: lines/*.csv\n", "    files: lines/*.csv\n    values: {status: {Attiva: active}}\n"),
    expected: "cfg.yaml:13:14: error: unknown field 'status' in sources.lines.values (expected one of: month,"
      + " active_lines, service, access, technology, customer, region)"),
  ErrorCase(
    name: "de-duplication of lines",
    yaml: edited("    files: lines/*.csv\n", "    files: lines/*.csv\n    deduplicate: true\n"),
    expected: "cfg.yaml:13:18: error: sources.lines.deduplicate: lines have no record id to de-duplicate on"),
  ErrorCase(
    name: "target on an unknown measure",
    yaml: minimal + "targets:\n  ATT: {P90: {TOT: 30}}\n",
    expected:
      "cfg.yaml:14:9: error: unknown measure 'P90' in targets.ATT (expected one of: P95, P99, ON_TIME)"),
  ErrorCase(
    name: "target on an unknown indicator",
    yaml: minimal + "targets:\n  ATX: {P95: {TOT: 30}}\n",
    expected: "cfg.yaml:14:3: error: unknown indicator 'ATX' in targets (expected one of: ATT, GUA, RIP, FAT,"
      + " ACC, REC, TMO, C20, ISC)"),
  ErrorCase(
    name: "target on a malformed segment",
    yaml: minimal
      + "indicators:\n  ATT: {breakdowns: [access]}\ntargets:\n  ATT: {P95: {\"acces=own\": 20}}\n",
    expected: "cfg.yaml:16:15: error: targets.ATT.P95: bad segment 'acces=own' (expected TOT or"
      + " dimension=value, the dimension being service, access, technology, customer or region)"),
  ErrorCase(
    name: "target on a segment that is not reported",
    yaml: minimal + "targets:\n  GUA: {RATE: {\"access=own\": 2}}\n",
    expected: "cfg.yaml:14:16: error: targets.GUA.RATE: segment 'access=own' is never reported: add access to"
      + " indicators.GUA.breakdowns"),
  ErrorCase(
    name: "target on a misspelled value of a reported dimension",
    yaml: minimal
      + "indicators:\n  ATT: {breakdowns: [access]}\ntargets:\n  ATT: {P95: {\"access=propria\": 20}}\n",
    expected:
      "cfg.yaml:16:15: error: targets.ATT.P95: segment 'access=propria' is never reported: 'propria' is"
      + " neither a canonical value of access nor one its mapping produces (expected one of: own, wholesale)"),
  ErrorCase(
    name: "target on a region written as a name",
    yaml: minimal + "targets:\n  ATT: {P95: {\"region=Toscana\": 20}}\n",
    expected:
      "cfg.yaml:14:15: error: targets.ATT.P95: segment 'region=Toscana' is never reported: 'Toscana' is"
      + " neither a canonical value of region nor one its mapping produces (expected one of: 01, 02, 03, 04,"
      + " 05, 06, 07, 08, 09, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20)"),
  ErrorCase(
    name: "per-column target with an unknown column kind",
    yaml: minimal + "targets:\n  GUA: {RATE: {TOT: {semestre: 6, annuale: 12}}}\n",
    expected:
      "cfg.yaml:14:35: error: unknown key 'annuale' in targets.GUA.RATE.TOT (expected one of: semestre,"
      + " anno)"),
  ErrorCase(
    name: "per-column target with neither column kind",
    yaml: minimal + "targets:\n  GUA: {RATE: {TOT: {}}}\n",
    expected: "cfg.yaml:14:21: error: targets.GUA.RATE.TOT: expected a target for semestre, anno or both (or"
      + " one number for every column)"),
  ErrorCase(
    name: "per-column target that is not a number",
    yaml: minimal + "targets:\n  GUA: {RATE: {TOT: {semestre: 6, anno: dodici}}}\n",
    expected:
      "cfg.yaml:14:41: error: targets.GUA.RATE.TOT.anno: expected a percentage from 0 to 100 such as 95"
      + " or 1.5, found 'dodici'"),
  ErrorCase(
    name: "note on a malformed column",
    yaml: minimal + "notes:\n  \"RIP 2025-H3\": Eventi eccezionali\n",
    expected:
      "cfg.yaml:14:3: error: unknown note 'RIP 2025-H3' in notes (expected an indicator code such as RIP,"
      + " or a code and a period such as \"RIP 2025-H2\" or \"GUA 2025\")"),
  ErrorCase(
    name: "empty note",
    yaml: minimal + "notes:\n  RIP: \"\"\n",
    expected: "cfg.yaml:14:8: error: notes.RIP: expected a note text, found ''"),
  ErrorCase(
    name: "target that is not a number",
    yaml: minimal + "targets:\n  FAT:\n    RATE:\n      TOT: 1,5\n",
    expected: "cfg.yaml:16:12: error: targets.FAT.RATE.TOT: expected a percentage from 0 to 100 such as 95"
      + " or 1.5, found '1,5'"),
  ErrorCase(
    name: "percentage target above 100",
    yaml: minimal + "targets:\n  ATT: {ON_TIME: {TOT: 101}}\n",
    expected: "cfg.yaml:14:24: error: targets.ATT.ON_TIME.TOT: expected a percentage from 0 to 100 such as 95"
      + " or 1.5, found '101'"),
  ErrorCase(
    name: "working-hours clock without working hours",
    yaml: minimal + "indicators:\n  RIP: {clock: working_hours}\n",
    expected:
      "cfg.yaml:14:16: error: indicators.RIP.clock: the working_hours clock needs calendar.working_hours"),
  ErrorCase(
    name: "deadline with two rules",
    yaml: minimal + "indicators:\n  RIP:\n    deadline: {working_days: 4, hours: 48}\n",
    expected: "cfg.yaml:15:15: error: indicators.RIP.deadline: expected exactly one of working_days and hours"
  ),
  ErrorCase(
    name: "unknown breakdown dimension",
    yaml: minimal + "indicators:\n  GUA: {breakdowns: [acess]}\n",
    expected: "cfg.yaml:14:22: error: indicators.GUA.breakdowns[0]: expected service, access, technology,"
      + " customer or region, found 'acess'"),
  ErrorCase(
    name: "unknown label key",
    yaml: minimal + "labels: {\"ATT P90\": x}\n",
    expected:
      "cfg.yaml:13:10: error: unknown label 'ATT P90' in labels (expected an indicator code such as ATT,"
      + " a code and a measure such as \"ATT P95\", or a dimension value such as \"access=own\")"),
  ErrorCase(
    name: "label of an unknown dimension",
    yaml: minimal + "labels: {\"acess=own\": Rete nostra}\n",
    expected:
      "cfg.yaml:13:10: error: unknown label 'acess=own' in labels (expected an indicator code such as ATT,"
      + " a code and a measure such as \"ATT P95\", or a dimension value such as \"access=own\")"),
  ErrorCase(
    name: "duplicate key",
    yaml: edited("    files: orders/*.csv\n", "    files: orders/*.csv\n    files: other/*.csv\n"),
    expected: "cfg.yaml:7:5: error: duplicate key 'files' in sources.orders (first given at line 6, column 5)"
  ),
  ErrorCase(
    name: "duplicate key on one line after another duplicate",
    yaml: minimal + "targets:\n  ATT: {P95: {TOT: 30, TOT: 31}, P99: {TOT: 1, TOT: 2}}\n",
    expected:
      "cfg.yaml:14:24: error: duplicate key 'TOT' in targets.ATT.P95 (first given at line 14, column 15)"),
  ErrorCase(
    name: "YAML syntax error",
    yaml: edited("    files: orders/*.csv\n", "    files: [orders/*.csv\n"),
    expected:
      "cfg.yaml:7:10: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence,"
      + " from line 6, column 12)"),
  ErrorCase(
    name: "tab indentation",
    yaml: minimal + "calendar:\n\tworking_days: [mon]\n",
    expected:
      "cfg.yaml:14:1: error: invalid YAML: found character that cannot start any token (while scanning"
      + " for the next token, from line 14, column 1)"),
  ErrorCase(
    name: "YAML syntax error at the end of a text without a final line break",
    yaml: "a: 1\nb",
    expected:
      "cfg.yaml:2:2: error: invalid YAML: could not find expected ':' (while scanning a simple key, from line"
      + " 2, column 1)"),
  ErrorCase(
    name: "NUL in the operator's name",
    yaml: edited("  name: Operatore Prova\n", "  name: \"A\\0B\"\n"),
    expected:
      "cfg.yaml:2:9: error: operator.name: control character U+0000 (NUL) in 'A\\x00B' (a text may hold no"
      + " control character but TAB)"),
  ErrorCase(
    name: "line feed in a raw value of a value mapping",
    yaml: edited(
      "    files: orders/*.csv\n",
      "    files: orders/*.csv\n    values: {status: {\"Fatto\\n\": completed}}\n"),
    expected:
      "cfg.yaml:7:23: error: sources.orders.values.status: control character U+000A (line feed) in 'Fatto\\n'"
      + " (a text may hold no control character but TAB)"),
  ErrorCase(
    name: "escape character in a plain column name",
    yaml: edited(
      "    files: orders/*.csv\n", "    files: orders/*.csv\n    columns: {\"Stato\\e[0m\": status}\n"),
    expected:
      "cfg.yaml:7:15: error: sources.orders.columns: control character U+001B (escape) in 'Stato\\x1b[0m'"
      + " (a text may hold no control character but TAB)"),
  ErrorCase(
    name: "byte order mark inside a glob",
    yaml: edited("    files: lines/*.csv\n", "    files: \"lines/\\uFEFF*.csv\"\n"),
    expected:
      "cfg.yaml:12:12: error: sources.lines.files: byte order mark U+FEFF in 'lines/\\u{FEFF}*.csv' (a text"
      + " may hold no control character but TAB)"),
  ErrorCase(
    name: "indemnity of an indicator without specific standards",
    yaml: minimal + "indemnities:\n  GUA: {per_day: 1}\n",
    expected: "cfg.yaml:14:3: error: unknown key 'GUA' in indemnities (expected one of: ATT, RIP, REC)"),
  ErrorCase(
    name: "misspelled indemnity key",
    yaml: minimal + "indemnities:\n  ATT: {per_days: 5}\n",
    expected:
      "cfg.yaml:14:9: error: unknown key 'per_days' in indemnities.ATT (expected one of:"
      + " per_day, grace_days, cap, business_multiplier, count)"),
  ErrorCase(
    name: "indemnity per day with a fraction of a cent",
    yaml: minimal + "indemnities:\n  ATT: {per_day: 7.505}\n",
    expected:
      "cfg.yaml:14:18: error: indemnities.ATT.per_day: expected an amount in euro with at most"
      + " two decimals such as 7.50 (from 0 to 1000000), found '7.505'"),
  ErrorCase(
    name: "indemnity per day written with a decimal comma",
    yaml: minimal + "indemnities:\n  RIP: {per_day: \"6,00\"}\n",
    expected:
      "cfg.yaml:14:18: error: indemnities.RIP.per_day: expected an amount in euro with at most"
      + " two decimals such as 7.50 (from 0 to 1000000), found '6,00'"),
  ErrorCase(
    name: "negative indemnity per day",
    yaml: minimal + "indemnities:\n  RIP: {per_day: -6}\n",
    expected:
      "cfg.yaml:14:18: error: indemnities.RIP.per_day: expected an amount in euro with at most"
      + " two decimals such as 7.50 (from 0 to 1000000), found '-6'"),
  ErrorCase(
    name: "indemnity cap that is neither an amount nor none",
    yaml: minimal + "indemnities:\n  REC: {cap: nessuno}\n",
    expected:
      "cfg.yaml:14:14: error: indemnities.REC.cap: expected an amount in euro with at most two"
      + " decimals such as 7.50 (from 0 to 1000000) or none, found 'nessuno'"),
  ErrorCase(
    name: "negative grace days",
    yaml: minimal + "indemnities:\n  RIP: {grace_days: -1}\n",
    expected:
      "cfg.yaml:14:21: error: indemnities.RIP.grace_days: expected a whole number from 0 to"
      + " 9999, found '-1'"),
  ErrorCase(
    name: "business multiplier with three decimals",
    yaml: minimal + "indemnities:\n  ATT: {business_multiplier: 1.125}\n",
    expected:
      "cfg.yaml:14:30: error: indemnities.ATT.business_multiplier: expected a number with at"
      + " most two decimals such as 2 or 1.5 (from 0 to 100), found '1.125'"),
  ErrorCase(
    name: "business multiplier above 100",
    yaml: minimal + "indemnities:\n  ATT: {business_multiplier: 101}\n",
    expected:
      "cfg.yaml:14:30: error: indemnities.ATT.business_multiplier: expected a number with at"
      + " most two decimals such as 2 or 1.5 (from 0 to 100), found '101'"),
  ErrorCase(
    name: "unknown day count",
    yaml: minimal + "indemnities:\n  ATT: {count: giorni_feriali}\n",
    expected:
      "cfg.yaml:14:16: error: indemnities.ATT.count: expected calendar_days or working_days,"
      + " found 'giorni_feriali'"),
  ErrorCase(
    name: "empty document", yaml: "# nothing here\n",
    expected: "cfg.yaml:1:1: error: the configuration is empty"),
  ErrorCase(
    name: "document that is not a mapping", yaml: "- operator\n",
    expected: "cfg.yaml:1:1: error: expected a mapping, found a list"),
]

@Suite("Configuration loader")
struct ConfigurationLoaderTests {
  /// `samples/acceptance.yaml`, found from this file's path.
  static let samplePath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("samples/acceptance.yaml").path

  @Test("The sample configuration loads with the settings of the acceptance data")
  func sampleLoads() throws {
    let configuration = try ReportConfiguration.load(path: Self.samplePath)
    #expect(configuration.operatorInfo.brand == "Esempio Fibra")
    #expect(configuration.timeZone.identifier == "Europe/Rome")
    #expect(configuration.calendar.workingDays == [.monday, .tuesday, .wednesday, .thursday, .friday])
    #expect(configuration.calendar.workingHours == nil)
    #expect(configuration.calendar.recurringHolidays.isEmpty && configuration.calendar.holidays.isEmpty)
    // The acceptance data's indemnities (its README, "Specific standards and indemnities").
    #expect(
      configuration.indemnities
        == IndemnityRules(rules: [
          .ATT: IndemnityRule(perDayCents: 750, businessMultiplier: ExactDecimal(units: 2, scale: 0)),
          .RIP: IndemnityRule(perDayCents: 600, graceDays: 1, capCents: 10_000),
          .REC: IndemnityRule(perDayCents: 250, capCents: 30_000),
        ]))

    let canonical = {
      (kind: SourceKind, formats: [String], deduplicate: Bool, exclusions: [String: String]?) in
      SourceConfiguration(
        kind: kind, files: ["\(kind.rawValue)/*.csv"], delimiter: .byte(UInt8(ascii: ",")), encoding: .utf8,
        dateFormats: patterns(formats), decimalMark: .point, exclusions: exclusions, deduplicate: deduplicate)
    }
    let timestamps = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd"]
    #expect(
      configuration.sources[.orders]
        == canonical(
          .orders, timestamps, true,
          [
            "customer_delay": "Ritardo imputabile al cliente",
            "force_majeure": "Causa di forza maggiore",
          ]))
    #expect(
      configuration.sources[.tickets]
        == canonical(.tickets, timestamps, true, ["force_majeure": "Causa di forza maggiore"]))
    #expect(configuration.sources[.invoices] == canonical(.invoices, ["yyyy-MM-dd"], false, nil))
    #expect(configuration.sources[.lines] == canonical(.lines, ["iso8601"], false, nil))

    let indicators = configuration.indicators
    #expect(
      indicators.contractDays == [
        ContractDaysRule(service: nil, access: "own", days: 60),
        ContractDaysRule(service: nil, access: "wholesale", days: 90),
      ])
    #expect(
      indicators.breakdowns == [
        .ATT: [.access, .technology, .customer], .GUA: [.access, .technology], .RIP: [.access, .technology],
        .FAT: [.customer], .ACC: [.customer], .REC: [],
      ])
    #expect(indicators.annualBreakdowns[.ATT] == [.region])
    #expect(indicators.repairClock == .solar)
    #expect(indicators.repairDeadline == .workingDays(4))
    #expect(indicators.complaintTermDays == 30)

    let number = { (units: Int64, scale: Int) in ColumnTargets(ExactDecimal(units: units, scale: scale)) }
    let own = Segment.value(.access, "own")
    let wholesale = Segment.value(.access, "wholesale")
    // Targets are kept at their measure's decimals: ON_TIME 1, RATE 2.
    #expect(
      configuration.targets
        == Targets([
          .ATT: [
            .P95: [.total: number(30, 0), own: number(20, 0), wholesale: number(45, 0)],
            .P99: [.total: number(60, 0)], .ON_TIME: [.total: number(950, 1)],
          ],
          .GUA: [.RATE: [.total: number(1200, 2)]],
          .RIP: [
            .P80: [.total: number(400, 1)], .P95: [.total: number(1100, 1)],
            .ON_TIME: [.total: number(900, 1)],
          ],
          .FAT: [.RATE: [.total: number(150, 2)]],
          .ACC: [.RATE: [.total: number(200, 2)]],
          .REC: [
            .P80: [.total: number(9120, 1)], .P90: [.total: number(10000, 1)],
            .ON_TIME: [.total: number(950, 1)],
          ],
        ]))
    #expect(configuration.labels == Labels())
  }

  @Test("Defaults are applied to everything the file leaves out")
  func defaultsAreApplied() throws {
    let configuration = try ReportConfiguration.parse(yaml: minimal, path: "cfg.yaml")
    #expect(
      configuration.operatorInfo
        == OperatorInfo(name: "Operatore Prova", vatNumber: "01234567890", brand: nil))
    #expect(configuration.timeZone.identifier == "Europe/Rome")
    #expect(configuration.calendar.workingDays == [.monday, .tuesday, .wednesday, .thursday, .friday])
    #expect(configuration.calendar.workingHours == nil)
    #expect(configuration.calendar.recurringHolidays.isEmpty && configuration.calendar.holidays.isEmpty)
    #expect(configuration.sources[.calls] == nil && configuration.sources[.surveys] == nil)
    #expect(configuration.indicatorsInForce == [.ATT, .GUA, .RIP, .FAT, .ACC, .REC])
    for kind in SourceKind.allCases where !kind.isOptional {
      let source = try #require(configuration.sources[kind])
      #expect(source.files == ["\(kind.rawValue)/*.csv"])
      #expect(source.delimiter == .auto)
      #expect(source.encoding == .auto)
      #expect(source.dateFormats == patterns(["iso8601"]))
      #expect(source.decimalMark == .comma)
      #expect(source.columns.isEmpty && source.values.isEmpty)
      #expect(source.exclusions == nil)
      #expect(source.deduplicate == (kind == .orders || kind == .tickets))
      #expect(source.rejectThreshold == ExactDecimal(units: 5, scale: 3))
      #expect(source.invoiceLayout == .rows)
    }
    let indicators = configuration.indicators
    #expect(indicators.contractDays.isEmpty)
    #expect(
      IndicatorCode.allCases.allSatisfy { indicators.breakdowns(of: $0, inAnnualColumn: false).isEmpty })
    #expect(indicators.breakdowns(of: .ATT, inAnnualColumn: true) == [.region])
    #expect(indicators.breakdowns(of: .GUA, inAnnualColumn: true) == [])
    #expect(indicators.repairClock == .solar)
    #expect(indicators.repairDeadline == .workingDays(4))
    #expect(indicators.complaintTermDays == 30)
    #expect(configuration.targets == Targets() && configuration.labels == Labels())
  }

  @Test("Every source setting is read as written", arguments: [false, true])
  func sourceSettingsAreRead(flowStyle: Bool) throws {
    let settings =
      flowStyle
      ? """
          files: [a/*.csv, "b/**/*.txt"]
          delimiter: "\\t"
          encoding: CP1252
          date_formats: dd/MM/yyyy HH:mm
          decimal_mark: "."
          columns: {"Codice ordine": order_id, "Data ordine": order_date, Stato: status}
          values: {status: {Completato: completed, Espletato: completed}, region: {Lazio: "12"},
                   exclusion: {"Ritardo cliente": customer_delay}}
          exclusions: {customer_delay: "Ritardo imputabile al cliente", force_majeure: "Forza maggiore"}
          deduplicate: false
          reject_threshold: 0.005

      """
      : """
          files:
            - a/*.csv
            - "b/**/*.txt"
          delimiter: tab
          encoding: windows-1252
          date_formats:
            - dd/MM/yyyy HH:mm
          decimal_mark: .
          columns:
            Codice ordine: order_id
            Data ordine: order_date
            Stato: status
          values:
            status:
              Completato: completed
              Espletato: completed
            region:
              Lazio: "12"
            exclusion:
              Ritardo cliente: customer_delay
          exclusions:
            customer_delay: Ritardo imputabile al cliente
            force_majeure: "Forza maggiore"
          deduplicate: False
          reject_threshold: "0.50%"

      """
    let yaml = edited("    files: orders/*.csv\n", settings)
    let orders = try #require(try ReportConfiguration.parse(yaml: yaml, path: "cfg.yaml").sources[.orders])
    #expect(
      orders
        == SourceConfiguration(
          kind: .orders, files: ["a/*.csv", "b/**/*.txt"], delimiter: .byte(9), encoding: .windows1252,
          dateFormats: patterns(["dd/MM/yyyy HH:mm"]), decimalMark: .point,
          columns: ["Codice ordine": .orderID, "Data ordine": .orderDate, "Stato": .status],
          values: [
            .status: ["Completato": "completed", "Espletato": "completed"], .region: ["Lazio": "12"],
            .exclusion: ["Ritardo cliente": "customer_delay"],
          ],
          exclusions: ["customer_delay": "Ritardo imputabile al cliente", "force_majeure": "Forza maggiore"],
          deduplicate: false, rejectThreshold: ExactDecimal(units: 5, scale: 3)))
  }

  @Test(
    "Reject thresholds are exact fractions, written as a percentage or a plain share",
    arguments: [
      ("0.5%", ExactDecimal(units: 5, scale: 3)), ("0.005", ExactDecimal(units: 5, scale: 3)),
      ("2%", ExactDecimal(units: 2, scale: 2)), ("100%", ExactDecimal(units: 1, scale: 0)),
      ("0", ExactDecimal(units: 0, scale: 0)), ("1", ExactDecimal(units: 1, scale: 0)),
      ("0.25 %", ExactDecimal(units: 25, scale: 4)),
    ])
  func thresholdsAreExact(written: String, expected: ExactDecimal) throws {
    let yaml = edited(
      "    files: [tickets/*.csv]\n", "    files: [tickets/*.csv]\n    reject_threshold: \(written)\n")
    let configuration = try ReportConfiguration.parse(yaml: yaml, path: "cfg.yaml")
    #expect(configuration.sources[.tickets]?.rejectThreshold == expected)
  }

  @Test("The calendar, indicator rules, targets and labels are read as written")
  func calendarIndicatorsTargetsAndLabelsAreRead() throws {
    let yaml =
      minimal + """
        time_zone: Europe/Zurich
        calendar:
          working_days: [mon, tue, wed, thu, fri, sat]
          working_hours: 08:30-19:30
          local_holidays: [06-29, 2025-12-07, "02-29"]
        indicators:
          ATT:
            contract_days: [{service: voice, access: own, days: 30}, {days: 90}]
          RIP:
            breakdowns: [technology]
            clock: working_hours
            deadline: {hours: 48}
          FAT: {breakdowns: [customer]}
          REC: {term_days: 45}
        targets:
          FAT: {RATE: {TOT: 1.50, "customer=business": 0.8}}
          RIP: {P80: {"technology=FTTH": 24.5}}
        labels:
          ATT: Tempo di attivazione
          "ATT P95": Percentile 95% del tempo di fornitura

        """
    let configuration = try ReportConfiguration.parse(yaml: yaml, path: "cfg.yaml")
    #expect(configuration.timeZone.identifier == "Europe/Zurich")
    let december7 = try #require(LocalDate(year: 2025, month: 12, day: 7))
    let calendar = configuration.calendar
    #expect(calendar.workingDays == [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday])
    #expect(calendar.workingHours == 510..<1170)
    #expect(calendar.recurringHolidays == [MonthDay(month: 6, day: 29), MonthDay(month: 2, day: 29)])
    #expect(calendar.holidays == [december7])
    let indicators = configuration.indicators
    #expect(
      indicators.contractDays == [
        ContractDaysRule(service: "voice", access: "own", days: 30),
        ContractDaysRule(service: nil, access: nil, days: 90),
      ])
    #expect(indicators.breakdowns[.RIP] == [.technology])
    #expect(indicators.breakdowns[.FAT] == [.customer])
    #expect(indicators.repairClock == .workingHours)
    #expect(indicators.repairDeadline == .solarHours(48))
    #expect(indicators.complaintTermDays == 45)
    #expect(
      configuration.targets
        == Targets([
          .FAT: [
            .RATE: [
              .total: ColumnTargets(ExactDecimal(units: 150, scale: 2)),
              .value(.customer, "business"): ColumnTargets(ExactDecimal(units: 80, scale: 2)),
            ]
          ],
          .RIP: [.P80: [.value(.technology, "FTTH"): ColumnTargets(ExactDecimal(units: 245, scale: 1))]],
        ]))
    #expect(
      configuration.labels
        == Labels(
          indicators: [.ATT: "Tempo di attivazione"],
          measures: ["ATT P95": "Percentile 95% del tempo di fornitura"]))
  }

  /// SPEC §4 Targets: one value for every column, or one for the semesters and one for the
  /// year; a segment's value may be canonical or one its source mappings produce.
  @Test("Targets per column kind are read, and a mapped value may name a segment")
  func perColumnTargetsAreRead() throws {
    let yaml =
      edited(
        "    files: [tickets/*.csv]\n",
        "    files: [tickets/*.csv]\n    values: {access: {\"Rete propria\": own, Bitstream: wholesale_bs}}\n"
      )
        + """
        indicators:
          GUA: {breakdowns: [access]}
        targets:
          GUA: {RATE: {TOT: {semestre: 6, anno: 12.5}, "access=own": 7, "access=wholesale_bs": {anno: 14}}}

        """
    let targets = try ReportConfiguration.parse(yaml: yaml, path: "cfg.yaml").targets
    let rate = IndicatorCode.GUA.definition(of: .RATE)
    let (h1, h2, year) = (
      ReportPeriod(year: 2025, part: .firstHalf), ReportPeriod(year: 2025, part: .secondHalf),
      ReportPeriod(year: 2025, part: .year)
    )
    #expect(targets.target(rate, segment: .total, column: h1)?.description == "6.00")
    #expect(targets.target(rate, segment: .total, column: h2)?.description == "6.00")
    #expect(targets.target(rate, segment: .total, column: year)?.description == "12.50")
    let own = Segment.value(.access, "own")
    #expect(
      [h1, h2, year].map { targets.target(rate, segment: own, column: $0)?.description } == [
        "7.00", "7.00", "7.00",
      ])
    let mapped = Segment.value(.access, "wholesale_bs")
    #expect(targets.target(rate, segment: mapped, column: h1) == nil)
    #expect(targets.target(rate, segment: mapped, column: year)?.description == "14.00")
  }

  /// SPEC §4.1: dimension values are shown to people with Italian labels, configurable.
  @Test("Display labels of dimension values default to Italian and can be overridden or added")
  func displayLabels() throws {
    let yaml = minimal + "labels: {\"access=own\": Rete Arnofibra, \"technology=VDSL\": VDSL2}\n"
    let labels = try ReportConfiguration.parse(yaml: yaml, path: "cfg.yaml").labels
    #expect(labels.label(.value(.access, "own")) == "Accesso: Rete Arnofibra")
    #expect(labels.label(.value(.access, "wholesale")) == "Accesso: Altro operatore")
    #expect(labels.label(.value(.technology, "VDSL")) == "Tecnologia: VDSL2")
    #expect(labels.label(.value(.technology, "FTTH")) == "Tecnologia: FTTH")
    #expect(labels.label(.value(.customer, "residential")) == "Cliente: Residenziale")
    #expect(labels.label(.value(.service, "bundle")) == "Servizio: Voce e Internet")
    #expect(labels.label(.value(.region, "09")) == "Regione: Toscana")
    #expect(labels.label(.value(.region, "20")) == "Regione: Sardegna")
    #expect(labels.label(.value(.customer, "Privato")) == "Cliente: Privato")
    #expect(labels.label(.total) == "Totale")
  }

  @Test("Notes on an indicator and on one of its columns are read as written")
  func notesAreRead() throws {
    let yaml =
      minimal + """
        notes:
          RIP: Tempi misurati dal sistema di trouble ticketing.
          "RIP 2025-H2": "Eventi meteo eccezionali del 3–4 novembre 2025: 1.200 guasti in due giorni."
          "GUA 2025": Censimento delle linee rivisto a marzo.

        """
    let notes = try ReportConfiguration.parse(yaml: yaml, path: "cfg.yaml").notes
    #expect(notes.indicators == [.RIP: "Tempi misurati dal sistema di trouble ticketing."])
    let h2 = ReportPeriod(year: 2025, part: .secondHalf)
    #expect(
      notes.notes(of: .RIP, columns: ReportPeriod(year: 2025, part: .year).columns) == [
        OperatorNote(column: nil, text: "Tempi misurati dal sistema di trouble ticketing."),
        OperatorNote(
          column: h2, text: "Eventi meteo eccezionali del 3–4 novembre 2025: 1.200 guasti in due giorni."),
      ])
    #expect(notes.notes(of: .RIP, columns: [ReportPeriod(year: 2025, part: .firstHalf)]).count == 1)
    #expect(
      notes.notes(of: .GUA, columns: [h2]).isEmpty
        && notes.notes(of: .GUA, columns: ReportPeriod(year: 2025, part: .year).columns).count == 1)
  }

  @Test("Indemnities default to 347/18/CONS; each key given replaces its default only")
  func indemnitiesAreRead() throws {
    let defaults = try ReportConfiguration.parse(yaml: minimal, path: "cfg.yaml").indemnities
    #expect(defaults == IndemnityRules.defaults)
    #expect(defaults[.ATT] == IndemnityRule(perDayCents: 750))
    #expect(defaults[.RIP] == IndemnityRule(perDayCents: 600))
    #expect(defaults[.REC] == IndemnityRule(perDayCents: 250, capCents: 30_000))
    let yaml =
      minimal + """
        indemnities:
          ATT: {per_day: 10, business_multiplier: 1.5, count: working_days}
          RIP: {per_day: 5.00, grace_days: 1, cap: 100.5}
          REC: {cap: none}

        """
    let indemnities = try ReportConfiguration.parse(yaml: yaml, path: "cfg.yaml").indemnities
    #expect(
      indemnities[.ATT]
        == IndemnityRule(
          perDayCents: 1000, businessMultiplier: ExactDecimal(units: 15, scale: 1), count: .workingDays))
    #expect(indemnities[.RIP] == IndemnityRule(perDayCents: 500, graceDays: 1, capCents: 10_050))
    #expect(indemnities[.REC] == IndemnityRule(perDayCents: 250, capCents: nil))
  }

  @Test("Each kind of mistake gives a located message naming the key", arguments: errorCases)
  func mistakesAreLocated(_ errorCase: ErrorCase) {
    let error = #expect(throws: ConfigurationError.self) {
      try ReportConfiguration.parse(yaml: errorCase.yaml, path: "cfg.yaml")
    }
    #expect(error?.description == errorCase.expected)
  }

  @Test("A TAB is the one control character a text may hold")
  func aTabIsKept() throws {
    let configuration = try ReportConfiguration.parse(
      yaml: edited("  name: Operatore Prova\n", "  name: \"Operatore\\tProva\"\n"), path: "cfg.yaml")
    #expect(configuration.operatorInfo.name == "Operatore\tProva")
  }

  @Test("A damaged copy of the sample is read or refused as its damage says, at a position in the file")
  func damagedSamplesAreLocated() throws {
    let sample = try String(contentsOfFile: Self.samplePath, encoding: .utf8)
    let lines = sample.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    /// The outcome of parsing a variant: nil when it loads, else its error, which must be
    /// printed `cfg.yaml:line:column: error: message` at a line of the variant.
    func parse(_ variant: String, _ context: String) -> ConfigurationError? {
      do {
        _ = try ReportConfiguration.parse(yaml: variant, path: "cfg.yaml")
        return nil
      } catch {
        let lineCount = variant.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect((1...lineCount + 1).contains(error.line) && error.column >= 1, "\(context): \(error)")
        #expect(error.description == "cfg.yaml:\(error.line):\(error.column): error: \(error.message)")
        return error
      }
    }
    var refused = 0
    for (index, line) in lines.enumerated() {
      let number = index + 1
      let trimmed = line.drop { $0 == " " }
      let isComment = trimmed.isEmpty || trimmed.hasPrefix("#")
      var without = lines
      without.remove(at: index)
      var twice = lines
      twice.insert(line, at: index)
      let withoutError = parse(without.joined(separator: "\n"), "line \(number) removed")
      let twiceError = parse(twice.joined(separator: "\n"), "line \(number) repeated")
      refused += (withoutError == nil ? 0 : 1) + (twiceError == nil ? 0 : 1)
      if isComment {
        // A comment or a blank line means nothing: removing or repeating it changes nothing.
        #expect(withoutError == nil, "line \(number) removed: \(withoutError!)")
        #expect(twiceError == nil, "line \(number) repeated: \(twiceError!)")
      } else if let key = trimmed.wholeMatch(of: /([A-Za-z_]+):(\s.*)?/)?.1 {
        // A key written twice is named at its second occurrence, pointing at the first.
        let column = line.count - trimmed.count + 1
        let message = twiceError?.description ?? "no error"
        #expect(
          message.hasPrefix("cfg.yaml:\(number + 1):\(column): error: duplicate key '\(key)' "),
          "line \(number) repeated: \(message)")
        #expect(
          message.hasSuffix("(first given at line \(number), column \(column))"),
          "line \(number) repeated: \(message)")
      }
    }
    // Not vacuous: removing required keys and repeating keys does refuse the file.
    #expect(refused > 0)
    for length in stride(from: 0, to: sample.utf8.count, by: 37) {
      _ = parse(String(decoding: sample.utf8.prefix(length), as: UTF8.self), "cut at byte \(length)")
    }
  }

  @Test("The error type prints like a compiler diagnostic")
  func errorDescription() {
    #expect(
      ConfigurationError(path: "a.yaml", line: 3, column: 7, message: "boom").description
        == "a.yaml:3:7: error: boom")
    #expect(
      ConfigurationError(path: "a.yaml", line: 0, column: 0, message: "boom").description
        == "a.yaml: error: boom")
  }

  @Test("A missing file is an error without a position")
  func missingFile() {
    #expect(
      throws: ConfigurationError(
        path: "/nonexistent/agcom.yaml", line: 0, column: 0,
        message: "cannot read the configuration: no such file")
    ) {
      try ReportConfiguration.load(path: "/nonexistent/agcom.yaml")
    }
  }

  @Test("A directory is not a configuration file")
  func directory() {
    let path = FileManager.default.temporaryDirectory.path
    #expect(
      throws: ConfigurationError(
        path: path, line: 0, column: 0,
        message: "cannot read the configuration: not a regular file (a directory)")
    ) {
      try ReportConfiguration.load(path: path)
    }
  }

  @Test("A FIFO, a dangling or looping symbolic link is refused at once, without blocking on the FIFO")
  func notRegularFiles() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("ConfigurationLoaderTests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let fifo = directory + "/fifo.yaml"
    #expect(mkfifo(fifo, 0o644) == 0)
    let dangling = directory + "/dangling.yaml"
    try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: directory + "/missing")
    let loop = directory + "/loop.yaml"
    try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
    for (path, kind) in [
      (fifo, "a FIFO"), (dangling, "a dangling symbolic link"), (loop, "a symbolic link loop"),
    ] {
      #expect(
        throws: ConfigurationError(
          path: path, line: 0, column: 0,
          message: "cannot read the configuration: not a regular file (\(kind))")
      ) {
        try ReportConfiguration.load(path: path)
      }
    }
  }

  @Test("A file that is not UTF-8 is located at its first bad byte; a byte order mark is skipped")
  func fileEncoding() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("ConfigurationLoaderTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }

    let latin1 = directory.appendingPathComponent("latin1.yaml")
    var bytes = Array(minimal.utf8)
    bytes.append(contentsOf: Array("labels: {ATT: \"Attivit".utf8) + [0xE0] + Array("\"}\n".utf8))
    try Data(bytes).write(to: latin1)
    #expect(
      throws: ConfigurationError(
        path: latin1.path, line: 13, column: 23,
        message: "the configuration is not UTF-8 text (save it as UTF-8)")
    ) {
      try ReportConfiguration.load(path: latin1.path)
    }

    let withBOM = directory.appendingPathComponent("bom.yaml")
    try Data([0xEF, 0xBB, 0xBF] + Array(minimal.utf8)).write(to: withBOM)
    let configuration = try ReportConfiguration.load(path: withBOM.path)
    #expect(configuration.operatorInfo.name == "Operatore Prova")
  }

  @Test("Canonical fields follow SPEC §2.1 and the invoice layout")
  func canonicalFields() {
    func names(_ kind: SourceKind, _ layout: InvoiceLayout = .rows) -> [String] {
      SourceSchema.of(kind, invoiceLayout: layout).fields.map(\.name)
    }
    #expect(names(.orders).count == 13)
    #expect(names(.tickets).count == 16)
    #expect(names(.invoices) == ["invoice_id", "issue_date", "doc_type", "service", "customer"])
    #expect(
      names(.invoices, .monthly) == [
        "month", "issued", "service", "access", "technology", "customer", "region",
      ])
    #expect(
      names(.lines) == ["month", "active_lines", "service", "access", "technology", "customer", "region"])
  }
}

/// The compiled patterns of `texts`.
private func patterns(_ texts: [String]) -> [DatePattern] {
  texts.map { try! DatePattern($0) }
}
