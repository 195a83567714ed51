import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a report, or a rejects file, could not be written (SPEC §7): the first two cases
/// are "cannot create output" (exit 73), the others I/O errors (exit 74).
public enum OutputError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A directory of the output could not be created.
  case cannotCreateDirectory(path: String, reason: String)
  /// A file of the output could not be written or flushed to disk.
  case cannotWrite(path: String, reason: String)
  /// The lock file could not be opened, or it is a symbolic link (never followed).
  case cannotOpenLock(path: String, reason: String)
  /// Waiting for the lock failed.
  case cannotLock(path: String, reason: String)
  /// The complete report could not replace the previous one, or the replacement could not
  /// be flushed to disk.
  case cannotPutInPlace(path: String, reason: String)

  public var description: String {
    switch self {
    case .cannotCreateDirectory(let path, let reason):
      "\(path): error: cannot create the output directory: \(reason)"
    case .cannotWrite(let path, let reason): "\(path): error: cannot write the file: \(reason)"
    case .cannotOpenLock(let path, let reason): "\(path): error: cannot open the lock file: \(reason)"
    case .cannotLock(let path, let reason): "\(path): error: cannot lock: \(reason)"
    case .cannotPutInPlace(let path, let reason): "\(path): error: cannot put the report in place: \(reason)"
    }
  }
}

/// A report's output directory, replaced all at once (SPEC §2.3, §7).
///
/// Runs that write into the same parent take turns on an exclusive lock
/// (`<parent>/.agcom-report.lock`, released by the kernel when a run ends, even killed):
/// a second run waits for the first, then replaces its result. The files are written
/// into a hidden sibling directory, `.<name>.partial`, and flushed to disk; once complete
/// it is exchanged with the previous report in one atomic step (Linux
/// `renameat2(RENAME_EXCHANGE)`) and the parent is flushed too, so a run killed at any
/// moment — or a power cut — leaves either the previous report or the new one, never a
/// mixture or none. Where the exchange is not supported, the previous report is moved
/// aside to `.<name>.previous` and the new one renamed in (two steps; a run killed between
/// them has its previous report restored by the next run).
public struct OutputDirectory: Sendable {
  /// The directory that receives the report (`--output`).
  public let parent: String
  /// The report's directory inside it (the period, `2025-H1`).
  public let name: String

  public init(parent: String, name: String) {
    self.parent = parent
    self.name = name
  }

  /// `<parent>/<name>`.
  public var path: String { parent + "/" + name }
  /// The lock runs sharing `parent` take turns on.
  public var lockPath: String { parent + "/.agcom-report.lock" }
  /// Where the new report is written before it replaces the previous one.
  var temporaryPath: String { parent + "/.\(name).partial" }
  /// Where the previous report waits while the new one is renamed in (no exchange).
  var previousPath: String { parent + "/.\(name).previous" }

  /// Creates the parent if needed and takes the output lock, waiting for a run that holds it.
  /// - Parameter whenWaiting: called once, before waiting, when another run holds the lock.
  /// - Returns: the lock file's open descriptor; closing it (or the process ending) releases
  ///   the lock.
  public func lock(whenWaiting: () -> Void = {}) throws(OutputError) -> Int32 {
    do {
      try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
    } catch {
      throw .cannotCreateDirectory(path: parent, reason: error.localizedDescription)
    }
    let descriptor: Int32
    do {
      descriptor = try SystemCalls.openLockFile(lockPath)
    } catch {
      let reason =
        error.number == ELOOP ? "it is a symbolic link, which is never followed" : error.description
      throw .cannotOpenLock(path: lockPath, reason: reason)
    }
    do {
      try SystemCalls.lock(descriptor, waiting: false)
    } catch  where error.number == EWOULDBLOCK {
      whenWaiting()
      do {
        try SystemCalls.lock(descriptor, waiting: true)
      } catch {
        close(descriptor)
        throw .cannotLock(path: lockPath, reason: error.description)
      }
    } catch {
      close(descriptor)
      throw .cannotLock(path: lockPath, reason: error.description)
    }
    return descriptor
  }

  /// Replaces `<parent>/<name>` with exactly `files` (paths relative to it, `rejects/orders.csv`).
  /// Call with the lock held.
  public func replace(with files: [(path: String, bytes: [UInt8])]) throws(OutputError) {
    let staged = try stage()
    do {
      try staged.write(files)
      try staged.commit().remove()
    } catch {
      staged.discard()
      throw error
    }
  }

