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
      printError("\(file): error: cannot read the file")
      throw ExitStatus.inputMissing
    }
    var schemaBytes = Array(ReportXML.schema.utf8)
    if let schema {
      guard let bytes = FileManager.default.contents(atPath: schema) else {
        printError("\(schema): error: cannot read the schema")
        throw ExitStatus.inputMissing
      }
      schemaBytes = Array(bytes)
    }
    switch SchemaValidation.validate(Array(document), against: schemaBytes) {
    case .valid:
      print("\(file): valid")
    case .invalid(let violations):
      for violation in violations { printError("\(file):\(violation.line): error: \(violation.message)") }
      if violations.isEmpty { printError("\(file): error: not valid") }
      throw ExitStatus.dataError
    case .unusableSchema(let violations):
      for violation in violations {
        printError("\(schema ?? "schema"):\(violation.line): error: \(violation.message)")
      }
      throw ExitStatus.configurationError
    }
  }
}
