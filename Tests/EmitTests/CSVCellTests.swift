import Configuration
import Emit
import Foundation
import ReportCore
import Testing

@testable import Emit
@testable import Ingest

/// Every CSV the tool writes quotes and guards its cells the same way (``CSVCell``).
@Suite struct CSVCellTests {
  @Test(arguments: ["=1+1", "+39 055", "-2", "@SUM(A1)", "\tx", "\rx"])
  func noTextCellCanBeTakenForAFormula(text: String) {
    for delimiter: Character in [",", ";"] {
      let cell = CSVCell.render(text, delimiter: delimiter)
      #expect(cell.hasPrefix("'") || cell.hasPrefix("\"'"), "\(cell)")
    }
  }

  @Test func machineOutputKeepsItsValuesAsTheyAre() {
    #expect(CSVCell.render("-2", delimiter: ",", guardingFormulas: false) == "-2")
  }

  @Test func cellsWithTheDelimiterQuotesOrAnyLineBreakAreQuoted() {
    #expect(CSVCell.render("a;b", delimiter: ";") == "\"a;b\"")
    #expect(CSVCell.render("a;b", delimiter: ",") == "a;b")
    #expect(CSVCell.render("a,b", delimiter: ",") == "\"a,b\"")
    #expect(CSVCell.render("il \"fondato\"", delimiter: ";") == "\"il \"\"fondato\"\"\"")
    // LF, lone CR, CRLF (one Character in Swift) and the Unicode line separators.
    for text in ["riga\nseconda", "riga\rseconda", "riga\r\nseconda", "riga\u{2028}seconda", "riga\u{85}x"] {
      #expect(CSVCell.render(text, delimiter: ";") == "\"\(text)\"", "\(Array(text.unicodeScalars))")
    }
    #expect(CSVCell.render("Totale", delimiter: ";") == "Totale")
  }

  /// A rejected row whose raw value holds line breaks is written to `rejects/<source>.csv`
  /// and read back, with the project's own reader, exactly as it was in the export.
  @Test func aRejectedValueWithLineBreaksRoundTripsThroughTheRejectsFile() throws {
    let values = ["bad\r\ndate", "bad\rdate", "bad\ndate", "\"quoted\", with comma"]
    let rejects = values.enumerated().map { index, value in
      Reject(file: "orders/o.csv", line: index + 2, field: "order_date", value: value, reason: "bad date")
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("agcom-csv-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("orders.csv").path
    #expect(FileManager.default.createFile(atPath: path, contents: Data(RejectFile.render(rejects))))

    var header: [String] = []
    var read: [[String]] = []
    let reader = CSVFileReader(path: path, delimiter: .byte(UInt8(ascii: ",")), encoding: .utf8)
    _ = try reader.read(
      header: { parsed, _ in header = parsed.names },
      rows: { rows, encoding in
        for index in rows.indices {
          let row = rows[index]
          read.append((0..<row.fieldCount).map { encoding.decode(row[$0].bytes) })
        }
      })
    #expect(header == ["file", "line", "id", "field", "value", "reason"])
    #expect(read.map { $0[4] } == values)
    #expect(read.map { $0[1] } == ["2", "3", "4", "5"])
  }
}
