import Foundation
import FoundationXML
import Metrics
import ReportCore
import Testing

@testable import Emit

/// SPEC §6 the site: reports read back from their XML, trends per semester, the site index.
@Suite struct SiteIndexTests {
  /// A fresh directory for one test.
  static func directory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// The acceptance report of `period`, prepared on `reportDate`.
  static func report(_ period: String, reportDate: String) async throws -> ReportModel {
    let (data, configuration) = try await AcceptanceReports.data()
    return Metrics.report(
      for: ReportPeriod(parsing: period)!, records: data.records.values, configuration: configuration,
      reportDate: LocalDate(parsing: reportDate)!)
  }

  /// Writes the XML of each of `report`'s models written as `<output>/<period>/resoconto-<model>-<period>.xml`.
  static func publish(_ report: ReportModel, in output: String) throws {
    let folder = output + "/" + report.period.description
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for document in report.writtenDocuments {
      let file = document.kind.fileName(period: report.period.description, ext: "xml")
      try Data(ReportXML.render(report, model: document.kind)).write(
        to: URL(fileURLWithPath: folder + "/" + file))
    }
  }

  @Test func aReportIsReadBackFromItsXML() async throws {
    let output = try Self.directory()
    let report = try await Self.report("2025", reportDate: "2026-01-20")
    try Self.publish(report, in: output)
    let read = try PublishedReport.read(directory: output + "/2025", period: ReportPeriod(parsing: "2025")!)
    #expect(read.operatorName == report.operatorInfo.name)
    #expect(read.reportDate == report.reportDate && read.isProvisional == false)
    #expect(read.xmlFiles == ["resoconto-reclami-2025.xml", "resoconto-servizi-2025.xml"])
    #expect(read.indicators.map(\.code) == report.indicators.map(\.code.rawValue))
    for (indicator, expected) in zip(read.indicators, report.indicators) {
      #expect(indicator.measures.map(\.code) == expected.measures.map(\.definition.measure.rawValue))
      for (measure, table) in zip(indicator.measures, expected.measures) {
        let total = table.rows.first { $0.segment == .total }!
        #expect(measure.totals.map(\.column) == report.columns)
        #expect(measure.totals.map(\.value) == total.cells.map { $0?.value })
        #expect(measure.totals.map(\.target) == total.cells.map { $0?.target })
        #expect(measure.totals.map(\.sampleSize) == total.cells.map { $0?.sampleSize ?? -1 })
      }
    }
  }

  @Test func theDocumentsOfOneReportAreMerged() async throws {
    // One document per model: every resoconto*-<period>.xml is read.
    let output = try Self.directory()
    let report = try await Self.report("2025-H1", reportDate: "2025-07-15")
    try Self.publish(report, in: output)
    try Data("a;b".utf8).write(to: URL(fileURLWithPath: output + "/2025-H1/resoconto-servizi-2025-H1.csv"))
    let read = try PublishedReport.read(
      directory: output + "/2025-H1", period: ReportPeriod(parsing: "2025-H1")!)
    #expect(read.xmlFiles == ["resoconto-reclami-2025-H1.xml", "resoconto-servizi-2025-H1.xml"])
    #expect(read.downloads == ["resoconto-servizi-2025-H1.csv"])
    #expect(Set(read.indicators.map(\.code)) == Set(report.indicators.map(\.code.rawValue)))
    #expect(read.indicators.count == report.indicators.count)
  }

