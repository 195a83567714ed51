import Foundation
import Testing

/// The harness that runs the executable: it must not be the reason an end-to-end test hangs.
@Suite struct ExecutableTests {
  /// `Executable.run`'s result, handed over from the thread that waits for it.
  final class Outcome: @unchecked Sendable {
    // Written once before `done` is signalled; read only after the signal was seen.
    var result: Result<Executable.Result, any Error>?
    let done = DispatchSemaphore(value: 0)
  }

  /// A child that fills standard error (1 MiB, far beyond a pipe's buffer) before it writes
  /// to standard output. Reading standard output to its end first would leave both waiting
  /// for ever: the run happens on a thread of its own, so that such a regression fails here
  /// instead of hanging the suite (the blocked child ends with the test process). The run
  /// takes a fraction of a second; the five minutes allowed are for a loaded shared machine.
  @Test func aChildThatWritesMuchToStandardErrorBeforeStandardOutputIsReadToTheEnd() throws {
    let outcome = Outcome()
    Thread.detachNewThread {
      outcome.result = Result {
        try Executable.run(
          ["-c", "head -c 1048576 /dev/zero | tr '\\0' e >&2; echo out; exit 3"],
          executable: URL(fileURLWithPath: "/bin/sh"))
      }
      outcome.done.signal()
    }
    guard outcome.done.wait(timeout: .now() + 300) == .success else {
      Issue.record("Executable.run did not return: it waits for standard output while the child is blocked")
      return
    }
    let result = try #require(outcome.result).get()
    #expect(result.status == 3)
    #expect(result.stdout == "out\n")
    #expect(result.stderr.utf8.count == 1 << 20)
    #expect(result.stderr.allSatisfy { $0 == "e" })
  }
}
