#if !FUZZING
  import Foundation

  /// A normal build's `agcom-fuzz`: replays files, or every file of directories, through the
  /// harness named by `AGCOM_FUZZ_HARNESS`, to reproduce a finding or re-check a corpus.
  ///
  ///     AGCOM_FUZZ_HARNESS=reader swift run agcom-fuzz fuzz/corpus/reader fuzz/regressions/reader
  @main
  enum Replay {
    static func main() {
      let harness = Harness.selected
      var count = 0
      for argument in CommandLine.arguments.dropFirst() {
        for path in files(argument) {
          guard let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("agcom-fuzz: cannot read \(path)\n".utf8))
            exit(66)
          }
          replaying = path
          harness.run(Array(data))
          count += 1
        }
      }
      print("agcom-fuzz: \(harness.rawValue): \(count) inputs replayed, no finding")
    }

    /// `path` itself, or the regular files under it in path order.
    static func files(_ path: String) -> [String] {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
      else { return [path] }
      let names = (FileManager.default.subpaths(atPath: path) ?? []).sorted()
      return names.map { path + "/" + $0 }.filter { name in
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory)
          && !isDirectory.boolValue
      }
    }
  }
#endif
