import Foundation
import FoundationXML
import Ingest
import Metrics
import ReportCore
import Testing

@testable import Emit

/// SPEC §4.2 and §5: `indennizzi-<period>.csv`, the manifest's counts and the page's section.
@Suite struct IndemnitiesOutputTests {
  static func date(_ text: String) -> LocalDate { LocalDate(parsing: text)! }

  @Test func theFileIsCommaDelimitedLFWithAHeaderCanonicalValuesAndAmountsWithAPoint() {
    let list = IndemnityList(
      breaches: [
        Breach(
          indicator: .ATT, id: "ORD,1", customer: "business", start: Self.date("2025-01-02"),
          deadline: Self.date("2025-01-20"), end: Self.date("2025-01-23"), daysLate: 3, amountCents: 4500),
        Breach(
          indicator: .RIP, id: "=T2", customer: nil, start: Self.date("2025-03-03"),
          deadline: Self.date("2025-03-07"), end: nil, daysLate: 1, amountCents: 0),
        Breach(
          indicator: .REC, id: "R\"3", customer: "residential", start: Self.date("2024-12-31"),
          deadline: Self.date("2025-01-30"), end: Self.date("2025-12-01"), daysLate: 305,
          amountCents: 30_000),
      ],
      summaries: [])
    let text = String(decoding: IndemnitiesCSV.render(list), as: UTF8.self)
    #expect(
      text == """
        indicator,id,customer,start,deadline,end,days_late,state,amount
        ATT,"ORD,1",business,2025-01-02,2025-01-20,2025-01-23,3,closed,45.00
        RIP,'=T2,,2025-03-03,2025-03-07,,1,open,0.00
        REC,"R""3",residential,2024-12-31,2025-01-30,2025-12-01,305,closed,300.00

        """)
    #expect(
      String(decoding: IndemnitiesCSV.render(IndemnityList(breaches: [], summaries: [])), as: UTF8.self)
        == IndemnitiesCSV.header + "\n")
  }

  @Test func euroForPeopleHasACommaAndGroupsThousands() {
    #expect(WebPage.euro(0) == "0,00")
    #expect(WebPage.euro(5) == "0,05")
    #expect(WebPage.euro(99_999) == "999,99")
    #expect(WebPage.euro(123_456) == "1.234,56")
    #expect(WebPage.euro(100_000_000) == "1.000.000,00")
    #expect(IndemnitiesCSV.euro(123_456) == "1234.56")
  }

  @Test func theReportFilesListTheBreachesInTheManifestAndOnThePage() async throws {
    let (_, configuration) = try await AcceptanceReports.data()
    let data = try await Ingestion.ingest(
      configuration: configuration, input: AcceptanceReports.fixtures.appendingPathComponent("input").path,
      digests: true, recordIDs: true)
    let report = Metrics.report(
      for: ReportPeriod(parsing: "2025-H1")!, records: data.records.values, configuration: configuration,
      reportDate: Self.date("2025-09-01"), ids: data.ids)
    let list = try #require(report.indemnities)
    #expect(list.summaries.map(\.code) == [.ATT, .RIP, .REC])
    let files = try ReportFiles.render(
      report: report, audit: data.audit,
      provenance: ReportFiles.Provenance(toolVersion: "test", configuration: configuration.file))
    #expect(
      files.map(\.path).prefix(8) == [
        "resoconto-servizi-2025-H1.xml", "resoconto-servizi-2025-H1.csv", "resoconto-reclami-2025-H1.xml",
        "resoconto-reclami-2025-H1.csv", "resoconto-2025-H1.xlsx", "results-2025-H1.csv",
        "indennizzi-2025-H1.csv",
        "index.html",
      ])
    let manifest = try JSONDecoder().decode(Manifest.self, from: Data(files.last!.bytes))
    let indemnities = try #require(manifest.indemnities)
    for summary in list.summaries {
      let breaches = list.breaches.filter { $0.indicator == summary.code }
      #expect(summary.closed + summary.open == breaches.count && summary.closed > 0 && summary.open > 0)
      #expect(
        indemnities[summary.code.rawValue]
          == Manifest.Indemnities(
            closed: breaches.count { !$0.isOpen }, open: breaches.count { $0.isOpen },
            amount: IndemnitiesCSV.euro(breaches.reduce(0) { $0 + $1.amountCents })))
    }
    #expect(manifest.outputs.contains { $0.path == "indennizzi-2025-H1.csv" })

    let html = String(decoding: files.first { $0.path == "index.html" }!.bytes, as: UTF8.self)
    let document = try XMLDocument(xmlString: html.replacingOccurrences(of: "<!DOCTYPE html>", with: ""))
    let section = try #require(try document.nodes(forXPath: "//section[@id='indennizzi']").first)
    #expect(try section.nodes(forXPath: ".//table/caption").count == 1)
    #expect(try section.nodes(forXPath: ".//table/thead/tr/th[@scope='col']").count == 4)
    #expect(try section.nodes(forXPath: ".//a/@href").first?.stringValue == "indennizzi-2025-H1.csv")
    let rows = try section.nodes(forXPath: ".//table/tbody/tr")
    #expect(rows.count == 3)
    for (row, summary) in zip(rows, list.summaries) {
      let header = try row.nodes(forXPath: "th[@scope='row']").first?.stringValue
      #expect(header == report.indicators.first { $0.code == summary.code }!.label)
      #expect(
        try row.nodes(forXPath: "td").map { $0.stringValue ?? "" } == [
          String(summary.closed), String(summary.open), WebPage.euro(summary.amountCents),
        ])
    }
    #expect(try document.nodes(forXPath: "//nav//a[@href='#indennizzi']").count == 1)
  }
}
