import Foundation
import FoundationXML
import Testing

/// SPEC §6 the site: `run` rewrites `<output>/index.html` from the reports present.
@Suite(.serialized) struct SiteCommandTests {
  /// The acceptance input run for 2025-H1, 2025-H2, 2025, 2026-H1 and 2026-H2 into one output
  /// directory, 2026-H2 prepared before its end (provisional).
  static let runs = [
    ("2025-H1", "2025-07-15"), ("2025-H2", "2026-01-15"), ("2025", "2026-01-20"), ("2026-H1", "2026-07-15"),
    ("2026-H2", "2026-12-20"),
  ]

  static func site() throws -> URL {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)")
    for (period, date) in runs {
      let result = try Executable.run([
        "run", "--config", "samples/acceptance.yaml", "--input", "\(Executable.acceptance)/input",
        "--period", period, "--report-date", date, "--output", output.path,
      ])
      #expect(result.status == 0, "\(period): \(result.stderr)")
    }
    return output
  }

  static func document(_ url: URL) throws -> XMLDocument {
    let html = try String(contentsOf: url, encoding: .utf8)
    return try XMLDocument(xmlString: html.replacingOccurrences(of: "<!DOCTYPE html>", with: ""))
  }

  /// `1° semestre 2025` → `2025-H1`.
  static func period(_ name: String) -> String {
    let year = name.suffix(4)
    return name.hasPrefix("1°") ? "\(year)-H1" : name.hasPrefix("2°") ? "\(year)-H2" : String(year)
  }

  @Test func theSiteIndexListsEveryReportAndItsTrendsMatchTheResultsFiles() throws {
    let output = try Self.site()
    defer { try? FileManager.default.removeItem(at: output) }
    let document = try Self.document(output.appendingPathComponent("index.html"))
    let finals = try document.nodes(forXPath: "//ul[@aria-labelledby='definitivi']/li/a[1]/@href").map {
      $0.stringValue!
    }
    let provisionals = try document.nodes(forXPath: "//ul[@aria-labelledby='provvisori']/li/a[1]/@href").map {
      $0.stringValue!
    }
    #expect(
      finals == ["2026-H1/index.html", "2025/index.html", "2025-H2/index.html", "2025-H1/index.html"])
    #expect(provisionals == ["2026-H2/index.html"])

    // Every TOT row of every results file, by report, period, indicator and measure.
    var results: [String: [String: String]] = [:]
    for (report, _) in Self.runs {
      let lines = try String(
        contentsOf: output.appendingPathComponent("\(report)/results-\(report).csv"), encoding: .utf8
      ).split(separator: "\n").map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      }
      let header = lines[0]
      for line in lines.dropFirst() where line[header.firstIndex(of: "segment")!] == "TOT" {
        let row = Dictionary(uniqueKeysWithValues: zip(header, line))
        results["\(report) \(row["period"]!) \(row["indicator"]!) \(row["measure"]!)"] = row
      }
    }
    let measures = Set(results.values.map { "\($0["indicator"]!)-\($0["measure"]!)" })
    let tables = try document.nodes(forXPath: "//table[starts-with(@aria-describedby, 'andamento-')]")
    #expect(tables.count == measures.count)
    #expect(!tables.isEmpty)
    var checked = 0
    for table in tables {
      let id = try table.nodes(forXPath: "@aria-describedby").first!.stringValue!
      let parts = id.split(separator: "-").map(String.init)  // andamento, ATT, P95
      let rows = try table.nodes(forXPath: "tbody/tr")
      let semesters = try rows.map { try Self.period($0.nodes(forXPath: "th").first!.stringValue!) }
      #expect(semesters == ["2025-H1", "2025-H2", "2026-H1", "2026-H2"], "\(id)")
      for (row, semester) in zip(rows, semesters) {
        let cells = try row.nodes(forXPath: "td").map { $0.stringValue ?? "" }
        let source = try row.nodes(forXPath: "td/a/@href").first!.stringValue!.replacingOccurrences(
          of: "/index.html", with: "")
        let expected = try #require(
          results["\(source) \(semester) \(parts[1]) \(parts[2])"], "\(id) \(semester)")
        let comma = { (text: String) in text.replacingOccurrences(of: ".", with: ",") }
        #expect(
          cells[0] == (expected["value"]!.isEmpty ? "n.d." : comma(expected["value"]!)), "\(id) \(semester)")
        #expect(
          cells[1] == (expected["target"]!.isEmpty ? "—" : comma(expected["target"]!)), "\(id) \(semester)")
        #expect(cells[3] == expected["sample_size"]!, "\(id) \(semester)")
        switch expected["met"]! {
        case "true": #expect(cells[2].contains("raggiunto") && !cells[2].contains("non raggiunto"))
        case "false": #expect(cells[2].contains("non raggiunto"))
        default: #expect(!cells[2].contains("raggiunto"))
        }
        // 2025's semesters come from the final annual report, prepared last.
        if semester.hasPrefix("2025") { #expect(source == "2025") }
        checked += 1
      }
    }
    #expect(checked == measures.count * 4)
  }

  @Test func eachReportPageLinksBackToTheSiteAndToItsDownloads() throws {
    let output = try Self.site()
    defer { try? FileManager.default.removeItem(at: output) }
    for (report, _) in Self.runs {
      let page = try Self.document(output.appendingPathComponent("\(report)/index.html"))
      let links = try page.nodes(forXPath: "//a/@href").map { $0.stringValue! }
      #expect(links.contains("../index.html"))
      let downloads = ["servizi", "reclami"].flatMap {
        ["resoconto-\($0)-\(report).xml", "resoconto-\($0)-\(report).csv"]
      }
      for download in downloads + ["resoconto-\(report).xlsx"] {
        #expect(links.contains(download))
        #expect(
          FileManager.default.fileExists(atPath: output.appendingPathComponent("\(report)/\(download)").path))
      }
    }
  }

  @Test func aReportWhoseXMLIsBrokenIsLeftOutWithAWarning() throws {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let broken = output.appendingPathComponent("2024-H2")
    try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
    try Data("<resoconto".utf8).write(to: broken.appendingPathComponent("resoconto-2024-H2.xml"))
    let result = try Executable.run([
      "run", "--config", "samples/acceptance.yaml", "--input", "\(Executable.acceptance)/input",
      "--period", "2025-H1", "--report-date", "2025-07-15", "--output", output.path,
    ])
    #expect(result.status == 0)
    #expect(result.stderr.contains("2024-H2/resoconto-2024-H2.xml: warning: left out of the site index"))
    let links = try Self.document(output.appendingPathComponent("index.html")).nodes(forXPath: "//a/@href")
      .map {
        $0.stringValue!
      }
    #expect(links.contains("2025-H1/index.html") && !links.contains("2024-H2/index.html"))
    // Nothing temporary is left beside it.
    let names = try FileManager.default.contentsOfDirectory(atPath: output.path)
    #expect(!names.contains { $0.hasSuffix(".partial") })
  }
}
