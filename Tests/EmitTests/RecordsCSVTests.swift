import Foundation
import ReportCore
import Testing

@testable import Emit
@testable import Metrics

/// `records/<indicator>.csv` cells written from hand-made records: quoting, hours rounded as
/// published, and values long enough that the file's length is bounded row by row.
@Suite struct RecordsCSVTests {
  static let zone = try! TimeZoneTable(identifier: "Europe/Rome")

  static func instant(_ date: String, _ hour: Int, _ minute: Int) -> Int64 {
    zone.instant(for: LocalDateTime(date: LocalDate(parsing: date)!, hour: hour, minute: minute))
  }

  /// REC records of the report 2025-H1 for complaints with these ids, exclusion codes and
  /// durations in minutes (nil: excluded).
  static func rendered(_ complaints: [(id: String, exclusion: String?, minutes: Int64?)]) -> String {
    String(decoding: RecordsCSV.render(records(complaints)), as: UTF8.self)
  }

  /// The REC records of ``rendered(_:)``, as `code`'s.
  static func records(
    _ complaints: [(id: String, exclusion: String?, minutes: Int64?)], code: IndicatorCode = .REC
  )
    -> IndicatorRecords
  {
    var values = ValueDictionary()
    var ids = RecordIDs()
    var tickets: [Ticket] = []
    var rows: [RecordRow] = []
    for (index, complaint) in complaints.enumerated() {
      var dimensions = DimensionValues()
      dimensions.customer = values.id(for: "business")
      let opened = instant("2025-02-03", 9, 0)
      tickets.append(
        Ticket(
          kind: .complaint, category: .other, openedAt: opened,
          resolvedAt: opened + 60 * (complaint.minutes ?? 0), effective: true, suspendedMinutes: 0,
          invoice: 0,
          outcome: nil, dimensions: dimensions, exclusion: complaint.exclusion.map { values.id(for: $0) } ?? 0
        ))
      ids.append(utf8: complaint.id.utf8)
      rows.append(
        RecordRow(
          record: index,
          role: complaint.minutes.map { .measured(value: $0, onTime: true) } ?? .excluded))
    }
    return IndicatorRecords(
      code: code, columns: [ReportPeriod(parsing: "2025-H1")!], source: .tickets(tickets), values: values,
      ids: ids, zone: zone, rows: [rows])
  }

  /// The file is rendered a piece at a time; whatever the piece's size — one row each, or a
  /// boundary inside the rows an annual report copies from its semester's — the bytes are
  /// those of one piece.
  @Test(arguments: [1, 40, 97, 1000])
  func theFileIsTheSameWhateverThePieceSize(piece: Int) {
    var records = Self.records(
      (0..<60).map { ("T\($0)", $0 % 5 == 0 ? "force_majeure" : nil, Int64($0 * 7)) })
    // An annual report: every record under H1 and again under the year.
    records.columns = ["2025-H1", "2025-H2", "2025"].map { ReportPeriod(parsing: $0)! }
    records.rows = [records.rows[0], [], records.rows[0]]
    let whole = RecordsCSV.render(records)
    var pieces: [[UInt8]] = []
    RecordsCSV.render(records, reusing: RenderBuffer(), piece: piece) { pieces.append(Array($0)) }
    #expect(pieces.joined().elementsEqual(whole))
    #expect(String(decoding: whole, as: UTF8.self).split(separator: "\n").count == 1 + 2 * 60)
    // Pieces hold whole rows, and one piece is never much over its size.
    #expect(pieces.dropLast().allSatisfy { $0.last == 0x0A })
    #expect(pieces.count > 1 || piece >= whole.count)
  }

