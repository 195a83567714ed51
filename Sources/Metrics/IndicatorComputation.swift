import Configuration
import ReportCore

/// What an indicator is computed for: its columns, with their breakdowns, and its sources.
struct IndicatorRequest {
  let code: IndicatorCode
  /// The report's columns (the semester, or H1, H2 and the year), each with its breakdowns.
  let columns: [ReportColumn]
  /// The index in ``columns`` of the report's own period, whose exclusions are reported.
  let reportColumn: Int
  let inputs: Metrics.Inputs
  let configuration: ReportConfiguration
  /// Whether to collect the records behind the cells (`run --records`).
  var collectsRecords = false

  /// An empty collection of the records behind the cells when the request collects them.
  ///
  /// Each computation runs its generic pass with it, or else with ``NoRecords``: the pass
  /// without records is then compiled on its own, with no collecting code in it.
  var recordCollection: RecordCollection? {
    collectsRecords ? RecordCollection(columns: columns) : nil
  }
}

/// What one indicator's computation gives.
struct IndicatorCells {
  /// The cells of every column of a report (in column order), per measure and segment.
  var cells: [[MeasureCode: [Segment: ReportCell]]]
  /// The records of the report's own column excluded, per reason code.
  var exclusions: [String: Int]
  /// The records behind the cells, when the request collects them.
  var records: RecordCollection? = nil
}

/// What Metrics needs of an indicator besides its catalogue entry: how its cells are
/// computed from its sources, and the texts that say how (SPEC §4.1 *Definizione* and
/// *Nota di misura*, generated from the configuration in force).
///
/// Each indicator's file implements it; ``IndicatorCode/computation`` names the
/// implementation of each catalogue entry.
protocol IndicatorComputation {
  /// The cells of `request.code` in every column, reading each source once for all columns,
  /// and the records behind them when `request.collectsRecords`.
  /// - Precondition: `request.inputs` holds every source the indicator reads.
  static func cells(_ request: IndicatorRequest) -> IndicatorCells

  /// *Definizione*: start and end events, population, exclusions.
  static func definition(_ code: IndicatorCode, configuration: ReportConfiguration) -> String

  /// *Nota di misura*: clock, calendar and deadline rule in force.
  static func measurementNote(_ code: IndicatorCode, configuration: ReportConfiguration) -> String

  /// *Unità di misura* of SPEC §4.1.
  static func unitLabel(_ definition: MeasureDefinition, configuration: ReportConfiguration) -> String
}

extension IndicatorComputation {
  static func unitLabel(_ definition: MeasureDefinition, configuration: ReportConfiguration) -> String {
    definition.unit.label
  }
}

extension MeasureUnit {
  /// *Unità di misura* (SPEC §4.1): `giorni solari`, `ore`, `%`, `secondi` or `MOS`.
  var label: String {
    switch self {
    case .days: "giorni solari"
    case .hours: "ore"
    case .percent: "%"
    case .seconds: "secondi"
    case .mos: "MOS"
    }
  }
}

extension IndicatorCode {
  /// The computation of each indicator of the catalogue.
  var computation: any IndicatorComputation.Type {
    switch self {
    case .ATT: ActivationTime.self
    case .GUA: FaultRate.self
    case .RIP: RepairTime.self
    case .FAT, .ACC: BillingDisputes.self
    case .REC: ComplaintResolution.self
    case .TMO: OperatorAnswerTime.self
    case .C20: CallsAnsweredInTime.self
    case .ISC: SatisfactionIndex.self
    }
  }
}
