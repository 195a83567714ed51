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
    subcommands: [Run.self, Check.self, Validate.self]
  )
}

/// The version printed by `--version` and recorded in manifests.
let toolVersion = "0.1.0"
