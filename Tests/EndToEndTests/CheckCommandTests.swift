import Foundation
import Testing

/// `agcom-report check` as a user runs it: stdout, stderr, exit code and files.
@Suite struct CheckCommandTests {
  @Test func theAcceptanceDataRejectsExactlyTheExpectedRowsAndFoldsTheExpectedDuplicates() throws {
    let rejects = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: rejects) }
    let result = try Executable.run([
      "check", "--config", "samples/acceptance.yaml", "--input", "\(Executable.acceptance)/input", "--json",
      "--rejects", rejects.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")

    // Expected: "source<TAB>file<TAB>line<TAB>reason" lines, and a trailing duplicates comment.
    let expected = try String(
      contentsOf: Executable.packageRoot.appendingPathComponent(
        "\(Executable.acceptance)/expected/rejects.txt"),
      encoding: .utf8)
    var expectedRows: Set<String> = []
    var expectedDuplicates: [String: Int] = [:]
    for line in expected.split(separator: "\n") {
      if line.hasPrefix("# duplicates folded:") {
        let words = line.split(separator: " ").dropFirst(3)
        for pair in stride(from: words.startIndex, to: words.endIndex, by: 2) {
          expectedDuplicates[String(words[pair])] = Int(words[pair + 1])
        }
        continue
      }
      let fields = line.split(separator: "\t")
      expectedRows.insert("\(fields[0])/\(fields[1]):\(fields[2])")
    }
    #expect(expectedRows.count == 10)
    #expect(expectedDuplicates == ["orders": 2780, "tickets": 2637])

    var actualRows: Set<String> = []
    for source in ["orders", "tickets", "invoices", "lines"] {
      let text = try String(contentsOf: rejects.appendingPathComponent("\(source).csv"), encoding: .utf8)
      for line in text.split(separator: "\n").dropFirst() {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        actualRows.insert("\(source)/\(fields[0].split(separator: "/").last!):\(fields[1])")
      }
    }
    #expect(actualRows == expectedRows)

    let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    let sources = summary["sources"] as! [String: [String: Int]]
    #expect(sources["orders"]?["duplicates"] == 2780)
    #expect(sources["tickets"]?["duplicates"] == 2637)
    #expect(sources.values.map { $0["rejected"]! }.reduce(0, +) == 10)
    #expect(sources["invoices"]?["files"] == 24)
  }

  @Test func theSamplesPassWithTheirDeliberateRejectsNamedOnStandardError() throws {
    let result = try Executable.run([
      "check", "--config", "samples/operator.yaml", "--input", "samples/input",
    ])
    #expect(result.status == 0)
    #expect(
      result.stderr.contains(
        "ordini/ordini_2025-03.csv:6: warning: rejected: order_date: bad date '31/02/2025 13:20'"))
    #expect(result.stdout.hasPrefix("source    files       rows  rejected  duplicates\n"))
  }

  @Test func aRejectedShareOverTheThresholdExits65() throws {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try copyAcceptance(to: directory)
    let config = try String(
      contentsOf: Executable.packageRoot.appendingPathComponent("samples/acceptance.yaml"), encoding: .utf8
    )
    .replacingOccurrences(of: "reject_threshold: 0.5%", with: "reject_threshold: 0.01%")
    try config.write(to: directory.appendingPathComponent("strict.yaml"), atomically: true, encoding: .utf8)
    let result = try Executable.run([
      "check", "--config", directory.appendingPathComponent("strict.yaml").path, "--input",
      directory.appendingPathComponent("input").path,
    ])
    #expect(result.status == 65)
    #expect(result.stderr.contains("error: orders: 6 of 8786 rows rejected, over the threshold of 0.01%"))
  }

  @Test func aMissingRequiredColumnExits65NamingFileLineAndColumn() throws {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try copyAcceptance(to: directory)
    let file = directory.appendingPathComponent("input/tickets/tickets_2025-03.csv")
    let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
      of: "opened_at,", with: "aperto,")
    try text.write(to: file, atomically: true, encoding: .utf8)
    let result = try Executable.run([
      "check", "--config", "samples/acceptance.yaml", "--input",
      directory.appendingPathComponent("input").path,
    ])
    #expect(result.status == 65)
    #expect(
      result.stderr == "\(file.path):1:1: error: missing required column 'opened_at' (tickets.opened_at)\n")
    #expect(result.stdout.isEmpty)
  }

  @Test func onlyTheFirstTwentyRejectsPerSourceArePrintedWithWhereToFindTheRest() throws {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try copyAcceptance(to: directory)
    // A later delta with 25 rows of an unknown status: with the acceptance data's 6, 31 rejects.
    let header =
      "order_id,order_date,completion_date,agreed_date,contract_days,status,service,access,technology,"
      + "customer,region,exclusion,note,updated_at"
    let rows = (1...25).map {
      "ORD-Z\($0),2026-12-01 10:00,,,,done,voice,own,FTTH,business,01,,,2026-12-02 10:00"
    }
    try ([header] + rows).joined(separator: "\n").write(
      to: directory.appendingPathComponent("input/orders/orders_zz.csv"), atomically: true, encoding: .utf8)
    let result = try Executable.run([
      "check", "--config", "samples/acceptance.yaml", "--input",
      directory.appendingPathComponent("input").path,
    ])
    let orderWarnings = result.stderr.split(separator: "\n").filter { $0.hasPrefix("orders/") }
    #expect(orderWarnings.count == 20)
    #expect(result.status == 0)
    #expect(result.stderr.contains("orders: 11 more rejected rows (--rejects DIR writes all of them)"))
  }

  @Test func aMissingInputDirectoryExits66() throws {
    let result = try Executable.run([
      "check", "--config", "samples/acceptance.yaml", "--input", "/nonexistent/exports",
    ])
    #expect(result.status == 66)
    #expect(result.stderr == "error: input directory '/nonexistent/exports' does not exist\n")
  }

  @Test func aConfigurationErrorExits78WithItsPosition() throws {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let config = directory.appendingPathComponent("bad.yaml")
    try "operator:\n  name: X\n  vat_number: \"IT1\"\n  colour: blue\n".write(
      to: config, atomically: true, encoding: .utf8)
    let result = try Executable.run(["check", "--config", config.path, "--input", "samples/input"])
    #expect(result.status == 78)
    #expect(result.stderr.hasPrefix("\(config.path):4:3: error: unknown key 'colour' in operator"))
  }

  @Test func aMissingOptionIsAUsageError() throws {
    let result = try Executable.run(["check", "--config", "samples/acceptance.yaml"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("Missing expected argument '--input <input>'"))
  }

  /// Copies the acceptance input to `directory/input`.
  private func copyAcceptance(to directory: URL) throws {
    try FileManager.default.copyItem(
      at: Executable.packageRoot.appendingPathComponent("\(Executable.acceptance)/input"),
      to: directory.appendingPathComponent("input"))
    // The fixtures stay untouched (and may be read-only); the tests edit their copy.
    let enumerator = FileManager.default.enumerator(atPath: directory.path)!
    while let path = enumerator.nextObject() as? String {
      try FileManager.default.setAttributes(
        [.posixPermissions: 0o755], ofItemAtPath: directory.appendingPathComponent(path).path)
    }
  }
}
