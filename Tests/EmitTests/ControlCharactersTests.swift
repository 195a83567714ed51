import ReportCore
import Testing

@testable import Emit

/// Whatever a value holds, what the tool prints on standard error stays one line and
/// cannot drive the terminal (``ControlCharacters``).
@Suite struct ControlCharactersTests {
  @Test(arguments: [
    ("riga\nseconda", "riga\\nseconda"),
    ("riga\rseconda", "riga\\rseconda"),
    ("riga\r\nseconda", "riga\\r\\nseconda"),  // one Character in Swift, two scalars
    ("a\tb", "a\\tb"),
    ("\u{1b}[2J", "\\x1b[2J"),
    ("\u{0}\u{7}\u{1f}\u{7f}", "\\x00\\x07\\x1f\\x7f"),
    ("x\u{85}y\u{9b}z", "x\\u{0085}y\\u{009b}z"),
    ("a\u{2028}b\u{2029}c", "a\\u{2028}b\\u{2029}c"),
  ])
  func controlCharactersAreWrittenOut(text: String, printed: String) {
    #expect(ControlCharacters.escaped(text) == printed)
  }

  @Test func everythingElseIsKeptAsItIs() {
    for text in ["", "ordini/ordini_2025-03.csv", "Città di Forlì — 'x' \"y\" C:\\dati", "Ä€😀"] {
      #expect(ControlCharacters.escaped(text) == text)
    }
  }

  @Test func escapingTwiceChangesNothing() {
    let once = ControlCharacters.escaped("a\n\u{1b}b\\x1b\u{85}")
    #expect(ControlCharacters.escaped(once) == once)
  }

  @Test func aRejectedRowsWarningIsOneLineWhateverItsFileAndValueHold() {
    var statistics = SourceStatistics(threshold: ExactDecimal(units: 5, scale: 3))
    statistics.rows = 30
    statistics.rejected = 21
    let rejects = (0..<21).map { index in
      Reject(
        file: "ordini/a\nb.csv", line: index + 2, field: "order_date", value: "\u{1b}[2J31/02\r\n",
        reason: "bad date")
    }
    let summary = CheckSummary(
      audit: IngestAudit(statistics: [.orders: statistics], rejects: [.orders: rejects]))
    let warnings = summary.warnings { _ in "see out\n/rejects" }
    #expect(warnings.count == 21)
    #expect(
      warnings[0] == "ordini/a\\nb.csv:2: warning: rejected: order_date: bad date '\\x1b[2J31/02\\r\\n'")
    #expect(warnings[20] == "orders: 1 more rejected rows (see out\\n/rejects)")
    for warning in warnings {
      #expect(!warning.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }, "\(warning)")
    }
  }
}
