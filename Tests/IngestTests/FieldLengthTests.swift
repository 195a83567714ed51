import Configuration
import Foundation
import ReportCore
import Testing

@testable import Ingest

/// README "Rules", *Quoting*: a field of 1 MiB is read; a longer one fails the file at the
/// line where its record starts, wherever it is in the file.
@Suite struct FieldLengthTests {
  static let header = Fixture.ordersHeader + ",note"
  static let mebibyte = 1 << 20

  static func row(_ id: String, note: String = "") -> String {
    "\(id),2025-01-02 10:00,2025-01-05 12:00,,,completed,voice,own,FTTH,business,01,,,\(note)"
  }

  @Test(arguments: [false, true])
  func aFieldOfExactlyOneMebibyteIsRead(quoted: Bool) async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    // Quoted, the field's 1 MiB are counted without its quotes and with `""` as one quote.
    let note =
      quoted
      ? "\"" + String(repeating: "x", count: Self.mebibyte - 2) + "\"\"\"\"" + "\""
      : String(repeating: "x", count: Self.mebibyte)
    fixture.write(
      "orders/orders.csv",
      [Self.header, Self.row("O1"), Self.row("O2", note: note), Self.row("O3")].joined(separator: "\n"))
    let data = try await fixture.ingest()
    #expect(data.statistics[.orders]!.rows == 3)
    #expect(data.rejects[.orders] == [])
  }

  @Test(arguments: [false, true])
  func aFieldOfOneMebibyteAndOneByteIsAFileErrorAtItsRecord(atTheEnd: Bool) async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    let rows = [
      Self.header, Self.row("O1"), Self.row("O2", note: String(repeating: "x", count: Self.mebibyte + 1)),
    ]
    // With the record last and no final line end, the field is only complete at the end of input.
    fixture.write(
      "orders/orders.csv", rows.joined(separator: "\n") + (atTheEnd ? "" : "\n" + Self.row("O3") + "\n"))
    let error = try #require(await fixture.fileError())
    #expect(error.line == 3)
    #expect(error.column == 1)
    #expect(
      error.message == "a field of the record starting here is longer than 1 MiB (a quote that never closes?)"
    )
  }

  /// 1.1 MiB used to be reported at the last line of the file: the check looked at libcsv's
  /// buffer, which grows in steps and never shrinks, only after the records were counted.
  @Test func aLongFieldInTheMiddleOfAFileIsReportedWhereItsRecordStarts() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    var rows = [Self.header]
    for index in 1...3 { rows.append(Self.row("A\(index)")) }
    rows.append(
      Self.row("LONG", note: "\"" + String(repeating: "x\n", count: 11 * Self.mebibyte / 20) + "\""))
    for index in 1...3000 { rows.append(Self.row("B\(index)")) }
    fixture.write("orders/orders.csv", rows.joined(separator: "\n") + "\n")
    let error = try #require(await fixture.fileError())
    #expect(error.line == 5)
    #expect(error.message.hasPrefix("a field of the record starting here is longer than 1 MiB"))
  }

  /// Many short fields without a line end are bounded too, so that memory stays bounded.
  @Test func aRecordOverSixteenMebibytesIsAFileErrorAtItsStart() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    // 7 bytes of field per 8 bytes of file: 17.5 MiB of fields.
    let fields = String(repeating: "abcdefg,", count: 20 * Self.mebibyte / 8)
    fixture.write("orders/orders.csv", Self.header + "\n" + Self.row("O1") + "\n" + fields)
    let error = try #require(await fixture.fileError())
    #expect(error.line == 3)
    #expect(error.message == "the record starting here is longer than 16 MiB (a file without line ends?)")
  }
}
