import Crypto
import Foundation

/// SHA-256 digests for the audit manifest (swift-crypto, BoringSSL underneath).
public enum Digests {
  /// Lower-case hex SHA-256 of `bytes`.
  public static func sha256(_ bytes: some DataProtocol) -> String {
    hex(SHA256.hash(data: bytes))
  }

  /// SHA-256 and size of a file, read in 1 MiB chunks.
  public static func sha256(file path: String) throws -> (digest: String, bytes: Int) {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
    }
    defer { try? handle.close() }
    var hasher = SHA256()
    var total = 0
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      hasher.update(data: chunk)
      total += chunk.count
    }
    return (hex(hasher.finalize()), total)
  }

  private static func hex(_ digest: SHA256.Digest) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    for byte in digest {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
