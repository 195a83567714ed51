import Foundation
import Synchronization
import Testing

@testable import Emit

#if canImport(Glibc)
  import Glibc
#endif

/// The output directory of SPEC §7: replaced all at once, under a lock runs take turns on,
/// recovering what a killed run left behind.
@Suite struct OutputDirectoryTests {
  /// A fresh parent directory (not created) inside a fresh temporary directory.
  private static func scratch() -> (root: URL, directory: OutputDirectory) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agcom-output-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    return (root, OutputDirectory(parent: root.path + "/out", name: "2025-H1"))
  }

  /// Every file under `path` (relative path → text).
  private static func files(in path: String) -> [String: String] {
    var result: [String: String] = [:]
    let enumerator = FileManager.default.enumerator(atPath: path)!
    while let file = enumerator.nextObject() as? String {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path + "/" + file, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        result[file] = String(
          decoding: FileManager.default.contents(atPath: path + "/" + file)!, as: UTF8.self)
      }
    }
    return result
  }

  private static func listing(_ path: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
  }

  private static func report(_ files: [String: String]) -> [(path: String, bytes: [UInt8])] {
    files.sorted { $0.key < $1.key }.map { ($0.key, Array($0.value.utf8)) }
  }

  @Test func aReportIsWrittenIntoAParentThatDoesNotExistYet() throws {
    let (root, directory) = Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let lock = try directory.lock()
    defer { close(lock) }
    try directory.replace(with: Self.report(["manifest.json": "{}", "rejects/orders.csv": "file\n"]))
    #expect(Self.files(in: directory.path) == ["manifest.json": "{}", "rejects/orders.csv": "file\n"])
    #expect(Self.listing(directory.parent) == [".agcom-report.lock", "2025-H1"])
  }

  @Test func aNewReportReplacesThePreviousOneWhole() throws {
    let (root, directory) = Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let lock = try directory.lock()
    defer { close(lock) }
    try directory.replace(with: Self.report(["a.csv": "old", "b.csv": "old", "rejects/x.csv": "old"]))
    try directory.replace(with: Self.report(["a.csv": "new", "c.csv": "new"]))
    #expect(Self.files(in: directory.path) == ["a.csv": "new", "c.csv": "new"])
    #expect(Self.listing(directory.parent) == [".agcom-report.lock", "2025-H1"])
  }

  @Test func thePartialDirectoryOfAKilledRunIsRemoved() throws {
    let (root, directory) = Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let lock = try directory.lock()
    defer { close(lock) }
    try directory.replace(with: Self.report(["a.csv": "old"]))
    try FileManager.default.createDirectory(
      atPath: directory.temporaryPath + "/rejects", withIntermediateDirectories: true)
    try Data("half".utf8).write(to: URL(fileURLWithPath: directory.temporaryPath + "/a.csv"))
    try directory.replace(with: Self.report(["a.csv": "new"]))
    #expect(Self.files(in: directory.path) == ["a.csv": "new"])
    #expect(Self.listing(directory.parent) == [".agcom-report.lock", "2025-H1"])
  }

  @Test func aReportAKilledRunMovedAsideIsRestoredBeforeAnythingElse() throws {
    let (root, directory) = Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let lock = try directory.lock()
    defer { close(lock) }
    // Killed between moving the previous report aside and renaming the new one in.
    try FileManager.default.createDirectory(atPath: directory.previousPath, withIntermediateDirectories: true)
    try Data("old".utf8).write(to: URL(fileURLWithPath: directory.previousPath + "/a.csv"))
    try Data("half".utf8).write(to: URL(fileURLWithPath: directory.temporaryPath))
    // This run fails to write (the same file twice): the previous report is back in place.
    #expect(throws: OutputError.self) {
      try directory.replace(with: Self.report(["a.csv": "new"]) + Self.report(["a.csv": "again"]))
    }
    #expect(Self.files(in: directory.path) == ["a.csv": "old"])
    #expect(Self.listing(directory.parent) == [".agcom-report.lock", "2025-H1"])
    // The next one replaces it.
    try directory.replace(with: Self.report(["a.csv": "new"]))
    #expect(Self.files(in: directory.path) == ["a.csv": "new"])
    #expect(Self.listing(directory.parent) == [".agcom-report.lock", "2025-H1"])
  }

  @Test func aFileThatCannotBeWrittenLeavesThePreviousReportAndNoPartialDirectory() throws {
    let (root, directory) = Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let lock = try directory.lock()
    defer { close(lock) }
    try directory.replace(with: Self.report(["a.csv": "old"]))
    let error = #expect(throws: OutputError.self) {
      try directory.replace(with: Self.report(["a.csv": "new"]) + Self.report(["a.csv": "again"]))
    }
    #expect(error == .cannotWrite(path: directory.temporaryPath + "/a.csv", reason: "File exists"))
    #expect(Self.files(in: directory.path) == ["a.csv": "old"])
    #expect(Self.listing(directory.parent) == [".agcom-report.lock", "2025-H1"])
  }

  @Test func filesStagedFromSeveralThreadsAppearOnlyOnCommitAndThePreviousReportIsRemovedAfter() throws {
    let (root, directory) = Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let lock = try directory.lock()
    defer { close(lock) }
    try directory.replace(with: Self.report(["a.csv": "old", "records/ATT.csv": "old"]))
    let staged = try directory.stage()
    // The records files on one thread, the rest on another, as `run --records` does.
    let failures = Mutex([OutputError]())
    DispatchQueue.concurrentPerform(iterations: 2) { task in
      do throws(OutputError) {
        if task == 0 {
          for code in ["ATT", "RIP", "REC"] {
            try staged.write("records/\(code).csv", Array("\(code)\n".utf8))
          }
        } else {
          try staged.write(Self.report(["a.csv": "new", "rejects/orders.csv": "file\n"]))
        }
      } catch {
        failures.withLock { $0.append(error) }
      }
    }
    #expect(failures.withLock { $0 }.isEmpty)
    // Nothing of the new report shows before the commit.
    #expect(Self.files(in: directory.path) == ["a.csv": "old", "records/ATT.csv": "old"])
    let previous = try staged.commit()
    #expect(
      Self.files(in: directory.path) == [
        "a.csv": "new", "rejects/orders.csv": "file\n",
        "records/ATT.csv": "ATT\n", "records/RIP.csv": "RIP\n", "records/REC.csv": "REC\n",
      ])
    // The previous report waits aside, hidden, until it is removed.
    #expect(Self.files(in: previous.path) == ["a.csv": "old", "records/ATT.csv": "old"])
    #expect(Self.listing(directory.parent).filter { !$0.hasPrefix(".") } == ["2025-H1"])
    previous.remove()
    #expect(Self.listing(directory.parent) == [".agcom-report.lock", "2025-H1"])
  }

  @Test func aDiscardedStagedReportLeavesThePreviousOneAndNoPartialDirectory() throws {
    let (root, directory) = Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let lock = try directory.lock()
    defer { close(lock) }
    try directory.replace(with: Self.report(["a.csv": "old"]))
    let staged = try directory.stage()
    try staged.write("records/ATT.csv", Array("ATT\n".utf8))
    // The same file twice is an error, in whichever call it comes.
    #expect(
      throws: OutputError.cannotWrite(
        path: directory.temporaryPath + "/records/ATT.csv", reason: "File exists")
    ) {
      try staged.write(Self.report(["b.csv": "new", "records/ATT.csv": "again"]))
    }
    staged.discard()
    #expect(Self.files(in: directory.path) == ["a.csv": "old"])
    #expect(Self.listing(directory.parent) == [".agcom-report.lock", "2025-H1"])
  }

  /// A large report is made durable while it is written (``DurabilityPacer``), not all at the
  /// commit: with a flush asked for every 100 bytes, writing 1,100 bytes asks for some.
  @Test func aStagedReportAsksForFlushesWhileItIsWrittenAndStaysWhole() throws {
    let (root, directory) = Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let lock = try directory.lock()
    defer { close(lock) }
    let flushed = Mutex(Set<Int32>())
    let staged = try directory.stage(
      pacer: DurabilityPacer(interval: 100) { descriptor in
        flushed.withLock { _ = $0.insert(descriptor) }
        return fdatasync(descriptor)
      })
    let line = UnsafeMutableRawBufferPointer.allocate(byteCount: 11, alignment: 1)
    defer { line.deallocate() }
    line.copyBytes(from: "0123456789\n".utf8)
    try staged.write("records/GUA.csv") { file throws(OutputError) in
      for _ in 0..<100 { try file.append(UnsafeRawBufferPointer(line)) }
    }
    try staged.commit().remove()
    #expect(!flushed.withLock { $0.isEmpty })
    #expect(
      Self.files(in: directory.path) == ["records/GUA.csv": String(repeating: "0123456789\n", count: 100)])
  }

  /// What a staged file was given can be read back while it is written (the records files
  /// copy the year's rows from the semesters' rows this way).
  @Test func aStagedFileReadsBackWhatWasWritten() throws {
    let (root, directory) = Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let lock = try directory.lock()
    defer { close(lock) }
    let staged = try directory.stage()
    defer { staged.discard() }
    let text = UnsafeMutableRawBufferPointer.allocate(byteCount: 26, alignment: 1)
    defer { text.deallocate() }
    text.copyBytes(from: "abcdefghijklmnopqrstuvwxyz".utf8)
    var read: [String] = []
    try staged.write("records/RIP.csv") { file throws(OutputError) in
      try file.append(UnsafeRawBufferPointer(text))
      let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 10, alignment: 1)
      defer { buffer.deallocate() }
      for offset in [0, 7, 20, 26] {
        let count = file.read(into: buffer, at: offset)
        read.append(String(decoding: buffer[..<count], as: UTF8.self))
      }
    }
    #expect(read == ["abcdefghij", "hijklmnopq", "uvwxyz", ""])
  }

  /// A flush asked for while writing that fails fails the commit, naming the file, even though
  /// the commit's own `fsync` of it might then succeed; the previous report stays.
  @Test func aFailedFlushWhileWritingFailsTheCommitAndKeepsThePreviousReport() throws {
    let (root, directory) = Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let lock = try directory.lock()
    defer { close(lock) }
    try directory.replace(with: Self.report(["a.csv": "old"]))
    let staged = try directory.stage(
      pacer: DurabilityPacer(interval: 4) { _ in
        errno = EIO
        return -1
      })
    try staged.write(Self.report(["a.csv": "new", "records/RIP.csv": "RIP\n"]))
    let error = #expect(throws: OutputError.self) { _ = try staged.commit() }
    guard case .cannotWrite(let path, let reason) = error else {
      Issue.record("expected cannotWrite, got \(String(describing: error))")
      return
    }
    #expect(["a.csv", "records/RIP.csv"].map { directory.temporaryPath + "/" + $0 }.contains(path))
    #expect(reason == "fdatasync: Input/output error")
    staged.discard()
    #expect(Self.files(in: directory.path) == ["a.csv": "old"])
    #expect(Self.listing(directory.parent) == [".agcom-report.lock", "2025-H1"])
  }

  /// A previous report left aside by a run killed after its commit (before removing it) is
  /// removed by the next run.
  @Test func aPreviousReportLeftAsideByAKilledRunIsRemovedByTheNext() throws {
    let (root, directory) = Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let lock = try directory.lock()
    defer { close(lock) }
    try directory.replace(with: Self.report(["a.csv": "old"]))
    let staged = try directory.stage()
    try staged.write(Self.report(["a.csv": "new"]))
    _ = try staged.commit()  // killed here: the previous report is never removed
    #expect(Self.listing(directory.parent).count == 3)
    try directory.replace(with: Self.report(["a.csv": "newer"]))
    #expect(Self.files(in: directory.path) == ["a.csv": "newer"])
    #expect(Self.listing(directory.parent) == [".agcom-report.lock", "2025-H1"])
  }

  @Test func whileOneHolderHasTheLockNobodyElseGetsIt() throws {
    let (root, directory) = Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let first = try directory.lock()
    let other = open(directory.lockPath, O_RDWR | O_CLOEXEC)
    #expect(other >= 0)
    defer { close(other) }
    #expect(flock(other, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK)
    close(first)
    #expect(flock(other, LOCK_EX | LOCK_NB) == 0)
  }

  @Test func aSecondLockWaitsForTheHolderAndSaysSoOnce() throws {
    let (root, directory) = Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    close(try directory.lock(whenWaiting: { Issue.record("nobody held the lock") }))
    // Another run holds the lock; it finishes (closes its descriptor) while this one waits.
    let other = open(directory.lockPath, O_RDWR | O_CLOEXEC)
    #expect(flock(other, LOCK_EX | LOCK_NB) == 0)
    var waited = 0
    let lock = try directory.lock(whenWaiting: {
      waited += 1
      close(other)
    })
    defer { close(lock) }
    #expect(waited == 1)
  }

  @Test func aParentThatCannotBeCreatedIsCannotCreateOutput() throws {
    let (root, _) = Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    try Data().write(to: URL(fileURLWithPath: root.path + "/file"))
    let directory = OutputDirectory(parent: root.path + "/file/out", name: "2025")
    let error = #expect(throws: OutputError.self) { try directory.lock() }
    guard case .cannotCreateDirectory(let path, _) = error else {
      Issue.record("\(String(describing: error))")
      return
    }
    #expect(path == root.path + "/file/out")
  }

  @Test(arguments: [true, false])
  func aSymbolicLinkInPlaceOfTheLockFileIsNeverFollowed(targetExists: Bool) throws {
    let (root, directory) = Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    let target = root.path + "/elsewhere"
    if targetExists { try Data("keep".utf8).write(to: URL(fileURLWithPath: target)) }
    try FileManager.default.createDirectory(atPath: directory.parent, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: directory.lockPath, withDestinationPath: target)
    let error = #expect(throws: OutputError.self) { try directory.lock() }
    #expect(
      error
        == .cannotOpenLock(path: directory.lockPath, reason: "it is a symbolic link, which is never followed")
    )
    #expect(error?.description.hasPrefix("\(directory.lockPath): error: cannot open the lock file: ") == true)
    #expect(FileManager.default.contents(atPath: target) == (targetExists ? Data("keep".utf8) : nil))
  }

  @Test func aLockFileThatCannotBeOpenedIsAnError() throws {
    let (root, directory) = Self.scratch()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(atPath: directory.lockPath, withIntermediateDirectories: true)
    let error = #expect(throws: OutputError.self) { try directory.lock() }
    #expect(error == .cannotOpenLock(path: directory.lockPath, reason: "Is a directory"))
  }
}
