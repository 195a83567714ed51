import Configuration
import Foundation
import ReportCore
import Testing

@testable import Ingest

/// SPEC §2.3 on tiny fixtures: closed dimensions, and the record's id in every reject.
@Suite struct RowRuleTests {
  /// An order row of `Fixture.ordersHeader` with the given id, customer, region and exclusion.
  static func order(
    _ id: String, customer: String = "residential", region: String = "09", exclusion: String = ""
  ) -> String {
    "\(id),2025-02-03 09:00,2025-02-10 18:00,,,completed,broadband,own,FTTC,\(customer),\(region),\(exclusion),"
  }

  static func orders(_ rows: [String]) -> String {
    ([Fixture.ordersHeader] + rows).joined(separator: "\n") + "\n"
  }

  // MARK: Closed dimensions

  @Test func aCustomerTypeNeitherMappedNorCanonicalIsRejectedWhenTheCustomerIsMapped() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.sources[.orders]!.values = [.customer: ["Residenziale": "residential", "Affari": "business"]]
    fixture.write(
      "orders/orders.csv",
      Self.orders([
        Self.order("O1", customer: "Residenziale"), Self.order("O2", customer: "business"),
        Self.order("O3", customer: "BUSINESS"), Self.order("O4", customer: "Privato"),
      ]))
    let data = try await fixture.ingest()
    #expect(
      data.rejects[.orders] == [
        Reject(
          file: "orders/orders.csv", line: 5, id: "O4", field: "customer", value: "Privato",
          reason: "unknown value")
      ])
    // Mapped, canonical, and canonical ignoring case: no segment of its own.
    #expect(
      Set(data.orders.map { data.orderValues.string(for: $0.dimensions.customer) })
        == ["residential", "business"])
  }

  @Test func aRegionWrittenByNameIsRejectedWhenTheRegionIsMapped() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.sources[.orders]!.values = [.region: ["Lazio": "12"]]
    fixture.write(
      "orders/orders.csv",
      Self.orders([
        Self.order("O1", region: "Lazio"), Self.order("O2", region: "09"),
        Self.order("O3", region: "Toscana"),
        Self.order("O4", region: "21"), Self.order("O5", region: ""),
      ]))
    let data = try await fixture.ingest()
    #expect(data.rejects[.orders]?.map(\.id) == ["O3", "O4"])
    #expect(data.rejects[.orders]?.map(\.value) == ["Toscana", "21"])
    #expect(
      data.rejects[.orders]?.allSatisfy { $0.field == "region" && $0.reason == "unknown value" } == true)
    // The region is optional: an empty one is still no value, not an unknown one.
    #expect(
      Set(data.orders.map { data.orderValues.string(for: $0.dimensions.region) ?? "" }) == ["12", "09", ""])
  }

  @Test func withoutAMappingADimensionStaysFreeText() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "orders/orders.csv",
      Self.orders([Self.order("O1", customer: "Privato", region: "Toscana"), Self.order("O2")]))
    let data = try await fixture.ingest()
    #expect(data.rejects[.orders] == [])
    #expect(
      Set(data.orders.map { data.orderValues.string(for: $0.dimensions.customer) })
        == ["Privato", "residential"])
    #expect(
      Set(data.orders.map { data.orderValues.string(for: $0.dimensions.region) }) == ["Toscana", "09"])
  }

  @Test func theCensusRejectsAnUnmappedAccessWhenAccessIsMapped() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.sources[.lines]!.values = [.access: ["Rete propria": "own"]]
    fixture.write(
      "lines/lines.csv",
      "month,access,technology,active_lines\n2025-01,Rete propria,FTTH,100\n2025-01,wholesale,FTTH,50\n"
        + "2025-01,Propria,FTTC,7\n")
    let data = try await fixture.ingest()
    // The census has no ids: the id column stays empty.
    #expect(
      data.rejects[.lines] == [
        Reject(
          file: "lines/lines.csv", line: 4, id: "", field: "access", value: "Propria", reason: "unknown value"
        )
      ])
    #expect(data.activeLines.values.sorted() == [50, 100])
  }

  // MARK: The id in rejects

  @Test func aRejectCarriesTheRecordsIdWhenItCanBeRead() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "orders/orders.csv",
      Self.orders([
        Self.order("  O1  ").replacingOccurrences(of: "completed", with: "lost"),
        // No id at all.
        Self.order("").replacingOccurrences(of: "completed", with: "lost"),
        // One field too many: the columns cannot be trusted, nor the id's.
        Self.order("O3") + ",extra",
      ]))
    fixture.write(
      "invoices/invoices.csv",
      "invoice_id,issue_date,doc_type,service,customer\nF1,2025-02-30,invoice,voice,business\n")
    let data = try await fixture.ingest()
    #expect(data.rejects[.orders]?.map(\.id) == ["O1", "", ""])
    #expect(data.rejects[.orders]?.map(\.reason).dropFirst().first == "missing required field")
    #expect(data.rejects[.invoices]?.map(\.id) == ["F1"])
  }
}
