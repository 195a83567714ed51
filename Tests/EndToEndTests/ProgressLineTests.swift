import Foundation
import Ingest
import ReportCore
import Testing

@testable import agcom_report

/// The progress line while the exports are read: on a terminal only, redrawn in place and
/// erased before anything else is printed.
@Suite struct ProgressLineTests {
  /// 219 MB in 2 s is 110 MB/s; the 650 MB left take 5.9 s, shown rounded up.
  @Test func theLineGivesEachSourceTheSpeedAndTheTimeLeft() {
    let sources = [
      ReadProgress.Source(kind: .orders, read: 120_000_000, total: 287_000_000),
      ReadProgress.Source(kind: .tickets, read: 99_000_000, total: 99_000_000),
      ReadProgress.Source(kind: .invoices, read: 1, total: 483_000_000),
    ]
    #expect(
      ProgressLine.line(sources, seconds: 2)
        == "reading: orders 120/287 MB, tickets 99/99 MB, invoices 1/483 MB · 110 MB/s · about 6 s left")
    // Nothing read yet: no speed, no estimate.
    #expect(
      ProgressLine.line([ReadProgress.Source(kind: .lines, read: 0, total: 0)], seconds: 0.25)
        == "reading: lines 0/0 MB")
  }

  /// Under a pseudo-terminal (`script`), `check` draws the line — each redraw starts with a
  /// carriage return and clears to the end of the line — and erases it before the summary;
  /// with standard error not a terminal, nothing of it is written.
  @Test func onATerminalTheLineIsDrawnAndErasedAndOtherwiseNeverWritten() throws {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    // An orders export large enough that reading it outlasts a few redraws (250 ms each).
    let input = directory.appendingPathComponent("input")
    try FileManager.default.copyItem(
      at: Executable.packageRoot.appendingPathComponent("\(Executable.acceptance)/input"), to: input)
    let month = try Data(contentsOf: input.appendingPathComponent("orders/orders_2025-03.csv"))
    let body = month.drop { $0 != UInt8(ascii: "\n") }.dropFirst()
    var large = Data(month)
    for _ in 0..<300 { large.append(body) }  // 13 MB of the same orders again: duplicates, folded
    try large.write(to: input.appendingPathComponent("orders/orders_2025-03.csv"))

    let arguments = ["check", "--config", "samples/acceptance.yaml", "--input", input.path]
    let command = ([Executable.url.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
    let terminal = try Executable.run(
      ["-qec", command + " 2>&1 >/dev/null", "/dev/null"], executable: URL(fileURLWithPath: "/usr/bin/script")
    )
    #expect(terminal.status == 0, "\(terminal.stdout)")
    let text = terminal.stdout
    #expect(text.contains("\rreading: orders "), "\(text.debugDescription)")
    #expect(text.contains(" MB/s"))
    // Erased: the last redraw is followed by the erasing sequence, then the summary's warnings.
    let erased = try #require(text.range(of: "\r\u{1B}[K", options: .backwards))
    #expect(!text[erased.upperBound...].contains("reading:"))
    #expect(text[erased.upperBound...].contains("warning: rejected"))

    let piped = try Executable.run(arguments)
    #expect(piped.status == 0)
    #expect(!piped.stderr.contains("reading:"))
    #expect(!piped.stderr.contains("\u{1B}"))
  }
}
