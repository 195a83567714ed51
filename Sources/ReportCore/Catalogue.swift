/// The indicator catalogue of SPEC §4 and §4.1: every fact about an indicator and its
/// measures that more than one stage reads, written once.
///
/// Configuration checks targets and labels against it, Metrics computes what it lists,
/// Emit publishes with its labels, units and decimals. Adding an indicator means a case
/// here with its facts, its computation in Metrics, and its tests.

/// The indicators of SPEC §4, in catalogue order (the order of every output).
public enum IndicatorCode: String, Sendable, CaseIterable, Comparable {
  case ATT, GUA, RIP, FAT, ACC, REC, TMO, C20, ISC

  public static func < (lhs: IndicatorCode, rhs: IndicatorCode) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }

  /// *Denominazione indicatore* of the report models.
  public var label: String {
    switch self {
    case .ATT: "Tempo di attivazione del servizio"
    case .GUA: "Tasso di malfunzionamento"
    case .RIP: "Tempo di riparazione dei malfunzionamenti"
    case .FAT: "Fatture contestate"
    case .ACC: "Accuratezza della fatturazione"
    case .REC: "Tempo di risoluzione dei reclami"
    case .TMO: "Tempo medio di risposta dell'operatore"
    case .C20: "Tasso di chiamate verso operatore servite entro 20\""
    case .ISC: "Indice di soddisfazione del cliente (facoltativo)"
    }
  }

  /// The sources the indicator reads (SPEC §4). TMO, C20 and ISC read the optional sources
  /// (``SourceKind/isOptional``): they exist only when their source is configured.
  public var sources: [SourceKind] {
    switch self {
    case .ATT: [.orders]
    case .RIP, .REC: [.tickets]
    case .GUA: [.tickets, .lines]
    case .FAT, .ACC: [.tickets, .invoices]
    case .TMO, .C20: [.calls]
    case .ISC: [.surveys]
    }
  }

  /// The indicator's measures, in catalogue order.
  public var measures: [MeasureCode] {
    switch self {
    case .ATT: [.P95, .P99, .ON_TIME]
    case .GUA, .FAT, .ACC: [.RATE]
    case .RIP: [.P80, .P95, .ON_TIME]
    case .REC: [.P80, .P90, .ON_TIME]
    case .TMO: [.MEAN]
    case .C20: [.ON_TIME]
    case .ISC: [.M1, .M2, .M3, .M4, .M5]
    }
  }

  /// The report model the indicator is published in (SPEC §5.2).
  public var model: ReportModelKind {
    switch self {
    case .ATT, .GUA, .RIP, .FAT, .ACC: .servizi
    case .REC: .reclami
    case .TMO, .C20, .ISC: .assistenza
    }
  }

  /// How the published values of `measure` of this indicator are written.
  /// - Precondition: `measure` is one of ``measures``.
  public func definition(of measure: MeasureCode) -> MeasureDefinition {
    MeasureDefinition(indicator: self, measure: measure)
  }

  /// Every measure of the indicator with its publication facts, in catalogue order.
  public var measureDefinitions: [MeasureDefinition] { measures.map(definition(of:)) }
}

/// A measure of an indicator (SPEC §4).
public enum MeasureCode: String, Sendable, CaseIterable {
  case P80, P90, P95, P99, ON_TIME, RATE, MEAN, M1, M2, M3, M4, M5

  /// The k of a percentile measure, nil otherwise.
  public var percentile: Int? {
    switch self {
    case .P80: 80
    case .P90: 90
    case .P95: 95
    case .P99: 99
    case .ON_TIME, .RATE, .MEAN, .M1, .M2, .M3, .M4, .M5: nil
    }
  }

  /// Which way a target is met (SPEC §4 Targets): percentiles, rates and the mean wait (TMO)
  /// at most the target; ON_TIME and the satisfaction measures (ISC) at least.
  public var target: TargetDirection {
    switch self {
    case .P80, .P90, .P95, .P99, .RATE, .MEAN: .atMost
    case .ON_TIME, .M1, .M2, .M3, .M4, .M5: .atLeast
    }
  }
}

/// How a published value is compared with its target (SPEC §4 Targets).
public enum TargetDirection: Sendable {
  /// Met when value ≤ target (percentiles and rates).
  case atMost
  /// Met when value ≥ target (ON_TIME, ISC).
  case atLeast

  /// Whether `value` meets `target`: the published (rounded) value, compared exactly.
  public func isMet(_ value: ExactDecimal, target: ExactDecimal) -> Bool {
    let comparison = ExactDecimal.compare(value, target)
    return self == .atLeast ? comparison >= 0 : comparison <= 0
  }
}

/// The unit of a measure in the machine-readable results (SPEC §5.1).
public enum MeasureUnit: String, Sendable {
  case days, hours, percent, seconds
  /// Mean opinion score on the surveys' scale (ISC M2–M5).
  case mos

  /// Whether values are percentages (targets from 0 to 100).
  public var isPercentage: Bool { self == .percent }
}

