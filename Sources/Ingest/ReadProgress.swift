import ReportCore
import Synchronization

/// How far ingestion has read, per source: for a progress line on a terminal (README,
/// "Progress"). Updated once per chunk read (256 KiB), from the tasks reading the sources.
public final class ReadProgress: Sendable {
  /// One source: bytes read so far of the bytes its files held when they were matched.
  public struct Source: Sendable, Equatable {
    public var kind: SourceKind
    public var read: Int
    public var total: Int

    public init(kind: SourceKind, read: Int, total: Int) {
      self.kind = kind
      self.read = read
      self.total = total
    }
  }

  private let sources = Mutex<[SourceKind: Source]>([:])

  public init() {}

  /// The sources in catalogue order.
  public var snapshot: [Source] {
    sources.withLock { sources in SourceKind.allCases.compactMap { sources[$0] } }
  }

  func start(_ kind: SourceKind, total: Int) {
    sources.withLock { $0[kind] = Source(kind: kind, read: 0, total: total) }
  }

  func add(_ kind: SourceKind, bytes: Int) {
    sources.withLock { $0[kind]?.read += bytes }
  }
}
