import Configuration
import Foundation
import ReportCore
import Testing

@testable import Ingest

/// README "Rules": a value holding a C0 control character other than TAB, DEL, or a byte
/// order mark after the start of the file, rejects its row; columns the source does not map
/// are not read.
@Suite struct ForbiddenCharacterTests {
  static let header = Fixture.ordersHeader + ",note"

  /// An order row with the technology, id and note given as bytes (quotes included).
  static func row(
    id: [UInt8] = Array("O1".utf8), technology: [UInt8] = Array("FTTH".utf8), note: [UInt8] = []
  ) -> [UInt8] {
    id + Array(",2025-01-02 10:00,2025-01-05 12:00,,,completed,voice,own,".utf8) + technology
      + Array(",business,01,,,".utf8) + note
  }

  static func file(_ rows: [[UInt8]]) -> [UInt8] {
    ([Array(header.utf8)] + rows).joined(separator: [0x0A]) + [0x0A]
  }

  /// The example: `FTTH\0x` would have become a second `technology=FTTH` segment in
  /// the XML (cut at the NUL) and `FTTH\0x` everywhere else.
  @Test func aNULInADimensionRejectsTheRowWithFieldValueAndReason() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "orders/orders.csv",
      bytes: Self.file([Self.row(), Self.row(id: Array("O2".utf8), technology: Array("FTTH\0x".utf8))]))
    let data = try await fixture.ingest()
    #expect(
      data.rejects[.orders] == [
        Reject(
          file: "orders/orders.csv", line: 3, id: "O2", field: "technology", value: "FTTH\0x",
          reason: "control character U+0000 (NUL)")
      ])
    #expect(data.orders.count == 1)
    #expect(data.orders.map { data.orderValues.string(for: $0.dimensions.technology) } == ["FTTH"])
  }

  @Test(arguments: [
    ("NUL", Array("FTTH\0".utf8), "control character U+0000 (NUL)"),
    ("SOH", Array("FT\u{1}TH".utf8), "control character U+0001"),
    ("escape", Array("\u{1B}[31mFTTH".utf8), "control character U+001B (escape)"),
    ("DEL", Array("FTTH\u{7F}".utf8), "control character U+007F (DEL)"),
    ("quoted line feed", Array("\"FT\nTH\"".utf8), "control character U+000A (line feed)"),
    ("quoted CR", Array("\"FTTH\r\"".utf8), "control character U+000D (carriage return)"),
    ("BOM inside", Array("FT\u{FEFF}TH".utf8), "byte order mark U+FEFF after the start of the file"),
  ])
  func aForbiddenCharacterInAValueRejectsTheRow(name: String, technology: [UInt8], reason: String)
    async throws
  {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "orders/orders.csv",
      bytes: Self.file([Self.row(technology: technology), Self.row(id: Array("O2".utf8))]))
    let data = try await fixture.ingest()
    #expect(data.rejects[.orders]?.map(\.reason) == [reason], "\(name)")
    #expect(data.rejects[.orders]?.map(\.field) == ["technology"], "\(name)")
    #expect(data.rejects[.orders]?.map(\.line) == [2], "\(name)")
    #expect(data.orders.count == 1, "\(name)")
  }

  /// A second file concatenated to the first brings its byte order mark to the start of a
  /// line: `\u{FEFF}O1` would be another id than `O1`, and the duplicate not folded.
  @Test func aByteOrderMarkAtTheStartOfALaterLineRejectsTheRowOnlyTheFirstIsSkipped() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    fixture.write(
      "orders/orders.csv", bytes: bom + Self.file([Self.row(), Self.row(id: bom + Array("O1".utf8))]))
    let data = try await fixture.ingest()
    #expect(
      data.rejects[.orders] == [
        Reject(
          file: "orders/orders.csv", line: 3, id: "\u{FEFF}O1", field: "order_id", value: "\u{FEFF}O1",
          reason: "byte order mark U+FEFF after the start of the file")
      ])
    #expect(data.statistics[.orders]!.duplicates == 0)
  }

  @Test func tabsAndOtherTextAreKeptAndColumnsTheSourceDoesNotMapAreNotRead() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "orders/orders.csv",
      bytes: Self.file([
        Self.row(
          technology: Array("FT\tTH".utf8), note: Array("\"nota\r\nsu due righe\u{1B}\0\u{FEFF}\"".utf8)),
        Self.row(id: Array("O2".utf8), technology: Array("Fibra ‘€’".utf8), note: Array("\u{7F}".utf8)),
      ]))
    let data = try await fixture.ingest()
    #expect(data.rejects[.orders] == [])
    #expect(
      Set(data.orders.map { data.orderValues.string(for: $0.dimensions.technology) }) == [
        "FT\tTH", "Fibra ‘€’",
      ])
  }

  /// In Windows-1252 the bytes of a UTF-8 byte order mark are the letters `ï»¿`.
  @Test func inWindows1252TheBytesOfAByteOrderMarkAreText() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.sources[.orders]!.encoding = .windows1252
    fixture.write("orders/orders.csv", bytes: Self.file([Self.row(technology: [0xEF, 0xBB, 0xBF])]))
    let data = try await fixture.ingest()
    #expect(data.rejects[.orders] == [])
    #expect(data.orders.map { data.orderValues.string(for: $0.dimensions.technology) } == ["ï»¿"])
  }

  /// Every source's rows go through the check, whatever the field: a date, a number, a code.
  @Test func aForbiddenCharacterInAnyReadFieldOfAnySourceRejectsTheRow() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "lines/lines.csv",
      "month,access,technology,active_lines\n2025-01,own,FTTH,100\n2025-02,own,FTTH,1\u{0}0\n")
    fixture.write(
      "invoices/invoices.csv",
      "invoice_id,issue_date,doc_type,service,customer\nF1,2025-01-01,invoice,voice,business\n"
        + "F2,2025-01-01\u{1F},invoice,voice,business\n")
    let data = try await fixture.ingest()
    #expect(data.rejects[.lines]?.map(\.field) == ["active_lines"])
    #expect(data.rejects[.lines]?.map(\.reason) == ["control character U+0000 (NUL)"])
    #expect(data.rejects[.invoices]?.map(\.field) == ["issue_date"])
    #expect(data.rejects[.invoices]?.map(\.reason) == ["control character U+001F"])
  }

  /// The fast test looks at eight bytes at a time: every forbidden byte is found at every
  /// position of a word and of the tail, and text without one passes.
  @Test func theFastScanFindsEveryForbiddenByteAtEveryPositionAndPassesOtherText() {
    let clean = Array("Città più: 1.234,5 € — ‘ok’ ".utf8)
    for length in [1, 7, 8, 9, 31, 32, 33, 70] {
      let text = (0..<length).map { clean[$0 % clean.count] }
      text.withUnsafeBytes { #expect(!ForbiddenCharacterScan.mayOccur(in: $0), "\(length)") }
      for position in 0..<length {
        for byte: UInt8 in [0x00, 0x01, 0x09, 0x0A, 0x1F, 0x7F, 0xEF] {
          var bytes = text
          bytes[position] = byte
          bytes.withUnsafeBytes {
            #expect(ForbiddenCharacterScan.mayOccur(in: $0), "\(byte) at \(position) of \(length)")
          }
        }
      }
    }
    for byte: UInt8 in [0x20, 0x7E, 0x80, 0xA0, 0xEE, 0xF0, 0xFF] {
      let bytes = [UInt8](repeating: byte, count: 40)
      bytes.withUnsafeBytes { #expect(!ForbiddenCharacterScan.mayOccur(in: $0), "\(byte)") }
    }
  }
}
