import Configuration
import ReportCore

/// One report — semi-annual or annual *Allegato 4* model — with every figure it publishes.
///
/// XML, the human CSV, the results CSV and the web page all render from this value; it
/// holds published (rounded) values only, so that every format shows the same digits.
public struct ReportModel: Sendable {
  /// The report's period (`2025-H1`, `2025`).
  public var period: ReportPeriod
  /// Its columns: the period itself, or H1, H2 and the year for an annual report.
  public var columns: [ReportPeriod]
  /// Date of preparation (`--report-date`).
  public var reportDate: LocalDate
  /// SPEC §5.2: provisional when prepared on or before the last day of its period.
  public var isProvisional: Bool
  public var operatorInfo: OperatorInfo
  /// The indicators in catalogue order, those whose sources are configured.
  public var indicators: [IndicatorTable]
  /// The indicators that cannot be computed because an optional source they read is not
  /// configured (SPEC §4: TMO, C20, ISC), in catalogue order; a written model shows its own as
  /// *non rilevato*.
  public var notCollected: [UncollectedIndicator] = []
  /// The breaches of the specific standards and their indemnities (SPEC §4.2), when computed
  /// (``IndicatorPipeline/indemnities(reportDate:ids:)``; `run` always does).
  public var indemnities: IndemnityList? = nil

  /// *Denominazione indicatore* of `code` as this report publishes it (configured override or
  /// the catalogue's), also when the report has no table of it.
  public func label(of code: IndicatorCode) -> String {
    indicators.first { $0.code == code }?.label ?? code.label
  }

  /// One of the report models of SPEC §5.2 as this report fills it.
  public func document(_ kind: ReportModelKind) -> ModelDocument {
    ModelDocument(
      kind: kind, indicators: indicators.filter { $0.code.model == kind },
      notCollected: notCollected.filter { $0.code.model == kind })
  }

  /// Every report model in catalogue order, written or not (``ModelDocument/isWritten``).
  public var documents: [ModelDocument] { ReportModelKind.allCases.map(document) }

  /// The models that are written, in catalogue order.
  public var writtenDocuments: [ModelDocument] { documents.filter(\.isWritten) }
}

/// One report model (SPEC §5.2: `servizi`, `assistenza`, `reclami`) of a report: the
/// indicators it publishes.
public struct ModelDocument: Sendable {
  public var kind: ReportModelKind
  /// Its indicators that are computed, in catalogue order.
  public var indicators: [IndicatorTable]
  /// Its indicators that cannot be computed (their source is not configured): *non rilevato*.
  public var notCollected: [UncollectedIndicator]

  /// SPEC §5.2: a model none of whose indicators can be computed is not written.
  public var isWritten: Bool { !indicators.isEmpty }

  /// The optional sources whose absence leaves the model unwritten (or its indicators not
  /// collected), in schema order.
  public var missingSources: [SourceKind] {
    SourceKind.allCases.filter { kind in notCollected.contains { $0.missingSources.contains(kind) } }
  }

  /// Its indicators in catalogue order, each computed or not collected (every table it holds,
  /// so that a table given twice is written twice and refused by the schema).
  public var entries: [ModelEntry] {
    kind.indicators.flatMap { code in
      indicators.filter { $0.code == code }.map(ModelEntry.computed)
        + notCollected.filter { $0.code == code }.map(ModelEntry.notCollected)
    }
  }
}

/// An indicator of a model as published: its figures, or *non rilevato*.
public enum ModelEntry: Sendable {
  case computed(IndicatorTable)
  case notCollected(UncollectedIndicator)
}

/// An indicator whose source is not configured (SPEC §5.2: ISC without a surveys source is
/// *non rilevato*): no value, and a note saying why.
public struct UncollectedIndicator: Sendable, Equatable {
  public var code: IndicatorCode
  /// *Denominazione indicatore* (configured override or SPEC §4 default).
  public var label: String
  /// Its measures: the definition, *Misura* and *Unità di misura* in force.
  public var measures: [(definition: MeasureDefinition, label: String, unitLabel: String)]
  /// The optional sources it reads that are not configured.
  public var missingSources: [SourceKind]

  public init(
    code: IndicatorCode, label: String,
    measures: [(definition: MeasureDefinition, label: String, unitLabel: String)],
    missingSources: [SourceKind]
  ) {
    self.code = code
    self.label = label
    self.measures = measures
    self.missingSources = missingSources
  }

  /// Why there is no value, for people: `Non rilevato: la fonte surveys (…) non è configurata.`
  public var note: String {
    let names = missingSources.map { "«\($0.rawValue)» (\($0.italianDescription))" }
    return names.count == 1
      ? "Non rilevato: la fonte \(names[0]) non è configurata."
      : "Non rilevato: le fonti \(names.joined(separator: " e ")) non sono configurate."
  }

