import Testing

@testable import agcom_report

/// Under cron, every event is one parseable line whatever its values hold (SPEC §7).
@Suite struct LogTests {
  @Test func plainValuesArePrintedAsTheyAre() {
    #expect(
      Log.eventLine("source", ["source": "orders", "rows": "3414"])
        == "agcom-report: event=source source=orders rows=3414")
  }

  @Test func valuesWithSpacesQuotesEqualsSignsOrBackslashesAreQuoted() {
    #expect(
      Log.eventLine("done", ["output": "/srv/my reports", "note": "a=\"b\"", "path": "C:\\out"])
        == #"agcom-report: event=done output="/srv/my reports" note="a=\"b\"" path="C:\\out""#)
  }

  @Test func valuesWithControlCharactersAreQuotedAndWrittenOut() {
    let line = Log.eventLine("done", ["output": "/srv/a\nevent=forged\r\u{1b}[2J"])
    #expect(line == #"agcom-report: event=done output="/srv/a\nevent=forged\r\x1b[2J""#)
    #expect(!line.unicodeScalars.contains { $0.value < 0x20 })
  }
}
