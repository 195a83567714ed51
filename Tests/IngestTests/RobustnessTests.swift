import Foundation
import Testing

@testable import Ingest

/// SPEC §2.3: the program never crashes on any byte sequence.
@Suite struct RobustnessTests {
  /// A small deterministic generator, so a failure can be replayed.
  struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// Reads the fixture and accepts any outcome but a crash; returns true when it read.
  static func survives(_ fixture: Fixture) async -> Bool {
    do {
      _ = try await fixture.ingest()
      return true
    } catch {
      #expect(!error.description.isEmpty)
      return false
    }
  }

  @Test func randomBytesNeverCrashTheReader() async {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    var random = SplitMix(state: 2025)
    let alphabet =
      Array("\",;\t|\r\n ab0123456789-:/".utf8) + [0x00, 0xE0, 0xC3, 0xA8, 0xFF, 0xEF, 0xBB, 0xBF]
    for round in 0..<200 {
      let count = Int(random.next() % 600)
      let bytes: [UInt8] =
        round.isMultiple(of: 2)
        ? (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        : (0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
      fixture.write("orders/orders.csv", bytes: Array((Fixture.ordersHeader + "\n").utf8) + bytes)
      _ = await Self.survives(fixture)
    }
  }

  @Test func everyTruncationOfAValidFileIsReadOrRefusedCleanly() async {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    let text = Array(
      (Fixture.ticketsHeader + "\r\n"
        + "T1,fault,,2025-01-02 10:00,2025-01-02 12:00,true,,,,voice,own,FTTH,business,01,\"nota \"\"x\"\"\r\nseconda\",\r\n"
        + "T2,complaint,billing,2025-01-03 10:00,,,,F9,pending,voice,own,FTTH,business,01,,2025-01-04 00:00\r\n")
        .utf8)
    var read = 0
    for length in 0...text.count {
      fixture.write("tickets/tickets.csv", bytes: Array(text[..<length]))
      if await Self.survives(fixture) { read += 1 }
    }
    #expect(read > 0)
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
