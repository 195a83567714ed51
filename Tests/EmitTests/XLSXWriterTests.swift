import Foundation
import ReportCore
import Testing

@testable import Emit

/// The workbook writer over libxlsxwriter, read back as a spreadsheet user would with
/// openpyxl (`scripts/read-workbook.py`).
@Suite struct XLSXWriterTests {
  static let sheets = [
    Sheet(
      name: "Servizi",
      rows: [
        [.text("Indicatori di qualità", .title)],
        [.text("Indicatore", .header), .text("Risultato", .header), .text("Numerosità campione", .header)],
        [.text("ATT"), .number(ExactDecimal(parsing: "39")!, decimals: 0), .integer(1150)],
        [.text("GUA"), .number(ExactDecimal(parsing: "12.35")!, decimals: 2), .integer(7)],
        [.text("RIP"), .number(ExactDecimal(parsing: "88.6")!, decimals: 1), .empty],
        [.text("=1+1"), .text("n.d."), .integer(0)],
      ], frozenRows: 2, frozenColumns: 1),
    Sheet(name: "Reclami", rows: [[.text("REC", .label), .text("Una definizione lunga", .wrapped)]]),
  ]

  static func render(created: LocalDate = LocalDate(year: 2026, month: 1, day: 15)!) throws -> [UInt8] {
    try XLSXWriter.render(
      sheets: sheets, title: "Resoconto 2025", author: "Fibra Esempio S.r.l.", created: created)
  }

  /// The workbook as `scripts/read-workbook.py` prints it.
  static func readBack(_ bytes: [UInt8]) throws -> [String: Any] {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("book.xlsx")
    try Data(bytes).write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../scripts/read-workbook.py").standardized.path
    process.arguments = ["python3", script, file.path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(
      process.terminationStatus == 0, "read-workbook.py failed (is openpyxl installed? scripts/setup.sh)")
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test func numbersAreNumbersWithTheirDecimalsAsFormatAndTextStaysText() throws {
    let book = try Self.readBack(try Self.render())
    let sheets = try #require(book["sheets"] as? [[String: Any]])
    #expect(sheets.map { $0["name"] as? String } == ["Servizi", "Reclami"])
    let rows = try #require(sheets[0]["rows"] as? [[Any]])
    func cell(_ row: Int, _ column: Int) -> [String] {
      guard let cell = rows[row][column] as? [Any] else { return [] }
      return cell.map { "\($0)" }
    }
    #expect(cell(2, 1) == ["39", "n", "0"])
    #expect(cell(2, 2) == ["1150", "n", "0"])
    #expect(cell(3, 1) == ["12.35", "n", "0.00"])
    #expect(cell(4, 1) == ["88.6", "n", "0.0"])
    #expect(rows[4][2] is NSNull)
    // Text is never a formula: it is stored as a string.
    #expect(cell(5, 0) == ["=1+1", "s", "General"])
    #expect(cell(5, 1) == ["n.d.", "s", "General"])
    #expect(sheets[0]["freeze"] as? String == "B3")
    // Widths fit the widest cell of each column (the title excepted), two characters more;
    // the file stores them with Excel's padding of a fraction of a character.
    let widths = try #require(sheets[0]["widths"] as? [String: Double])
    #expect(widths["A"].map { $0.rounded(.down) } == Double("Indicatore".count + 2))
    #expect(widths["C"].map { $0.rounded(.down) } == Double("Numerosità campione".count + 2))
    let properties = try #require(book["properties"] as? [String: Any])
    #expect(properties["title"] as? String == "Resoconto 2025")
    #expect(properties["creator"] as? String == "Fibra Esempio S.r.l.")
    #expect(properties["created"] as? String == "2026-01-15T00:00:00")
  }

  @Test func theSameSheetsGiveTheSameBytesAndTheDateIsTheOneGiven() throws {
    let first = try Self.render()
    Thread.sleep(forTimeInterval: 1.1)  // a clock-dependent date or ZIP time would now differ
    #expect(try Self.render() == first)
    #expect(try Self.render(created: LocalDate(year: 2026, month: 1, day: 16)!) != first)
  }
}