  /// Starts a new report: clears what a killed run left (restoring its previous report when
  /// it was moved aside) and creates the empty temporary directory the files are written into
  /// (``StagedReport``). Call with the lock held.
  public func stage() throws(OutputError) -> StagedReport {
    try stage(pacer: DurabilityPacer(interval: DurabilityPacer.defaultInterval))
  }

  /// ``stage()`` with the files made durable as `pacer` says (tests make it flush often, or fail).
  func stage(pacer: DurabilityPacer) throws(OutputError) -> StagedReport {
    let manager = FileManager.default
    // Left by a run that was killed: nobody else writes here while we hold the lock.
    try? manager.removeItem(atPath: temporaryPath)
    if !manager.fileExists(atPath: path), manager.fileExists(atPath: previousPath) {
      // Killed between moving the old report aside and renaming the new one in: restore it.
      try? SystemCalls.move(previousPath, to: path)
    }
    try? manager.removeItem(atPath: previousPath)
    do {
      try SystemCalls.makeDirectory(temporaryPath)
    } catch {
      throw .cannotCreateDirectory(path: temporaryPath, reason: error.description)
    }
    return StagedReport(self, pacer: pacer)
  }

  /// `<parent>/index.html`, the site index (``SiteIndex``).
  public var siteIndexPath: String { parent + "/index.html" }

  /// Replaces the site index `<parent>/index.html` with `bytes`, all or nothing: written and
  /// flushed as `<parent>/.index.html.partial`, then renamed into place and the parent
  /// flushed. Call with the lock held.
  public func replaceSiteIndex(with bytes: [UInt8]) throws(OutputError) {
    let temporary = parent + "/.index.html.partial"
    try? FileManager.default.removeItem(atPath: temporary)
    do {
      try SystemCalls.writeNewFile(temporary, bytes)
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      throw .cannotWrite(path: temporary, reason: error.description)
    }
    do {
      try SystemCalls.move(temporary, to: siteIndexPath)
      try SystemCalls.syncDirectory(parent)
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      throw .cannotPutInPlace(path: siteIndexPath, reason: "\(error.call): \(error)")
    }
  }

  /// Puts the complete temporary directory in place of the previous report.
  /// - Returns: the previous report, now aside, for its caller to remove.
  fileprivate func putInPlace() throws(OutputError) -> PreviousReport {
    let manager = FileManager.default
    do {
      if manager.fileExists(atPath: path) {
        if (try? SystemCalls.exchange(temporaryPath, path)) != nil {
          try SystemCalls.syncDirectory(parent)
          return PreviousReport(path: temporaryPath)  // now the previous report
        }
        try SystemCalls.move(path, to: previousPath)
      }
      try SystemCalls.move(temporaryPath, to: path)
      try SystemCalls.syncDirectory(parent)
      return PreviousReport(path: previousPath)
    } catch {
      if !manager.fileExists(atPath: path), manager.fileExists(atPath: previousPath) {
        try? SystemCalls.move(previousPath, to: path)
      }
      try? manager.removeItem(atPath: temporaryPath)
      throw .cannotPutInPlace(path: path, reason: "\(error.call): \(error)")
    }
  }
}

/// A report being written into its output directory's temporary directory: nothing of it is
/// visible until ``commit()``, and ``discard()`` removes it.
///
/// Files can be written from several threads at once (``write(_:)``, ``write(_:_:)``): each is
/// created, its bytes written and its flush to disk started without waiting, so that the disk
/// works while the next file is rendered, and every 16 MiB written the last file is made
/// durable on a thread of its own (``DurabilityPacer``); ``commit()`` waits until every file
/// and directory is on disk, then exchanges the directory with the previous report.
/// `run --records` writes the records files this way while the rest of the report is still
/// being rendered.
public final class StagedReport: Sendable {
  private let directory: OutputDirectory
  private let pacer: DurabilityPacer
  private struct State {
    /// Directories created, the temporary directory first.
    var directories: [String]
    /// The files written and not yet flushed, with their open descriptor.
    var open: [(path: String, descriptor: Int32)] = []
  }
  private let state: Mutex<State>

  fileprivate init(_ directory: OutputDirectory, pacer: DurabilityPacer) {
    self.directory = directory
    self.pacer = pacer
    state = Mutex(State(directories: [directory.temporaryPath]))
  }

