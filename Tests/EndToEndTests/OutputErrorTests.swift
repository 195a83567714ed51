import Foundation
import Testing

/// `agcom-report run` when the report cannot be written, or must not be: the exit code of
/// SPEC §7 and a message that is true and one line per problem.
@Suite struct OutputErrorTests {
  private static func run(output: String, input: String = "samples/input") throws -> Executable.Result {
    try Executable.run([
      "run", "--config", "samples/operator.yaml", "--input", input, "--period", "2025", "--output", output,
      "--report-date", "2026-01-15",
    ])
  }

  @Test func anOutputDirectoryThatCannotBeCreatedExits73() throws {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("file")
    try Data().write(to: file)
    let result = try Self.run(output: file.path + "/out")
    #expect(result.status == 73)
    #expect(result.stderr.contains("\(file.path)/out: error: cannot create the output directory: "))
  }

  @Test func aSymbolicLinkInPlaceOfTheLockFileExits74AndIsNotFollowed() throws {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = directory.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    let target = directory.appendingPathComponent("target")
    try FileManager.default.createSymbolicLink(
      atPath: output.appendingPathComponent(".agcom-report.lock").path, withDestinationPath: target.path)
    let result = try Self.run(output: output.path)
    #expect(result.status == 74)
    #expect(
      result.stderr.contains(
        "\(output.path)/.agcom-report.lock: error: cannot open the lock file: it is a symbolic link, "
          + "which is never followed\n"))
    #expect(!FileManager.default.fileExists(atPath: target.path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == [".agcom-report.lock"])
  }

  /// 25 more bad order dates, one of them with a terminal escape sequence: over the 0.5%
  /// threshold, so the run fails — and does not point at a rejects file it never writes.
  @Test func overTheThresholdTheWarningsNameNoFileThatIsNotWrittenAndStayOneLineEach() throws {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("input")
    try FileManager.default.copyItem(
      at: Executable.packageRoot.appendingPathComponent("samples/input"), to: input)
    let header =
      "Codice ordine;Data ordine;Data espletamento;Data concordata;Giorni contrattuali;Stato;Servizio;"
      + "Accesso;Tecnologia;Tipo cliente;Regione;Causa esclusione;Note;Ultimo aggiornamento"
    let rows = (1...25).map { index in
      "ORD-ZZ-\(index);\(index == 1 ? "\u{1b}[2J" : "")31/02/2025 10:00;;15/03/2025;60;In lavorazione;"
        + "Internet;Rete propria;FTTH;Residenziale;09;;;28/02/2025 10:39"
    }
    try Data(([header] + rows).joined(separator: "\r\n").utf8).write(
      to: input.appendingPathComponent("ordini/ordini_zz.csv"))
    let output = directory.appendingPathComponent("out")
    let result = try Self.run(output: output.path, input: input.path)
    #expect(result.status == 65, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "ordini/ordini_zz.csv:2: warning: rejected: order_date: control character U+001B (escape)"
          + " '\\x1b[2J31/02/2025 10:00'\n"))
    #expect(!result.stderr.unicodeScalars.contains("\u{1b}"))
    #expect(
      result.stderr.contains(
        "orders: 9 more rejected rows (no report is written; check --rejects DIR writes all of them)\n"))
    #expect(!result.stderr.contains("all of them in"))
    #expect(result.stderr.contains("; no report is written\n"))
    #expect(!FileManager.default.fileExists(atPath: output.path))
  }
}
