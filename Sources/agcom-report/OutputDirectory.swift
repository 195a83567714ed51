import ArgumentParser
import Foundation

/// A report's output directory, replaced all at once (SPEC §2.3: never half-written).
///
/// The files are written into a hidden sibling directory, which is then renamed into
/// place; the previous directory, if any, is moved aside first and removed last.
struct OutputDirectory {
  let parent: String
  let name: String

  func replace(with files: [String: Data]) throws {
    let manager = FileManager.default
    let final = parent + "/" + name
    let temporary = parent + "/.\(name).partial-\(ProcessInfo.processInfo.processIdentifier)"
    let previous = parent + "/.\(name).previous-\(ProcessInfo.processInfo.processIdentifier)"
    do {
      try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
      try? manager.removeItem(atPath: temporary)
      try manager.createDirectory(atPath: temporary, withIntermediateDirectories: false)
    } catch {
      printError("\(parent): error: cannot create the output directory: \(error.localizedDescription)")
      throw ExitStatus.cannotCreateOutput
    }
    do {
      for (relative, contents) in files.sorted(by: { $0.key < $1.key }) {
        let path = temporary + "/" + relative
        try manager.createDirectory(
          atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try contents.write(to: URL(fileURLWithPath: path))
      }
      if manager.fileExists(atPath: final) {
        try manager.moveItem(atPath: final, toPath: previous)
      }
      try manager.moveItem(atPath: temporary, toPath: final)
      try? manager.removeItem(atPath: previous)
    } catch {
      try? manager.removeItem(atPath: temporary)
      if !manager.fileExists(atPath: final), manager.fileExists(atPath: previous) {
        try? manager.moveItem(atPath: previous, toPath: final)
      }
      printError("\(final): error: cannot write the report: \(error.localizedDescription)")
      throw ExitStatus.ioError
    }
  }
}
