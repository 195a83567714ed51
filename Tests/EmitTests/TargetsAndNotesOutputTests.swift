import Configuration
import Foundation
import FoundationXML
import Metrics
import ReportCore
import Testing

@testable import Emit

/// SPEC §4 Targets and Notes in every model: a target per column kind, and the operator's
/// notes beside the figures they explain.
@Suite struct TargetsAndNotesOutputTests {
  /// The acceptance annual report with GUA's target 6 % per semester and 12 % for the year,
  /// and notes on RIP and on RIP's second semester.
  static func annualReport() async throws -> ReportModel {
    var (data, configuration) = try await AcceptanceReports.data()
    configuration.targets.values[.GUA] = [
      .RATE: [
        .total: ColumnTargets(
          semester: ExactDecimal(units: 600, scale: 2), year: ExactDecimal(units: 1200, scale: 2))
      ]
    ]
    configuration.notes = Notes(
      indicators: [.RIP: "Tempi misurati dal sistema di trouble ticketing."],
      columns: [
        .RIP: [
          ReportPeriod(year: 2025, part: .secondHalf): "Eventi meteo eccezionali del 3–4 novembre 2025.",
          ReportPeriod(year: 2024, part: .secondHalf): "Nota di un altro anno, fuori da questo resoconto.",
        ]
      ])
    return Metrics.report(
      for: ReportPeriod(year: 2025, part: .year), records: data.records.values, configuration: configuration,
      reportDate: LocalDate(parsing: "2027-01-15")!)
  }

  @Test func theXMLCarriesEachColumnsTargetAndTheNotesOfItsColumns() async throws {
    let xml = try ReportXML.render(try await Self.annualReport(), model: .servizi)
    #expect(SchemaValidation.validate(xml, against: Array(ReportXML.schema.utf8)) == .valid)
    let document = try XMLDocument(data: Data(xml))
    let targets = try document.nodes(
      forXPath: "//*[local-name()='indicatore'][@codice='GUA']//*[local-name()='riga'][@segmento='TOT']"
        + "/*[local-name()='risultato']/*[local-name()='obiettivo']"
    ).map { $0.stringValue ?? "" }
    #expect(targets == ["6.00", "6.00", "12.00"])
    let notes = try document.nodes(
      forXPath: "//*[local-name()='indicatore'][@codice='RIP']/*[local-name()='notaOperatore']")
    #expect(
      notes.map { attribute("colonna", of: $0) } == ["", "2025-H2"])
    #expect(notes.map { $0.stringValue ?? "" }[1] == "Eventi meteo eccezionali del 3–4 novembre 2025.")
    #expect(!String(decoding: xml, as: UTF8.self).contains("fuori da questo resoconto"))
  }

  @Test func theItalianCSVHasATargetPerColumnAndTheNotesOnTheTotalRows() async throws {
    let text = String(
      decoding: ResocontoCSV.render(try await Self.annualReport(), model: .servizi).dropFirst(3),
      as: UTF8.self)
    let lines = text.components(separatedBy: "\r\n")
    let header = try #require(lines.first { $0.hasPrefix("Indicatore;") }).split(separator: ";")
    #expect(
      header[5] == "Obiettivo 1° semestre" && header[11] == "Obiettivo 2° semestre"
        && header[17] == "Obiettivo Anno")
    let rate = try #require(lines.first { $0.hasPrefix("GUA;") && $0.contains(";Totale;") }).split(
      separator: ";", omittingEmptySubsequences: false)
    #expect([rate[5], rate[11], rate[17]] == ["6,00", "6,00", "12,00"])
    let ripTotals = lines.filter { $0.hasPrefix("RIP;") && $0.contains(";Totale;") }
    #expect(ripTotals.count == 3)
    for line in ripTotals {
      #expect(
        line.hasSuffix(
          ";Nota dell'operatore: Tempi misurati dal sistema di trouble ticketing. Nota dell'operatore"
            + " (2° semestre): Eventi meteo eccezionali del 3–4 novembre 2025."))
    }
    #expect(
      !lines.contains {
        $0.hasPrefix("RIP;") && !$0.contains(";Totale;") && $0.contains("Nota dell'operatore")
      })
  }

  @Test func thePageShowsEachColumnsTargetAndTheNotes() async throws {
    let page = String(
      decoding: try WebPage.render(try await Self.annualReport(), toolVersion: "test"), as: UTF8.self)
    #expect(page.contains("1° semestre 6,00; 2° semestre 6,00; Anno 12,00"))
    #expect(page.contains("<strong>Nota dell'operatore (2° semestre):</strong> Eventi meteo eccezionali"))
    #expect(page.contains("obiettivo Anno: 12,00 %"))
  }
}
