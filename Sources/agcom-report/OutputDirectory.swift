import ArgumentParser
import CFileSystem
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A report's output directory, replaced all at once (SPEC §2.3, §7).
///
/// Runs that write into the same `--output` take turns on an exclusive lock
/// (`<output>/.agcom-report.lock`, released by the kernel when a run ends, even killed):
/// a second run waits for the first, then replaces its result. The files are written
/// into a hidden sibling directory which, once complete, is exchanged with the previous
/// report in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`), so a run killed at
/// any moment leaves either the previous report or the new one, never a mixture or none.
/// Where the exchange is not supported, the previous report is moved aside and the new
/// one renamed in (two steps; a run killed between them has its previous report restored
/// by the next run).
struct OutputDirectory {
  let parent: String
  let name: String

  /// Takes the output lock, waiting for a run that holds it; returns the open descriptor.
  func lock(log: Log) throws -> Int32 {
    do {
      try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
    } catch {
      printError("\(parent): error: cannot create the output directory: \(error.localizedDescription)")
      throw ExitStatus.cannotCreateOutput
    }
    let path = parent + "/.agcom-report.lock"
    let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      printError("\(path): error: cannot open the lock file: \(String(cString: strerror(errno)))")
      throw ExitStatus.cannotCreateOutput
    }
    if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      log.event(
        "waiting", ["lock": path], human: "another run is writing into \(parent); waiting for it to finish")
      guard flock(descriptor, LOCK_EX) == 0 else {
        printError("\(path): error: cannot lock: \(String(cString: strerror(errno)))")
        throw ExitStatus.ioError
      }
    }
    return descriptor
  }

  /// Replaces `<parent>/<name>` with exactly `files`. Call with the lock held.
  func replace(with files: [(path: String, bytes: [UInt8])]) throws {
    let manager = FileManager.default
    let final = parent + "/" + name
    let temporary = parent + "/.\(name).partial"
    let previous = parent + "/.\(name).previous"
    // Left by a run that was killed: nobody else writes here while we hold the lock.
    try? manager.removeItem(atPath: temporary)
    if !manager.fileExists(atPath: final), manager.fileExists(atPath: previous) {
      // Killed between moving the old report aside and renaming the new one in: restore it.
      try? manager.moveItem(atPath: previous, toPath: final)
    }
    try? manager.removeItem(atPath: previous)
    do {
      try manager.createDirectory(atPath: temporary, withIntermediateDirectories: false)
      for file in files {
        let path = temporary + "/" + file.path
        try manager.createDirectory(
          atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(file.bytes).write(to: URL(fileURLWithPath: path))
      }
    } catch {
      try? manager.removeItem(atPath: temporary)
      printError("\(temporary): error: cannot write the report: \(error.localizedDescription)")
      throw ExitStatus.cannotCreateOutput
    }
    do {
      if manager.fileExists(atPath: final) {
        if cfilesystem_exchange(temporary, final) == 0 {
          try? manager.removeItem(atPath: temporary)  // now the previous report
          return
        }
        try manager.moveItem(atPath: final, toPath: previous)
      }
      try manager.moveItem(atPath: temporary, toPath: final)
      try? manager.removeItem(atPath: previous)
    } catch {
      if !manager.fileExists(atPath: final), manager.fileExists(atPath: previous) {
        try? manager.moveItem(atPath: previous, toPath: final)
      }
      try? manager.removeItem(atPath: temporary)
      printError("\(final): error: cannot put the report in place: \(error.localizedDescription)")
      throw ExitStatus.ioError
    }
  }
}
