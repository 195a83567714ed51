import Crypto
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// SPEC §5 and §7: the report directory a run leaves behind, under every circumstance.
@Suite struct ReportOutputTests {
  static let golden = Executable.packageRoot.appendingPathComponent("Tests/EndToEndTests/Golden")

  /// The samples' reports against the golden files in the repository, every file of the
  /// report directory. With `RECORD_GOLDEN=1` in the environment the golden files are written
  /// instead and the test fails, so that a recording can never pass unnoticed: review the
  /// diff, then run the tests again without it.
  @Test(arguments: [("2025", "2026-01-15"), ("2026-H1", "2026-07-10"), ("2026-H2", "2026-11-22")])
  func theSamplesReportsMatchTheirGoldenFiles(period: String, reportDate: String) throws {
    let output = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try Executable.run([
      "run", "--config", "samples/operator.yaml", "--input", "samples/input", "--period", period, "--output",
      output.path, "--report-date", reportDate,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let version = try Executable.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let record = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
    var recorded: [String] = []
    // The samples configure calls and surveys: the three models.
    let models = ["servizi", "reclami", "assistenza"].flatMap {
      ["resoconto-\($0)-\(period).xml", "resoconto-\($0)-\(period).csv"]
    }
    let names =
      models + [
        "results-\(period).csv", "indennizzi-\(period).csv", "index.html", "rejects/orders.csv",
        "rejects/tickets.csv", "rejects/invoices.csv", "rejects/lines.csv", "rejects/calls.csv",
        "rejects/surveys.csv", "manifest.json",
      ]
    // Exactly these files, no other (no single resoconto-<period> of old). The workbook is
    // binary and names the tool's version: WorkbookTests read it back.
    #expect(
      try Self.files(in: output.appendingPathComponent(period)).keys.sorted()
        == (names + ["resoconto-\(period).xlsx"]).sorted())
    for name in names {
      let written = try Data(contentsOf: output.appendingPathComponent("\(period)/\(name)"))
      let actual = try Self.withoutToolVersion(written, name: name, version: version)
      let goldenFile = Self.golden.appendingPathComponent("\(period)/\(name)")
      if record {
        try FileManager.default.createDirectory(
          at: goldenFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        if (try? Data(contentsOf: goldenFile)) != actual {
          try actual.write(to: goldenFile)
          recorded.append(name)
        }
        continue
      }
      let expected = try Data(contentsOf: goldenFile)
      #expect(
        actual == expected, "\(period)/\(name) differs from its golden file (RECORD_GOLDEN=1 to re-record)")
    }
    if record {
      let files = recorded.isEmpty ? "nothing" : recorded.joined(separator: ", ")
      Issue.record(
        Comment(
          rawValue: "RECORD_GOLDEN=1: re-recorded \(files) of \(period); review the diff, then run the tests"
            + " without RECORD_GOLDEN"))
    }
  }

  /// A golden file's form of a report file: the tool's version written `<version>`, so that a
  /// release does not force a re-recording; in the manifest, the page's digest and size too
  /// (the page, which names the version, has its own golden file).
  static func withoutToolVersion(_ data: Data, name: String, version: String) throws -> Data {
    switch name {
    case "index.html":
      return Data(
        String(decoding: data, as: UTF8.self).replacingOccurrences(of: version, with: "<version>").utf8)
    case "manifest.json":
      var manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      var tool = try #require(manifest["tool"] as? [String: Any])
      #expect(tool["version"] as? String == version)
      tool["version"] = "<version>"
      manifest["tool"] = tool
      var outputs = try #require(manifest["outputs"] as? [[String: Any]])
      // The page and the workbook name the tool's version.
      for index in outputs.indices {
        guard let path = outputs[index]["path"] as? String, path == "index.html" || path.hasSuffix(".xlsx")
        else {
          continue
        }
        outputs[index]["sha256"] = "<\(path)>"
        outputs[index]["bytes"] = 0
      }
      manifest["outputs"] = outputs
      return try JSONSerialization.data(
        withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        + Data("\n".utf8)
    default:
      return data
    }
  }

  /// SPEC §4.1: people read *Rete propria*, *Residenziale*, *Toscana* — no canonical code of a
  /// dimension value that has a display label is visible in the page or the Italian CSV of
  /// the samples' reports; the machine results keep the codes.
  @Test func peopleSeeDisplayLabelsAndMachinesTheCanonicalValues() throws {
    let output = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try Executable.run([
      "run", "--config", "samples/operator.yaml", "--input", "samples/input", "--period", "2025", "--output",
      output.path, "--report-date", "2026-01-15",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let codes =
      ["Accesso: own", "Accesso: wholesale", "Cliente: residential", "Cliente: business", "Servizio: voice"]
      + ["Servizio: broadband", "Servizio: bundle"]
      + (1...20).map { "Regione: " + ($0 < 10 ? "0\($0)" : "\($0)") }
    for name in ["index.html", "resoconto-servizi-2025.csv"] {
      let text = try String(contentsOf: output.appendingPathComponent("2025/\(name)"), encoding: .utf8)
      let shown = codes.filter { text.contains($0) }
      #expect(shown.isEmpty, "\(name) shows the codes \(shown)")
      let labelled = ["Accesso: Rete propria", "Cliente: Residenziale", "Regione: Toscana"].allSatisfy {
        text.contains($0)
      }
      #expect(labelled, "\(name) lacks a display label")
    }
    let results = try String(
      contentsOf: output.appendingPathComponent("2025/results-2025.csv"), encoding: .utf8)
    #expect(results.contains(",access=own,") && results.contains(",region=09,"))
  }

  /// SPEC §5: the targets in force travel with the report — the manifest holds the
  /// configuration's text itself, and the digest beside it is the digest of that text.
  @Test func theManifestCarriesTheConfigurationTextAndItsDigest() throws {
    let output = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try Executable.run([
      "run", "--config", "samples/operator.yaml", "--input", "samples/input", "--period", "2026-H1",
      "--output",
      output.path, "--report-date", "2026-07-10",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let data = try Data(contentsOf: output.appendingPathComponent("2026-H1/manifest.json"))
    let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let configuration = try #require(manifest["configuration"] as? [String: Any])
    let file = try Data(contentsOf: Executable.packageRoot.appendingPathComponent("samples/operator.yaml"))
    let text = try #require(configuration["text"] as? String)
    #expect(Data(text.utf8) == file)
    let digest = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    #expect(configuration["sha256"] as? String == digest)
    #expect(configuration["path"] as? String == "samples/operator.yaml")
  }

  @Test func twoRunsProduceByteIdenticalOutputDirectories() throws {
    let first = Executable.temporaryDirectory()
    let second = Executable.temporaryDirectory()
    defer {
      try? FileManager.default.removeItem(at: first)
      try? FileManager.default.removeItem(at: second)
    }
    for output in [first, second] {
      let result = try Executable.run([
        "run", "--config", "samples/acceptance.yaml", "--input", "\(Executable.acceptance)/input", "--period",
        "2026",
        "--output", output.path, "--report-date", "2026-11-22",
      ])
      #expect(result.status == 0)
    }
    let files = try Self.files(in: first.appendingPathComponent("2026"))
    // Two models' XML and CSV, the workbook, results, indennizzi, page, four rejects, manifest.
    #expect(files.count == 13)
    #expect(try Self.files(in: second.appendingPathComponent("2026")) == files)
  }

  @Test func aMissingRequiredColumnExits65NamingFileAndColumnAndWritesNoOutput() throws {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.copyItem(
      at: Executable.packageRoot.appendingPathComponent("samples/input"),
      to: directory.appendingPathComponent("input"))
    let file = directory.appendingPathComponent("input/linee/linee_attive.csv")
    var bytes = try Data(contentsOf: file)
    bytes.replaceSubrange(0..<4, with: Array("Anno".utf8))  // "Mese" → "Anno": the month column is gone
    try bytes.write(to: file)
    let output = directory.appendingPathComponent("out")
    let result = try Executable.run([
      "run", "--config", "samples/operator.yaml", "--input", directory.appendingPathComponent("input").path,
      "--period", "2025", "--output", output.path, "--report-date", "2026-01-15",
    ])
    #expect(result.status == 65)
    #expect(result.stderr.contains("\(file.path):1:1: error: missing required column 'Mese' (lines.month)"))
    #expect(!FileManager.default.fileExists(atPath: output.path))
  }

  /// Kills runs at many moments, including mid-write: the report directory is always the
  /// previous complete report or the new complete one — every file there matches the
  /// digest its manifest records — and never a mixture or a partial directory.
  @Test func killingARunAtAnyMomentLeavesACompleteReport() throws {
    let output = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: output) }
    func run(_ reportDate: String) throws -> Process {
      try Executable.start([
        "run", "--config", "samples/acceptance.yaml", "--input", "\(Executable.acceptance)/input", "--period",
        "2025",
        "--output", output.path, "--report-date", reportDate,
      ])
    }
    let baseline = try run("2026-01-15")
    baseline.waitUntilExit()
    #expect(baseline.terminationStatus == 0)
    let report = output.appendingPathComponent("2025")
    let previous = try Self.files(in: report)

    // Each run is killed when it starts to write — the moment the output directory
    // changes — plus a growing delay, so that kills land before, during and after writing.
    func listing() -> [String] {
      let top = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
      let inside = (try? FileManager.default.contentsOfDirectory(atPath: report.path)) ?? []
      return top.sorted() + ["/"] + inside.sorted()
    }
    // The kills go on until at least five have landed while the run was writing (on a
    // loaded machine the same delays land at other moments), up to 200 attempts; the
    // delays cycle over 0–600 µs, the span in which the run writes its files.
    var killedWhileWriting = 0
    var attempt = 0
    while attempt < 40 || (killedWhileWriting < 5 && attempt < 200) {
      defer { attempt += 1 }
      let before = listing()
      let process = try run("2025-12-\(10 + attempt % 20)")
      while process.isRunning && listing() == before { usleep(100) }
      usleep(useconds_t((attempt % 16) * 40))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      if process.terminationReason == .uncaughtSignal && listing() != before { killedWhileWriting += 1 }
      #expect(try Self.isConsistent(report), "after the kill of attempt \(attempt)")
      #expect(try Self.files(in: report).keys.sorted() == previous.keys.sorted())
    }
    // Not a vacuous test: some kills did land while the run was writing.
    #expect(killedWhileWriting >= 5, "after \(attempt) attempts")
    // A later run cleans up what the killed ones left and replaces the report and the site index.
    let last = try run("2026-02-01")
    last.waitUntilExit()
    #expect(last.terminationStatus == 0)
    #expect(try Self.isConsistent(report))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == [
        ".agcom-report.lock", "2025", "index.html",
      ])
  }

  @Test func aSecondRunOnTheSameOutputWaitsForTheFirstAndBothSucceed() throws {
    let output = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: output) }
    let runs = try (0..<3).map { index in
      try Executable.start([
        "run", "--config", "samples/acceptance.yaml", "--input", "\(Executable.acceptance)/input", "--period",
        "2026-H2", "--output", output.path, "--report-date", "2026-11-2\(index)",
      ])
    }
    for process in runs {
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
    }
    #expect(try Self.isConsistent(output.appendingPathComponent("2026-H2")))
  }

