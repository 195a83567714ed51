import ArgumentParser
import Emit
import Foundation

/// `agcom-report validate`: checks report files — each model's document,
/// `resoconto-<model>-<period>.xml` — against the report models' XML Schema.
struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Validate XML reports against the report models' schema (templates/resoconto.xsd).",
    discussion: """
      Checks every file given (e.g. out/2025/resoconto-*.xml, one per report model) and \
      prints every violation as path:line: error: message. Exits 0 when every report is \
      valid, 65 when one is not, 66 when a file cannot be read.
      """
  )

  @Argument(help: "The XML reports to check.")
  var files: [String]

  @Option(name: .long, help: "Another XML Schema to check against (default: the one built in).")
  var schema: String?

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("Give at least one XML report to check.") }
  }

  func run() throws {
    var schemaBytes = Array(ReportXML.schema.utf8)
    if let schema {
      guard let bytes = FileManager.default.contents(atPath: schema) else {
        throw ValidateError.unreadableSchema(path: schema)
      }
      schemaBytes = Array(bytes)
    }
    // Every file is checked; the first failure sets the exit status, all are printed.
    var failures: [ValidateError] = []
    for file in files {
      guard let document = FileManager.default.contents(atPath: file) else {
        failures.append(.unreadable(file: file))
        continue
      }
      switch SchemaValidation.validate(Array(document), against: schemaBytes) {
      case .valid:
        print("\(file): valid")
      case .invalid(let violations):
        failures.append(.invalid(file: file, violations: violations))
      case .unusableSchema(let violations):
        throw ValidateError.unusableSchema(path: schema ?? "schema", violations: violations)
      }
    }
    if let first = failures.first {
      throw failures.count == 1 ? first : ValidateError.several(failures)
    }
  }
}

/// Why `validate` fails: the file or schema cannot be read (66), the report is not valid
/// (65), the schema is not a usable XML Schema (78).
enum ValidateError: Error, Sendable {
  case unreadable(file: String)
  case unreadableSchema(path: String)
  case invalid(file: String, violations: [SchemaViolation])
  case unusableSchema(path: String, violations: [SchemaViolation])
  /// Several files failed: the first sets the exit status.
  case several([ValidateError])

  /// `path:line: error: message` for every violation.
  var lines: [String] {
    switch self {
    case .several(let failures): failures.flatMap(\.lines)
    case .unreadable(let file): ["\(file): error: cannot read the file"]
    case .unreadableSchema(let path): ["\(path): error: cannot read the schema"]
    case .invalid(let file, let violations):
      violations.isEmpty
        ? ["\(file): error: not valid"] : violations.map { "\(file):\($0.line): error: \($0.message)" }
    case .unusableSchema(let path, let violations):
      violations.isEmpty
        ? ["\(path): error: not a usable XML Schema"]
        : violations.map { "\(path):\($0.line): error: \($0.message)" }
    }
  }

  /// 66 for a file that cannot be read, 65 for an invalid report, 78 for an unusable schema;
  /// for several failures, the first one's.
  var status: Int32 {
    switch self {
    case .unreadable, .unreadableSchema: ExitStatus.inputMissing
    case .invalid: ExitStatus.dataError
    case .unusableSchema: ExitStatus.configurationError
    case .several(let failures): failures.first?.status ?? ExitStatus.dataError
    }
  }
}
