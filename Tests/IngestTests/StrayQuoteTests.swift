import Configuration
import Foundation
import ReportCore
import Testing

@testable import Ingest

/// SPEC §2.3, stray quotes: a quote inside an unquoted field, or text after a closing quote,
/// rejects that row, located, and reading goes on with the quote taken literally; only a
/// quoted field that never closes fails the file.
@Suite struct StrayQuoteTests {
  static let header = Fixture.ordersHeader + ",note"

  /// An order row with `customer` and `note` as written (quotes included).
  static func row(_ id: String, customer: String = "business", note: String = "") -> String {
    "\(id),2025-01-02 10:00,2025-01-05 12:00,,,completed,voice,own,FTTH,\(customer),01,,,\(note)"
  }

  static let reason = "(a quote inside a field must be doubled: \"\")"

  @Test func aQuoteInsideAnUnquotedFieldRejectsThatRowAndTheNextRowsAreRead() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "orders/orders.csv",
      [Self.header, Self.row("O1"), Self.row("O2", customer: "busi\"ness"), Self.row("O3"), ""].joined(
        separator: "\n"))
    let data = try await fixture.ingest()
    #expect(data.statistics[.orders]!.rows == 3)
    #expect(
      data.rejects[.orders] == [
        Reject(
          file: "orders/orders.csv", line: 3, id: "O2", field: "customer", value: "busi\"ness",
          reason: "stray quote in column 'customer' \(Self.reason)")
      ])
    #expect(data.orders.count == 2)
  }

  @Test func textAfterAClosingQuoteRejectsThatRowAndTheFieldEndsAtTheNextDelimiter() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    // The field ends at the next delimiter, not at the next quote: the record keeps its 14
    // fields and the rows after it are read (libcsv's lenient mode would run on to the next quote).
    fixture.write(
      "orders/orders.csv",
      [
        Self.header, Self.row("O1", customer: "\"busi\"ness"), Self.row("O2"),
        Self.row("O3", customer: "\"busi\" \"ness"), Self.row("O4", note: "\"a \"\"quoted\"\" note\""), "",
      ].joined(separator: "\n"))
    let data = try await fixture.ingest()
    #expect(data.statistics[.orders]!.rows == 4)
    #expect(
      data.rejects[.orders] == [
        Reject(
          file: "orders/orders.csv", line: 2, id: "O1", field: "customer", value: "busi\"ness",
          reason: "stray quote in column 'customer' \(Self.reason)"),
        Reject(
          file: "orders/orders.csv", line: 4, id: "O3", field: "customer", value: "busi\" \"ness",
          reason: "stray quote in column 'customer' \(Self.reason)"),
      ])
    #expect(data.orders.count == 2)
  }

  @Test func aStrayQuoteInAColumnTheSourceDoesNotMapStillRejectsTheRow() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "orders/orders.csv",
      [
        Self.header, Self.row("O1", note: "cliente \"VIP\" da richiamare"), Self.row("O2"),
        Self.row("O3", note: "\"chiamare\" lunedì"),
      ].joined(separator: "\r\n"))
    let data = try await fixture.ingest()
    #expect(data.statistics[.orders]!.rows == 3)
    #expect(
      data.rejects[.orders] == [
        Reject(
          file: "orders/orders.csv", line: 2, id: "O1", field: "", value: "cliente \"VIP\" da richiamare",
          reason: "stray quote in column 'note' \(Self.reason)"),
        Reject(
          file: "orders/orders.csv", line: 4, id: "O3", field: "", value: "chiamare\" lunedì",
          reason: "stray quote in column 'note' \(Self.reason)"),
      ])
  }

  @Test func aRowWithAStrayQuoteIsRejectedOnceAndALineEndAfterItEndsTheRecord() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "orders/orders.csv",
      [
        Self.header, Self.row("O1", note: "\"su due\r\nrighe\""),
        Self.row("O2", customer: "a\"b", note: "c\"d"),
        "", Self.row("O3", note: "\"x\"y\r\nz\""),
      ].joined(separator: "\r\n"))
    let data = try await fixture.ingest()
    // O1 on lines 2–3 (a quoted line break), O2 on 4 (two stray quotes, one reject), a blank
    // line 5, O3 on 6: after `"x"y` the note goes on unquoted, so the line end ends the record,
    // and `z"` on line 7 is a record of its own, with a stray quote of its own.
    #expect(data.rejects[.orders]?.map(\.line) == [4, 6, 7])
    #expect(data.rejects[.orders]?.map(\.field) == ["customer", "", "order_id"])
    #expect(data.rejects[.orders]?.map(\.value) == ["a\"b", "x\"y", "z\""])
    #expect(data.statistics[.orders]!.rows == 4)
  }

  @Test func aStrayQuoteAcrossAChunkBoundaryIsFoundAndTheRowAloneRejected() async throws {
    // The quote that closes `"busi"` is the last byte of the first chunk and `ness` starts
    // the second: the parser's state carries over.
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    let prefix = "BAD,2025-01-02 10:00,2025-01-05 12:00,,,completed,voice,own,FTTH,"
    try #require(Self.row("BAD", customer: "x").hasPrefix(prefix + "x,"))
    let target = CSVFileReader.chunkSize - 1 - (prefix.utf8.count + "\"busi".utf8.count)
    let filler = Self.row("FILL").utf8.count + 1
    var text = Self.header + "\n"
    var plain = 0
    while text.utf8.count + Self.row("P0000").utf8.count + 1 + filler <= target {
      text += Self.row(String(format: "P%04d", plain)) + "\n"
      plain += 1
    }
    text += Self.row("FILL", note: String(repeating: "n", count: target - text.utf8.count - filler)) + "\n"
    text += Self.row("BAD", customer: "\"busi\"ness") + "\n" + Self.row("LAST") + "\n"
    let bytes = Array(text.utf8)
    let quote = CSVFileReader.chunkSize - 1
    try #require(bytes[quote] == UInt8(ascii: "\"") && bytes[quote + 1] == UInt8(ascii: "n"))
    fixture.write("orders/orders.csv", bytes: bytes)
    let data = try await fixture.ingest()
    // Header 1, the plain rows, FILL, BAD, LAST.
    #expect(data.rejects[.orders]?.map(\.value) == ["busi\"ness"])
    #expect(data.rejects[.orders]?.map(\.line) == [plain + 3])
    #expect(data.statistics[.orders]!.rows == plain + 3)
  }

  @Test func aQuotedFieldThatNeverClosesIsStillAFileErrorAtItsRecord() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "orders/orders.csv",
      [
        Self.header, Self.row("O1", customer: "a\"b"), Self.row("O2"), Self.row("O3", note: "\"never closed"),
        "",
      ]
      .joined(separator: "\n"))
    let error = try #require(await fixture.fileError())
    #expect(error.line == 4)
    #expect(error.column == 1)
    #expect(error.message == "a quoted field opened in the record starting here is never closed")
  }

  @Test func aStrayQuoteInTheHeaderIsAFileErrorAtTheQuote() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write("orders/orders.csv", "\n" + Self.header + ",\"note\"x\n" + Self.row("O1") + ",\n")
    let error = try #require(await fixture.fileError())
    #expect(error.line == 2)
    #expect(error.column == Self.header.utf8.count + 8)
    #expect(error.message == "stray quote in the header: a quote inside a field must be doubled (\"\")")
  }
}
