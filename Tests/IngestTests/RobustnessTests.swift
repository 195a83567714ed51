import Configuration
import Foundation
import ReportCore
import Testing

@testable import Ingest

/// SPEC §2.3: the program never crashes on any byte sequence.
@Suite struct RobustnessTests {
  /// What reading a fixture gave: the data, or the file error that refused it.
  enum Outcome {
    case read(IngestedData)
    case refused(FileError)
  }

  /// Writes `bytes` as `file`, a file of `source` (orders or tickets), reads the fixture and
  /// checks what a user relies on whatever the bytes: a read accounts for every row of the
  /// file (kept, rejected at one of its lines, or folded as a duplicate); a refusal is a file
  /// error in that file, printed `path:line:column: error: message` at one of its lines.
  static func outcome(
    _ fixture: Fixture, _ source: SourceKind, file: String, bytes: [UInt8], _ context: String
  ) async -> Outcome? {
    fixture.write(file, bytes: bytes)
    let lines = 1...(bytes.filter { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }.count + 1)
    do {
      let data = try await fixture.ingest()
      guard let statistics = data.statistics[source] else {
        Issue.record("\(context): no statistics for \(source)")
        return nil
      }
      let kept = source == .orders ? data.orders.count : data.tickets.count
      #expect(
        kept + statistics.rejected + statistics.duplicates == statistics.rows,
        "\(context): \(kept) kept, \(statistics)")
      let rejects = data.rejects[source] ?? []
      #expect(rejects.count == statistics.rejected, "\(context)")
      for reject in rejects {
        #expect(
          reject.file == file && reject.line >= 2 && lines.contains(reject.line) && !reject.reason.isEmpty,
          "\(context): \(reject)")
      }
      return .read(data)
    } catch {
      guard case .file(let failure) = error else {
        Issue.record("\(context): not a file error: \(error)")
        return nil
      }
      #expect(failure.path == fixture.directory + "/" + file, "\(context): \(failure)")
      #expect(lines.contains(failure.line) && failure.column >= 1, "\(context): \(failure)")
      #expect(!failure.message.isEmpty, "\(context)")
      #expect(
        failure.description
          == "\(failure.path):\(failure.line):\(failure.column): error: \(failure.message)")
      return .refused(failure)
    }
  }

  @Test func randomBytesAreReadWithEveryRowAccountedForOrRefusedAtALocatedPosition() async {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    var random = SplitMix64(seed: 2025)
    let alphabet =
      Array("\",;\t|\r\n ab0123456789-:/".utf8) + [0x00, 0xE0, 0xC3, 0xA8, 0xFF, 0xEF, 0xBB, 0xBF]
    var (read, refused) = (0, 0)
    for round in 0..<200 {
      let count = Int(random.next() % 600)
      let bytes: [UInt8] =
        round.isMultiple(of: 2)
        ? (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        : (0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
      switch await Self.outcome(
        fixture, .orders, file: "orders/orders.csv", bytes: Array((Fixture.ordersHeader + "\n").utf8) + bytes,
        "seed 2025, round \(round)")
      {
      case .read: read += 1
      case .refused: refused += 1
      case nil: break
      }
    }
    // Both outcomes occur, so neither branch of the checks above is vacuous.
    #expect(read > 0 && refused > 0, "\(read) read, \(refused) refused")
  }

  @Test func everyTruncationOfAValidFileIsReadWithEveryRowAccountedForOrRefusedWhereItBreaks() async {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    let header = Fixture.ticketsHeader + ",note\r\n"
    let first =
      "T1,fault,,2025-01-02 10:00,2025-01-02 12:00,true,,,,voice,own,FTTH,business,01,,,\"nota \"\"x\"\"\r\nseconda\"\r\n"
    let second =
      "T2,complaint,billing,2025-01-03 10:00,,,,F9,pending,voice,own,FTTH,business,01,,2025-01-04 00:00,\r\n"
    let text = Array((header + first + second).utf8)
    let recordEnds = [header.utf8.count, header.utf8.count + first.utf8.count, text.count]
    for length in 0...text.count {
      let outcome = await Self.outcome(
        fixture, .tickets, file: "tickets/tickets.csv", bytes: Array(text[..<length]), "cut at \(length)")
      switch outcome {
      case .read(let data):
        // A cut at the end of a record reads the records before it, and nothing is rejected.
        if let records = recordEnds.firstIndex(of: length) {
          let kinds = data.tickets.sorted { $0.openedAt < $1.openedAt }.map(\.kind)
          #expect(kinds == Array([TicketKind.fault, .complaint].prefix(records)), "cut at \(length)")
          #expect(data.rejects[.tickets] == [], "cut at \(length)")
        }
      case .refused(let error):
        // Past the header, the only file-level problem a cut can make is the quoted note left
        // open, reported at the start of its record.
        #expect(
          length < header.utf8.count || (error.line, error.column) == (2, 1), "cut at \(length): \(error)")
        #expect(!recordEnds.contains(length), "cut at \(length): \(error)")
      case nil: break
      }
    }
  }

  @Test func aVeryLongUnterminatedFieldIsRefusedWithoutReadingItAllIntoOneBuffer() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    let body = "O1,\"" + String(repeating: "x", count: 3 << 20)
    fixture.write("orders/orders.csv", Fixture.ordersHeader + "\n" + body)
    let error = try #require(await fixture.fileError())
    #expect(error.line == 2)
  }
}