  /// Writes the new file `path` (relative to the report's directory; its folders are
  /// created), starting its flush to disk.
  /// - Throws: ``OutputError/cannotCreateDirectory(path:reason:)`` or
  ///   ``OutputError/cannotWrite(path:reason:)`` (a file written twice is one).
  public func write(_ path: String, _ bytes: [UInt8]) throws(OutputError) {
    try bytes.withUnsafeBytes { buffer in Result { () throws(OutputError) in try write(path, buffer) } }.get()
  }

  /// ``write(_:_:)-([UInt8])`` for bytes in borrowed storage.
  public func write(_ path: String, _ bytes: UnsafeRawBufferPointer) throws(OutputError) {
    try write(path) { file throws(OutputError) in try file.append(bytes) }
  }

  /// Writes the new file `path` (relative to the report's directory; its folders are
  /// created) from the pieces `produce` appends to it, in order, each piece's flush to disk
  /// started as it is written: a large file never has to be in memory whole. A failure of
  /// `produce` leaves the file incomplete, for ``discard()``.
  public func write(
    _ path: String, pieces produce: (_ file: StagedFile) throws(OutputError) -> Void
  ) throws(OutputError) {
    let full = directory.temporaryPath + "/" + path
    try makeFolders(of: path)
    let descriptor: Int32
    do {
      descriptor = try SystemCalls.createNewFile(full)
    } catch {
      throw .cannotWrite(path: full, reason: error.description)
    }
    do throws(OutputError) {
      try produce(StagedFile(path: full, descriptor: descriptor, pacer: pacer))
    } catch {
      _ = pacer.finish()  // a flush of this file may be running
      close(descriptor)
      throw error
    }
    state.withLock { $0.open.append((full, descriptor)) }
  }

  /// Writes `files`, several at a time; throws the first failure in the files' order,
  /// whatever the order they finish in.
  public func write(_ files: [(path: String, bytes: [UInt8])]) throws(OutputError) {
    for file in files { try makeFolders(of: file.path) }
    let failures = Mutex([Int: OutputError]())
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      do throws(OutputError) {
        try write(files[index].path, files[index].bytes)
      } catch {
        failures.withLock { $0[index] = error }
      }
    }
    if let first = failures.withLock({ $0.min { $0.key < $1.key }?.value }) { throw first }
  }

  /// Waits until every file written is on disk, flushes every directory created (innermost
  /// first), then puts the report in place of the previous one. After a failure, call
  /// ``discard()``.
  /// - Returns: the previous report, moved aside (hidden) and no longer needed: remove it
  ///   (``PreviousReport/remove()``), meanwhile doing something else if there is something
  ///   to do. A run killed before that leaves it to the next run to remove.
  public func commit() throws(OutputError) -> PreviousReport {
    let (open, directories) = state.withLock { state in
      defer { state.open = [] }
      return (state.open, state.directories)
    }
    if let failure = pacer.finish() {
      for file in open { close(file.descriptor) }
      throw .cannotWrite(path: failure.path, reason: "\(failure.error.call): \(failure.error)")
    }
    let failures = Mutex([Int: OutputError]())
    DispatchQueue.concurrentPerform(iterations: open.count) { index in
      do throws(SystemCallError) {
        try SystemCalls.flushAndClose(open[index].descriptor)
      } catch {
        failures.withLock {
          $0[index] = .cannotWrite(path: open[index].path, reason: "\(error.call): \(error)")
        }
      }
    }
    if let first = failures.withLock({ $0.min { $0.key < $1.key }?.value }) { throw first }
    for folder in directories.reversed() {
      do {
        try SystemCalls.syncDirectory(folder)
      } catch {
        throw .cannotWrite(path: folder, reason: "\(error.call): \(error)")
      }
    }
    return try directory.putInPlace()
  }

  /// Abandons the report: closes what is still open and removes the temporary directory.
  /// The previous report stays as it was.
  public func discard() {
    _ = pacer.finish()
    let open = state.withLock { state in
      defer { state.open = [] }
      return state.open
    }
    for file in open { close(file.descriptor) }
    try? FileManager.default.removeItem(atPath: directory.temporaryPath)
  }

  /// Creates the folders of `path` that do not exist yet.
  private func makeFolders(of path: String) throws(OutputError) {
    try state.withLock { state throws(OutputError) in
      var folder = directory.temporaryPath
      for component in path.split(separator: "/").dropLast() {
        folder += "/" + component
        guard !state.directories.contains(folder) else { continue }
        do throws(SystemCallError) {
          try SystemCalls.makeDirectory(folder)
        } catch {
          throw .cannotCreateDirectory(path: folder, reason: error.description)
        }
        state.directories.append(folder)
      }
    }
  }
}