  public static func == (lhs: UncollectedIndicator, rhs: UncollectedIndicator) -> Bool {
    lhs.code == rhs.code && lhs.label == rhs.label && lhs.missingSources == rhs.missingSources
      && lhs.measures.map(\.definition) == rhs.measures.map(\.definition)
      && lhs.measures.map(\.label) == rhs.measures.map(\.label)
      && lhs.measures.map(\.unitLabel) == rhs.measures.map(\.unitLabel)
  }
}

extension SourceKind {
  /// What the source is, for people (the note of an indicator not collected).
  var italianDescription: String {
    switch self {
    case .orders: "ordini"
    case .tickets: "segnalazioni e reclami"
    case .invoices: "fatture"
    case .lines: "linee attive"
    case .calls: "chiamate al servizio clienti"
    case .surveys: "sondaggi di soddisfazione"
    }
  }
}

/// One indicator of a report: its measures, each a table of segments × columns.
public struct IndicatorTable: Sendable {
  public var code: IndicatorCode
  /// *Denominazione indicatore* (configured override or SPEC §4 default).
  public var label: String
  /// *Definizione*: start and end events, population, exclusions.
  public var definition: String
  /// *Nota di misura*: clock, calendar and deadline rule in force.
  public var measurementNote: String
  public var measures: [MeasureTable]
  /// Records removed by exclusion codes in the report's own period, per cause, in byte
  /// order of the codes.
  public var exclusions: [ExclusionCount]
  /// The operator's notes (SPEC §4 Notes): on the indicator, then on its columns in order.
  public var notes: [OperatorNote] = []
}

/// The records of an indicator's population removed by one exclusion cause (SPEC §2.3).
public struct ExclusionCount: Sendable, Equatable {
  /// The code, after value mapping (`customer_delay`).
  public var code: String
  /// Its Italian label from the source's `exclusions:`, else the code itself.
  public var label: String
  public var count: Int

  public init(code: String, label: String, count: Int) {
    self.code = code
    self.label = label
    self.count = count
  }
}

/// One measure of an indicator, segment by segment.
public struct MeasureTable: Sendable {
  public var definition: MeasureDefinition
  /// *Misura* (configured override or SPEC §4.1 default).
  public var label: String
  /// *Unità di misura* (SPEC §4.1): `giorni solari`, `ore solari` or `ore lavorative`, `ore`, `%`.
  public var unitLabel: String
  /// Rows in SPEC §5.1 segment order.
  public var rows: [SegmentRow]
}

/// One segment of a measure across the report's columns.
public struct SegmentRow: Sendable {
  public var segment: Segment
  /// The segment for people (*Totale*, `Accesso: Rete propria`), with the display labels in force.
  public var label: String
  /// One cell per report column; nil where the segment is not reported in that column
  /// (its value does not occur there, or a regional row outside the *Anno* column).
  public var cells: [ReportCell?]
}

/// One published figure with what an auditor needs to judge it.
public struct ReportCell: Sendable, Equatable {
  /// The published value, rounded half-up to the measure's decimals; nil when not
  /// available (n = 0, or a missing census month).
  public var value: ExactDecimal?
  /// n for percentiles and ON_TIME; the numerator count for rates.
  public var sampleSize: Int
  /// For rates: invoices issued (scale 0) or the mean active lines (scale 2).
  public var denominator: ExactDecimal?
  /// Records of the population removed by an exclusion code.
  public var excluded: Int
  /// The target declared for this column (a semester's or the year's), at the measure's
  /// decimals; nil when none.
  public var target: ExactDecimal?
  /// true/false against the target; nil without a target or without a value.
  public var met: Bool?
  /// A percentile over so few cases that it equals the maximum (SPEC §4 small samples).
  public var smallSample: Bool
  /// C20: unanswered calls left out of the population as short abandons (SPEC §4), reported
  /// apart from ``excluded``.
  public var shortAbandons: Int
  /// Why a value is missing, or what else qualifies it.
  public var notes: [String]

  public init(
    value: ExactDecimal?, sampleSize: Int, denominator: ExactDecimal? = nil, excluded: Int = 0,
    target: ExactDecimal? = nil, met: Bool? = nil, smallSample: Bool = false, shortAbandons: Int = 0,
    notes: [String] = []
  ) {
    self.value = value
    self.sampleSize = sampleSize
    self.denominator = denominator
    self.excluded = excluded
    self.target = target
    self.met = met
    self.smallSample = smallSample
    self.shortAbandons = shortAbandons
    self.notes = notes
  }
}