  @Test func anUnreadableOrInvalidReportIsSkippedWithAReason() async throws {
    let output = try Self.directory()
    try Self.publish(try await Self.report("2025-H1", reportDate: "2025-07-15"), in: output)
    for (period, content) in [
      ("2025-H2", "<resoconto>not closed"),
      ("2026-H1", "<resoconto versione=\"1.0\" xmlns=\"urn:agcom-report:resoconto:1\"/>"),
    ] {
      try FileManager.default.createDirectory(
        atPath: output + "/" + period, withIntermediateDirectories: true)
      try Data(content.utf8).write(to: URL(fileURLWithPath: output + "/\(period)/resoconto-\(period).xml"))
    }
    try FileManager.default.createDirectory(atPath: output + "/2026", withIntermediateDirectories: true)
    // Not periods: ignored without a word.
    try FileManager.default.createDirectory(
      atPath: output + "/.2025.partial", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      atPath: output + "/screenshots", withIntermediateDirectories: true)
    let (reports, skipped) = PublishedReport.scan(output: output)
    #expect(reports.map(\.period.description) == ["2025-H1"])
    #expect(
      skipped.map(\.path)
        == [
          output + "/2026", output + "/2026-H1/resoconto-2026-H1.xml",
          output + "/2025-H2/resoconto-2025-H2.xml",
        ].sorted())
    #expect(skipped.allSatisfy { $0.description.contains("warning: left out of the site index") })
  }

  @Test func aSemesterComesFromTheMostRecentFinalReport() async throws {
    let h1 = try await Self.report("2025-H1", reportDate: "2025-06-20")  // provisional
    var year = try await Self.report("2025", reportDate: "2026-01-20")  // final
    // Mark the annual report's figures so the test sees which report each point came from.
    let attIndex = year.indicators.firstIndex { $0.code == .ATT }!
    let totalIndex = year.indicators[attIndex].measures[0].rows.firstIndex { $0.segment == .total }!
    year.indicators[attIndex].measures[0].rows[totalIndex].cells[0]!.value = ExactDecimal(
      units: 777, scale: 0)
    let output = try Self.directory()
    try Self.publish(h1, in: output)
    try Self.publish(year, in: output)
    let trends = SiteIndex.trends(PublishedReport.scan(output: output).reports)
    let att = try #require(trends.first { $0.indicatorCode == "ATT" && $0.measure.code == "P95" })
    #expect(att.points.map(\.semester.description) == ["2025-H1", "2025-H2"])
    #expect(att.points.map(\.source.description) == ["2025", "2025"])
    #expect(att.points[0].result.value == ExactDecimal(units: 777, scale: 0))
    // A provisional annual report prepared later does not displace a final semi-annual one.
    let output2 = try Self.directory()
    try Self.publish(try await Self.report("2025-H1", reportDate: "2025-07-15"), in: output2)
    try Self.publish(try await Self.report("2025", reportDate: "2025-12-01"), in: output2)
    let trends2 = SiteIndex.trends(PublishedReport.scan(output: output2).reports)
    let first = try #require(trends2.first)
    #expect(first.points.map(\.source.description) == ["2025-H1", "2025"])
    // Indicators and measures in catalogue order, one trend per measure of the reports.
    #expect(trends.map(\.indicatorCode).first == "ATT")
    #expect(trends.count == year.indicators.reduce(0) { $0 + $1.measures.count })
  }

  @Test func reportsAreListedNewestFirstFinalAndProvisionalApart() async throws {
    let output = try Self.directory()
    for (period, date) in [
      ("2025-H1", "2025-07-15"), ("2025", "2026-01-20"), ("2025-H2", "2026-01-15"), ("2026-H1", "2026-05-01"),
    ] {
      try Self.publish(try await Self.report(period, reportDate: date), in: output)
    }
    let reports = PublishedReport.scan(output: output).reports
    #expect(
      SiteIndex.newestFirst(reports).map(\.period.description) == ["2026-H1", "2025", "2025-H2", "2025-H1"])
    let html = String(decoding: try SiteIndex.render(reports, toolVersion: "test"), as: UTF8.self)
    let document = try XMLDocument(xmlString: html.replacingOccurrences(of: "<!DOCTYPE html>", with: ""))
    let finals = try document.nodes(forXPath: "//ul[@aria-labelledby='definitivi']/li/a[1]/@href").map {
      $0.stringValue!
    }
    let provisionals = try document.nodes(forXPath: "//ul[@aria-labelledby='provvisori']/li/a[1]/@href").map {
      $0.stringValue!
    }
    #expect(finals == ["2025/index.html", "2025-H2/index.html", "2025-H1/index.html"])
    #expect(provisionals == ["2026-H1/index.html"])
    // Every link is relative.
    let links = try document.nodes(forXPath: "//a/@href").map { $0.stringValue! }
    #expect(links.allSatisfy { !$0.hasPrefix("/") && !$0.contains(":") })
    #expect(links.contains("2025/resoconto-servizi-2025.xml"))
    // One chart per trend, each with a text alternative naming every semester.
    let charts = try document.nodes(forXPath: "//svg")
    #expect(charts.count == SiteIndex.trends(reports).count)
    for chart in charts {
      let description = try chart.nodes(forXPath: "desc").first?.stringValue ?? ""
      for semester in ["1° semestre 2025", "2° semestre 2025", "1° semestre 2026"] {
        #expect(description.contains(semester))
      }
    }
  }

  @Test func markupInNamesAndLabelsIsTextOnTheSiteIndex() async throws {
    var report = try await Self.report("2025", reportDate: "2026-01-20")
    let hostile = "<script>alert(\"x\")</script> & {{operatore}}"
    report.operatorInfo.name = "Op " + hostile
    report.operatorInfo.brand = "Marchio " + hostile
    report.indicators[0].label = "Indicatore " + hostile
    report.indicators[0].measures[0].label = "Misura " + hostile
    report.indicators[0].measures[0].unitLabel = "unità " + hostile
    let output = try Self.directory()
    try Self.publish(report, in: output)
    let reports = PublishedReport.scan(output: output).reports
    #expect(reports.first?.operatorName == "Op " + hostile)
    let html = String(decoding: try SiteIndex.render(reports, toolVersion: "test"), as: UTF8.self)
    #expect(!html.contains("<script"))
    #expect(html.contains("&lt;script&gt;"))
    // Still one well-formed tree, whose text holds the names exactly as given.
    let document = try XMLDocument(xmlString: html.replacingOccurrences(of: "<!DOCTYPE html>", with: ""))
    let text = document.rootElement()?.stringValue ?? ""
    for name in ["Op ", "Marchio ", "Indicatore ", "Misura ", "unità "] {
      #expect(text.contains(name + hostile))
    }
    #expect(try document.nodes(forXPath: "//script").isEmpty)
  }
}

extension SiteIndexTests {
  @Test(arguments: [
    ("index.html.mustache", EmbeddedTemplates.page), ("site.html.mustache", EmbeddedTemplates.site),
    ("style.css", EmbeddedTemplates.style),
  ])
  func theBuiltInTemplateIsTheFileOfTemplates(name: String, embedded: String) throws {
    let file = try String(
      contentsOf: AcceptanceReports.root.appendingPathComponent("templates/\(name)"), encoding: .utf8)
    #expect(embedded + "\n" == file, "run scripts/embed-templates.py after editing templates/\(name)")
  }
}
