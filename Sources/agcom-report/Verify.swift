import ArgumentParser
import Configuration
import Emit
import Foundation
import Ingest

/// `agcom-report verify`: proves a report directory is what was computed (SPEC §5, issue
/// "Regulator submission"): every file its manifest lists, unchanged, and nothing else.
struct Verify: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a report directory against its manifest (and, with --inputs, the exports).",
    discussion: """
      Recomputes the size and SHA-256 of every file manifest.json lists, flags any file \
      present but not listed, validates every XML file against the built-in schema, \
      checks the configuration text the manifest carries against its digest, and checks \
      that every TOT figure of the models is the results file's. With --inputs \
      DIR, also checks that every input file recorded in the manifest is under DIR with \
      its recorded size and SHA-256, and that no other file there matches a source's \
      patterns. Prints each problem as path: error: message. Exits 0 when the report is \
      intact, 65 when something was altered, 66 when DIR, its manifest or the inputs \
      directory is missing.
      """
  )

  @Argument(help: "The report directory (<output>/<period>).")
  var directory: String

  @Option(name: .long, help: "The input directory the report was computed from.")
  var inputs: String?

  func run() throws {
    let manifest = try ReportVerification.manifest(in: directory)
    var problems = ReportVerification.outputs(of: manifest, in: directory)
    if problems.isEmpty { problems = ReportVerification.agreement(of: manifest, in: directory) }
    if let inputs {
      guard directoryExists(inputs) else { throw VerificationError.inputDirectoryMissing(inputs) }
      // The patterns of the configuration the report was computed with, as the manifest
      // carries it; if it cannot be read, only the recorded files are checked.
      let configuration = try? ReportConfiguration.parse(
        yaml: manifest.configuration.text, path: manifest.configuration.path)
      if configuration == nil {
        problems.append(
          VerificationProblem(
            path: directory + "/manifest.json",
            message: "the configuration it records cannot be read; only the recorded input files are checked")
        )
      }
      let patterns = configuration.map { configuration in
        Dictionary(uniqueKeysWithValues: configuration.sources.map { ($0.key.rawValue, $0.value.files) })
      }
      problems += ReportVerification.inputs(
        of: manifest, under: inputs, patterns: patterns, matching: FileGlob.files(matching:under:))
    }
    guard problems.isEmpty else { throw VerifyFailure(problems: problems) }
    let inputCount = manifest.inputs.values.map(\.files.count).reduce(0, +)
    print(
      "\(directory): intact (\(manifest.outputs.count) files as listed in its manifest"
        + (inputs.map { ", \(inputCount) input files as recorded under \($0)" } ?? "") + ")")
  }

  private func directoryExists(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}

/// What `verify` found altered (65).
struct VerifyFailure: Error, Sendable {
  var problems: [VerificationProblem]
}
