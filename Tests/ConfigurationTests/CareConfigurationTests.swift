import Configuration
import Foundation
import ReportCore
import Testing

/// The four required sources plus calls and surveys; the cases below edit it, so its line
/// numbers matter.
private let care = """
  operator:
    name: Operatore Prova
    vat_number: 01234567890
  sources:
    orders: {files: orders/*.csv}
    tickets: {files: tickets/*.csv}
    invoices: {files: invoices/*.csv}
    lines: {files: lines/*.csv}
    calls:
      files: calls/*.csv
    surveys:
      files: surveys/*.csv

  """

/// The same without calls and surveys.
private let base = care.replacingOccurrences(
  of: "  calls:\n    files: calls/*.csv\n  surveys:\n    files: surveys/*.csv\n", with: "")

private func edited(_ text: String, _ replacement: String) -> String {
  precondition(care.contains(text), "the template has no \(text)")
  return care.replacingOccurrences(of: text, with: replacement)
}

private let careErrors: [ErrorCase] = [
  ErrorCase(
    name: "a scale whose maximum is not above its minimum",
    yaml: edited("    files: surveys/*.csv\n", "    files: surveys/*.csv\n    scale: {min: 5, max: 5}\n"),
    expected:
      "cfg.yaml:13:26: error: sources.surveys.scale.max: expected a maximum above the minimum 5, found 5"),
  ErrorCase(
    name: "de-duplicated surveys",
    yaml: edited("    files: surveys/*.csv\n", "    files: surveys/*.csv\n    deduplicate: true\n"),
    expected: "cfg.yaml:13:18: error: sources.surveys.deduplicate: surveys are never de-duplicated: an"
      + " invitation exported twice counts twice"),
  ErrorCase(
    name: "a scale on calls",
    yaml: edited("    files: calls/*.csv\n", "    files: calls/*.csv\n    scale: {min: 1, max: 5}\n"),
    expected: "cfg.yaml:11:5: error: unknown key 'scale' in sources.calls (expected one of: files, delimiter,"
      + " encoding, date_formats, decimal_mark, columns, values, exclusions, deduplicate, reject_threshold)"),
  ErrorCase(
    name: "C20 settings without a calls source",
    yaml: base + "indicators:\n  C20: {within_seconds: 30}\n",
    expected: "cfg.yaml:10:3: error: indicators: C20 is computed from sources.calls, which is not configured"),
  ErrorCase(
    name: "a TMO target without a calls source",
    yaml: base + "targets:\n  TMO: {MEAN: {TOT: 150}}\n",
    expected: "cfg.yaml:10:3: error: targets: TMO is computed from sources.calls, which is not configured"),
  ErrorCase(
    name: "within_seconds on TMO",
    yaml: care + "indicators:\n  TMO: {within_seconds: 30}\n",
    expected: "cfg.yaml:14:9: error: unknown key 'within_seconds' in indicators.TMO (expected one of:"
      + " breakdowns, annual_breakdowns)"),
  ErrorCase(
    name: "a TMO target with decimals",
    yaml: care + "targets:\n  TMO: {MEAN: {TOT: 150.5}}\n",
    expected:
      "cfg.yaml:14:21: error: targets.TMO.MEAN.TOT: TMO MEAN is published with 0 decimals, so a target of 150.5 cannot be"
      + " compared with it"),
]

@Suite struct CareConfigurationTests {
  @Test("Calls and surveys take the keys of every source, the surveys a scale, C20 its two settings")
  func theCareSampleIsRead() throws {
    let configuration = try ReportConfiguration.load(path: Self.root + "/samples/acceptance-care.yaml")
    let calls = try #require(configuration.sources[.calls])
    #expect(calls.files == ["calls/*.csv"] && calls.deduplicate)
    #expect(calls.dateFormats == [try DatePattern("yyyy-MM-dd HH:mm:ss")])
    let surveys = try #require(configuration.sources[.surveys])
    #expect(surveys.scoreScale == 1...10 && !surveys.deduplicate)
    #expect(configuration.indicators.answerWithinSeconds == 20)
    #expect(configuration.indicators.shortAbandonSeconds == 5)
    #expect(configuration.indicators.breakdowns[.TMO] == [.customer])
    #expect(configuration.indicators.breakdowns[.C20] == [.customer])
    #expect(configuration.indicatorsInForce == IndicatorCode.allCases)
    let mean = IndicatorCode.TMO.definition(of: .MEAN)
    #expect(
      configuration.targets.target(mean, segment: .total, column: ReportPeriod(parsing: "2025")!)
        == ExactDecimal(units: 150, scale: 0))
    let share = IndicatorCode.ISC.definition(of: .M1)
    #expect(
      configuration.targets.target(share, segment: .total, column: ReportPeriod(parsing: "2025-H1")!)
        == ExactDecimal(units: 200, scale: 1))
  }

  @Test("Defaults: scale 1–10, calls de-duplicated, served within 20 s, no short abandon")
  func defaults() throws {
    let configuration = try ReportConfiguration.parse(yaml: care, path: "cfg.yaml")
    #expect(configuration.sources[.surveys]?.scoreScale == 1...10)
    #expect(configuration.sources[.calls]?.deduplicate == true)
    #expect(configuration.sources[.surveys]?.deduplicate == false)
    #expect(configuration.indicators.answerWithinSeconds == 20)
    #expect(configuration.indicators.shortAbandonSeconds == 0)
    let scaled = try ReportConfiguration.parse(
      yaml: edited("    files: surveys/*.csv\n", "    files: surveys/*.csv\n    scale: {min: 0, max: 5}\n"),
      path: "cfg.yaml")
    #expect(scaled.sources[.surveys]?.scoreScale == 0...5)
  }

  @Test("Without calls and surveys, TMO, C20 and ISC are not in force")
  func optionalSourcesLeftOut() throws {
    let configuration = try ReportConfiguration.parse(yaml: base, path: "cfg.yaml")
    #expect(configuration.indicatorsInForce == [.ATT, .GUA, .RIP, .FAT, .ACC, .REC])
    let callsOnly = try ReportConfiguration.parse(
      yaml: care.replacingOccurrences(of: "  surveys:\n    files: surveys/*.csv\n", with: ""),
      path: "cfg.yaml")
    #expect(callsOnly.indicatorsInForce == [.ATT, .GUA, .RIP, .FAT, .ACC, .REC, .TMO, .C20])
  }

  @Test("Each mistake in the customer-care keys is located", arguments: careErrors)
  func careMistakesAreLocated(_ errorCase: ErrorCase) {
    let error = #expect(throws: ConfigurationError.self) {
      try ReportConfiguration.parse(yaml: errorCase.yaml, path: "cfg.yaml")
    }
    #expect(error?.description == errorCase.expected)
  }

  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
}
