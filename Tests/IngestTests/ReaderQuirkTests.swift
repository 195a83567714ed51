import Configuration
import Foundation
import ReportCore
import Testing

@testable import Ingest

/// Each quirk of real exports (SPEC §2) on a tiny fixture.
@Suite struct ReaderQuirkTests {
  static let orderRow =
    "O2,2025-02-03 09:00,2025-02-10 18:00,2025-02-12,,completed,broadband,own,FTTC,residential,05,,"

  @Test(arguments: [(";", "semicolon"), (",", "comma"), ("\t", "tab"), ("|", "pipe")])
  func everyDelimiterIsDetectedFromTheHeader(delimiter: String, name: String) async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    let header = Fixture.ordersHeader.replacingOccurrences(of: ",", with: delimiter)
    let row = Self.orderRow.replacingOccurrences(of: ",", with: delimiter)
    fixture.write("orders/orders.csv", header + "\n" + row + "\n")
    let data = try await fixture.ingest()
    #expect(data.statistics[.orders]!.rows == 1, "\(name)")
    #expect(data.statistics[.orders]!.rejected == 0, "\(name)")
    let order = try #require(data.orders.first)
    #expect(order.completionDate == LocalDate(year: 2025, month: 2, day: 10))
    #expect(data.orderValues.string(for: order.dimensions.technology) == "FTTC")
  }

  @Test(arguments: ["\n", "\r\n\r\n", "\r"])
  func theDelimiterIsDetectedOnTheHeaderAfterBlankLines(blank: String) async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    let header = Fixture.ordersHeader.replacingOccurrences(of: ",", with: ";")
    let row = Self.orderRow.replacingOccurrences(of: ",", with: ";")
    fixture.write("orders/orders.csv", blank + header + "\n" + row + "\n")
    let data = try await fixture.ingest()
    #expect(data.statistics[.orders]!.rows == 1)
    #expect(data.statistics[.orders]!.rejected == 0)
    #expect(data.orders.first?.completionDate == LocalDate(year: 2025, month: 2, day: 10))
  }

  @Test func windows1252TextIsDetectedAndDecoded() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.sources[.orders]!.values = [.status: ["Già espletato": "completed"]]
    // "Già espletato", the region "Città più" and "è perché" in Windows-1252: à E0, ù F9, è E8, é E9.
    var bytes = Array((Fixture.ordersHeader + "\n").utf8)
    bytes += Array("O1,2025-01-02 10:00,2025-01-05 12:00,,,Gi".utf8) + [0xE0]
    bytes += Array(" espletato,voice,own,FTTH,business,Citt".utf8) + [0xE0, 0x20, 0x70, 0x69, 0xF9]
    bytes += [0x2C, 0xE8] + Array(" perch".utf8) + [0xE9] + Array(",\n".utf8)
    fixture.write("orders/orders.csv", bytes: bytes)
    let data = try await fixture.ingest()
    #expect(data.statistics[.orders]!.rejected == 0)
    #expect(data.statistics[.orders]!.files[0].encoding == .windows1252)
    let order = try #require(data.orders.first)
    #expect(order.status == .completed)
    #expect(data.orderValues.string(for: order.dimensions.region) == "Città più")
    #expect(data.orderValues.string(for: order.exclusion) == "è perché")
  }

  @Test func utf8TextIsDetectedAndDecoded() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "orders/orders.csv",
      Fixture.ordersHeader
        + "\nO1,2025-01-02 10:00,2025-01-05 12:00,,,completed,voice,own,FTTH,business,Città,,\n")
    let data = try await fixture.ingest()
    #expect(data.statistics[.orders]!.files[0].encoding == .utf8)
    #expect(data.orderValues.string(for: data.orders[0].dimensions.region) == "Città")
  }

  @Test func aByteOrderMarkIsNotPartOfTheFirstHeader() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "orders/orders.csv",
      bytes: [0xEF, 0xBB, 0xBF] + Array((Fixture.ordersHeader + "\n" + Self.orderRow + "\n").utf8))
    let data = try await fixture.ingest()
    #expect(data.statistics[.orders]!.rows == 1)
    #expect(data.statistics[.orders]!.rejected == 0)
  }

  @Test func crlfLineEndsKeepLineNumbersRight() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    let rows = [
      Fixture.ordersHeader, Self.orderRow, Self.orderRow.replacingOccurrences(of: "completed", with: "lost"),
      "",
    ]
    fixture.write("orders/orders.csv", rows.joined(separator: "\r\n"))
    let data = try await fixture.ingest()
    #expect(data.statistics[.orders]!.rows == 2)
    #expect(
      data.rejects[.orders] == [
        Reject(
          file: "orders/orders.csv", line: 3, id: "O2", field: "status", value: "lost",
          reason: "unknown value")
      ])
  }

  @Test func quotedNewlinesAndDoubledQuotesAreOneFieldAndLinesStillCount() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    // A free-text column the source does not map (`note`) may hold line breaks; a read value
    // may not (ForbiddenCharacterTests), so the quoted exclusion here has quotes only.
    let multiline =
      "O1,2025-01-02 10:00,2025-01-05 12:00,,,completed,voice,own,FTTH,business,01,\"riga \"\"due\"\"\",,\"nota\r\nsu due righe\"\n"
    let bad = "O3,2025-01-02 10:00,,,,gone,voice,own,FTTH,business,01,,,\n"
    fixture.write("orders/orders.csv", Fixture.ordersHeader + ",note\n" + multiline + "\n" + bad)
    let data = try await fixture.ingest()
    #expect(data.statistics[.orders]!.rows == 2)
    let order = try #require(data.orders.first)
    #expect(data.orderValues.string(for: order.exclusion) == "riga \"due\"")
    // Header on line 1, the quoted record on lines 2–3, a blank line 4, the bad row on line 5.
    #expect(data.rejects[.orders]?.map(\.line) == [5])
  }

  @Test(arguments: [
    ("2025-13-25 10:00", "month 13"), ("2025-02-31 10:00", "31 February"),
    ("2025-02-29 10:00", "29 February 2025"),
    ("02/01/2025 10:00", "another format"), ("2025-01-02 25:00", "hour 25"), ("ieri", "text"),
  ])
  func badAndImpossibleDatesAreRejected(value: String, name: String) async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "tickets/tickets.csv",
      Fixture.ticketsHeader + "\nT1,fault,,2025-01-02 10:00,\(value),true,,,,voice,own,FTTH,business,01,,\n")
    let data = try await fixture.ingest()
    #expect(
      data.rejects[.tickets] == [
        Reject(
          file: "tickets/tickets.csv", line: 2, id: "T1", field: "resolved_at", value: value,
          reason: "bad date")
      ],
      "\(name)")
    #expect(data.tickets.isEmpty)
  }

  @Test func unknownValuesAreRejectedAndMappedValuesAccepted() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.sources[.orders]!.values = [.status: ["Espletato": "completed"]]
    let mapped = Self.orderRow.replacingOccurrences(of: "completed", with: "Espletato")
    let unknown = Self.orderRow.replacingOccurrences(of: "completed", with: "Sconosciuto")
    let lowercase = Self.orderRow.replacingOccurrences(of: "completed", with: "espletato")
    fixture.write(
      "orders/orders.csv", [Fixture.ordersHeader, mapped, unknown, lowercase].joined(separator: "\n"))
    let data = try await fixture.ingest()
    #expect(data.rejects[.orders]?.map(\.reason) == ["unknown value"])
    #expect(data.rejects[.orders]?.map(\.line) == [3])
    #expect(data.statistics[.orders]!.duplicates == 1)  // O2 twice: the mapped and the lower-case row
  }

  @Test func aMissingRequiredColumnFailsTheFileNamingIt() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "orders/orders.csv", "order_id,order_date,completion_date,service,access,technology,customer\n")
    let error = try #require(await fixture.fileError())
    #expect(error.path == fixture.directory + "/orders/orders.csv")
    #expect(error.line == 1)
    #expect(error.message == "missing required column 'status' (orders.status)")
  }

  @Test func aMissingConfiguredColumnNamesTheOperatorsHeader() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.sources[.orders]!.columns = ["Stato": .status]
    fixture.write(
      "orders/orders.csv", "order_id,order_date,completion_date,service,access,technology,customer\n")
    let error = try #require(await fixture.fileError())
    #expect(error.message == "missing required column 'Stato' (orders.status)")
  }

  /// Columns are byte columns of the file: a Windows-1252 letter is one byte, however many
  /// it takes decoded, and the quotes and `""` of a quoted cell count as written.
  @Test func aColumnMappedTwiceIsLocatedAtItsLineAndByteColumnInTheFile() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.sources[.orders]!.encoding = .windows1252
    let header = Fixture.ordersHeader.replacingOccurrences(of: ",", with: ";")
    let before =
      Array("Citt".utf8) + [0xE0] + Array(";\"Nota \"\"x\"\"\";".utf8) + Array(header.utf8) + [0x3B]
    fixture.write("orders/orders.csv", bytes: before + Array("  order_id\r\n".utf8))
    var error = try #require(await fixture.fileError())
    #expect(error.line == 1)
    #expect(error.column == before.count + 3)
    #expect(error.message == "column 'order_id' maps to 'order_id', which an earlier column already provides")

    // After a byte-order mark (3 bytes of line 1) and a blank line, on line 3 after a quoted line break.
    fixture.sources[.orders]!.encoding = .auto
    fixture.sources[.orders]!.delimiter = .byte(UInt8(ascii: ";"))
    let quoted = Array("\r\n\"Nota\nsu due righe\";".utf8) + Array(header.utf8)
    fixture.write("orders/orders.csv", bytes: [0xEF, 0xBB, 0xBF] + quoted + Array(";status\n".utf8))
    error = try #require(await fixture.fileError())
    #expect(error.line == 3)
    #expect(error.column == "su due righe\";".utf8.count + header.utf8.count + 2, "\(error)")
  }

  @Test(arguments: [[UInt8](), [0xEF, 0xBB, 0xBF], Array("\n\n".utf8)])
  func anEmptyFileIsAFileLevelError(bytes: [UInt8]) async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write("lines/lines.csv", bytes: bytes)
    let error = try #require(await fixture.fileError())
    #expect(
      error.description == fixture.directory
        + "/lines/lines.csv:1:1: error: empty file: a header line is required")
  }

  @Test func aHeaderOnlyFileHasNoRows() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write("orders/more.csv", Fixture.ordersHeader + "\r\n")
    let data = try await fixture.ingest()
    #expect(data.statistics[.orders]!.files.map(\.rows) == [0, 1])
  }

  @Test func rowsWithTooFewOrTooManyFieldsAreRejected() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    let short = "O3,2025-01-02 10:00,,,,open,voice,own"
    let long = Self.orderRow + ",extra"
    fixture.write(
      "orders/orders.csv", [Fixture.ordersHeader, short, Self.orderRow, long].joined(separator: "\n"))
    let data = try await fixture.ingest()
    #expect(data.rejects[.orders]?.map(\.line) == [2, 4])
    #expect(
      data.rejects[.orders]?.map(\.reason) == [
        "expected 13 fields as in the header, found 8", "expected 13 fields as in the header, found 14",
      ])
    #expect(data.orders.count == 1)
  }

  @Test func aTimeInTheMarchGapMovesForwardAndAFoldTimeIsItsFirstOccurrence() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "tickets/tickets.csv",
      Fixture.ticketsHeader + "\n"
        + "GAP,fault,,2025-03-30 02:30,2025-03-30 03:30,true,,,,voice,own,FTTH,business,01,,\n"
        + "FOLD,fault,,2025-10-26 02:30,2025-10-26 03:30,true,,,,voice,own,FTTH,business,01,,\n")
    let data = try await fixture.ingest()
    #expect(data.rejects[.tickets] == [])
    let byOpening = data.tickets.sorted { $0.openedAt < $1.openedAt }
    // 2025-03-30 02:30 does not exist: it is 03:30 CEST = 01:30 UTC, the same instant as the resolution.
    #expect(byOpening[0].openedAt == 1_743_298_200)
    #expect(byOpening[0].resolvedAt == byOpening[0].openedAt)
    // 2025-10-26 02:30 happens twice: the first is 02:30 CEST = 00:30 UTC; 03:30 CET is 02:30 UTC.
    #expect(byOpening[1].openedAt == 1_761_438_600)
    #expect(byOpening[1].resolvedAt! - byOpening[1].openedAt == 2 * 3600)
  }

  @Test func aStrayQuoteRejectsItsRowInsteadOfFailingTheFile() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    let broken = "O1,2025-01-02 10:00,2025-01-05 12:00,,,completed,voice,own,FTTH,busi\"ness,01,,"
    fixture.write("orders/orders.csv", [Fixture.ordersHeader, Self.orderRow, broken].joined(separator: "\n"))
    let data = try await fixture.ingest()
    #expect(data.rejects[.orders]?.map(\.line) == [3])
    #expect(data.rejects[.orders]?.map(\.field) == ["customer"])
    #expect(data.orders.count == 1)
  }

  @Test func anUnterminatedQuoteIsAFileErrorAtItsRecord() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    let broken =
      "O1,2025-01-02 10:00,2025-01-05 12:00,,,completed,voice,own,FTTH,business,01,\"never closed,\n"
    fixture.write(
      "orders/orders.csv",
      [Fixture.ordersHeader, Self.orderRow, broken, Self.orderRow].joined(separator: "\n"))
    let error = try #require(await fixture.fileError())
    #expect(error.line == 3)
    #expect(error.message.contains("never closed"))
  }

  @Test func bytesInvalidInTheDeclaredEncodingAreAFileError() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.sources[.orders]!.encoding = .utf8
    var bytes = Array((Fixture.ordersHeader + "\n" + Self.orderRow + "\n").utf8)
    bytes += Array("O1,2025-01-02 10:00,2025-01-05 12:00,,,completed,voice,own,FTTH,business,01,Citt".utf8)
    bytes += [0xE0] + Array(",\n".utf8)
    fixture.write("orders/orders.csv", bytes: bytes)
    let error = try #require(await fixture.fileError())
    #expect(error.line == 3)
    #expect(error.column == 81)
    #expect(error.message == "byte 0xE0 is not valid UTF-8")
  }

  /// A UTF-8 sequence begun at the last byte of one 256 KiB read and broken by the first
  /// byte of the next is named by its lead byte, where it starts (it once read the byte
  /// before the second read's start: out of bounds).
  @Test func aSequenceBrokenAcrossTwoReadsIsNamedByItsLeadByte() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.sources[.orders]!.encoding = .utf8
    var bytes = Array((Fixture.ordersHeader + "\n").utf8)
    var rows = 0
    while bytes.count + Self.orderRow.utf8.count + 1 < CSVFileReader.chunkSize - 200 {
      bytes += Array((Self.orderRow + "\n").utf8)
      rows += 1
    }
    let start = Array("O1,2025-01-02 10:00,2025-01-05 12:00,,,completed,voice,own,FTTH,business,01,".utf8)
    let padding = CSVFileReader.chunkSize - 1 - bytes.count - start.count
    bytes += start + Array(repeating: UInt8(ascii: "x"), count: padding)
    #expect(bytes.count == CSVFileReader.chunkSize - 1)
    bytes += [0xE0] + Array("A,\n".utf8)  // E0 ends the first read, A (not a continuation) starts the next
    fixture.write("orders/orders.csv", bytes: bytes)
    let error = try #require(await fixture.fileError())
    #expect(error.line == rows + 2)
    #expect(error.column == start.count + padding + 1)
    #expect(error.message == "byte 0xE0 is not valid UTF-8")
  }

  @Test func exceedingTheRejectThresholdMarksTheSource() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.sources[.orders]!.rejectThreshold = ExactDecimal(units: 25, scale: 2)
    let bad = Self.orderRow.replacingOccurrences(of: "completed", with: "lost")
    fixture.write(
      "orders/orders.csv",
      [
        Fixture.ordersHeader, Self.orderRow, bad, "O3" + Self.orderRow.dropFirst(2),
        "O4" + Self.orderRow.dropFirst(2),
      ].joined(separator: "\n"))
    // 1 of 4 = 25 %: at the threshold, not over it.
    #expect(try await fixture.ingest().audit.sourcesOverThreshold == [])
    fixture.write(
      "orders/orders.csv",
      [Fixture.ordersHeader, Self.orderRow, bad, bad, "O4" + Self.orderRow.dropFirst(2)].joined(
        separator: "\n"))
    #expect(try await fixture.ingest().audit.sourcesOverThreshold == [.orders])
  }

  @Test func aSourceWithoutFilesIsMissingInput() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.remove("lines")
    await #expect(
      throws: IngestError.noFilesMatch(source: .lines, globs: ["lines/*.csv"], input: fixture.directory)
    ) {
      try await fixture.ingest()
    }
  }

  @Test func wholeNumbersWithADecimalCommaTakeDotsAsThousandsAndOnlyZerosAfterTheComma() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.sources[.lines]!.decimalMark = .comma
    fixture.write(
      "lines/lines.csv",
      "month;access;technology;active_lines\n2025-01;own;FTTH;1.440\n2025-02;own;FTTH;60,0\n"
        + "2025-03;own;FTTH;1.44\n2025-04;own;FTTH;60,5\n")
    let data = try await fixture.ingest()
    #expect(data.activeLines.values.sorted() == [60, 1440])
    #expect(data.rejects[.lines]?.map(\.line) == [4, 5])
    #expect(data.rejects[.lines]?.map(\.value) == ["1.44", "60,5"])
  }

  @Test func aSecondCensusRowForTheSameMonthAndDimensionsIsRejectedNamingTheFirst() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "lines/lines.csv",
      "month,access,technology,active_lines\n2025-01,own,FTTH,100\n2025-01,own,FTTC,50\n2025-01,own,FTTH,70\n"
    )
    let data = try await fixture.ingest()
    #expect(data.activeLines.values.sorted() == [50, 100])
    #expect(
      data.rejects[.lines] == [
        Reject(
          file: "lines/lines.csv", line: 4, field: "month", value: "2025-01",
          reason: "duplicate row for this month and dimensions (first at lines/lines.csv:2)")
      ])
  }

  @Test func monthlyInvoiceCountsAreReadPerMonthAndDimensionsAndAMonthTwiceIsRejected() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.sources[.invoices]!.invoiceLayout = .monthly
    fixture.write(
      "invoices/invoices.csv",
      "month,issued,customer\n2025-01,1200,business\n2025-01,3400,residential\n2025-02,1100,business\n"
        + "2025-01,999,business\n")
    let data = try await fixture.ingest()
    let counts = Dictionary(
      uniqueKeysWithValues: data.invoicesIssued.map { key, count in
        ("\(key.date) \(data.invoiceValues.string(for: key.dimensions.customer) ?? "-")", count)
      })
    #expect(
      counts == ["2025-01-01 business": 1200, "2025-01-01 residential": 3400, "2025-02-01 business": 1100])
    #expect(data.rejects[.invoices]?.map(\.line) == [5])
    #expect(data.rejects[.invoices]?.first?.reason.hasPrefix("duplicate row for this month") == true)
  }

  @Test func everyPatternIsReadAndADoubleStarSpansAnyNumberOfDirectories() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.sources[.orders]!.files = ["orders/**/*.csv", "extra/orders-*.csv"]
    let file = { (id: String) in Fixture.ordersHeader + "\n" + id + Self.orderRow.dropFirst(2) + "\n" }
    fixture.write("orders/2025/01/a.csv", file("O3"))
    fixture.write("orders/2025/b.csv", file("O4"))
    fixture.write("extra/orders-1.csv", file("O5"))
    fixture.write("extra/notes.csv", file("O6"))
    let data = try await fixture.ingest()
    // `**` spans two directories, one, and none (orders/orders.csv); files are read in path order.
    #expect(
      data.statistics[.orders]!.files.map(\.path) == [
        "extra/orders-1.csv", "orders/2025/01/a.csv", "orders/2025/b.csv", "orders/orders.csv",
      ])
    #expect(data.statistics[.orders]!.rows == 4)
  }

  @Test func loneCRLineEndsKeepLineNumbersRightWithBlankLinesAndInsideQuotes() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    func row(_ id: String, status: String = "completed", note: String = "") -> String {
      id + Self.orderRow.dropFirst(2).replacingOccurrences(of: "completed", with: status) + "," + note
    }
    let lines = [
      Fixture.ordersHeader + ",note", row("O2"), row("O3", status: "lost"), "", row("O4", status: "lost"),
      row("O5", note: "\"nota\rsu due righe\""), row("O6", status: "lost"), "",
    ]
    fixture.write("orders/orders.csv", lines.joined(separator: "\r"))
    let data = try await fixture.ingest()
    #expect(data.statistics[.orders]!.rows == 5)
    // Header 1, O2 2, O3 3, a blank line 4, O4 5, O5 on lines 6–7, O6 8.
    #expect(data.rejects[.orders]?.map(\.line) == [3, 5, 8])
  }
}
