import Foundation
import Testing

/// Paths that are not regular files, as a user meets them: located, with the README's exit
/// code, and never a hang.
@Suite struct InputFileCommandTests {
  /// A copy of `samples/input` in a temporary directory.
  private static func samplesCopy() throws -> URL {
    let directory = Executable.temporaryDirectory()
    try FileManager.default.copyItem(
      at: Executable.packageRoot.appendingPathComponent("samples/input"),
      to: directory.appendingPathComponent("input"))
    return directory
  }

  @Test func aFIFOAmongTheOrdersFilesExits65NamingItAndDoesNotHang() throws {
    let directory = try Self.samplesCopy()
    defer { try? FileManager.default.removeItem(at: directory) }
    let fifo = directory.appendingPathComponent("input/ordini/ordini_2025-99.csv").path
    #expect(mkfifo(fifo, 0o644) == 0)
    for command in ["check", "run"] {
      var arguments = [
        command, "--config", "samples/operator.yaml", "--input",
        directory.appendingPathComponent("input").path,
      ]
      if command == "run" {
        arguments += [
          "--period", "2025-H1", "--report-date", "2025-07-15", "--output", directory.path + "/out",
        ]
      }
      let result = try Executable.run(arguments)
      #expect(result.status == 65, "\(command)")
      #expect(
        result.stderr.contains("\(fifo): error: not a regular file (a FIFO)\n"),
        "\(command): \(result.stderr)")
      #expect(!FileManager.default.fileExists(atPath: directory.path + "/out/2025-H1"))
    }
  }

  @Test func aFIFOAsTheConfigurationExits78AndDoesNotHang() throws {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let fifo = directory.appendingPathComponent("config.yaml").path
    #expect(mkfifo(fifo, 0o644) == 0)
    let result = try Executable.run(["check", "--config", fifo, "--input", "samples/input"])
    #expect(result.status == 78)
    #expect(result.stderr == "\(fifo): error: cannot read the configuration: not a regular file (a FIFO)\n")
  }

  @Test func aDanglingSymbolicLinkAmongTheOrdersFilesExits65() throws {
    let directory = try Self.samplesCopy()
    defer { try? FileManager.default.removeItem(at: directory) }
    let orders = directory.appendingPathComponent("input/ordini/ordini_2025-03.csv").path
    try FileManager.default.removeItem(atPath: orders)
    try FileManager.default.createSymbolicLink(atPath: orders, withDestinationPath: orders + ".missing")
    let result = try Executable.run([
      "check", "--config", "samples/operator.yaml", "--input", directory.appendingPathComponent("input").path,
    ])
    #expect(result.status == 65)
    #expect(result.stderr == "\(orders): error: not a regular file (a dangling symbolic link)\n")
  }

  /// An input that cannot be read is an I/O error (74), not a data error: `/proc/self/mem`
  /// fails its first read with `EIO`, whoever runs the test.
  @Test func anInputThatCannotBeReadExits74() throws {
    let directory = try Self.samplesCopy()
    defer { try? FileManager.default.removeItem(at: directory) }
    let orders = directory.appendingPathComponent("input/ordini/ordini_2025-99.csv").path
    try FileManager.default.createSymbolicLink(atPath: orders, withDestinationPath: "/proc/self/mem")
    let result = try Executable.run([
      "check", "--config", "samples/operator.yaml", "--input", directory.appendingPathComponent("input").path,
    ])
    #expect(result.status == 74)
    #expect(result.stderr == "\(orders): error: cannot read: Input/output error\n")
  }
}
