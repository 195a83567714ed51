import Crypto
import Foundation
import Testing

@testable import Ingest

/// The manifest's input digests are computed while the files are read (no second read).
@Suite struct DigestTests {
  @Test func eachFileIsDigestedAsItIsOnDiskByteOrderMarkAndEveryChunkIncluded() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    // A byte-order mark, then more rows than one read chunk holds.
    var text = Fixture.ordersHeader + "\n"
    for index in 0..<8000 {
      text += "O\(index),2025-01-02 10:00,2025-01-05 12:00,,,completed,voice,own,FTTH,business,01,,\n"
    }
    let bytes = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    #expect(bytes.count > 2 * CSVFileReader.chunkSize)
    fixture.write("orders/orders.csv", bytes: bytes)

    let data = try await fixture.ingest(digests: true)
    let file = try #require(data.statistics[.orders]!.files.first)
    #expect(file.rows == 8000)
    #expect(file.sha256 == SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined())
    let invoices = try #require(data.statistics[.invoices]!.files.first)
    let invoiceBytes = try Data(contentsOf: URL(fileURLWithPath: fixture.directory + "/" + invoices.path))
    #expect(invoices.sha256 == SHA256.hash(data: invoiceBytes).map { String(format: "%02x", $0) }.joined())
  }

  @Test func checkDoesNotPayForDigests() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    let data = try await fixture.ingest()
    #expect(data.statistics.values.flatMap(\.files).allSatisfy { $0.sha256 == nil })
  }
}
