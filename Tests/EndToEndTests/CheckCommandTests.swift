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

    let expectedText = try String(
      contentsOf: Executable.packageRoot.appendingPathComponent(
        "\(Executable.acceptance)/expected/rejects.txt"),
      encoding: .utf8)
    let (expected, expectedDuplicates) = try Self.expectedRejects(expectedText)
    #expect(expected.count == 10)
    #expect(expectedDuplicates == ["orders": 2780, "tickets": 2637])

    var actual: [String: RejectRow] = [:]
    for source in ["orders", "tickets", "invoices", "lines"] {
      let text = try String(contentsOf: rejects.appendingPathComponent("\(source).csv"), encoding: .utf8)
      let records = try CSVRecords.parse(text)
      #expect(records.first == ["file", "line", "id", "field", "value", "reason"], "\(source).csv")
      for record in records.dropFirst() {
        try #require(record.count == 6, "\(source).csv: \(record)")
        let row = RejectRow(
          path: record[0], line: try #require(Int(record[1])), field: record[3], value: record[4],
          reason: record[5])
        #expect(actual.updateValue(row, forKey: row.location) == nil, "\(row.location) rejected twice")
        // The id is the first column of the rejected line in the export (order_id, ticket_id).
        let input = try String(
          contentsOf: Executable.packageRoot.appendingPathComponent(
            "\(Executable.acceptance)/input/\(row.path)"), encoding: .utf8)
        let line = input.split(separator: "\n", omittingEmptySubsequences: false)[row.line - 1]
        #expect(record[2] == String(line.prefix { $0 != "," }), "\(row.location)")
        #expect(!record[2].isEmpty, "\(row.location)")
      }
    }

    // The same rows, located by file (relative to --input) and line...
    #expect(Set(actual.keys) == Set(expected.keys))
    // ...each for the same reason, and, where the expected reason names a field, for the same
    // field and raw value. A problem between two fields (completion before order, resolution
    // before opening) is a bare reason in expected/rejects.txt, while the tool names the later
    // field (completion_date, resolved_at) and its value: there only the reason is compared.
    for (location, theirs) in expected.sorted(by: { $0.key < $1.key }) {
      guard let mine = actual[location] else { continue }
      #expect(mine.reason == theirs.reason, "\(location)")
      if !theirs.field.isEmpty {
        #expect(mine.field == theirs.field, "\(location)")
        #expect(mine.value == theirs.value, "\(location)")
      }
    }

    let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    let sources = summary["sources"] as! [String: [String: Int]]
    #expect(sources["orders"]?["duplicates"] == 2780)
    #expect(sources["tickets"]?["duplicates"] == 2637)
    #expect(sources.values.map { $0["rejected"]! }.reduce(0, +) == 10)
    #expect(sources["invoices"]?["files"] == 24)
  }

  @Test func withoutAnExclusionListCheckPrintsTheCodesItSawWithTheirRecords() throws {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    // samples/acceptance-care.yaml without its `exclusions:` lists: every code is admitted,
    // the calls' as well as the orders' and tickets'.
    let config = try String(
      contentsOf: Executable.packageRoot.appendingPathComponent("samples/acceptance-care.yaml"),
      encoding: .utf8
    )
    .replacing(/\ {4}exclusions:\n(\ {6}.*\n)+/, with: "")
    #expect(!config.contains("exclusions:\n"))
    let path = directory.appendingPathComponent("open.yaml").path
    try config.write(toFile: path, atomically: true, encoding: .utf8)
    let arguments = ["check", "--config", path, "--input", "\(Executable.acceptance)/input"]

    // Records after de-duplication (counted apart with a script over the exports).
    let text = try Executable.run(arguments)
    #expect(text.status == 0, "\(text.stderr)")
    let table = [
      "exclusion codes admitted without an exclusions: list (records after de-duplication)",
      "source    code                         records",
      "orders    customer_delay                   160",
      "orders    force_majeure                    135",
      "tickets   force_majeure                    125",
      "calls     mass_outage                      107",
      "calls     test_call                        224",
    ]
    #expect(text.stdout.hasSuffix("\n" + table.joined(separator: "\n") + "\n"), "\(text.stdout)")

    let json = try Executable.run(arguments + ["--json"])
    #expect(json.status == 0)
    let summary = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
    let sources = summary["sources"] as! [String: [String: Any]]
    #expect(
      sources["orders"]?["exclusion_codes"] as? [String: Int] == [
        "customer_delay": 160, "force_majeure": 135,
      ])
    #expect(sources["tickets"]?["exclusion_codes"] as? [String: Int] == ["force_majeure": 125])
    #expect(sources["calls"]?["exclusion_codes"] as? [String: Int] == ["mass_outage": 107, "test_call": 224])
    #expect(sources["invoices"]?["exclusion_codes"] == nil)
    #expect(sources["surveys"]?["exclusion_codes"] == nil)

    // With the lists, nothing of the kind is printed.
    let listed = try Executable.run([
      "check", "--config", "samples/acceptance.yaml", "--input", "\(Executable.acceptance)/input",
    ])
    #expect(!listed.stdout.contains("exclusion"))
  }

  @Test func aCauseOutsideTheExclusionListIsARejectedRowNamedWithItsId() throws {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try copyAcceptance(to: directory)
    let header =
      "order_id,order_date,completion_date,agreed_date,contract_days,status,service,access,technology,"
      + "customer,region,exclusion,note,updated_at"
    let row = "ORD-R1,2026-12-01 10:00,,,,open,voice,own,FTTH,business,01,Ripensamento 14gg,,2026-12-02 10:00"
    try "\(header)\n\(row)\n".write(
      to: directory.appendingPathComponent("input/orders/orders_zz.csv"), atomically: true, encoding: .utf8)
    let rejects = directory.appendingPathComponent("rejects")
    let result = try Executable.run([
      "check", "--config", "samples/acceptance.yaml", "--input",
      directory.appendingPathComponent("input").path, "--rejects", rejects.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "orders/orders_zz.csv:2: warning: rejected: exclusion: unknown exclusion cause 'Ripensamento 14gg'"))
    let records = try CSVRecords.parse(
      String(contentsOf: rejects.appendingPathComponent("orders.csv"), encoding: .utf8))
    #expect(
      records.last == [
        "orders/orders_zz.csv", "2", "ORD-R1", "exclusion", "Ripensamento 14gg", "unknown exclusion cause",
      ])
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

  @Test func aRejectedValueWithACommaAQuoteAndALineBreakReadsBackFromTheRejectsFileAsWritten() throws {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try copyAcceptance(to: directory)
    let header =
      "order_id,order_date,completion_date,agreed_date,contract_days,status,service,access,technology,"
      + "customer,region,exclusion,note,updated_at"
    let row =
      "ORD-Q1,2026-12-01 10:00,,,,\"Scono,sciuto \"\"x\"\"\nbis\",voice,own,FTTH,business,01,,,2026-12-02 10:00"
    try "\(header)\n\(row)\n".write(
      to: directory.appendingPathComponent("input/orders/orders_zz.csv"), atomically: true, encoding: .utf8)
    let rejects = directory.appendingPathComponent("rejects")
    let result = try Executable.run([
      "check", "--config", "samples/acceptance.yaml", "--input",
      directory.appendingPathComponent("input").path, "--rejects", rejects.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let records = try CSVRecords.parse(
      String(contentsOf: rejects.appendingPathComponent("orders.csv"), encoding: .utf8))
    #expect(
      records.last == [
        "orders/orders_zz.csv", "2", "ORD-Q1", "status", "Scono,sciuto \"x\"\nbis",
        "control character U+000A (line feed)",
      ])
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

  /// One rejected row: where (`file:line`, the file relative to `--input`), which field with
  /// which raw value (both empty for a problem of the whole row), and why.
  struct RejectRow: Equatable {
    var path: String
    var line: Int
    var field: String
    var value: String
    var reason: String
    var location: String { "\(path):\(line)" }
  }

  /// Reads `expected/rejects.txt`: `source<TAB>file<TAB>line<TAB>reason` lines, the reason
  /// being `field: reason 'value'` or a bare reason, then `# duplicates folded: source n …`.
  static func expectedRejects(_ text: String) throws -> ([String: RejectRow], [String: Int]) {
    var rows: [String: RejectRow] = [:]
    var duplicates: [String: Int] = [:]
    for line in text.split(separator: "\n") {
      if line.hasPrefix("# duplicates folded:") {
        let words = line.split(separator: " ").dropFirst(3)
        for pair in stride(from: words.startIndex, to: words.endIndex, by: 2) {
          duplicates[String(words[pair])] = Int(words[pair + 1])
        }
        continue
      }
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      try #require(columns.count == 4, "expected/rejects.txt: \(line)")
      var row = RejectRow(
        path: "\(columns[0])/\(columns[1])", line: try #require(Int(columns[2])), field: "", value: "",
        reason: columns[3])
      if let match = columns[3].wholeMatch(of: /([a-z_]+): (.+?) '(.*)'/) {
        (row.field, row.reason, row.value) = (String(match.1), String(match.2), String(match.3))
      }
      rows[row.location] = row
    }
    return (rows, duplicates)
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
