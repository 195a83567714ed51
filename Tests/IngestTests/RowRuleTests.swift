import Configuration
import Foundation
import ReportCore
import Testing

@testable import Ingest

/// SPEC §2.3 on tiny fixtures: closed dimensions, closed exclusion causes, and the record's id
/// in every reject.
@Suite struct RowRuleTests {
  /// An order row of `Fixture.ordersHeader` with the given id, customer, region and exclusion.
  static func order(
    _ id: String, customer: String = "residential", region: String = "09", exclusion: String = ""
  ) -> String {
    "\(id),2025-02-03 09:00,2025-02-10 18:00,,,completed,broadband,own,FTTC,\(customer),\(region),\(exclusion),"
  }

  /// A fault ticket row of `Fixture.ticketsHeader` with the given id and exclusion.
  static func ticket(_ id: String, exclusion: String) -> String {
    "\(id),fault,,2025-01-02 10:00,2025-01-02 12:00,true,,,,voice,own,FTTH,business,01,\(exclusion),"
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

  // MARK: Exclusion causes

  @Test func withAnExclusionListAnotherCodeRejectsTheRow() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.sources[.orders]!.exclusions = [
      "customer_delay": "Ritardo imputabile al cliente", "force_majeure": "Causa di forza maggiore",
    ]
    fixture.sources[.orders]!.values = [.exclusion: ["Ritardo cliente": "customer_delay"]]
    fixture.write(
      "orders/orders.csv",
      Self.orders([
        Self.order("O1", exclusion: "customer_delay"), Self.order("O2", exclusion: "Ritardo cliente"),
        Self.order("O3", exclusion: "FORCE_MAJEURE"), Self.order("O4", exclusion: "Ripensamento 14gg"),
        Self.order("O5"),
      ]))
    let data = try await fixture.ingest()
    #expect(
      data.rejects[.orders] == [
        Reject(
          file: "orders/orders.csv", line: 5, id: "O4", field: "exclusion", value: "Ripensamento 14gg",
          reason: "unknown exclusion cause")
      ])
    #expect(
      data.orders.map { data.orderValues.string(for: $0.exclusion) }
        == ["customer_delay", "customer_delay", "force_majeure", nil])
    // A declared list is not reported as codes admitted without one.
    #expect(data.statistics[.orders]!.exclusionsSeen == nil)
  }

  @Test func ticketsHaveTheirOwnExclusionList() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.sources[.tickets]!.exclusions = ["force_majeure": "Causa di forza maggiore"]
    fixture.write(
      "tickets/tickets.csv",
      ([
        Fixture.ticketsHeader, Self.ticket("T1", exclusion: "force_majeure"),
        Self.ticket("T2", exclusion: "storm"),
      ]
      .joined(separator: "\n")) + "\n")
    let data = try await fixture.ingest()
    #expect(data.rejects[.tickets]?.map(\.id) == ["T2"])
    #expect(data.rejects[.tickets]?.map(\.reason) == ["unknown exclusion cause"])
    #expect(data.tickets.map { data.ticketValues.string(for: $0.exclusion) } == ["force_majeure"])
  }

  @Test func withoutAnExclusionListEveryCodeIsAdmittedAndCountedPerRecord() async throws {
    var fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.sources[.orders]!.values = [.exclusion: ["Ritardo cliente": "customer_delay"]]
    // O1 twice (a nightly delta): one record, counted once, with the code of the version that won.
    fixture.write(
      "orders/orders.csv",
      Self.orders([
        Self.order("O1", exclusion: "Ripensamento 14gg"), Self.order("O1", exclusion: "Ripensamento 14gg"),
        Self.order("O2", exclusion: "Ritardo cliente"), Self.order("O3", exclusion: "customer_delay"),
        Self.order("O4"),
      ]))
    let data = try await fixture.ingest()
    #expect(data.rejects[.orders] == [])
    #expect(data.statistics[.orders]!.exclusionsSeen == ["Ripensamento 14gg": 1, "customer_delay": 2])
    #expect(data.statistics[.tickets]!.exclusionsSeen == [:])
    // Sources without exclusion codes have nothing to show.
    #expect(data.statistics[.invoices]!.exclusionsSeen == nil)
    #expect(data.statistics[.lines]!.exclusionsSeen == nil)
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
