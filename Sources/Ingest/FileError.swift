/// A problem with a whole input file (SPEC §2.3): the run fails and writes no report.
///
/// Printed as `path:line:column: error: message` (1-based line of the physical line,
/// 1-based byte column), as compilers do, so that editors can jump to it.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file as named on the command line (`--input` joined with its relative path).
  public var path: String
  /// 1-based line, or 0 when the problem is not at a position (unreadable file).
  public var line: Int
  /// 1-based byte column, or 0 with `line`.
  public var column: Int
  public var message: String

  public init(path: String, line: Int, column: Int, message: String) {
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String {
    line == 0 ? "\(path): error: \(message)" : "\(path):\(line):\(column): error: \(message)"
  }
}
