import Foundation

/// Finds a source's files under the input directory (SPEC §2: many files per source).
///
/// Patterns are relative paths with `*` and `?` (within one path component) and `**`
/// (any number of components). Matches of all patterns are merged and returned once
/// each, sorted by path in byte order: the read order that de-duplication relies on.
/// Directories and other entries that are not regular files are matched like files.
public enum FileGlob {
  public static func files(matching patterns: [String], under root: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
    var found: Set<String> = []
    let compiled = patterns.map { $0.split(separator: "/", omittingEmptySubsequences: true).map(String.init) }
    // Every match is returned, whatever it is: the reader refuses one that is not a regular
    // file (a directory, a FIFO, a dangling symbolic link) rather than skipping it silently.
    while let relative = walker.nextObject() as? String {
      let components = relative.split(separator: "/").map(String.init)
      if compiled.contains(where: { matches(pattern: $0[...], path: components[...]) }) {
        found.insert(relative)
      }
    }
    return found.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
  }

  /// Matches path components against pattern components, `**` spanning any number of them.
  static func matches(pattern: ArraySlice<String>, path: ArraySlice<String>) -> Bool {
    guard let head = pattern.first else { return path.isEmpty }
    if head == "**" {
      let rest = pattern.dropFirst()
      for start in path.indices.lowerBound...path.indices.upperBound
      where matches(pattern: rest, path: path[start...]) {
        return true
      }
      return false
    }
    guard let component = path.first,
      matches(wildcard: Array(head.utf8)[...], name: Array(component.utf8)[...])
    else { return false }
    return matches(pattern: pattern.dropFirst(), path: path.dropFirst())
  }

  /// `*` and `?` within one name; a leading dot must be matched literally.
  static func matches(wildcard: ArraySlice<UInt8>, name: ArraySlice<UInt8>) -> Bool {
    guard let first = wildcard.first else { return name.isEmpty }
    switch first {
    case UInt8(ascii: "*"):
      for start in name.startIndex...name.endIndex
      where matches(wildcard: wildcard.dropFirst(), name: name[start...]) {
        return true
      }
      return false
    case UInt8(ascii: "?"):
      return !name.isEmpty && matches(wildcard: wildcard.dropFirst(), name: name.dropFirst())
    default:
      return name.first == first && matches(wildcard: wildcard.dropFirst(), name: name.dropFirst())
    }
  }
}
