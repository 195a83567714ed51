import CFileSystem

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failed system call: what `strerror` says about its `errno`.
struct SystemCallError: Error, Sendable, Equatable, CustomStringConvertible {
  var number: Int32
  /// The call that failed, for the few messages that need it (`fsync`).
  var call: String

  var description: String { String(cString: strerror(number)) }
}

/// Every system call of the output directory, each return code turned into a
/// ``SystemCallError`` in ``check(_:_:)``.
enum SystemCalls {
  /// Creates a new directory (its parent must exist).
  static func makeDirectory(_ path: String) throws(SystemCallError) {
    try check("mkdir", mkdir(path, 0o755))
  }

  /// Creates the new file `path` (never through a symbolic link) with `bytes`, and flushes
  /// it to disk before closing it.
  static func writeNewFile(_ path: String, _ bytes: [UInt8]) throws(SystemCallError) {
    try flushAndClose(writeNewFileStartingFlush(path, bytes))
  }

  /// Creates the new file `path` (never through a symbolic link) with `bytes` and starts
  /// writing it to disk without waiting (``cfilesystem_start_flush``).
  /// - Returns: the open descriptor, for ``flushAndClose(_:)``; closed when this throws.
  static func writeNewFileStartingFlush(_ path: String, _ bytes: [UInt8]) throws(SystemCallError) -> Int32 {
    try bytes.withUnsafeBytes { buffer in
      Result { () throws(SystemCallError) in try writeNewFileStartingFlush(path, buffer) }
    }.get()
  }

  /// ``writeNewFileStartingFlush(_:_:)`` for bytes in borrowed storage.
  static func writeNewFileStartingFlush(_ path: String, _ bytes: UnsafeRawBufferPointer)
    throws(SystemCallError)
    -> Int32
  {
    let descriptor = try createNewFile(path)
    do throws(SystemCallError) {
      try append(bytes, to: descriptor, at: 0)
    } catch {
      close(descriptor)
      throw error
    }
    return descriptor
  }

  /// Creates the new, empty file `path` for writing and reading back, never through a symbolic
  /// link.
  /// - Returns: its open descriptor.
  static func createNewFile(_ path: String) throws(SystemCallError) -> Int32 {
    try check("open", open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644))
  }

  /// Writes `bytes` at the end of the open file `descriptor`, `offset` bytes long so far, and
  /// starts writing them to disk without waiting (``cfilesystem_start_flush``).
  static func append(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, at offset: Int)
    throws(SystemCallError)
  {
    var written = 0
    while written < bytes.count {
      let count = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
      if count < 0 && errno == EINTR { continue }
      written += try check("write", count)
    }
    // Only a head start: where the file system cannot do it, the fsync does it all.
    _ = cfilesystem_start_flush(descriptor, Int64(offset), Int64(bytes.count))
  }

  /// Waits until the open file `descriptor` is on disk (`fsync`), then closes it; closed
  /// when this throws too.
  static func flushAndClose(_ descriptor: Int32) throws(SystemCallError) {
    do throws(SystemCallError) {
      try check("fsync", fsync(descriptor))
    } catch {
      close(descriptor)
      throw error
    }
    try check("close", close(descriptor))
  }

  /// Flushes a directory's entries (files created, renamed or exchanged in it) to disk.
  static func syncDirectory(_ path: String) throws(SystemCallError) {
    let descriptor = try check("open", open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC))
    defer { close(descriptor) }
    try check("fsync", fsync(descriptor))
  }

  /// Renames `source` to `destination`.
  static func move(_ source: String, to destination: String) throws(SystemCallError) {
    try check("rename", rename(source, destination))
  }

  /// Exchanges two existing paths in one atomic step (`renameat2(RENAME_EXCHANGE)`).
  static func exchange(_ first: String, _ second: String) throws(SystemCallError) {
    try check("renameat2", cfilesystem_exchange(first, second))
  }

  /// Opens (creating it if needed) the lock file `path`, never through a symbolic link:
  /// a link there fails with `ELOOP`.
  static func openLockFile(_ path: String) throws(SystemCallError) -> Int32 {
    try check("open", open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644))
  }

  /// Takes the exclusive lock on `descriptor`; without `waiting`, fails with `EWOULDBLOCK`
  /// when another open file holds it.
  static func lock(_ descriptor: Int32, waiting: Bool) throws(SystemCallError) {
    while flock(descriptor, LOCK_EX | (waiting ? 0 : LOCK_NB)) != 0 {
      guard errno == EINTR else { throw SystemCallError(number: errno, call: "flock") }
    }
  }

  /// `result`, or the current `errno` as an error when it is negative.
  @discardableResult
  private static func check<Result: BinaryInteger>(_ call: String, _ result: Result) throws(SystemCallError)
    -> Result
  {
    guard result >= 0 else { throw SystemCallError(number: errno, call: call) }
    return result
  }
}
