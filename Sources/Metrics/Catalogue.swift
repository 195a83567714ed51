import Configuration

/// The indicators of SPEC §4, in catalogue order (the order of every output).
public enum IndicatorCode: String, Sendable, CaseIterable, Comparable {
  case ATT, GUA, RIP, FAT, ACC, REC

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
    }
  }

  /// The sources the indicator reads (SPEC §4).
  public var sources: [SourceKind] {
    switch self {
    case .ATT: [.orders]
    case .RIP, .REC: [.tickets]
    case .GUA: [.tickets, .lines]
    case .FAT, .ACC: [.tickets, .invoices]
    }
  }

  /// The indicator's measures, in catalogue order.
  public var measures: [MeasureCode] {
    switch self {
    case .ATT: [.P95, .P99, .ON_TIME]
    case .GUA, .FAT, .ACC: [.RATE]
    case .RIP: [.P80, .P95, .ON_TIME]
    case .REC: [.P80, .P90, .ON_TIME]
    }
  }
}

/// A measure of an indicator (SPEC §4).
public enum MeasureCode: String, Sendable, CaseIterable {
  case P80, P90, P95, P99, ON_TIME, RATE

  /// The k of a percentile measure, nil otherwise.
  public var percentile: Int? {
    switch self {
    case .P80: 80
    case .P90: 90
    case .P95: 95
    case .P99: 99
    case .ON_TIME, .RATE: nil
    }
  }

  /// Met when the published value is ≥ the target (ON_TIME), else when ≤ (SPEC §4 Targets).
  public var higherIsBetter: Bool { self == .ON_TIME }
}

/// The unit of a measure in the machine-readable results (SPEC §5.1).
public enum MeasureUnit: String, Sendable {
  case days, hours, percent
}

/// How one measure of one indicator is published.
public struct MeasureDefinition: Sendable {
  public let indicator: IndicatorCode
  public let measure: MeasureCode
  public let unit: MeasureUnit
  /// Decimals of the published value (SPEC §5.1: percentile days 0, hours 1, ON_TIME 1, RATE 2).
  public let decimals: Int

  public init(indicator: IndicatorCode, measure: MeasureCode) {
    self.indicator = indicator
    self.measure = measure
    switch (indicator, measure) {
    case (.ATT, .P95), (.ATT, .P99): (unit, decimals) = (.days, 0)
    case (_, .ON_TIME): (unit, decimals) = (.percent, 1)
    case (_, .RATE): (unit, decimals) = (.percent, 2)
    default: (unit, decimals) = (.hours, 1)
    }
  }

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
    }
  }
}
