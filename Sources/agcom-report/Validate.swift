import ArgumentParser
import Emit
import Foundation

/// `agcom-report validate`: checks a report file against the report model's XML Schema.
struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Validate an XML report against the report model's schema (templates/resoconto.xsd).",
    discussion: """
      Prints every violation as path:line: error: message. Exits 0 when the report is \
      valid, 65 when it is not, 66 when the file cannot be read.
      """
  )

  @Argument(help: "The XML report to check.")
  var file: String

  @Option(name: .long, help: "Another XML Schema to check against (default: the one built in).")
  var schema: String?

  func run() throws {
    guard let document = FileManager.default.contents(atPath: file) else {
      throw ValidateError.unreadable(file: file)
    }
    var schemaBytes = Array(ReportXML.schema.utf8)
    if let schema {
      guard let bytes = FileManager.default.contents(atPath: schema) else {
        throw ValidateError.unreadableSchema(path: schema)
      }
      schemaBytes = Array(bytes)
    }
    switch SchemaValidation.validate(Array(document), against: schemaBytes) {
    case .valid:
      print("\(file): valid")
    case .invalid(let violations):
      throw ValidateError.invalid(file: file, violations: violations)
    case .unusableSchema(let violations):
      throw ValidateError.unusableSchema(path: schema ?? "schema", violations: violations)
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

  /// `path:line: error: message` for every violation.
  var lines: [String] {
    switch self {
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
}
