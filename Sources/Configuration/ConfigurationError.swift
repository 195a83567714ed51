import ReportCore

/// A problem in the configuration file, located by file, line and column (exit 78).
///
/// A file that cannot be read at all has line 0 and prints as `path: error: message`.
public struct ConfigurationError: LocatedProblem, Equatable {
  /// The configuration file as given on the command line.
  public var path: String
  /// 1-based line of the offending key or value; 0 when the file could not be read.
  public var line: Int
  /// 1-based column (in Unicode scalars, as libyaml counts them); 0 with line 0.
  public var column: Int
  /// What is wrong, naming the key path (`sources.orders.deduplicate: …`).
  public var message: String

  public init(path: String, line: Int, column: Int, message: String) {
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }
}
