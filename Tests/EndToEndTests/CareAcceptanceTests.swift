import Foundation
import Testing

/// `samples/acceptance-care.yaml`: the acceptance data with its calls and surveys
/// (`expected/care/`).
@Suite struct CareAcceptanceTests {
  @Test(arguments: ["2025", "2025-H1", "2026-H2", "2026"])
  func resultsAreByteIdenticalToTheCareExpectations(period: String) throws {
    let output = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try Executable.run([
      "run", "--config", "samples/acceptance-care.yaml", "--input", "\(Executable.acceptance)/input",
      "--period", period, "--output", output.path, "--report-date", "2027-03-01",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let actual = try String(
      contentsOf: output.appendingPathComponent("\(period)/results-\(period).csv"), encoding: .utf8)
    let expected = try String(
      contentsOf: Executable.packageRoot.appendingPathComponent(
        "\(Executable.acceptance)/expected/care/results-\(period).csv"),
      encoding: .utf8)
    let actualRows = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedRows = expected.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(actualRows.count == expectedRows.count)
    for (index, (mine, theirs)) in zip(actualRows, expectedRows).enumerated() where mine != theirs {
      Issue.record("row \(index + 1): got \(mine), expected \(theirs)")
    }
    #expect(actual == expected)
    let rejects = try FileManager.default.contentsOfDirectory(
      atPath: output.appendingPathComponent("\(period)/rejects").path)
    #expect(
      rejects.sorted() == [
        "calls.csv", "invoices.csv", "lines.csv", "orders.csv", "surveys.csv", "tickets.csv",
      ])
    // C20's short abandons of the report's period travel in the manifest, apart from exclusions.
    let manifest =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: output.appendingPathComponent("\(period)/manifest.json"))) as! [String: Any]
    let shortAbandons = try #require(manifest["shortAbandons"] as? [String: Int])
    #expect(Array(shortAbandons.keys) == ["C20"] && shortAbandons["C20"]! > 0)
  }

  @Test func checkRejectsExactlyTheExpectedRowsOfEverySourceAndFoldsTheExpectedDuplicates() throws {
    let rejects = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: rejects) }
    let result = try Executable.run([
      "check", "--config", "samples/acceptance-care.yaml", "--input", "\(Executable.acceptance)/input",
      "--json", "--rejects", rejects.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    var expectedText = ""
    for name in ["expected/care/rejects.txt", "expected/rejects.txt"] {
      expectedText += try String(
        contentsOf: Executable.packageRoot.appendingPathComponent("\(Executable.acceptance)/\(name)"),
        encoding: .utf8)
    }
    let (expected, expectedDuplicates) = try CheckCommandTests.expectedRejects(expectedText)
    #expect(expected.count == 38)
    #expect(expectedDuplicates == ["orders": 2780, "tickets": 2637, "calls": 558])

    var actual: [String: CheckCommandTests.RejectRow] = [:]
    for source in ["orders", "tickets", "invoices", "lines", "calls", "surveys"] {
      let text = try String(contentsOf: rejects.appendingPathComponent("\(source).csv"), encoding: .utf8)
      let records = try CSVRecords.parse(text)
      #expect(records.first == ["file", "line", "id", "field", "value", "reason"], "\(source).csv")
      for record in records.dropFirst() {
        try #require(record.count == 6, "\(source).csv: \(record)")
        let row = CheckCommandTests.RejectRow(
          path: record[0], line: try #require(Int(record[1])), field: record[3], value: record[4],
          reason: record[5])
        #expect(actual.updateValue(row, forKey: row.location) == nil, "\(row.location) rejected twice")
        // The id is the first column of the rejected line (call_id, survey_id, order_id …).
        let input = try String(
          contentsOf: Executable.packageRoot.appendingPathComponent(
            "\(Executable.acceptance)/input/\(row.path)"), encoding: .utf8)
        let line = input.split(separator: "\n", omittingEmptySubsequences: false)[row.line - 1]
        #expect(!record[2].isEmpty && record[2] == String(line.prefix { $0 != "," }), "\(row.location)")
      }
    }
    #expect(Set(actual.keys) == Set(expected.keys))
    for (location, theirs) in expected.sorted(by: { $0.key < $1.key }) {
      guard let mine = actual[location] else { continue }
      if !theirs.field.isEmpty {
        // `field: reason 'value'`.
        #expect(
          mine.reason == theirs.reason && mine.field == theirs.field && mine.value == theirs.value,
          "\(location)")
      } else if let match = theirs.reason.wholeMatch(of: /([a-z_]+): (.+)/) {
        // `field: reason` without a value: "clarity: score 11 outside 1-10", "started_at: missing"
        // (the tool says "missing required field").
        #expect(mine.field == String(match.1) && mine.reason.hasPrefix(String(match.2)), "\(location)")
      } else {
        // A problem between two fields: the tool names the later one; the reasons are equal.
        #expect(mine.reason == theirs.reason, "\(location)")
      }
    }

    let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    let sources = summary["sources"] as! [String: [String: Int]]
    #expect(sources["calls"]?["duplicates"] == 558)
    #expect(sources["calls"]?["rejected"] == 22 && sources["surveys"]?["rejected"] == 6)
    #expect(sources["calls"]?["files"] == 25 && sources["surveys"]?["files"] == 24)
    #expect(sources["surveys"]?["duplicates"] == 0)
  }

  @Test func checkListsCallsAndSurveysAfterTheOtherSources() throws {
    let result = try Executable.run([
      "check", "--config", "samples/acceptance-care.yaml", "--input", "\(Executable.acceptance)/input",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines.map { String($0.prefix(9)) }.prefix(7) == [
        "source   ", "orders   ", "tickets  ", "invoices ", "lines    ", "calls    ", "surveys  ",
      ])
    #expect(lines.contains("calls        25      20604        22         558"))
    #expect(
      result.stderr.contains(
        "surveys/surveys_2025-03.csv:69: warning: rejected: clarity: score 11 outside 1-10 '11'"))
  }
}
