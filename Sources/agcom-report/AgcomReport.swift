import ArgumentParser

/// The `agcom-report` executable: options in, library calls, exit codes out (SPEC §7).
@main
struct AgcomReport: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "agcom-report",
    abstract: "Computes AGCOM quality-of-service indicators (Carta dei Servizi) from CSV exports.",
    discussion: """
      Exit codes: 0 success, 64 usage, 65 data error (reject threshold, file-level error), \
      66 input missing, 73 cannot create output, 74 I/O error, 78 configuration error.
      """,
    version: toolVersion,
    subcommands: [Run.self, Check.self, Validate.self, Verify.self]
  )

  /// Parses the command line and runs the command, as ArgumentParser's own `main` does,
  /// except that the errors the commands throw are printed and turned into exit codes by
  /// ``Failure`` (command-line errors, help and `--version` are left to ArgumentParser).
  static func main() async {
    do {
      var command = try await asyncParseAsRoot()
      if var command = command as? AsyncParsableCommand {
        try await command.run()
      } else {
        try command.run()
      }
    } catch {
      guard let failure = Failure(error) else { exit(withError: error) }
      failure.lines.forEach(printError)
      exit(withError: ExitCode(failure.status))
    }
  }
}

/// The version printed by `--version` and recorded in manifests.
let toolVersion = "0.1.0"
