import Foundation
import ReportCore
import Testing

@testable import Ingest

/// SPEC §2.3: every path a source's globs match is read as a regular file or fails the run,
/// located; nothing is skipped silently and nothing blocks.
@Suite struct InputFileTests {
  /// The file error of an ingestion, or nil (recording an issue) when it failed otherwise.
  private static func failure(_ fixture: Fixture) async -> IngestError? {
    do {
      _ = try await fixture.ingest()
      Issue.record("the ingestion succeeded")
      return nil
    } catch {
      return error
    }
  }

  private static func notRegular(_ fixture: Fixture, _ relative: String, _ kind: String) -> IngestError {
    .file(
      FileError(
        path: fixture.directory + "/" + relative, line: 0, column: 0, message: "not a regular file (\(kind))")
    )
  }

  @Test func aFIFOAmongTheOrdersFilesIsAFileErrorAndNeverBlocksTheRead() async {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    #expect(mkfifo(fixture.directory + "/orders/orders_2.csv", 0o644) == 0)
    #expect(await Self.failure(fixture) == Self.notRegular(fixture, "orders/orders_2.csv", "a FIFO"))
  }

  @Test func aDanglingSymbolicLinkIsAFileErrorNotASkippedFile() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    try FileManager.default.createSymbolicLink(
      atPath: fixture.directory + "/orders/orders_2.csv", withDestinationPath: fixture.directory + "/gone.csv"
    )
    #expect(
      await Self.failure(fixture)
        == Self.notRegular(fixture, "orders/orders_2.csv", "a dangling symbolic link"))
  }

  @Test func aSymbolicLinkLoopIsAFileError() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    let path = fixture.directory + "/orders/orders_2.csv"
    try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: path)
    #expect(
      await Self.failure(fixture) == Self.notRegular(fixture, "orders/orders_2.csv", "a symbolic link loop"))
  }

  @Test func aDirectoryMatchingTheGlobIsAFileError() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    try FileManager.default.createDirectory(
      atPath: fixture.directory + "/orders/orders_2.csv", withIntermediateDirectories: false)
    #expect(await Self.failure(fixture) == Self.notRegular(fixture, "orders/orders_2.csv", "a directory"))
  }

  @Test func aDeviceMatchingTheGlobIsAFileError() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    try FileManager.default.createSymbolicLink(
      atPath: fixture.directory + "/orders/orders_2.csv", withDestinationPath: "/dev/null")
    #expect(
      await Self.failure(fixture) == Self.notRegular(fixture, "orders/orders_2.csv", "a character device"))
  }

  @Test func aSymbolicLinkToARegularFileIsRead() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    fixture.write(
      "elsewhere/orders.csv", Fixture.ordersHeader + "\nO2,2025-01-02,,,,open,voice,own,FTTH,business,,,\n")
    try FileManager.default.createSymbolicLink(
      atPath: fixture.directory + "/orders/orders_2.csv",
      withDestinationPath: fixture.directory + "/elsewhere/orders.csv")
    let data = try await fixture.ingest()
    #expect(data.statistics[.orders]?.files.map(\.path) == ["orders/orders.csv", "orders/orders_2.csv"])
  }

  /// `chmod 000` does not stop root, who runs these tests in CI: a read that fails with
  /// `EIO` stands for every file that cannot be read (`/proc/self/mem` at offset 0 is a
  /// regular file whose first page is never mapped).
  @Test func aFileThatFailsToReadIsUnreadableNotAFileError() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    try FileManager.default.createSymbolicLink(
      atPath: fixture.directory + "/orders/orders_2.csv", withDestinationPath: "/proc/self/mem")
    #expect(
      await Self.failure(fixture)
        == .unreadable(path: fixture.directory + "/orders/orders_2.csv", reason: "Input/output error"))
  }

  @Test(.disabled(if: geteuid() == 0, "root reads a file whatever its mode"))
  func aFileWithoutReadPermissionIsUnreadable() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    #expect(chmod(fixture.directory + "/orders/orders.csv", 0) == 0)
    #expect(
      await Self.failure(fixture)
        == .unreadable(path: fixture.directory + "/orders/orders.csv", reason: "Permission denied"))
  }

  /// An orders file of three chunks, read by a reader whose hook runs `change` after the first.
  private static func readChanged(_ change: @escaping (String) -> Void) throws(IngestError) -> CSVFileFacts {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    let row = "O1,2025-01-02 10:00,2025-01-05 12:00,,,completed,voice,own,FTTH,business,01,,\n"
    let rows = String(repeating: row, count: 3 * CSVFileReader.chunkSize / row.utf8.count)
    fixture.write("orders/orders.csv", Fixture.ordersHeader + "\n" + rows)
    let path = fixture.directory + "/orders/orders.csv"
    var reader = CSVFileReader(path: path, delimiter: .byte(UInt8(ascii: ",")), encoding: .utf8)
    reader.whenFirstChunkParsed = { change(path) }
    return try reader.read(header: { _, _ in }, rows: { _, _ in })
  }

  private static func changed(_ path: String) -> IngestError {
    .file(FileError(path: path, line: 0, column: 0, message: "changed while it was read"))
  }

  @Test func aFileReadWithoutChangeIsReadToItsSize() throws {
    let facts = try Self.readChanged { _ in }
    #expect(Int64(facts.bytes) == facts.identity.size && facts.bytes > 2 * CSVFileReader.chunkSize)
  }

  @Test func aFileTruncatedWhileItIsReadIsAFileError() {
    var path = ""
    let error = #expect(throws: IngestError.self) {
      try Self.readChanged {
        path = $0
        #expect(truncate($0, 1000) == 0)
      }
    }
    #expect(error == Self.changed(path))
  }

  @Test func aFileAppendedToWhileItIsReadIsAFileError() {
    var path = ""
    let append = { (file: String) in
      path = file
      let handle = FileHandle(forWritingAtPath: file)!
      handle.seekToEndOfFile()
      handle.write(Data("O9,2025-01-02,,,,open,voice,own,FTTH,business,,,\n".utf8))
      handle.closeFile()
    }
    let error = #expect(throws: IngestError.self) { try Self.readChanged(append) }
    #expect(error == Self.changed(path))
  }

  @Test func aFileReplacedWhileItIsReadIsAFileError() {
    var path = ""
    let replace = { (file: String) in
      path = file
      // The same bytes under a new inode: only the path's identity tells.
      #expect(
        FileManager.default.createFile(
          atPath: file + ".new", contents: FileManager.default.contents(atPath: file)))
      #expect(rename(file + ".new", file) == 0)
    }
    let error = #expect(throws: IngestError.self) { try Self.readChanged(replace) }
    #expect(error == Self.changed(path))
  }

  @Test func aFileAppendedToAfterItWasReadFailsTheCheckBeforeWriting() async throws {
    let fixture = Fixture()
    defer { fixture.cleanUp() }
    let data = try await fixture.ingest()
    try data.checkInputsUnchanged()
    let path = fixture.directory + "/tickets/tickets.csv"
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.seekToEndOfFile()
    handle.write(Data("T9,fault,,2025-01-02 10:00,,true,,,,voice,own,FTTH,business,01,,\n".utf8))
    handle.closeFile()
    #expect(
      throws: IngestError.file(
        FileError(path: path, line: 0, column: 0, message: "changed after it was read"))
    ) {
      try data.checkInputsUnchanged()
    }
  }
}
