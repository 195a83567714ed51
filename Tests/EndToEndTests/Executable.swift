import Foundation

/// Runs the built `agcom-report` executable, as cron or an operator would.
struct Executable {
  /// The package root (for samples/ and the acceptance data); the executable runs from it.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The repository's copy of the acceptance data (it mirrors `../shared/acceptance`),
  /// relative to the package root.
  static let acceptance = "Tests/Fixtures/acceptance"

  /// `agcom-report` sits next to the test bundle in the build products directory.
  static let url: URL = {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent()
    while directory.pathExtension == "xctest" || directory.lastPathComponent == "MacOS"
      || directory.lastPathComponent == "Contents"
    {
      directory.deleteLastPathComponent()
    }
    return directory.appendingPathComponent("agcom-report")
  }()

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs the executable (or `executable`) with `arguments` from the package root and waits.
  static func run(_ arguments: [String], executable: URL = url) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Drain both pipes at once, standard error on another thread: reading one to its end
    // before the other would leave a child blocked on the full buffer of the other, and the
    // test waiting for an end that never comes.
    let errors = PipeDrain(err.fileHandleForReading)
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = errors.wait()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// Reads a pipe to its end on a thread of its own.
  private final class PipeDrain: @unchecked Sendable {
    // `data` is written once by the reading thread before `done` is signalled, and read only
    // after `wait` has seen the signal.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
      DispatchQueue.global().async {
        self.data = handle.readDataToEndOfFile()
        self.done.signal()
      }
    }

    /// Waits for the end of the pipe and returns everything read.
    func wait() -> Data {
      done.wait()
      return data
    }
  }

  /// Starts the executable with `arguments` from the package root, output discarded,
  /// without waiting for it.
  static func start(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// A fresh temporary directory.
  static func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("agcom-e2e-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
