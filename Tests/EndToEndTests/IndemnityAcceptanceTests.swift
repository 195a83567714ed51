import Foundation
import Testing

/// SPEC §4.2 on the acceptance data: `indennizzi-<period>.csv` of the annual report 2025
/// (prepared 2027-03-01) and of the provisional 2026-H2 (prepared 2026-11-15) against
/// `expected/indennizzi-<period>.csv`, with the indemnities of `samples/acceptance-care.yaml`,
/// and of `samples/acceptance.yaml` (the same indemnities, without calls and surveys, which
/// play no part in them).
@Suite struct IndemnityAcceptanceTests {
  @Test(arguments: [
    ("acceptance-care", "2025", "2027-03-01"), ("acceptance-care", "2026-H2", "2026-11-15"),
    ("acceptance", "2026-H2", "2026-11-15"),
  ])
  func theBreachesAreByteIdenticalToTheExpectations(configuration: String, period: String, reportDate: String)
    throws
  {
    let output = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try Executable.run([
      "run", "--config", "samples/\(configuration).yaml", "--input", "\(Executable.acceptance)/input",
      "--period", period, "--output", output.path, "--report-date", reportDate,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let directory = output.appendingPathComponent(period)
    let actual = try String(
      contentsOf: directory.appendingPathComponent("indennizzi-\(period).csv"), encoding: .utf8)
    let expected = try String(
      contentsOf: Executable.packageRoot.appendingPathComponent(
        "\(Executable.acceptance)/expected/indennizzi-\(period).csv"),
      encoding: .utf8)
    let actualRows = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedRows = expected.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(actualRows.count == expectedRows.count)
    var differences = 0
    for (index, (mine, theirs)) in zip(actualRows, expectedRows).enumerated() where mine != theirs {
      differences += 1
      if differences <= 20 { Issue.record("row \(index + 1): got \(mine), expected \(theirs)") }
    }
    #expect(actual == expected)

    // The indemnity configuration changes no figure: the results stay the expectations.
    let results = try String(
      contentsOf: directory.appendingPathComponent("results-\(period).csv"), encoding: .utf8)
    let expectedResults = try String(
      contentsOf: Executable.packageRoot.appendingPathComponent(
        "\(Executable.acceptance)/expected/\(configuration == "acceptance" ? "" : "care/")results-\(period).csv"
      ),
      encoding: .utf8)
    #expect(results == expectedResults)

    // The manifest's counts and totals per indicator, against the expected file's rows summed
    // here in integer cents.
    var totals: [String: (closed: Int, open: Int, cents: Int)] = [:]
    for row in expectedRows.dropFirst() where !row.isEmpty {
      let cells = row.split(separator: ",", omittingEmptySubsequences: false)
      let amount = cells[8].split(separator: ".")
      let cents = try #require(Int(amount[0])) * 100 + (try #require(Int(amount[1])))
      var total = totals[String(cells[0]), default: (0, 0, 0)]
      if cells[7] == "open" { total.open += 1 } else { total.closed += 1 }
      total.cents += cents
      totals[String(cells[0])] = total
    }
    let manifest =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: directory.appendingPathComponent("manifest.json")))
      as! [String: Any]
    let indemnities = try #require(manifest["indemnities"] as? [String: [String: Any]])
    #expect(indemnities.keys.sorted() == ["ATT", "REC", "RIP"])
    for (code, total) in totals {
      let entry = try #require(indemnities[code])
      #expect(entry["closed"] as? Int == total.closed, "\(code)")
      #expect(entry["open"] as? Int == total.open, "\(code)")
      let euro = "\(total.cents / 100)." + (total.cents % 100 < 10 ? "0" : "") + "\(total.cents % 100)"
      #expect(entry["amount"] as? String == euro, "\(code)")
    }
    let outputs = try #require(manifest["outputs"] as? [[String: Any]])
    #expect(outputs.contains { $0["path"] as? String == "indennizzi-\(period).csv" })
  }
}
