/// A problem located in a file the user wrote or exported, printed as compilers print them
/// so that editors can jump to it (STYLE.md, "Errors people can act on").
public protocol LocatedProblem: Error, Sendable, CustomStringConvertible {
  /// The file as named on the command line.
  var path: String { get }
  /// 1-based line, or 0 when the problem is not at a position (a file that cannot be read).
  var line: Int { get }
  /// 1-based column, or 0 with line 0.
  var column: Int { get }
  /// What is wrong, in words the user can act on.
  var message: String { get }
}

extension LocatedProblem {
  /// `path:line:column: error: message`, or `path: error: message` without a position.
  public var description: String {
    line == 0 ? "\(path): error: \(message)" : "\(path):\(line):\(column): error: \(message)"
  }
}
