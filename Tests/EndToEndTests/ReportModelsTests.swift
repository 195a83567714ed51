import Foundation
import FoundationXML
import Testing

/// SPEC §5.2: the report models as separate documents — `servizi` (156/23/CONS), `assistenza`
/// and `reclami` (255/24/CONS, Allegato 4) — each `resoconto-<model>-<period>.xml` and `.csv`;
/// a model none of whose indicators can be computed is not written, and the manifest says so.
@Suite struct ReportModelsTests {
  /// What each model publishes (SPEC §5.2), written out here rather than read from the catalogue.
  static let models: [(code: String, title: String, deliberation: String, indicators: [String])] = [
    (
      "servizi", "Indicatori di qualità dei servizi di comunicazione da postazione fissa", "156/23/CONS",
      ["ATT", "GUA", "RIP", "FAT", "ACC"]
    ),
    ("reclami", "Resoconto relativo ai reclami", "255/24/CONS, Allegato 4", ["REC"]),
    (
      "assistenza", "Resoconto relativo alla qualità dei servizi di assistenza telefonici",
      "255/24/CONS, Allegato 4", ["TMO", "C20", "ISC"]
    ),
  ]

  /// Runs `config` on the acceptance input for `period` into a new directory.
  static func run(config: String, period: String) throws -> URL {
    let output = Executable.temporaryDirectory()
    let result = try Executable.run([
      "run", "--config", config, "--input", "\(Executable.acceptance)/input", "--period", period, "--output",
      output.path, "--report-date", "2027-03-01",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    return output.appendingPathComponent(period)
  }

  /// The results rows of an XML document, rebuilt as the results CSV writes them (without the
  /// unit): `report,period,indicator,measure,segment,value,sample_size,denominator,excluded,target,met`.
  static func resultRows(ofXML url: URL, report: String) throws -> [String] {
    let document = try XMLDocument(contentsOf: url)
    func attribute(_ name: String, of node: XMLNode) -> String {
      (node as! XMLElement).attributes?.first { $0.name == name }?.stringValue ?? ""
    }
    var rows: [String] = []
    for indicator in try document.nodes(forXPath: "//*[local-name()='indicatore']") {
      for measure in try indicator.nodes(forXPath: ".//*[local-name()='misura']") {
        for row in try measure.nodes(forXPath: "*[local-name()='riga']") {
          for result in try row.nodes(forXPath: "*[local-name()='risultato']") {
            func child(_ name: String) throws -> String {
              try result.nodes(forXPath: "*[local-name()='\(name)']").first?.stringValue ?? ""
            }
            let met = ["raggiunto": "true", "non raggiunto": "false", "n.d.": ""][try child("esito")]!
            rows.append(
              [
                report, attribute("colonna", of: result), attribute("codice", of: indicator),
                attribute("codice", of: measure), attribute("segmento", of: row), try child("valore"),
                try child("numerosita"), try child("denominatore"), try child("esclusi"),
                try child("obiettivo"), met,
              ].joined(separator: ","))
          }
        }
      }
    }
    return rows
  }

  /// The rows of `results-<period>.csv` without the unit column, and the indicators they name.
  static func resultRows(ofResults url: URL) throws -> [String] {
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { line in
      var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      fields.remove(at: 6)
      return fields.joined(separator: ",")
    }
  }

  static func xpath(_ url: URL, _ path: String) throws -> [String] {
    try XMLDocument(contentsOf: url).nodes(forXPath: path).map { $0.stringValue ?? "" }
  }

  static func manifest(_ directory: URL) throws -> [String: Any] {
    try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: directory.appendingPathComponent("manifest.json")))
        as? [String: Any])
  }

  /// With calls and surveys, each of the three models is a valid document of its own whose
  /// header names the model and its deliberation, and whose figures are exactly the results'
  /// rows of its indicators: together, every row of `results-<period>.csv` once.
  @Test(arguments: ["2025", "2026-H2"])
  func eachModelIsAValidDocumentWithItsHeaderAndTheNumbersOfTheResults(period: String) throws {
    let directory = try Self.run(config: "samples/acceptance-care.yaml", period: period)
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
      $0.hasPrefix("resoconto-") && !$0.hasSuffix(".xlsx")
    }
    #expect(
      names.sorted()
        == Self.models.flatMap {
          ["resoconto-\($0.code)-\(period).csv", "resoconto-\($0.code)-\(period).xml"]
        }
        .sorted())
    let results = try Self.resultRows(ofResults: directory.appendingPathComponent("results-\(period).csv"))
    var fromModels: [String] = []
    for model in Self.models {
      let xml = directory.appendingPathComponent("resoconto-\(model.code)-\(period).xml")
      let validate = try Executable.run(["validate", xml.path])
      #expect(validate.status == 0, "\(validate.stderr)")
      #expect(
        try Self.xpath(xml, "//*[local-name()='intestazione']/*[local-name()='modello']/@codice") == [
          model.code
        ])
      #expect(
        try Self.xpath(xml, "//*[local-name()='intestazione']/*[local-name()='modello']") == [model.title])
      #expect(
        try Self.xpath(xml, "//*[local-name()='intestazione']/*[local-name()='delibera']") == [
          model.deliberation
        ])
      #expect(try Self.xpath(xml, "//*[local-name()='indicatore']/@codice") == model.indicators)
      let rows = try Self.resultRows(ofXML: xml, report: period)
      let own = results.filter { model.indicators.contains(String($0.split(separator: ",")[2])) }
      #expect(rows.sorted() == own.sorted(), "\(model.code): the XML's figures are not the results'")
      fromModels += rows

      let csv = try String(
        contentsOf: directory.appendingPathComponent("resoconto-\(model.code)-\(period).csv"), encoding: .utf8
      )
      let lines = csv.dropFirst().components(separatedBy: "\r\n")
      #expect(lines.contains("Modello;\(model.title)"), "\(model.code)")
      #expect(lines.contains("Delibera di riferimento;\(model.deliberation)"), "\(model.code)")
      let indicators = Set(
        lines.compactMap { line in
          line.split(separator: ";").first.map(String.init).flatMap {
            model.indicators.contains($0) ? $0 : nil
          }
        })
      #expect(indicators == Set(model.indicators), "\(model.code): the CSV's indicators")
      for other in Self.models where other.code != model.code {
        #expect(
          !lines.contains { line in other.indicators.contains { line.hasPrefix("\($0);") } }, "\(model.code)")
      }
    }
    #expect(fromModels.sorted() == results.sorted(), "every result row in exactly one model")
    let manifest = try #require(try Self.manifest(directory)["models"] as? [String: [String: Any]])
    #expect(manifest.keys.sorted() == ["assistenza", "reclami", "servizi"])
    for model in Self.models {
      let entry = try #require(manifest[model.code])
      #expect(entry["written"] as? Bool == true)
      #expect(
        entry["files"] as? [String] == [
          "resoconto-\(model.code)-\(period).xml", "resoconto-\(model.code)-\(period).csv",
        ])
      #expect(entry["indicators"] as? [String] == model.indicators)
      #expect(entry["reason"] == nil)
    }
  }

  /// The base acceptance configuration has neither calls nor surveys: the assistenza model is
  /// not written, the manifest says why, and the page shows the other two models.
  @Test func aModelNoneOfWhoseIndicatorsCanBeComputedIsNotWrittenAndTheManifestSaysWhy() throws {
    let directory = try Self.run(config: "samples/acceptance.yaml", period: "2025-H1")
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
      $0.hasPrefix("resoconto")
    }
    #expect(
      names.sorted() == [
        "resoconto-2025-H1.xlsx", "resoconto-reclami-2025-H1.csv", "resoconto-reclami-2025-H1.xml",
        "resoconto-servizi-2025-H1.csv",
        "resoconto-servizi-2025-H1.xml",
      ])
    let models = try #require(try Self.manifest(directory)["models"] as? [String: [String: Any]])
    let assistenza = try #require(models["assistenza"])
    #expect(assistenza["written"] as? Bool == false)
    #expect((assistenza["files"] as? [String])?.isEmpty == true)
    #expect(assistenza["notCollected"] as? [String] == ["TMO", "C20", "ISC"])
    #expect(
      assistenza["reason"] as? String
        == "not written: none of its indicators can be computed, the sources calls and surveys are not configured"
    )
    #expect(models["servizi"]?["written"] as? Bool == true && models["reclami"]?["written"] as? Bool == true)
    let page = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(!page.contains("assistenza") && page.contains("resoconto-reclami-2025-H1.xml"))
  }

  /// SPEC §5.2: with calls but no surveys, the assistenza model is written with TMO and C20,
  /// and ISC, optional, reads *non rilevato* with the reason — in the XML, the Italian CSV and
  /// the page — while the results have no ISC row at all.
  @Test func withoutSurveysISCIsNonRilevatoInTheAssistenzaModel() throws {
    let care = try String(
      contentsOf: Executable.packageRoot.appendingPathComponent("samples/acceptance-care.yaml"),
      encoding: .utf8)
    let surveys = try #require(care.range(of: "  surveys:"))
    let indicators = try #require(care.range(of: "\n\n# --- Indicator rules"))
    var callsOnly = care.replacingCharacters(in: surveys.lowerBound..<indicators.lowerBound, with: "")
    for isc in ["  ISC:\n    breakdowns: []\n", "  ISC:\n    M1: {TOT: 20}\n"] {
      #expect(callsOnly.contains(isc))
      callsOnly = callsOnly.replacingOccurrences(of: isc, with: "")
    }
    let workspace = Executable.temporaryDirectory()
    try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: workspace) }
    let config = workspace.appendingPathComponent("calls-only.yaml")
    try callsOnly.write(to: config, atomically: true, encoding: .utf8)

    let directory = try Self.run(config: config.path, period: "2025-H1")
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    let note = "Non rilevato: la fonte «surveys» (sondaggi di soddisfazione) non è configurata."
    let xml = directory.appendingPathComponent("resoconto-assistenza-2025-H1.xml")
    #expect(try Executable.run(["validate", xml.path]).status == 0)
    #expect(try Self.xpath(xml, "//*[local-name()='indicatore']/@codice") == ["TMO", "C20", "ISC"])
    #expect(
      try Self.xpath(xml, "//*[local-name()='indicatore'][@codice='ISC']/*[local-name()='nonRilevato']") == [
        note
      ])
    #expect(
      try Self.xpath(xml, "//*[local-name()='indicatore'][@codice='ISC']//*[local-name()='valore']").isEmpty)
    #expect(
      try !Self.xpath(xml, "//*[local-name()='indicatore'][@codice='TMO']//*[local-name()='valore']").isEmpty)

    let csv = try String(
      contentsOf: directory.appendingPathComponent("resoconto-assistenza-2025-H1.csv"), encoding: .utf8)
    let isc = csv.components(separatedBy: "\r\n").filter { $0.hasPrefix("ISC;") }
    #expect(isc.count == 5)  // M1 … M5
    #expect(isc.allSatisfy { $0.contains(";Totale;;non rilevato;;;;n.d.;\(note)") }, "\(isc)")

    let results = try String(
      contentsOf: directory.appendingPathComponent("results-2025-H1.csv"), encoding: .utf8)
    #expect(!results.contains(",ISC,") && results.contains(",TMO,"))
    let models = try #require(try Self.manifest(directory)["models"] as? [String: [String: Any]])
    #expect(models["assistenza"]?["written"] as? Bool == true)
    #expect(models["assistenza"]?["indicators"] as? [String] == ["TMO", "C20"])
    #expect(models["assistenza"]?["notCollected"] as? [String] == ["ISC"])
    let page = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(page.contains("<p class=\"not-collected\">\(note)</p>"))
  }
}
