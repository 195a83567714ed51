import Foundation
import Metrics
import ReportCore
import Testing

@testable import Emit

/// SPEC §5: the human CSV for people and Excel.
@Suite struct ResocontoCSVTests {
  @Test func itIsUTF8WithBOMSemicolonsCRLFAndDecimalCommas() async throws {
    let (data, configuration) = try await AcceptanceReports.data()
    let bytes = ResocontoCSV.render(
      try AcceptanceReports.report("2025-H1", data: data, configuration: configuration), model: .servizi)
    #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
    let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
    #expect(text.hasSuffix("\r\n"))
    #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    let lines = text.components(separatedBy: "\r\n")
    #expect(lines[0] == "Operatore;Fibra Esempio S.r.l.")
    #expect(lines.contains("Provvisorio;no"))
    let onTime = try #require(lines.first { $0.hasPrefix("ATT;") && $0.contains(";Totale;95,0;") })
    #expect(onTime.contains(";88,6;1150;;72;non raggiunto;"))
    let rate = try #require(lines.first { $0.hasPrefix("GUA;") && $0.contains(";Totale;") })
    #expect(rate.contains(";19,11;1570;8214,00;0;non raggiunto;"))
  }

  @Test func theRecordsExcludedPerCauseFollowTheTableWithTheirLabels() async throws {
    let (data, configuration) = try await AcceptanceReports.data()
    let report = try AcceptanceReports.report("2025", data: data, configuration: configuration)
    var listed: [String] = []
    for model in [ReportModelKind.servizi, .reclami] {
      let text = String(decoding: ResocontoCSV.render(report, model: model).dropFirst(3), as: UTF8.self)
      let lines = text.components(separatedBy: "\r\n").dropLast()
      let header =
        "Indicatore;Denominazione indicatore;Causa di esclusione;Codice causa;Record esclusi nel periodo 2025"
      let start = try #require(lines.firstIndex(of: header))
      #expect(lines[start - 1] == "")
      listed += lines[(start + 1)...]
    }
    // Each model lists its own indicators' causes: together, every cause once.
    let expected = report.indicators.flatMap { indicator in
      indicator.exclusions.map {
        "\(indicator.code.rawValue);\(indicator.label);\($0.label);\($0.code);\($0.count)"
      }
    }
    #expect(listed == expected)
    #expect(
      expected.contains {
        $0.hasPrefix("ATT;Tempo di attivazione del servizio;Ritardo imputabile al cliente;customer_delay;")
      })
  }

  @Test func aValueThatIsNotAvailableReadsND() async throws {
    let (data, configuration) = try await AcceptanceReports.data()
    var report = try AcceptanceReports.report("2025-H1", data: data, configuration: configuration)
    report.indicators[0].measures[0].rows[0].cells[0]?.value = nil
    let text = String(decoding: ResocontoCSV.render(report, model: .servizi).dropFirst(3), as: UTF8.self)
    #expect(text.contains("giorni solari;Totale;30;n.d.;1150;"))
  }
}