  /// A year's rows are copied from its semesters' rows read back from the file once those are
  /// passed on: whatever the piece and the window read back at once — smaller than a row, so
  /// that every row is written anew, or larger than the file — the bytes are those of the
  /// file rendered whole, and rows really are read back.
  @Test(arguments: [(1, 1000), (40, 64), (97, 1 << 20), (1000, 50), (40, 1), (300, 30)])
  func theYearsRowsReadBackFromTheFileAreTheSemestersRows(piece: Int, window: Int) {
    var records = Self.records(
      (0..<90).map { ("T\($0)", $0 % 5 == 0 ? "force_majeure" : nil, Int64($0 * 7)) })
    // An annual report: the records in H1 or H2 by their id, all again under the year; one in
    // H1 measured differently under the year is written anew there.
    records.columns = ["2025-H1", "2025-H2", "2025"].map { ReportPeriod(parsing: $0)! }
    let all = records.rows[0]
    var year = all
    year[3].role = .measured(value: 12_345, onTime: false)
    records.rows = [all.filter { $0.record % 3 != 0 }, all.filter { $0.record % 3 == 0 }, year]
    let whole = RecordsCSV.render(records)
    var file: [UInt8] = []
    var readBacks = 0
    RecordsCSV.render(
      records, reusing: RenderBuffer(), piece: piece,
      readingBack: { buffer, offset in
        readBacks += 1
        let count = max(0, min(buffer.count, file.count - offset))
        buffer.copyBytes(from: file[offset..<offset + count])
        return count
      }, window: window
    ) { file.append(contentsOf: $0) }
    #expect(file.elementsEqual(whole))
    let lines = String(decoding: whole, as: UTF8.self).split(separator: "\n")
    #expect(lines.count == 1 + 2 * 90 && lines.last!.hasPrefix("2025,T89,"))
    #expect(lines.contains { $0.hasPrefix("2025,T3,") && $0.hasSuffix(",205.8,false,") })
    // A row is about 90 bytes: a window that holds one is read into.
    #expect((readBacks > 0) == (window >= 100))
  }

  /// A file read back wrongly — fewer bytes than asked (a half), or none, as at a read error —
  /// costs the copy, never a wrong row; after a read that misses its row, the file is not
  /// read again.
  @Test(arguments: [2, 0])
  func aRowThatCannotBeReadBackIsWrittenAnew(readPart: Int) {
    var records = Self.records((0..<40).map { ("T\($0)", nil, Int64($0)) })
    records.columns = ["2025-H1", "2025-H2", "2025"].map { ReportPeriod(parsing: $0)! }
    records.rows = [records.rows[0], [], records.rows[0]]
    let whole = RecordsCSV.render(records)
    var file: [UInt8] = []
    var readBacks = 0
    RecordsCSV.render(
      records, reusing: RenderBuffer(), piece: 200,
      readingBack: { buffer, offset in
        readBacks += 1
        let count = readPart == 0 ? 0 : max(0, min(buffer.count, file.count - offset) / readPart)
        buffer.copyBytes(from: file[offset..<offset + count])
        return count
      }
    ) { file.append(contentsOf: $0) }
    #expect(file.elementsEqual(whole))
    #expect(readPart != 0 || readBacks == 1)
  }

