import Crypto
import Foundation
import ReportCore

/// SHA-256 digests for the audit manifest (swift-crypto, BoringSSL underneath). The input
/// files' digests are computed while they are read (``FileStatistics/sha256``).
public enum Digests {
  /// Lower-case hex SHA-256 of `bytes`.
  public static func sha256(_ bytes: some DataProtocol) -> String {
    SHA256.hash(data: bytes).hexadecimal
  }

  /// A SHA-256 computed piece by piece, for a file written in pieces.
  public struct SHA256Stream {
    private var hasher = SHA256()

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
      hasher.update(bufferPointer: bytes)
    }

    /// Lower-case hex SHA-256 of every piece given.
    public func finish() -> String {
      hasher.finalize().hexadecimal
    }
  }
}