/// A file being written into a staged report (``StagedReport/write(_:pieces:)``), a piece at
/// a time; what is written can be read back. For one thread.
public final class StagedFile {
  /// Its path, for messages.
  let path: String
  private let descriptor: Int32
  private let pacer: DurabilityPacer
  /// The bytes written so far.
  public private(set) var size = 0

  fileprivate init(path: String, descriptor: Int32, pacer: DurabilityPacer) {
    self.path = path
    self.descriptor = descriptor
    self.pacer = pacer
  }

  /// Appends `bytes`, starting their flush to disk.
  public func append(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
    do throws(SystemCallError) {
      try SystemCalls.append(bytes, to: descriptor, at: size)
    } catch {
      throw .cannotWrite(path: path, reason: error.description)
    }
    size += bytes.count
    pacer.wrote(bytes.count, to: descriptor, path: path)
  }

  /// Reads back bytes already written, from `offset`, into `buffer` (from the page cache: they
  /// were just written): how many were read, fewer than asked past the end and 0 on failure —
  /// whoever asks can always do without.
  public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
    var count = 0
    while count < buffer.count {
      let read = pread(descriptor, buffer.baseAddress! + count, buffer.count - count, off_t(offset + count))
      if read < 0 && errno == EINTR { continue }
      guard read > 0 else { break }
      count += read
    }
    return count
  }
}

/// A report replaced by a newer one, moved aside under a hidden name in the output directory
/// (``StagedReport/commit()``).
public struct PreviousReport: Sendable {
  /// Where it is; nothing may be there (no previous report).
  let path: String

  /// Removes it (deleting a large report, `--records`, takes a while: overlap it).
  public func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }
}

/// Makes a staged report durable while it is being written: every `interval` bytes written
/// (16 MiB), it asks the disk, on a thread of its own, to make the last file written durable
/// (`fdatasync`), which also makes the disk's own cache write everything received so far.
///
/// Starting the flushes as each piece is written (``SystemCalls/append(_:to:at:)``) is not
/// enough: the data reach the disk, but a virtual or caching disk keeps them in its cache
/// until the commit's `fsync` asks for them to be stored, and that was a fifth of a second
/// for `run --records`' 144 MB on the development machine, waited for after the last
/// file was written. Paced this way, the commit waits only for the last few megabytes.
///
/// An interim flush that fails is kept and thrown by the commit: a later `fsync` of the same
/// file could succeed without reporting it (Linux reports a write error once per open file).
final class DurabilityPacer: Sendable {
  /// 16 MiB between requests.
  static let defaultInterval = 16 << 20

  /// A failed interim flush: the file and the error.
  struct Failure: Sendable {
    var path: String
    var error: SystemCallError
  }
  private struct State {
    var unflushed = 0
    var flushing = false
    var failure: Failure?
  }
  private let interval: Int
  private let flush: @Sendable (Int32) -> Int32
  private let state = Mutex(State())
  private let queue = DispatchQueue(label: "agcom-report.durability")

  /// - Parameter flush: the call that makes a file durable (`fdatasync`; tests pass another).
  init(interval: Int, flush: @escaping @Sendable (Int32) -> Int32 = { fdatasync($0) }) {
    self.interval = interval
    self.flush = flush
  }

  /// Counts `count` bytes just written to `descriptor` (the file `path`), and asks for a
  /// flush of it when `interval` bytes have been written since the last request, unless one
  /// is still running.
  func wrote(_ count: Int, to descriptor: Int32, path: String) {
    let due = state.withLock { state in
      state.unflushed += count
      guard state.unflushed >= interval, !state.flushing else { return false }
      state.unflushed = 0
      state.flushing = true
      return true
    }
    guard due else { return }
    queue.async { [self] in
      var result: Int32
      repeat { result = flush(descriptor) } while result != 0 && errno == EINTR
      let error = result == 0 ? nil : SystemCallError(number: errno, call: "fdatasync")
      state.withLock { state in
        state.flushing = false
        if let error, state.failure == nil { state.failure = Failure(path: path, error: error) }
      }
    }
  }

  /// Waits for the flush that is running, if any, and returns the first that failed.
  /// Call before any of the files written is closed.
  func finish() -> Failure? {
    queue.sync {}
    return state.withLock { $0.failure }
  }
}
