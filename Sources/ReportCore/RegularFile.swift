#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What identifies one version of a file: its device and inode, size and modification time.
///
/// Taken at open and again after reading (on the descriptor and on the path): any
/// difference means the file changed, or was replaced, while it was read.
public struct FileIdentity: Sendable, Equatable {
  public var device: UInt64
  public var inode: UInt64
  /// Bytes.
  public var size: Int64
  public var modificationSeconds: Int64
  public var modificationNanoseconds: Int64

  init(_ info: stat) {
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
    size = Int64(info.st_size)
    modificationSeconds = Int64(info.st_mtim.tv_sec)
    modificationNanoseconds = Int64(info.st_mtim.tv_nsec)
  }

  /// The identity of the file an open descriptor reads.
  public static func of(descriptor: Int32) -> FileIdentity? {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { return nil }
    return FileIdentity(info)
  }

  /// The identity of the file `path` names now (following symbolic links); nil when it is gone.
  public static func of(path: String) -> FileIdentity? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return FileIdentity(info)
  }
}

/// Why a file cannot be read as an input or a configuration.
public enum FileOpeningError: Error, Sendable, Equatable {
  /// Not a regular file: the words say what it is (`a FIFO`, `a dangling symbolic link`).
  case notRegular(String)
  /// Nothing at the path.
  case missing
  /// Permission denied, an I/O error, …: what `strerror` says.
  case unreadable(String)

  /// `not a regular file (a FIFO)`, `no such file`, `permission denied`.
  public var message: String {
    switch self {
    case .notRegular(let kind): "not a regular file (\(kind))"
    case .missing: "no such file"
    case .unreadable(let reason): reason
    }
  }
}

/// Opens files that the program reads (inputs, the configuration): never blocking, and only
/// regular files (SPEC §2.3).
public enum RegularFile {
  /// Opens `path` for reading with `O_NONBLOCK`, so that a FIFO or a device never blocks the
  /// open, and checks with `fstat` that it is a regular file.
  ///
  /// - Returns: the descriptor, which the caller closes, and the file's identity at open.
  public static func open(_ path: String) throws(FileOpeningError) -> (
    descriptor: Int32, identity: FileIdentity
  ) {
    let descriptor = openForReading(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { throw openingError(path, errno) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      let number = errno
      close(descriptor)
      throw .unreadable(String(cString: strerror(number)))
    }
    if let kind = kind(of: info.st_mode) {
      close(descriptor)
      throw .notRegular(kind)
    }
    return (descriptor, FileIdentity(info))
  }

  /// What a failed `open` of `path` means.
  private static func openingError(_ path: String, _ number: Int32) -> FileOpeningError {
    switch number {
    case ENOENT:
      var info = stat()
      let isLink = lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
      return isLink ? .notRegular("a dangling symbolic link") : .missing
    case ELOOP: return .notRegular("a symbolic link loop")
    case ENXIO: return .notRegular("a socket")  // `open` of a Unix socket
    default: return .unreadable(String(cString: strerror(number)))
    }
  }

  /// nil for a regular file, else what it is, in words.
  private static func kind(of mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: nil
    case S_IFDIR: "a directory"
    case S_IFIFO: "a FIFO"
    case S_IFSOCK: "a socket"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    default: "an unknown kind of file"
    }
  }
}

/// `open(2)`, named apart from ``RegularFile/open(_:)``.
private func openForReading(_ path: String, _ flags: Int32) -> Int32 {
  open(path, flags)
}
