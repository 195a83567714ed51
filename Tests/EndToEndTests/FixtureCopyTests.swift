import Foundation
import Testing

/// `Tests/Fixtures/acceptance` is the repository's copy of `../shared/acceptance`, so that a
/// clone runs the acceptance tests on its own. Where the shared original sits beside the
/// package, the copy must be identical to it; elsewhere there is nothing to compare with.
@Suite struct FixtureCopyTests {
  static let original = Executable.packageRoot.appendingPathComponent("../shared/acceptance")
    .standardizedFileURL
  static let copy = Executable.packageRoot.appendingPathComponent(Executable.acceptance)

  static var originalExists: Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: original.path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }

  /// The relative paths of every regular file under `directory`.
  static func files(under directory: URL) throws -> Set<String> {
    var paths: Set<String> = []
    let enumerator = try #require(FileManager.default.enumerator(atPath: directory.path))
    while let path = enumerator.nextObject() as? String {
      let attributes = try FileManager.default.attributesOfItem(
        atPath: directory.appendingPathComponent(path).path)
      if attributes[.type] as? FileAttributeType == .typeRegular { paths.insert(path) }
    }
    return paths
  }

  @Test(
    .enabled(if: originalExists, "../shared/acceptance is not beside the package: nothing to compare with"))
  func theFixturesAreAByteForByteCopyOfTheSharedAcceptanceData() throws {
    let originalFiles = try Self.files(under: Self.original)
    let copiedFiles = try Self.files(under: Self.copy)
    #expect(!originalFiles.isEmpty)
    let missing = originalFiles.subtracting(copiedFiles).sorted()
    let extra = copiedFiles.subtracting(originalFiles).sorted()
    #expect(missing.isEmpty, "missing from \(Executable.acceptance): \(missing)")
    #expect(extra.isEmpty, "in \(Executable.acceptance) but not in ../shared/acceptance: \(extra)")
    for path in originalFiles.intersection(copiedFiles).sorted() {
      let original = try Data(contentsOf: Self.original.appendingPathComponent(path))
      let copied = try Data(contentsOf: Self.copy.appendingPathComponent(path))
      #expect(
        original == copied, "\(Executable.acceptance)/\(path) differs from ../shared/acceptance/\(path)")
    }
  }
}
