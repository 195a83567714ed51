import Configuration
import Foundation
import ReportCore

@testable import Ingest

/// A throwaway input directory with the four sources, for ingestion tests.
struct Fixture {
  let directory: String
  var sources: [SourceKind: SourceConfiguration]

  static let ordersHeader =
    "order_id,order_date,completion_date,agreed_date,contract_days,status,service,access,technology,customer,region,exclusion,updated_at"
  static let ticketsHeader =
    "ticket_id,kind,category,opened_at,resolved_at,effective,suspended_minutes,invoice_id,outcome,service,access,technology,customer,region,exclusion,updated_at"

  /// A fixture whose required sources hold one valid row each, in canonical form (calls and
  /// surveys, optional, are not configured).
  init() {
    directory =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("agcom-ingest-\(UUID().uuidString)").path
    let formats = [try! DatePattern("yyyy-MM-dd HH:mm"), try! DatePattern("yyyy-MM-dd")]
    sources = [:]
    for kind in SourceKind.allCases where !kind.isOptional {
      sources[kind] = SourceConfiguration(
        kind: kind, files: ["\(kind.rawValue)/*.csv"], dateFormats: formats, decimalMark: .point)
    }
    write(
      "orders/orders.csv",
      Self.ordersHeader + "\nO1,2025-01-02 10:00,2025-01-05 12:00,,,completed,voice,own,FTTH,business,01,,\n")
    write(
      "tickets/tickets.csv",
      Self.ticketsHeader
        + "\nT1,fault,,2025-01-02 10:00,2025-01-02 12:00,true,,,,voice,own,FTTH,business,01,,\n")
    write(
      "invoices/invoices.csv",
      "invoice_id,issue_date,doc_type,service,customer\nF1,2025-01-01,invoice,voice,business\n")
    write("lines/lines.csv", "month,access,technology,active_lines\n2025-01,own,FTTH,100\n")
  }

  /// Writes `text` as UTF-8 to a file of the fixture, replacing it.
  func write(_ relative: String, _ text: String) {
    write(relative, bytes: Array(text.utf8))
  }

  func write(_ relative: String, bytes: [UInt8]) {
    let path = directory + "/" + relative
    try! FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
  }

  func remove(_ relative: String) {
    try? FileManager.default.removeItem(atPath: directory + "/" + relative)
  }

  var configuration: ReportConfiguration {
    ReportConfiguration(
      file: ConfigurationFile(path: "test.yaml", bytes: []),
      operatorInfo: OperatorInfo(name: "Test", vatNumber: "IT0", brand: nil),
      timeZone: try! TimeZoneTable(identifier: "Europe/Rome"),
      calendar: WorkingCalendar(
        workingDays: [.monday, .tuesday, .wednesday, .thursday, .friday], workingHours: nil,
        recurringHolidays: [], holidays: []),
      sources: sources, indicators: .defaults, targets: Targets(), labels: Labels())
  }

  func ingest(
    digests: Bool = false, recordIDs: Bool = false, careRecordIDs: Bool = false,
    segmentation: ReadSegmentation = .default
  )
    async throws(IngestError) -> IngestedData
  {
    try await Ingestion.ingest(
      configuration: configuration, input: directory, digests: digests, recordIDs: recordIDs,
      careRecordIDs: careRecordIDs, segmentation: segmentation)
  }

  /// Ingests and returns the file error, failing the test when there is none.
  func fileError() async -> FileError? {
    do {
      _ = try await ingest()
      return nil
    } catch {
      if case .file(let failure) = error { return failure }
      return nil
    }
  }

  func cleanUp() {
    try? FileManager.default.removeItem(atPath: directory)
  }
}

/// Short names for what the tests read of an ingestion.
extension IngestedData {
  var statistics: [SourceKind: SourceStatistics] { audit.statistics }
  var rejects: [SourceKind: [Reject]] { audit.rejects }

  var orders: [Order] {
    guard case .orders(let orders, _) = records[.orders] else { return [] }
    return orders
  }
  var orderValues: ValueDictionary {
    guard case .orders(_, let values) = records[.orders] else { return ValueDictionary() }
    return values
  }
  var tickets: [Ticket] {
    guard case .tickets(let tickets, _) = records[.tickets] else { return [] }
    return tickets
  }
  var ticketValues: ValueDictionary {
    guard case .tickets(_, let values) = records[.tickets] else { return ValueDictionary() }
    return values
  }
  var invoicesIssued: [DatedDimensions: Int64] {
    guard case .invoices(let issued, _) = records[.invoices] else { return [:] }
    return issued
  }
  var invoiceValues: ValueDictionary {
    guard case .invoices(_, let values) = records[.invoices] else { return ValueDictionary() }
    return values
  }
  var activeLines: [DatedDimensions: Int64] {
    guard case .lines(let active, _) = records[.lines] else { return [:] }
    return active
  }
}