/// The report models of SPEC §5.2.
public enum ReportModelKind: String, Sendable, CaseIterable {
  /// 156/23/CONS: the fixed-service indicators.
  case servizi
  /// 255/24/CONS Allegato 4: complaints.
  case reclami
  /// 255/24/CONS Allegato 4: the telephone assistance service (TMO, C20, ISC).
  case assistenza

  /// The deliberation the model answers to (`255/24/CONS`).
  public var deliberation: String {
    switch self {
    case .servizi: "156/23/CONS"
    case .reclami, .assistenza: "255/24/CONS"
    }
  }

  /// The deliberation with the annex that sets the model (SPEC §5.2: `255/24/CONS, Allegato 4`),
  /// as the model's header names it.
  public var reference: String {
    switch self {
    case .servizi: deliberation
    case .reclami, .assistenza: deliberation + ", Allegato 4"
    }
  }

  /// The model's title (SPEC §5.2).
  public var title: String {
    switch self {
    case .servizi: "Indicatori di qualità dei servizi di comunicazione da postazione fissa"
    case .reclami: "Resoconto relativo ai reclami"
    case .assistenza: "Resoconto relativo alla qualità dei servizi di assistenza telefonici"
    }
  }

  /// The model's indicators, in catalogue order.
  public var indicators: [IndicatorCode] { IndicatorCode.allCases.filter { $0.model == self } }

  /// The model's document in the report directory: `resoconto-<model>-<period>.<ext>`.
  /// - Parameters:
  ///   - period: the report's period as written (`2025-H1`).
  ///   - ext: `xml` or `csv`.
  public func fileName(period: String, ext: String) -> String { "resoconto-\(rawValue)-\(period).\(ext)" }
}

/// How one measure of one indicator is published.
public struct MeasureDefinition: Sendable, Equatable {
  public let indicator: IndicatorCode
  public let measure: MeasureCode
  public let unit: MeasureUnit
  /// Decimals of the published value (SPEC §5.1: percentile days 0, hours 1, ON_TIME 1, RATE 2,
  /// MEAN seconds 0, ISC M1 1, ISC M2–M5 2).
  public let decimals: Int

  public init(indicator: IndicatorCode, measure: MeasureCode) {
    self.indicator = indicator
    self.measure = measure
    switch (indicator, measure) {
    case (.ATT, .P95), (.ATT, .P99): (unit, decimals) = (.days, 0)
    case (_, .ON_TIME): (unit, decimals) = (.percent, 1)
    case (_, .RATE): (unit, decimals) = (.percent, 2)
    case (_, .MEAN): (unit, decimals) = (.seconds, 0)
    case (_, .M1): (unit, decimals) = (.percent, 1)
    case (_, .M2), (_, .M3), (_, .M4), (_, .M5): (unit, decimals) = (.mos, 2)
    default: (unit, decimals) = (.hours, 1)
    }
  }

  /// `ATT P95`: how labels and notes name the measure in the configuration.
  public var key: String { "\(indicator.rawValue) \(measure.rawValue)" }

  /// *Misura* of the report models (SPEC §4.1).
  public var label: String {
    switch (indicator, measure) {
    case (.ATT, .P95): "Percentile 95% del tempo di fornitura"
    case (.ATT, .P99): "Percentile 99% del tempo di fornitura"
    case (.ATT, _):
      "Percentuale degli ordini validi completati entro la data concordata con il cliente o entro il termine contrattuale"
    case (.GUA, _):
      "Segnalazioni di malfunzionamenti effettivi in rapporto al numero medio di linee di accesso attive"
    case (.RIP, .P80): "Percentile 80% del tempo di riparazione dei malfunzionamenti"
    case (.RIP, .P95): "Percentile 95% del tempo di riparazione dei malfunzionamenti"
    case (.RIP, _):
      "Percentuale delle riparazioni completate entro il tempo massimo contrattualmente previsto"
    case (.FAT, _): "Percentuale di fatture per cui il cliente ha reclamato sul totale delle fatture emesse"
    case (.ACC, _):
      "Percentuale di fatture con reclami riconosciuti fondati e riaccredito sul totale delle fatture emesse"
    case (.REC, .P80): "Tempo entro il quale l'80% dei reclami viene risolto"
    case (.REC, .P90): "Tempo entro il quale il 90% dei reclami viene risolto"
    case (.REC, _): "Percentuale di reclami risolti entro i termini previsti"
    case (.TMO, _): "Tempo medio di risposta dell'operatore alle chiamate entranti"
    case (.C20, _): "Percentuale di chiamate verso operatore servite entro 20 secondi"
    case (.ISC, .M1): "Misura 1: tasso di adesione al sondaggio"
    case (.ISC, .M2): "Misura 2: indice di valutazione della chiarezza del contatto"
    case (.ISC, .M3): "Misura 3: indice di valutazione della cortesia del fornitore del servizio"
    case (.ISC, .M4): "Misura 4: indice di valutazione della qualità dell'assistenza resa"
    case (.ISC, _): "Misura 5: indice di percezione della velocità del contatto"
    }
  }
}
