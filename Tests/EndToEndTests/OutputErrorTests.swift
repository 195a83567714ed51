import Foundation
import Testing

/// `agcom-report run` when the report cannot be written: the exit code of SPEC §7 and a
/// message naming the path.
@Suite struct OutputErrorTests {
  private static func run(output: String, input: String = "samples/input") throws -> Executable.Result {
    try Executable.run([
      "run", "--config", "samples/operator.yaml", "--input", input, "--period", "2025", "--output", output,
      "--report-date", "2026-01-15",
    ])
  }

  @Test func anOutputDirectoryThatCannotBeCreatedExits73() throws {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("file")
    try Data().write(to: file)
    let result = try Self.run(output: file.path + "/out")
    #expect(result.status == 73)
    #expect(result.stderr.contains("\(file.path)/out: error: cannot create the output directory: "))
  }

  @Test func aSymbolicLinkInPlaceOfTheLockFileExits74AndIsNotFollowed() throws {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = directory.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    let target = directory.appendingPathComponent("target")
    try FileManager.default.createSymbolicLink(
      atPath: output.appendingPathComponent(".agcom-report.lock").path, withDestinationPath: target.path)
    let result = try Self.run(output: output.path)
    #expect(result.status == 74)
    #expect(
      result.stderr.contains(
        "\(output.path)/.agcom-report.lock: error: cannot open the lock file: it is a symbolic link, "
          + "which is never followed\n"))
    #expect(!FileManager.default.fileExists(atPath: target.path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == [".agcom-report.lock"])
  }
}
