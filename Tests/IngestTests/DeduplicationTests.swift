import Foundation
import ReportCore
import Testing

@testable import Ingest

/// SPEC §2.2: records with the same id are one record.
@Suite struct DeduplicationTests {
  static func order(_ id: String, completed: String, updated: String) -> String {
    "\(id),2025-01-02 10:00,\(completed),,,completed,voice,own,FTTH,business,01,,\(updated)"
  }

  @Test func theLatestUpdatedAtWinsEvenWhenReadFirst() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "orders/orders_1.csv",
      Fixture.ordersHeader + "\n"
        + Self.order("O1", completed: "2025-01-09 10:00", updated: "2025-01-20 00:00"))
    fixture.write(
      "orders/orders_2.csv",
      Fixture.ordersHeader + "\n"
        + Self.order("O1", completed: "2025-01-05 10:00", updated: "2025-01-10 00:00"))
    fixture.write("orders/orders.csv", Fixture.ordersHeader + "\n")
    let data = try await fixture.ingest()
    #expect(data.orders.map(\.completionDate) == [LocalDate(year: 2025, month: 1, day: 9)])
    #expect(data.statistics[.orders]!.duplicates == 1)
  }

  @Test func onATieTheRowReadLastWinsInPathOrder() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write("orders/orders.csv", Fixture.ordersHeader + "\n")
    fixture.write(
      "orders/b.csv",
      Fixture.ordersHeader + "\n"
        + Self.order("O1", completed: "2025-01-07 10:00", updated: "2025-01-10 00:00") + "\n"
        + Self.order("O1", completed: "2025-01-08 10:00", updated: "2025-01-10 00:00"))
    fixture.write(
      "orders/a.csv",
      Fixture.ordersHeader + "\n"
        + Self.order("O1", completed: "2025-01-09 10:00", updated: "2025-01-10 00:00"))
    let data = try await fixture.ingest()
    #expect(data.orders.map(\.completionDate) == [LocalDate(year: 2025, month: 1, day: 8)])
    #expect(data.statistics[.orders]!.duplicates == 2)
  }

  @Test func withoutUpdatedAtTheRowReadLastWins() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "orders/orders.csv",
      Fixture.ordersHeader + "\n" + Self.order("O1", completed: "2025-01-09 10:00", updated: "") + "\n"
        + Self.order("O2", completed: "2025-01-03 10:00", updated: "") + "\n"
        + Self.order("O1", completed: "2025-01-05 10:00", updated: ""))
    let data = try await fixture.ingest()
    #expect(
      Set(data.orders.map(\.completionDate)) == [
        LocalDate(year: 2025, month: 1, day: 5), LocalDate(year: 2025, month: 1, day: 3),
      ])
    #expect(data.statistics[.orders]!.duplicates == 1)
  }

  @Test func aRowWithoutUpdatedAtIsOlderThanAnyWithOneWhicheverIsReadLast() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "orders/orders.csv",
      Fixture.ordersHeader + "\n"
        + Self.order("O1", completed: "2025-01-09 10:00", updated: "2025-01-10 00:00") + "\n"
        + Self.order("O1", completed: "2025-01-05 10:00", updated: "") + "\n"
        + Self.order("O2", completed: "2025-01-05 10:00", updated: "") + "\n"
        + Self.order("O2", completed: "2025-01-07 10:00", updated: "2025-01-10 00:00"))
    let data = try await fixture.ingest()
    #expect(
      data.orders.map(\.completionDate) == [
        LocalDate(year: 2025, month: 1, day: 9), LocalDate(year: 2025, month: 1, day: 7),
      ])
    #expect(data.statistics[.orders]!.duplicates == 2)
  }

  @Test func idsLongerThanSixteenBytesFoldWhenEqualAndNotWhenOnlyTheirFirstSixteenBytesAre() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    // 30-byte ids sharing their first 16 bytes ("ORDINE-2025-0000").
    let first = "ORDINE-2025-000000000000000001"
    let second = "ORDINE-2025-000000000000000002"
    fixture.write(
      "orders/orders.csv",
      Fixture.ordersHeader + "\n"
        + Self.order(first, completed: "2025-01-05 10:00", updated: "2025-01-10 00:00") + "\n"
        + Self.order(second, completed: "2025-01-06 10:00", updated: "2025-01-10 00:00") + "\n"
        + Self.order(first, completed: "2025-01-09 10:00", updated: "2025-01-11 00:00"))
    let data = try await fixture.ingest()
    #expect(
      data.orders.map(\.completionDate) == [
        LocalDate(year: 2025, month: 1, day: 9), LocalDate(year: 2025, month: 1, day: 6),
      ])
    #expect(data.statistics[.orders]!.duplicates == 1)
  }

  /// Two different ids are compared byte for byte only when their 32 hash bits collide;
  /// among 300,000 ids of 30 bytes sharing their first 16, some do.
  @Test func distinctLongIdsSharingTheirFirstSixteenBytesNeverFoldEvenOnAHashCollision() {
    var table = IDTable<Int>()
    var folded = 0
    var key = Array("ORDINE-2025-0000".utf8) + [UInt8](repeating: UInt8(ascii: "0"), count: 14)
    for number in 0..<300_000 {
      var rest = number
      for index in stride(from: key.count - 1, through: 16, by: -1) {
        key[index] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
      }
      if key.withUnsafeBytes({ table.offer(key: $0, value: number, stamp: 0) }) { folded += 1 }
    }
    #expect(folded == 0)
    #expect(table.count == 300_000)
  }

  @Test func aRejectedLaterVersionLeavesTheEarlierValidOneStanding() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "orders/orders.csv",
      Fixture.ordersHeader + "\n"
        + Self.order("O1", completed: "2025-01-09 10:00", updated: "2025-01-10 00:00") + "\n"
        + Self.order("O1", completed: "2025-01-01 10:00", updated: "2025-01-11 00:00"))
    let data = try await fixture.ingest()
    #expect(data.rejects[.orders]?.map(\.reason) == ["completion before order"])
    #expect(data.orders.map(\.completionDate) == [LocalDate(year: 2025, month: 1, day: 9)])
    #expect(data.statistics[.orders]!.duplicates == 0)
  }

  @Test func invoicesAreNotDeduplicatedUnlessConfigured() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    let rows =
      "invoice_id,issue_date,doc_type,service,customer\nF1,2025-01-01,invoice,voice,business\nF1,2025-01-01,invoice,voice,business\n"
    fixture.write("invoices/invoices.csv", rows)
    #expect(try await fixture.ingest().invoicesIssued.values.reduce(0, +) == 2)
    fixture.sources[.invoices]!.deduplicate = true
    let data = try await fixture.ingest()
    #expect(data.invoicesIssued.values.reduce(0, +) == 1)
    #expect(data.statistics[.invoices]!.duplicates == 1)
  }
}
