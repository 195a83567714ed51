import Foundation
import ReportCore
import Testing

@testable import Ingest

/// The records' ids that `run --records` lists: kept only when asked, one per record and in
/// the records' order, in UTF-8.
@Suite struct RecordIDTests {
  static func ids(_ data: IngestedData, _ kind: SourceKind) -> [String] {
    guard let ids = data.ids[kind] else { return [] }
    return (0..<ids.count).map { ids[$0] }
  }

  @Test func theIdsOfDeduplicatedRecordsAreInTheWinnersOrder() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "orders/orders.csv",
      Fixture.ordersHeader + """

        O2,2025-01-02 10:00,,,,open,voice,own,FTTH,business,01,,2025-01-02 10:00
        O1,2025-01-03 10:00,,,,open,voice,own,FTTH,business,01,,2025-01-03 10:00
        O2,2025-01-02 10:00,2025-01-09 10:00,,,completed,voice,own,FTTH,business,01,,2025-01-09 10:00
        O3,2025-01-04 10:00,,,,cancelled,voice,own,FTTH,business,01,,2025-01-04 10:00

        """)
    let data = try await fixture.ingest(recordIDs: true)
    #expect(Self.ids(data, .orders) == ["O2", "O1", "O3"])
    // The id of the first record is that of the version that won.
    #expect(data.orders.map(\.status) == [.completed, .open, .cancelled])
    #expect(Self.ids(data, .tickets) == ["T1"])
    #expect(data.ids[.invoices] == nil && data.ids[.lines] == nil)
  }

  @Test func withoutDeduplicationEveryRowKeepsItsId() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.sources[.orders]!.deduplicate = false
    fixture.write(
      "orders/orders.csv",
      Fixture.ordersHeader + """

        O2,2025-01-02 10:00,,,,open,voice,own,FTTH,business,01,,
        O1,2025-01-03 10:00,,,,open,voice,own,FTTH,business,01,,
        O2,2025-01-02 10:00,2025-01-09 10:00,,,completed,voice,own,FTTH,business,01,,

        """)
    let data = try await fixture.ingest(recordIDs: true)
    #expect(Self.ids(data, .orders) == ["O2", "O1", "O2"])
    #expect(data.orders.count == 3)
  }

  @Test func aWindows1252IdIsKeptInUTF8() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    // "ORDÈ-1": È is C8 in Windows-1252.
    var bytes = Array((Fixture.ordersHeader + "\n").utf8)
    bytes +=
      Array("ORD".utf8) + [0xC8] + Array("-1,2025-01-02 10:00,,,,open,voice,own,FTTH,business,01,,\n".utf8)
    fixture.write("orders/orders.csv", bytes: bytes)
    let data = try await fixture.ingest(recordIDs: true)
    #expect(data.statistics[.orders]!.files[0].encoding == .windows1252)
    #expect(Self.ids(data, .orders) == ["ORDÈ-1"])
  }

  @Test func theCallsAndSurveysKeepTheirIdsOnlyForTheRecordsFiles() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    // C2 is exported twice: one call, the later version, with the id's first place.
    fixture.calls([
      "C2,2025-02-03 10:00:00,2025-02-03 10:00:30,,,business,,2025-02-03 10:01:00",
      "C1,2025-02-03 11:00:00,2025-02-03 11:00:30,2025-02-03 11:00:40,,business,,2025-02-03 11:01:00",
      "C2,2025-02-03 10:00:00,2025-02-03 10:00:30,2025-02-03 10:00:50,,business,,2025-02-03 10:02:00",
    ])
    // Surveys are not de-duplicated: S1 twice is two invitations, two ids.
    fixture.surveys([
      "S1,2025-02-03 10:00,false,,,,,business", "S0,2025-02-03 11:00,true,7,,,,business",
      "S1,2025-02-03 10:00,false,,,,,business",
    ])
    // `run` keeps the orders' and tickets' ids for the indemnities, never the calls' or surveys'.
    let plain = try await fixture.ingest(recordIDs: true)
    #expect(Set(plain.ids.keys) == [.orders, .tickets])
    // `run --records` keeps them too, one per record and in the records' order.
    let data = try await fixture.ingest(recordIDs: true, careRecordIDs: true)
    #expect(Self.ids(data, .calls) == ["C2", "C1"])
    #expect(data.calls.map { $0.answeredAt != nil } == [true, true])
    #expect(Self.ids(data, .surveys) == ["S1", "S0", "S1"])
    #expect(data.surveys.map(\.responded) == [false, true, false])
    #expect(Self.ids(data, .orders) == ["O1"])
  }

  @Test func noIdIsKeptUnlessAsked() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    let data = try await fixture.ingest()
    #expect(data.orders.count == 1)
    #expect(data.ids.isEmpty)
  }
}
