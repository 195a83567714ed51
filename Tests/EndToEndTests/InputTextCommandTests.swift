import Foundation
import Testing

/// What a user sees of the reader's text rules: a control character in a value, a stray
/// quote in a note, a control character in the configuration.
@Suite struct InputTextCommandTests {
  /// A copy of `samples/input` in a temporary directory.
  private static func samplesCopy() throws -> URL {
    let directory = Executable.temporaryDirectory()
    try FileManager.default.copyItem(
      at: Executable.packageRoot.appendingPathComponent("samples/input"),
      to: directory.appendingPathComponent("input"))
    return directory
  }

  /// Appends one Windows-1252 row (given in ASCII) to an orders file of the copy; returns its line.
  private static func append(_ row: String, to file: URL) throws -> Int {
    var bytes = try Data(contentsOf: file)
    let line = bytes.filter { $0 == 0x0A }.count + 1
    bytes.append(contentsOf: Array((row + "\r\n").utf8))
    try bytes.write(to: file)
    return line
  }

  private static func run(_ input: URL, output: URL, config: String = "samples/operator.yaml") throws
    -> Executable.Result
  {
    try Executable.run([
      "run", "--config", config, "--input", input.path, "--period", "2025", "--report-date", "2026-01-15",
      "--output", output.path,
    ])
  }

  /// The example: an order whose technology is `FTTH\0x` made the XML carry a second
  /// `technology=FTTH` row per measure, cut at the NUL. Now the row is rejected and the report
  /// is the one without it.
  @Test func aNULInATechnologyRejectsTheRowAndLeavesTheReportAsWithoutIt() throws {
    let directory = try Self.samplesCopy()
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("input")
    let clean = try Self.run(input, output: directory.appendingPathComponent("clean"))
    #expect(clean.status == 0, "\(clean.stderr)")

    let line = try Self.append(
      "ORD-2025-99999;15/02/2025 22:19;28/02/2025 17:13;;60;Completato;Voce+Internet;Rete propria;FTTH\0x;"
        + "Residenziale;10;;;28/02/2025 19:18",
      to: input.appendingPathComponent("ordini/ordini_2025-03.csv"))
    let result = try Self.run(input, output: directory.appendingPathComponent("dirty"))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "ordini/ordini_2025-03.csv:\(line): warning: rejected: technology: control character U+0000 (NUL)"
          + " 'FTTH\\x00x'\n"), "\(result.stderr)")
    let xml = "2025/resoconto-servizi-2025.xml"
    let before = try Data(contentsOf: directory.appendingPathComponent("clean/" + xml))
    let after = try Data(contentsOf: directory.appendingPathComponent("dirty/" + xml))
    #expect(after == before)
    #expect(!after.contains(0))
    let rejects = try String(
      contentsOf: directory.appendingPathComponent("dirty/2025/rejects/orders.csv"), encoding: .utf8)
    let rejected = rejects.split(separator: "\n").first { $0.hasPrefix("ordini/ordini_2025-03.csv,\(line),") }
    #expect(rejected?.split(separator: ",", omittingEmptySubsequences: false)[3] == "technology")
  }

  /// Issue 15: one stray quote in the unused *Note* column stopped the nightly job with 65.
  @Test func aStrayQuoteInTheNoteColumnRejectsItsRowAndTheRunGoesOn() throws {
    let directory = try Self.samplesCopy()
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("input")
    let line = try Self.append(
      "ORD-2025-99998;02/05/2025 10:00;;;60;In lavorazione;Internet;Rete propria;FTTH;Residenziale;09;;"
        + "Cliente \"VIP\", richiamare;02/05/2025 10:00",
      to: input.appendingPathComponent("ordini/ordini_2025-05.csv"))
    let result = try Executable.run(["check", "--config", "samples/operator.yaml", "--input", input.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "ordini/ordini_2025-05.csv:\(line): warning: rejected: stray quote in column 'Note' (a quote inside"
          + " a field must be doubled: \"\") 'Cliente \"VIP\", richiamare'\n"), "\(result.stderr)")
  }

  @Test func aNULInTheOperatorsNameIsAConfigurationErrorAtTheName() throws {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let sample = try String(
      contentsOf: Executable.packageRoot.appendingPathComponent("samples/operator.yaml"), encoding: .utf8)
    try #require(sample.contains("  name: \"Arnofibra S.r.l.\"\n"))
    let config = directory.appendingPathComponent("operator.yaml")
    try sample.replacingOccurrences(of: "  name: \"Arnofibra S.r.l.\"\n", with: "  name: \"A\\0B\"\n")
      .write(to: config, atomically: true, encoding: .utf8)
    let line =
      sample.prefix(upTo: sample.range(of: "  name: \"Arnofibra")!.lowerBound)
      .filter { $0 == "\n" }.count + 1
    let result = try Executable.run(["check", "--config", config.path, "--input", "samples/input"])
    #expect(result.status == 78)
    #expect(
      result.stderr
        == "\(config.path):\(line):9: error: operator.name: control character U+0000 (NUL) in 'A\\x00B'"
        + " (a text may hold no control character but TAB)\n")
  }
}
