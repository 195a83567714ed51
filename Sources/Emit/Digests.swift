import Crypto
import Dispatch
import Foundation
import Ingest
import Synchronization

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

extension Digests {
  /// SHA-256 of every input file that was read, by path relative to `directory`, computed
  /// on every core. Each file must still have the size it had when it was read.
  public static func inputs(of data: IngestedData, under directory: String) throws(ReportFilesError)
    -> [String: String]
  {
    let files = data.statistics.values.flatMap(\.files)
    let results = Mutex([String: Result<String, ReportFilesError>]())
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      let file = files[index]
      let path = directory + "/" + file.path
      let result: Result<String, ReportFilesError>
      do {
        let digest = try sha256(file: path)
        result =
          digest.bytes == file.bytes
          ? .success(digest.digest)
          : .failure(
            .input(
              path: path,
              message: "changed while it was being read (\(file.bytes) bytes, now \(digest.bytes))"))
      } catch {
        result = .failure(
          .input(path: path, message: "cannot be read again for its digest: \(error.localizedDescription)"))
      }
      results.withLock { $0[file.path] = result }
    }
    var digests: [String: String] = [:]
    for (path, result) in results.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
      switch result {
      case .success(let digest): digests[path] = digest
      case .failure(let error): throw error
      }
    }
    return digests
  }
}
