import ArgumentParser
import Configuration
import Emit
import Foundation
import Ingest
import ReportCore

#if canImport(Glibc)
  import Glibc
#endif

/// sysexits codes of SPEC §7.
enum ExitStatus {
  static let dataError = ExitCode(65)
  static let inputMissing = ExitCode(66)
  static let cannotCreateOutput = ExitCode(73)
  static let ioError = ExitCode(74)
  static let configurationError = ExitCode(78)
}

/// Writes a line on standard error.
func printError(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Loads the configuration or exits 78 with the loader's positioned message.
func loadConfiguration(path: String) throws -> ReportConfiguration {
  do {
    return try ReportConfiguration.load(path: path)
  } catch {
    printError(error.description)
    throw ExitStatus.configurationError
  }
}

/// Runs ingestion (see ``Ingestion/ingest(configuration:input:digests:whenRead:)``), mapping
/// its failures to exit codes.
func ingest(
  configuration: ReportConfiguration, input: String, digests: Bool = false,
  whenRead: @escaping @Sendable (SourceRecords) -> Void = { _ in }
) async throws -> IngestedData {
  do {
    return try await Ingestion.ingest(
      configuration: configuration, input: input, digests: digests, whenRead: whenRead)
  } catch {
    printError(error.description)
    switch error {
    case .inputMissing: throw ExitStatus.inputMissing
    case .file: throw ExitStatus.dataError
    }
  }
}

/// Exits 65 when a source's rejected share exceeds its threshold (SPEC §2.3).
func failOverThreshold(_ data: IngestedData) throws {
  let over = data.audit.sourcesOverThreshold
  guard !over.isEmpty else { return }
  for kind in over {
    let statistics = data.audit.statistics[kind]!
    printError(
      "error: \(kind.rawValue): \(statistics.rejected) of \(statistics.rows) rows rejected, "
        + "over the threshold of \(percent(statistics.threshold)); no report is written")
  }
  throw ExitStatus.dataError
}

/// `0.005` → `0.5%`.
func percent(_ fraction: ExactDecimal) -> String {
  fraction.percentage.description + "%"
}

/// Writes `rejects/<source>.csv` for every source (an empty file with its header when none).
func writeRejectFiles(_ data: IngestedData, into directory: String) throws {
  do {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  } catch {
    printError("\(directory): error: cannot create the directory: \(error.localizedDescription)")
    throw ExitStatus.cannotCreateOutput
  }
  for kind in data.audit.sources {
    let path = directory + "/" + kind.rawValue + ".csv"
    let bytes = RejectFile.render(data.audit.rejects[kind] ?? [])
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
      printError("\(path): error: cannot write the file")
      throw ExitStatus.ioError
    }
  }
}
