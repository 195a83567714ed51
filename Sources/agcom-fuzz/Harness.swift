import Dispatch
import Foundation

/// The two fuzz harnesses, chosen by `AGCOM_FUZZ_HARNESS` (`reader` or `config`).
///
/// Under libFuzzer (built with `-DFUZZING`, see `scripts/fuzz.sh`) libFuzzer's `main` calls
/// ``fuzzTestOneInput(_:_:)`` for every input; in a normal build `agcom-fuzz` replays saved
/// inputs through the same function (``Replay``). An input that crashes, hangs or breaks an
/// invariant checked by the harness stops the process (`fatalError`): that is a finding.
enum Harness: String, CaseIterable {
  case reader, config

  /// The harness named by the environment, read once.
  static let selected: Harness = {
    let name = ProcessInfo.processInfo.environment["AGCOM_FUZZ_HARNESS"] ?? ""
    guard let harness = Harness(rawValue: name) else {
      FileHandle.standardError.write(
        Data("agcom-fuzz: set AGCOM_FUZZ_HARNESS to reader or config (it is '\(name)')\n".utf8))
      exit(64)
    }
    return harness
  }()

  /// Runs one input through the harness.
  func run(_ bytes: [UInt8]) {
    switch self {
    case .reader: ReaderHarness.run(bytes)
    case .config: ConfigurationHarness.run(bytes)
    }
  }
}

/// Whether to print each input's outcome (`AGCOM_FUZZ_VERBOSE=1`), to see what a seed reaches.
let verbose = ProcessInfo.processInfo.environment["AGCOM_FUZZ_VERBOSE"] != nil

/// Prints an input's outcome when ``verbose``.
func trace(_ outcome: @autoclosure () -> String) {
  if verbose { print("\(replaying.isEmpty ? "input" : replaying): \(outcome())") }
}

/// libFuzzer's entry point: one input, 0 when it was handled.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  Harness.selected.run(bytes)
  return 0
}

/// Stops the process on a broken invariant; libFuzzer saves the input as a crash.
func finding(_ message: String) -> Never {
  fatalError("agcom-fuzz finding: \(message)\(replaying.isEmpty ? "" : " (input \(replaying))")")
}

/// The file being replayed, named by ``finding(_:)``; set by the main thread between inputs.
nonisolated(unsafe) var replaying = ""

/// Checks what every located problem must satisfy (STYLE.md, "Errors people can act on"):
/// printed as `path:line:column: error: message` on one line, at a position inside the input.
///
/// - Parameters:
///   - lines: the input's physical lines (line breaks + 1): no position may be past them.
///   - length: the input's length in columns (bytes or scalars): no column may be past it + 1.
func checkLocated(
  description: String, path: String, expectedPath: String, line: Int, column: Int, message: String,
  lines: Int, length: Int
) {
  if path != expectedPath { finding("error path '\(path)' is not '\(expectedPath)': \(description)") }
  if line < 1 || line > lines { finding("error line \(line) outside 1...\(lines): \(description)") }
  if column < 1 || column > length + 1 {
    finding("error column \(column) outside 1...\(length + 1): \(description)")
  }
  if message.isEmpty { finding("empty error message: \(description)") }
  if message.contains(where: \.isNewline) { finding("error message spans lines: \(description)") }
  if description != "\(path):\(line):\(column): error: \(message)" {
    finding("error not printed as path:line:column: error: message: \(description)")
  }
}

/// Runs async work to completion from the synchronous fuzz callback.
func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
  let box = ResultBox<T>()
  let done = DispatchSemaphore(value: 0)
  Task.detached {
    box.value = await body()
    done.signal()
  }
  done.wait()
  return box.value!
}

/// Where the detached task of ``runBlocking(_:)`` leaves its result; read after the
/// semaphore, so never concurrently.
private final class ResultBox<T>: @unchecked Sendable {
  var value: T?
}

/// The directory of this process's temporary files, created once and removed at exit.
let scratchDirectory: String = {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("agcom-fuzz-\(getpid())").path
  do {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  } catch {
    finding("cannot create \(path): \(error)")
  }
  atexit { try? FileManager.default.removeItem(atPath: scratchDirectory) }
  return path
}()

/// Replaces the file at `path` with `bytes`.
func write(_ bytes: [UInt8], to path: String) {
  guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
    finding("cannot write \(path)")
  }
}