  /// `run --records` writes the files on every core into reused buffers: each file holds
  /// exactly what ``RecordsCSV/render(_:)`` gives, the manifest's entries are in the records'
  /// order with the bytes' digests, and a file that cannot be written is the error.
  @Test func theRecordsFilesAreWrittenWithTheirDigestsInOrder() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agcom-records-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let directory = OutputDirectory(parent: root.path, name: "2025-H1")
    let lock = try directory.lock()
    defer { close(lock) }
    // The larger file second, so that largest-first changes the order of the work.
    let small = Self.records([("A", nil, 2)], code: .REC)
    let large = Self.records(
      (0..<500).map { ("C\($0)", $0 % 7 == 0 ? "force_majeure" : nil, Int64($0)) }, code: .RIP)
    // A third file of the same records (one source, its cells made once for both).
    var sameSource = large
    sameSource.code = .GUA
    let staged = try directory.stage()
    let entries = try ReportFiles.writeRecords([small, large, sameSource], into: staged)
    _ = try staged.commit()
    #expect(entries.map(\.path) == ["records/REC.csv", "records/RIP.csv", "records/GUA.csv"])
    for (records, entry) in zip([small, large, sameSource], entries) {
      let bytes = RecordsCSV.render(records)
      #expect(try Data(contentsOf: root.appendingPathComponent("2025-H1/" + entry.path)) == Data(bytes))
      #expect(entry.bytes == bytes.count && entry.sha256 == Digests.sha256(bytes))
    }
    let again = try directory.stage()
    try again.write("records/RIP.csv", Array("already there".utf8))
    #expect(
      throws: OutputError.cannotWrite(
        path: directory.temporaryPath + "/records/RIP.csv", reason: "File exists")
    ) {
      try ReportFiles.writeRecords([small, large], into: again)
    }
    again.discard()
  }

  @Test func hoursAreTheMinutesRoundedHalfUpToOneDecimal() {
    // 3 minutes are 0.05 hours: 0.1; 2 are 0.033…: 0.0; 57 are 0.95: 1.0.
    let text = Self.rendered([("A", nil, 2), ("B", nil, 3), ("C", nil, 57)])
    #expect(
      text.split(separator: "\n").dropFirst().map {
        $0.split(separator: ",", omittingEmptySubsequences: false)[10]
      }
        == ["0.0", "0.1", "1.0"])
  }

  @Test func idsAndCodesAreQuotedAsCSVCellQuotesThem() {
    let text = Self.rendered([("R\"1", nil, 60), ("R\n2", "è, perché", nil), ("Ré", nil, 0)])
    #expect(
      text == """
        period,id,service,access,technology,customer,region,start,end,minutes,hours,on_time,exclusion
        2025-H1,"R""1",,,,business,,2025-02-03 09:00:00+01:00,2025-02-03 10:00:00+01:00,60,1.0,true,
        2025-H1,"R
        2",,,,business,,2025-02-03 09:00:00+01:00,2025-02-03 09:00:00+01:00,,,,"è, perché"
        2025-H1,Ré,,,,business,,2025-02-03 09:00:00+01:00,2025-02-03 09:00:00+01:00,0,0.0,true,

        """)
  }

  @Test func aLongValueIsWrittenWhole() {
    // Values this long bound each row by its own cells instead of the longest.
    let code = String(repeating: "causa lunga ", count: 100)
    let id = String(repeating: "X", count: 300)
    let text = Self.rendered([(id, code, nil), ("B", nil, 61)])
    #expect(
      text == """
        period,id,service,access,technology,customer,region,start,end,minutes,hours,on_time,exclusion
        2025-H1,\(id),,,,business,,2025-02-03 09:00:00+01:00,2025-02-03 09:00:00+01:00,,,,\(code)
        2025-H1,B,,,,business,,2025-02-03 09:00:00+01:00,2025-02-03 10:01:00+01:00,61,1.0,true,

        """)
  }

  /// C20 records of the report 2025-H1: each call asks for an operator at 09:00:00 on 3
  /// February 2025 and has these id, exclusion code, role and times after the request.
  static func renderedCalls(
    _ calls: [(id: String, exclusion: String?, role: RecordRole, answered: Int64?, ended: Int64?)]
  ) -> String {
    var values = ValueDictionary()
    var ids = RecordIDs()
    var records: [Call] = []
    var rows: [RecordRow] = []
    let requested = instant("2025-02-03", 9, 0)
    for (index, call) in calls.enumerated() {
      var dimensions = DimensionValues()
      dimensions.customer = values.id(for: "business")
      records.append(
        Call(
          startedAt: requested - 5, operatorRequestedAt: requested,
          answeredAt: call.answered.map { requested + $0 },
          endedAt: call.ended.map { requested + $0 }, dimensions: dimensions,
          exclusion: call.exclusion.map { values.id(for: $0) } ?? 0)!)
      ids.append(utf8: call.id.utf8)
      rows.append(RecordRow(record: index, role: call.role))
    }
    let indicator = IndicatorRecords(
      code: .C20, columns: [ReportPeriod(parsing: "2025-H1")!], source: .calls(records), values: values,
      ids: ids, zone: zone, rows: [rows])
    return String(decoding: RecordsCSV.render(indicator), as: UTF8.self)
  }

  @Test func aCallWithLongValuesIsWrittenWhole() {
    // Values this long bound each call's row by its own cells; every column of C20 filled.
    let code = String(repeating: "disservizio lungo ", count: 100)
    let id = String(repeating: "K", count: 300)
    let text = Self.renderedCalls([
      (id, code, .excluded, 86_399, 86_400), ("B", nil, .called(wait: 86_399, onTime: false), 86_399, 90_000),
      ("C", nil, .shortAbandon, nil, 3),
    ])
    #expect(
      text == """
        period,id,service,access,technology,customer,region,start,end,ended,seconds,on_time,short_abandon,exclusion
        2025-H1,\(id),,,,business,,2025-02-03 09:00:00+01:00,2025-02-04 08:59:59+01:00,2025-02-04 09:00:00+01:00,,,false,\(code)
        2025-H1,B,,,,business,,2025-02-03 09:00:00+01:00,2025-02-04 08:59:59+01:00,2025-02-04 10:00:00+01:00,86399,false,false,
        2025-H1,C,,,,business,,2025-02-03 09:00:00+01:00,,2025-02-03 09:00:03+01:00,,,true,

        """)
  }
}
