import Foundation
import Testing

/// `agcom-report run` as cron or the regulatory office runs it.
@Suite struct RunCommandTests {
  @Test(arguments: ["2025", "2025-H1", "2026-H2", "2026"])
  func resultsAreByteIdenticalToTheAcceptanceExpectations(period: String) throws {
    let output = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try Executable.run([
      "run", "--config", "samples/acceptance.yaml", "--input", "\(Executable.acceptance)/input", "--period",
      period,
      "--output", output.path, "--report-date", "2027-01-15",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let actual = try String(
      contentsOf: output.appendingPathComponent("\(period)/results-\(period).csv"), encoding: .utf8)
    let expected = try String(
      contentsOf: Executable.packageRoot.appendingPathComponent(
        "\(Executable.acceptance)/expected/results-\(period).csv"),
      encoding: .utf8)
    // Row by row first, so that a failure names the rows that differ.
    let actualRows = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedRows = expected.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(actualRows.count == expectedRows.count)
    for (index, (mine, theirs)) in zip(actualRows, expectedRows).enumerated() where mine != theirs {
      Issue.record("row \(index + 1): got \(mine), expected \(theirs)")
    }
    #expect(actual == expected)
    let rejects = try FileManager.default.contentsOfDirectory(
      atPath: output.appendingPathComponent("\(period)/rejects").path)
    #expect(rejects.sorted() == ["invoices.csv", "lines.csv", "orders.csv", "tickets.csv"])
  }

  @Test func theSamplesRunAndARerunReplacesTheOutputWithIdenticalBytes() throws {
    let output = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: output) }
    let arguments = [
      "run", "--config", "samples/operator.yaml", "--input", "samples/input", "--period", "current",
      "--output",
      output.path, "--report-date", "2026-11-22",
    ]
    #expect(try Executable.run(arguments).status == 0)
    let file = output.appendingPathComponent("2026-H2/results-2026-H2.csv")
    let first = try Data(contentsOf: file)
    let site = try Data(contentsOf: output.appendingPathComponent("index.html"))
    #expect(try Executable.run(arguments).status == 0)
    #expect(try Data(contentsOf: file) == first)
    #expect(try Data(contentsOf: output.appendingPathComponent("index.html")) == site)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == [
        ".agcom-report.lock", "2026-H2", "index.html",
      ])
  }

  /// The job of 1 July: `--period previous` makes the final report of the semester just ended.
  @Test func previousOnTheFirstOfJulyWritesTheFinalFirstSemester() throws {
    let output = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try Executable.run([
      "run", "--config", "samples/acceptance.yaml", "--input", "\(Executable.acceptance)/input", "--period",
      "previous", "--output", output.path, "--report-date", "2025-07-01",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == [
        ".agcom-report.lock", "2025-H1", "index.html",
      ])
    let xml = try String(
      contentsOf: output.appendingPathComponent("2025-H1/resoconto-servizi-2025-H1.xml"), encoding: .utf8)
    #expect(xml.contains("<provvisorio>false</provvisorio>"))
    let results = try String(
      contentsOf: output.appendingPathComponent("2025-H1/results-2025-H1.csv"), encoding: .utf8)
    let expected = try String(
      contentsOf: Executable.packageRoot.appendingPathComponent(
        "\(Executable.acceptance)/expected/results-2025-H1.csv"),
      encoding: .utf8)
    #expect(results == expected)
  }

  @Test func overTheRejectThresholdNothingIsWrittenAndTheExitIs65() throws {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let config = try String(
      contentsOf: Executable.packageRoot.appendingPathComponent("samples/acceptance.yaml"), encoding: .utf8
    ).replacingOccurrences(of: "reject_threshold: 0.5%", with: "reject_threshold: 0.01%")
    let configFile = directory.appendingPathComponent("strict.yaml")
    try config.write(to: configFile, atomically: true, encoding: .utf8)
    let output = directory.appendingPathComponent("out")
    let result = try Executable.run([
      "run", "--config", configFile.path, "--input", "\(Executable.acceptance)/input", "--period", "2025",
      "--output",
      output.path, "--report-date", "2027-01-15",
    ])
    #expect(result.status == 65)
    #expect(result.stderr.contains("no report is written"))
    #expect(!FileManager.default.fileExists(atPath: output.path))
  }

  @Test(arguments: [["--period", "2025-H3"], ["--period", "2025", "--report-date", "2025-02-30"]])
  func badOptionsAreUsageErrors(options: [String]) throws {
    let result = try Executable.run(
      [
        "run", "--config", "samples/acceptance.yaml", "--input", "\(Executable.acceptance)/input", "--output",
        "/tmp/x",
      ]
        + options)
    #expect(result.status == 64)
  }
}
