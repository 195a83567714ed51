import ArgumentParser
import ReportCore

/// The options `run` and `check` share: where the configuration and the exports are.
struct InputOptions: ParsableArguments {
  @Option(name: .long, help: "The YAML configuration file.")
  var config: String

  @Option(name: .long, help: "The directory the sources' file globs are relative to.")
  var input: String
}

/// `--period`: a report period (`2025-H1`, `2025-H2`, `2025`), `current` or `previous`.
enum PeriodArgument: ExpressibleByArgument, Sendable, Equatable {
  case period(ReportPeriod)
  /// The semester containing the report date.
  case current
  /// The last semester that ended before the report date: the final report.
  case previous

  init?(argument: String) {
    if argument == "current" {
      self = .current
    } else if argument == "previous" {
      self = .previous
    } else if let period = ReportPeriod(parsing: argument) {
      self = .period(period)
    } else {
      return nil
    }
  }

  /// The period of a report prepared on `reportDate`.
  func period(reportDate: LocalDate) -> ReportPeriod {
    switch self {
    case .period(let period): period
    case .current: ReportPeriod(semesterContaining: reportDate)
    case .previous: ReportPeriod(semesterEndedBefore: reportDate)
    }
  }
}

/// `--report-date`: a real day written `YYYY-MM-DD`.
extension LocalDate: ExpressibleByArgument {
  public init?(argument: String) {
    self.init(parsing: argument)
  }
}
