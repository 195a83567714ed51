import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// README "Guarantees": an export that changes after it was read and before the report is
/// written fails the run (65) naming the file, and nothing is written — the manifest's
/// digests are of the bytes the figures come from.
@Suite struct InputChangeCommandTests {
  /// The run reads its inputs, then waits for the output's lock (held here); the test
  /// appends a row to an export while it waits, then lets it go on — deterministically, with
  /// no timing guess: the run says `event=waiting` once it is past reading.
  @Test func anExportAppendedToWhileTheRunWaitsForTheLockFailsTheRunAndWritesNothing() throws {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("input")
    try FileManager.default.copyItem(
      at: Executable.packageRoot.appendingPathComponent("\(Executable.acceptance)/input"), to: input)
    let output = directory.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    let lock = open(output.appendingPathComponent(".agcom-report.lock").path, O_CREAT | O_RDWR, 0o644)
    try #require(lock >= 0)
    #expect(flock(lock, LOCK_EX) == 0)

    let log = directory.appendingPathComponent("stderr.log")
    FileManager.default.createFile(atPath: log.path, contents: nil)
    let process = Process()
    process.executableURL = Executable.url
    process.arguments = [
      "run", "--config", "samples/acceptance.yaml", "--input", input.path, "--period", "2026-H2", "--output",
      output.path, "--report-date", "2026-11-20",
    ]
    process.currentDirectoryURL = Executable.packageRoot
    process.standardOutput = FileHandle.nullDevice
    process.standardError = try FileHandle(forWritingTo: log)
    try process.run()

    // Wait until the run has read everything and waits for the lock.
    var waited = 0
    while !(try String(contentsOf: log, encoding: .utf8)).contains("event=waiting") && process.isRunning
      && waited < 2400
    {
      usleep(50_000)
      waited += 1
    }
    let changed = input.appendingPathComponent("orders/orders_2026-11.csv")
    let handle = try FileHandle(forWritingTo: changed)
    handle.seekToEndOfFile()
    handle.write(Data("ORD-LATE,2026-11-19 10:00,,,,open,voice,own,FTTH,business,01,,,\n".utf8))
    handle.closeFile()
    flock(lock, LOCK_UN)
    close(lock)
    process.waitUntilExit()

    let stderr = try String(contentsOf: log, encoding: .utf8)
    #expect(stderr.contains("event=waiting"), "\(stderr)")
    #expect(process.terminationStatus == 65, "\(stderr)")
    #expect(stderr.contains("orders_2026-11.csv"), "\(stderr)")
    #expect(stderr.contains("changed after it was read"), "\(stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == [".agcom-report.lock"])
  }
}
