import ArgumentParser
import Configuration
import Emit
import Ingest
import ReportCore

/// The sysexits codes of SPEC §7.
enum ExitStatus {
  static let dataError: Int32 = 65
  static let inputMissing: Int32 = 66
  static let cannotCreateOutput: Int32 = 73
  static let ioError: Int32 = 74
  static let configurationError: Int32 = 78
}

/// What an error a command throws prints on standard error, and the exit status it ends
/// the program with (SPEC §7): the one place where the library's errors meet sysexits.
struct Failure {
  /// The lines printed (by ``printError(_:)``, which keeps each one line).
  var lines: [String]
  var status: Int32

  /// nil for anything but the errors of the library and of the commands: usage errors,
  /// help and `--version` are ArgumentParser's to print (64, 0).
  init?(_ error: any Error) {
    switch error {
    case let error as ConfigurationError:
      self.init(error.description, status: ExitStatus.configurationError)
    case let error as IngestError:
      switch error {
      case .inputDirectoryMissing, .noFilesMatch:
        self.init(error.description, status: ExitStatus.inputMissing)
      case .file: self.init(error.description, status: ExitStatus.dataError)
      case .unreadable: self.init(error.description, status: ExitStatus.ioError)
      }
    case let error as ThresholdExceeded:
      self.init(lines: error.lines, status: ExitStatus.dataError)
    case let error as ReportFilesError:
      switch error {
      case .invalidXML, .input: self.init(error.description, status: ExitStatus.dataError)
      case .xmlWriter, .template, .workbook: self.init(error.description, status: ExitStatus.ioError)
      }
    case let error as OutputError:
      switch error {
      case .cannotCreateDirectory, .cannotWrite:
        self.init(error.description, status: ExitStatus.cannotCreateOutput)
      case .cannotOpenLock, .cannotLock, .cannotPutInPlace:
        self.init(error.description, status: ExitStatus.ioError)
      }
    case let error as ValidateError:
      self.init(lines: error.lines, status: error.status)
    case let error as VerificationError:
      switch error {
      case .manifestUnreadable: self.init(error.description, status: ExitStatus.dataError)
      case .directoryMissing, .manifestMissing, .inputDirectoryMissing:
        self.init(error.description, status: ExitStatus.inputMissing)
      }
    case let error as VerifyFailure:
      self.init(lines: error.problems.map(\.description), status: ExitStatus.dataError)
    default:
      return nil
    }
  }

  private init(lines: [String], status: Int32) {
    self.lines = lines
    self.status = status
  }

  /// A library error's description; the few that span lines (a report's schema violations)
  /// keep their line breaks.
  private init(_ description: String, status: Int32) {
    self.init(
      lines: description.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
      status: status)
  }
}

/// Sources whose rejected share exceeds their threshold (SPEC §2.3): the run fails, exit 65,
/// and writes no report.
struct ThresholdExceeded: Error, Sendable {
  struct Source: Sendable {
    var kind: SourceKind
    var statistics: SourceStatistics
  }

  /// In catalogue order.
  var sources: [Source]

  /// The sources of `audit` over their threshold; nil when there are none.
  init?(_ audit: IngestAudit) {
    sources = audit.sourcesOverThreshold.compactMap { kind in
      audit.statistics[kind].map { Source(kind: kind, statistics: $0) }
    }
    if sources.isEmpty { return nil }
  }

  /// `error: orders: 6 of 8786 rows rejected, over the threshold of 0.01%; no report is written`.
  var lines: [String] {
    sources.map { source in
      "error: \(source.kind.rawValue): \(source.statistics.rejected) of \(source.statistics.rows) rows "
        + "rejected, over the threshold of \(source.statistics.threshold.percentage)%; no report is written"
    }
  }
}