  @Test func underCronTheLogIsParseableEventLines() throws {
    let output = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try Executable.run([
      "run", "--config", "samples/operator.yaml", "--input", "samples/input", "--period", "current",
      "--output",
      output.path, "--report-date", "2026-11-22",
    ])
    #expect(result.status == 0)
    let events = result.stderr.split(separator: "\n").filter { $0.hasPrefix("agcom-report: event=") }
    #expect(events.first == "agcom-report: event=start period=2026-H2 report_date=2026-11-22")
    #expect(
      events.contains(
        "agcom-report: event=source source=orders files=24 rows=3414 rejected=4 duplicates=2073"))
    #expect(
      events.last == "agcom-report: event=done period=2026-H2 output=\(output.path)/2026-H2 provisional=true")
  }

  @Test func validateAcceptsAReportAndNamesEveryViolationOfABrokenOne() throws {
    let output = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: output) }
    #expect(
      try Executable.run([
        "run", "--config", "samples/operator.yaml", "--input", "samples/input", "--period", "2025-H2",
        "--output",
        output.path, "--report-date", "2026-01-15",
      ]).status == 0)
    let xml = output.appendingPathComponent("2025-H2/resoconto-servizi-2025-H2.xml")
    let reclami = output.appendingPathComponent("2025-H2/resoconto-reclami-2025-H2.xml")
    let valid = try Executable.run(["validate", xml.path, reclami.path])
    #expect(valid.status == 0)
    #expect(valid.stdout == "\(xml.path): valid\n\(reclami.path): valid\n")

    let broken = output.appendingPathComponent("broken.xml")
    let text = try String(contentsOf: xml, encoding: .utf8)
      .replacingOccurrences(of: "<tipo>semestrale</tipo>", with: "<tipo>mensile</tipo>")
    try text.write(to: broken, atomically: true, encoding: .utf8)
    let invalid = try Executable.run(["validate", broken.path])
    #expect(invalid.status == 65)
    #expect(
      invalid.stderr.hasPrefix("\(broken.path):11: error: Element '{urn:agcom-report:resoconto:1}tipo'"))
    // Every file is checked, the broken one among valid ones fails the command.
    let several = try Executable.run(["validate", xml.path, broken.path, reclami.path])
    #expect(several.status == 65)
    #expect(several.stdout == "\(xml.path): valid\n\(reclami.path): valid\n")
    #expect(several.stderr.contains("\(broken.path):11: error:"))

    #expect(try Executable.run(["validate", output.appendingPathComponent("missing.xml").path]).status == 66)
  }

  @Test func theReportXMLPassesAnIndependentValidator() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") else {
      Issue.record("xmllint is missing: scripts/setup.sh installs libxml2-utils")
      return
    }
    let output = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: output) }
    for period in ["2025", "2025-H1", "2026-H2", "2026"] {
      #expect(
        try Executable.run([
          "run", "--config", "samples/acceptance.yaml", "--input", "\(Executable.acceptance)/input",
          "--period", period, "--output", output.path, "--report-date", "2027-01-15",
        ]).status == 0)
      let xmllint = Process()
      xmllint.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
      xmllint.arguments =
        [
          "--noout", "--schema",
          Executable.packageRoot.appendingPathComponent("templates/resoconto.xsd").path,
        ]
        + ["servizi", "reclami"].map {
          output.appendingPathComponent("\(period)/resoconto-\($0)-\(period).xml").path
        }
      xmllint.standardError = FileHandle.nullDevice
      try xmllint.run()
      xmllint.waitUntilExit()
      #expect(xmllint.terminationStatus == 0, "\(period)")
    }
  }

  /// Every file of a directory (relative path → bytes).
  static func files(in directory: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: directory.path)!
    while let path = enumerator.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let url = directory.appendingPathComponent(path)
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
        result[path] = try Data(contentsOf: url)
      }
    }
    return result
  }

  /// True when the directory holds exactly the files its manifest lists, with their digests.
  static func isConsistent(_ report: URL) throws -> Bool {
    let files = try files(in: report)
    guard let manifestData = files["manifest.json"],
      let manifest = try JSONSerialization.jsonObject(with: manifestData) as? [String: Any],
      let outputs = manifest["outputs"] as? [[String: Any]]
    else { return false }
    guard Set(outputs.map { $0["path"] as! String } + ["manifest.json"]) == Set(files.keys) else {
      return false
    }
    for output in outputs {
      let path = output["path"] as! String
      let digest = SHA256.hash(data: files[path]!).map { String(format: "%02x", $0) }.joined()
      guard digest == output["sha256"] as? String, files[path]!.count == output["bytes"] as? Int else {
        return false
      }
    }
    return true
  }
}
