import ReportCore

/// A problem with a whole input file (SPEC §2.3): the run fails and writes no report.
///
/// Located by the 1-based physical line and the 1-based byte column (line 0 when the problem
/// is not at a position, as for a file that cannot be opened).
public struct FileError: LocatedProblem, Equatable {
  /// The file as named on the command line (`--input` joined with its relative path).
  public var path: String
  public var line: Int
  public var column: Int
  public var message: String

  public init(path: String, line: Int, column: Int, message: String) {
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }
}
