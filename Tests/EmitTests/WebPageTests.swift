import Foundation
import FoundationXML
import Metrics
import ReportCore
import Testing

@testable import Emit

/// SPEC §6: the website page — static, Italian, accessible, printable.
@Suite struct WebPageTests {
  static func page(_ period: String, reportDate: String = "2027-01-15") async throws -> (String, XMLDocument)
  {
    let (data, configuration) = try await AcceptanceReports.data()
    let report = Metrics.report(
      for: ReportPeriod(parsing: period)!, records: data.records.values, configuration: configuration,
      reportDate: LocalDate(parsing: reportDate)!)
    let html = String(decoding: try WebPage.render(report, toolVersion: "test"), as: UTF8.self)
    // The page is written as well-formed XML (XHTML syntax), so it can be checked as a tree.
    let document = try XMLDocument(xmlString: html.replacingOccurrences(of: "<!DOCTYPE html>", with: ""))
    return (html, document)
  }

  static func nodes(_ document: XMLDocument, _ xpath: String) throws -> [XMLNode] {
    try document.nodes(forXPath: xpath)
  }

  @Test func itIsItalianSelfContainedAndHasEveryIndicator() async throws {
    let (html, document) = try await Self.page("2025")
    #expect(try Self.nodes(document, "/html/@lang").first?.stringValue == "it")
    #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src="))
    #expect(try Self.nodes(document, "//link").isEmpty && Self.nodes(document, "//script").isEmpty)
    // The acceptance configuration has no calls or surveys: no assistenza model, no TMO, C20 or ISC.
    let models = try Self.nodes(document, "//main/section/h2").map { $0.stringValue ?? "" }
    #expect(models == [ReportModelKind.servizi.title, ReportModelKind.reclami.title])
    let sections = try Self.nodes(document, "//section/section/h3").map { $0.stringValue ?? "" }
    #expect(sections == IndicatorCode.allCases.filter { $0.model != .assistenza }.map(\.label))
    // Each model's section links to its documents, by their names in the report directory.
    let links = try Self.nodes(document, "//main/section/p/a/@href").map { $0.stringValue ?? "" }
    #expect(
      links == [
        "resoconto-servizi-2025.xml", "resoconto-servizi-2025.csv", "resoconto-reclami-2025.xml",
        "resoconto-reclami-2025.csv",
      ])
  }

  @Test func everyTableHasACaptionAndHeaderCells() async throws {
    let (_, document) = try await Self.page("2025")
    let tables = try Self.nodes(document, "//table[not(@class='exclusions')]")
    #expect(tables.count == 12)  // one per measure
    for table in try Self.nodes(document, "//table[@class='exclusions']") {
      #expect(try !table.nodes(forXPath: "caption").isEmpty)
      #expect(try table.nodes(forXPath: "thead/tr/th[@scope='col']").count == 3)
      let rows = try table.nodes(forXPath: "tbody/tr")
      #expect(try rows.allSatisfy { try $0.nodes(forXPath: "th[@scope='row']").count == 1 })
    }
    for table in tables {
      #expect(try !table.nodes(forXPath: "caption").isEmpty)
      let columnHeaders = try table.nodes(forXPath: "thead/tr/th")
      #expect(columnHeaders.count == 5)  // segment, target, H1, H2, year
      #expect(try columnHeaders.allSatisfy { try $0.nodes(forXPath: "@scope").first?.stringValue == "col" })
      let rows = try table.nodes(forXPath: "tbody/tr")
      #expect(try rows.allSatisfy { try $0.nodes(forXPath: "th[@scope='row']").count == 1 })
    }
  }

  @Test func everyChartHasATextAlternativeThatStatesItsNumbers() async throws {
    let (_, document) = try await Self.page("2025")
    let charts = try Self.nodes(document, "//svg")
    // One per measure, and one per measure of ATT's regional table.
    #expect(try Self.nodes(document, "//svg[not(contains(@aria-labelledby, 'regioni'))]").count == 12)
    #expect(try Self.nodes(document, "//svg[contains(@aria-labelledby, 'regioni')]").count == 3)
    for chart in charts {
      #expect(try chart.nodes(forXPath: "@role").first?.stringValue == "img")
      let ids = try chart.nodes(forXPath: "@aria-labelledby").first?.stringValue?.split(separator: " ") ?? []
      #expect(ids.count == 2)
      for id in ids {
        let text = try chart.nodes(forXPath: "*[@id='\(id)']").first?.stringValue ?? ""
        #expect(!text.isEmpty)
      }
    }
    let description = try Self.nodes(document, "//svg[@aria-labelledby='ATT-P95-t ATT-P95-d']/desc").first?
      .stringValue
    #expect(
      description
        == "1° semestre: 39 giorni solari, obiettivo non raggiunto; 2° semestre: 45 giorni solari, obiettivo non"
        + " raggiunto; Anno: 43 giorni solari, obiettivo non raggiunto; obiettivo: 30 giorni solari.")
  }

  @Test func theAnnualRegionalTableHasAChartSortedBestFirstWithValueAndNOnEveryBar() async throws {
    let (data, configuration) = try await AcceptanceReports.data()
    let report = try AcceptanceReports.report("2025", data: data, configuration: configuration)
    let (_, document) = try await Self.page("2025")
    let att = report.indicators.first { $0.code == .ATT }!
    for measure in att.measures {
      let id = "ATT-\(measure.definition.measure.rawValue)-regioni"
      let chart = try #require(try Self.nodes(document, "//svg[@aria-labelledby='\(id)-t \(id)-d']").first)
      let regions = measure.rows.filter(\.segment.isRegion).map { ($0.label, $0.cells[2]!) }
      #expect(!regions.isEmpty)
      // Each region's name, then its bar's label: value and n.
      let texts = try chart.nodes(forXPath: "*[local-name()='text']").map { $0.stringValue ?? "" }
      #expect(texts.count == regions.count * 2)
      let names = stride(from: 0, to: texts.count, by: 2).map { texts[$0] }
      let labels = stride(from: 1, to: texts.count, by: 2).map { texts[$0] }
      // The region's name without the row's "Regione: ".
      #expect(Set(names.map { "Regione: " + $0 }) == Set(regions.map(\.0)))
      for (name, label) in zip(names, labels) {
        let cell = regions.first { $0.0 == "Regione: " + name }!.1
        #expect(label == "\(cell.value.map(ResocontoCSV.decimal) ?? "n.d.") (n = \(cell.sampleSize))")
      }
      // Best first: ascending for times, descending for the share on time.
      let values = names.compactMap { name in regions.first { $0.0 == "Regione: " + name }!.1.value }
      let lowerIsBetter = measure.definition.measure.target != .atLeast
      #expect(
        zip(values, values.dropFirst()).allSatisfy { pair in
          let order = ExactDecimal.compare(pair.0, pair.1)
          return lowerIsBetter ? order <= 0 : order >= 0
        })
    }
    let (_, semester) = try await Self.page("2025-H1")
    #expect(try Self.nodes(semester, "//svg[contains(@aria-labelledby, 'regioni')]").isEmpty)
  }

  @Test func thePageLinksBackToTheSiteIndexAndToItsDownloads() async throws {
    let (data, configuration) = try await AcceptanceReports.data()
    let report = try AcceptanceReports.report("2025", data: data, configuration: configuration)
    let html = String(
      decoding: try WebPage.render(
        report, toolVersion: "test", downloads: ["resoconto-2025.xml", "resoconto-2025.csv"]), as: UTF8.self)
    let document = try XMLDocument(xmlString: html.replacingOccurrences(of: "<!DOCTYPE html>", with: ""))
    let links = try Self.nodes(document, "//a/@href").map { $0.stringValue ?? "" }
    #expect(links.contains("../index.html"))
    #expect(
      try Self.nodes(document, "//ul[@class='downloads']/li/a/@href").map { $0.stringValue ?? "" } == [
        "resoconto-2025.xml", "resoconto-2025.csv",
      ])
    // Every table sits in its own scrolling box, reachable from the keyboard.
    let tables = try Self.nodes(document, "//table")
    #expect(!tables.isEmpty)
    #expect(
      try Self.nodes(document, "//div[@class='scroll' and @tabindex='0' and @role='region']/table").count
        == tables.count)
  }

  @Test func theRecordsExcludedPerCauseAreListedWithTheirLabelsUnderTheirIndicator() async throws {
    let (data, configuration) = try await AcceptanceReports.data()
    let report = try AcceptanceReports.report("2025", data: data, configuration: configuration)
    let (_, document) = try await Self.page("2025")
    var shown = 0
    for indicator in report.indicators {
      let rows = try Self.nodes(
        document, "//section[@id='\(indicator.code.rawValue)']//table[@class='exclusions']/tbody/tr"
      )
      .map { row in try row.nodes(forXPath: "th|td").map { $0.stringValue ?? "" } }
      #expect(
        rows == indicator.exclusions.map { [$0.label, $0.code, String($0.count)] }, "\(indicator.code)")
      shown += rows.count
    }
    // ATT's two causes and RIP's one, each with the label of samples/acceptance.yaml.
    #expect(shown >= 3)
    let att = try Self.nodes(document, "//section[@id='ATT']//table[@class='exclusions']/tbody/tr/th")
    #expect(att.map { $0.stringValue ?? "" } == ["Ritardo imputabile al cliente", "Causa di forza maggiore"])
  }

  @Test func metAndMissedAreWrittenOutWithASymbolNotByColourAlone() async throws {
    let (_, document) = try await Self.page("2025-H1")
    let outcomes = try Self.nodes(document, "//td/span[@class='met' or @class='missed']").map {
      $0.stringValue ?? ""
    }
    #expect(!outcomes.isEmpty)
    #expect(outcomes.allSatisfy { $0 == "✔ raggiunto" || $0 == "✘ non raggiunto" })
    #expect(outcomes.contains("✔ raggiunto") && outcomes.contains("✘ non raggiunto"))
  }

  @Test func aProvisionalReportSaysSo() async throws {
    let (_, provisional) = try await Self.page("2026-H2", reportDate: "2026-11-22")
    #expect(try Self.nodes(provisional, "//p[@class='provisional']").count == 1)
    let (_, final) = try await Self.page("2026-H2", reportDate: "2027-01-15")
    #expect(try Self.nodes(final, "//p[@class='provisional']").isEmpty)
  }

  /// Every colour pair the page sets text in: (role, text colour, background colour).
  static let textColours = [
    ("body text, chart labels, printed links", "#1a1a1a", "#ffffff"),
    ("column headers", "#1a1a1a", "#e8eef5"),
    ("muted text: meta, notes, captions, n =", "#4d4d4d", "#ffffff"),
    ("links", "#1f4e79", "#ffffff"),
    ("target missed", "#9b1c1c", "#ffffff"),
    ("target met", "#1b5e20", "#ffffff"),
  ]

  /// WCAG 2.1 contrast ratio of two `#rrggbb` colours, from their relative luminance.
  static func contrast(_ first: String, _ second: String) -> Double {
    func luminance(_ colour: String) -> Double {
      func channel(_ hex: Substring) -> Double {
        let value = Double(Int(hex, radix: 16)!) / 255
        return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
      }
      let digits = colour.dropFirst()
      return 0.2126 * channel(digits.prefix(2)) + 0.7152 * channel(digits.dropFirst(2).prefix(2))
        + 0.0722 * channel(digits.dropFirst(4))
    }
    let (one, two) = (luminance(first), luminance(second))
    return (max(one, two) + 0.05) / (min(one, two) + 0.05)
  }

  /// The README promises text contrast of at least 7:1 (WCAG 2.1 AAA), beyond AA's 4.5:1.
  @Test(arguments: textColours)
  func everyTextColourReachesSevenToOneOnItsBackground(role: String, text: String, background: String) {
    #expect(EmbeddedTemplates.style.contains(text) && EmbeddedTemplates.style.contains(background), "\(role)")
    let ratio = Self.contrast(text, background)
    #expect(ratio >= 7, "\(role): \(text) on \(background) is \(ratio):1")
  }

  @Test func everyColourThePageGivesTextOrABackgroundIsAmongThePairsChecked() async throws {
    let css = EmbeddedTemplates.style
    var texts = Set(css.matches(of: /[^-]color:\s*(#[0-9a-fA-F]{6})/).map { String($0.1).lowercased() })
    let backgrounds = Set(
      css.matches(of: /background:\s*(#[0-9a-fA-F]{6})/).map { String($0.1).lowercased() })
    // The charts' text takes the fill of its <svg>.
    let (html, _) = try await Self.page("2025")
    texts.formUnion(html.matches(of: /<svg [^>]*fill="(#[0-9a-fA-F]{6})"/).map { String($0.1).lowercased() })
    #expect(!texts.isEmpty && !backgrounds.isEmpty)
    #expect(texts.subtracting(Self.textColours.map(\.1)).isEmpty, "unchecked text colours")
    #expect(backgrounds.subtracting(Self.textColours.map(\.2)).isEmpty, "unchecked backgrounds")
  }
}
