import Foundation
import FoundationXML
import Metrics
import ReportCore
import Testing

@testable import Emit

/// An attribute's value (FoundationXML's `attribute(forName:)` finds nothing on Linux for
/// elements in a default namespace).
func attribute(_ name: String, of node: XMLNode) -> String {
  (node as! XMLElement).attributes?.first { $0.name == name }?.stringValue ?? ""
}

/// SPEC §5.2: the XML report models, valid against the schema and true to the results.
@Suite struct ReportXMLTests {
  /// Every model written, valid, and together exactly the rows of the results: no figure lost
  /// or repeated between the models.
  @Test func everyAcceptanceReportsModelsValidateAndCarryTheNumbersOfItsResults() async throws {
    let (data, configuration) = try await AcceptanceReports.data()
    for period in AcceptanceReports.periods {
      let report = try AcceptanceReports.report(period, data: data, configuration: configuration)
      // The base acceptance configuration has no calls nor surveys: no assistenza model.
      #expect(report.writtenDocuments.map(\.kind) == [.servizi, .reclami])
      var fromXML: Set<String> = []
      var rowCount = 0
      for model in report.writtenDocuments.map(\.kind) {
        let xml = try ReportXML.render(report, model: model)
        #expect(SchemaValidation.validate(xml, against: Array(ReportXML.schema.utf8)) == .valid, "\(period)")

        // Read the XML back and rebuild the rows of the results CSV from it.
        let document = try XMLDocument(data: Data(xml))
        #expect(
          try document.nodes(forXPath: "//*[local-name()='indicatore']/@codice").map(\.stringValue)
            == model.indicators.map(\.rawValue), "\(period) \(model)")
        for indicator in try document.nodes(forXPath: "//*[local-name()='indicatore']") {
          let code = attribute("codice", of: indicator)
          for measure in try indicator.nodes(forXPath: ".//*[local-name()='misura']") {
            let measureCode = attribute("codice", of: measure)
            for row in try measure.nodes(forXPath: "*[local-name()='riga']") {
              let segment = attribute("segmento", of: row)
              for result in try row.nodes(forXPath: "*[local-name()='risultato']") {
                func child(_ name: String) throws -> String {
                  try result.nodes(forXPath: "*[local-name()='\(name)']").first?.stringValue ?? ""
                }
                let column = attribute("colonna", of: result)
                let met = ["raggiunto": "true", "non raggiunto": "false", "n.d.": ""][try child("esito")]!
                rowCount += 1
                fromXML.insert(
                  [
                    period, column, code, measureCode, segment, try child("valore"), try child("numerosita"),
                    try child("denominatore"), try child("esclusi"), try child("obiettivo"), met,
                  ].joined(separator: ","))
              }
            }
          }
        }
      }
      let expected = try String(
        contentsOf: AcceptanceReports.fixtures.appendingPathComponent("expected/results-\(period).csv"),
        encoding: .utf8)
      var fromResults: Set<String> = []
      for line in expected.split(separator: "\n").dropFirst() {
        var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields.remove(at: 6)  // unit: in the XML it is an attribute of the measure
        fromResults.insert(fields.joined(separator: ","))
      }
      #expect(
        fromXML == fromResults, "\(period): \(fromXML.symmetricDifference(fromResults).sorted().prefix(5))")
      #expect(rowCount == fromResults.count, "\(period): a row written twice")
    }
  }

  @Test func theAnnualModelHasThreeColumnsAndARegionalTableTheSemiAnnualOneColumn() async throws {
    let (data, configuration) = try await AcceptanceReports.data()
    let annual = try XMLDocument(
      data: Data(
        ReportXML.render(
          AcceptanceReports.report("2025", data: data, configuration: configuration), model: .servizi))
    )
    #expect(try annual.nodes(forXPath: "//*[local-name()='tipo']").first?.stringValue == "annuale")
    #expect(
      try annual.nodes(forXPath: "//*[local-name()='colonna']/@etichetta").map(\.stringValue) == [
        "1° semestre", "2° semestre", "Anno",
      ])
    let regional = try annual.nodes(forXPath: "//*[local-name()='tabellaRegionale']//*[local-name()='riga']")
    #expect(regional.count == 60)  // 20 regions × P95, P99, ON_TIME
    #expect(
      try annual.nodes(forXPath: "//*[local-name()='tabellaRegionale']//*[local-name()='risultato']/@colonna")
        .allSatisfy { $0.stringValue == "2025" })
    let semester = try XMLDocument(
      data: Data(
        ReportXML.render(
          AcceptanceReports.report("2025-H1", data: data, configuration: configuration), model: .servizi)))
    #expect(try semester.nodes(forXPath: "//*[local-name()='tipo']").first?.stringValue == "semestrale")
    #expect(try semester.nodes(forXPath: "//*[local-name()='colonna']").count == 1)
    #expect(try semester.nodes(forXPath: "//*[local-name()='tabellaRegionale']").isEmpty)
    #expect(try semester.nodes(forXPath: "//*[local-name()='provvisorio']").first?.stringValue == "false")
  }

  @Test func eachExclusionCauseIsWrittenWithItsLabelAndItsRecordsWhichAddUpToTheExcluded() async throws {
    let (data, configuration) = try await AcceptanceReports.data()
    for period in ["2025", "2025-H1"] {
      let report = try AcceptanceReports.report(period, data: data, configuration: configuration)
      for indicator in report.indicators {
        let document = try XMLDocument(data: Data(ReportXML.render(report, model: indicator.code.model)))
        let causes = try document.nodes(
          forXPath: "//*[local-name()='indicatore'][@codice='\(indicator.code.rawValue)']"
            + "/*[local-name()='esclusioni']/*[local-name()='esclusione']")
        let written = causes.map { cause in ["causa", "etichetta", "numero"].map { attribute($0, of: cause) }
        }
        #expect(written == indicator.exclusions.map { [$0.code, $0.label, String($0.count)] }, "\(period)")
        // The causes account for every record the whole population lost to an exclusion.
        let reportColumn = report.columns.firstIndex(of: report.period)!
        let total = indicator.measures[0].rows.first { $0.segment == .total }?.cells[reportColumn]
        #expect(indicator.exclusions.map(\.count).reduce(0, +) == total?.excluded ?? 0, "\(period)")
      }
      let document = try XMLDocument(data: Data(ReportXML.render(report, model: .servizi)))
      let att = try document.nodes(
        forXPath: "//*[local-name()='indicatore'][@codice='ATT']//*[local-name()='esclusione']/@etichetta")
      #expect(att.map(\.stringValue) == ["Ritardo imputabile al cliente", "Causa di forza maggiore"])
    }
  }

  @Test func aCauseWrittenTwiceForOneIndicatorDoesNotValidate() async throws {
    let (data, configuration) = try await AcceptanceReports.data()
    var report = try AcceptanceReports.report("2025-H1", data: data, configuration: configuration)
    let first = try #require(report.indicators[0].exclusions.first)
    report.indicators[0].exclusions.append(first)
    #expect(throws: ReportFilesError.self) {
      try ReportFiles.contents(of: report, audit: data.audit, toolVersion: "test")
    }
  }

  @Test func anIndicatorWrittenTwiceDoesNotValidate() async throws {
    let (data, configuration) = try await AcceptanceReports.data()
    var report = try AcceptanceReports.report("2025-H1", data: data, configuration: configuration)
    report.indicators.append(report.indicators[0])
    #expect(throws: ReportFilesError.self) {
      try ReportFiles.contents(of: report, audit: data.audit, toolVersion: "test")
    }
  }

  @Test func theBuiltInSchemaIsTheTemplateInTheRepository() throws {
    let template = try String(
      contentsOf: AcceptanceReports.root.appendingPathComponent("templates/resoconto.xsd"), encoding: .utf8)
    #expect(ReportXML.schema + "\n" == template, "run scripts/embed-templates.py after editing templates/")
  }

  @Test func aReportThatWouldNotValidateIsAnErrorNotAFile() async throws {
    let (data, configuration) = try await AcceptanceReports.data()
    var report = try AcceptanceReports.report("2025-H1", data: data, configuration: configuration)
    report.operatorInfo.name = ""  // the schema wants a non-empty operator name
    #expect(throws: ReportFilesError.self) {
      try ReportFiles.contents(of: report, audit: data.audit, toolVersion: "test")
    }
    do {
      _ = try ReportFiles.contents(of: report, audit: data.audit, toolVersion: "test")
    } catch {
      guard case .invalidXML(let violations) = error else { Issue.record("\(error)"); return }
      #expect(violations.first?.message.contains("denominazione") == true)
      #expect(violations.first?.line == 5)
    }
  }

  @Test func malformedXMLAndViolationsAreReportedWithTheirLines() {
    let schema = Array(ReportXML.schema.utf8)
    guard
      case .invalid(let broken) = SchemaValidation.validate(Array("<resoconto>\n<a>\n".utf8), against: schema)
    else { Issue.record("malformed XML passed"); return }
    #expect(broken.first?.line == 3)
    let wrongRoot = "<?xml version=\"1.0\"?>\n<report xmlns=\"urn:agcom-report:resoconto:1\"/>\n"
    guard case .invalid(let violations) = SchemaValidation.validate(Array(wrongRoot.utf8), against: schema)
    else {
      Issue.record("a wrong root passed")
      return
    }
    #expect(violations.map(\.line) == [2])
    #expect(SchemaValidation.validate([], against: schema) != .valid)
    guard
      case .unusableSchema = SchemaValidation.validate(Array(wrongRoot.utf8), against: Array("<nope".utf8))
    else {
      Issue.record("a broken schema was used")
      return
    }
  }
}

/// The schema is a published contract, so it spells out the codes; it must spell out
/// exactly the catalogue's, or a new indicator would be refused (or an old one kept).
@Suite struct SchemaCatalogueTests {
  /// The `xs:enumeration` values of the simple type `name` in the built-in schema.
  static func enumeration(_ name: String) throws -> [String] {
    let document = try XMLDocument(data: Data(ReportXML.schema.utf8))
    let type = try document.nodes(forXPath: "//*[local-name()='simpleType']").first {
      attribute("name", of: $0) == name
    }
    let values = try #require(type).nodes(forXPath: ".//*[local-name()='enumeration']")
    return values.map { attribute("value", of: $0) }
  }

  @Test func theSchemaListsExactlyTheCataloguesIndicatorsMeasuresAndUnits() throws {
    #expect(try Self.enumeration("CodiceIndicatore") == IndicatorCode.allCases.map(\.rawValue))
    #expect(try Self.enumeration("CodiceMisura") == MeasureCode.allCases.map(\.rawValue))
    let units = Set(IndicatorCode.allCases.flatMap(\.measureDefinitions).map(\.unit.rawValue))
    #expect(try Set(Self.enumeration("CodiceUnita")) == units)
  }
}
