import Configuration
import ReportCore

/// ATT — *Tempo di attivazione del servizio* (SPEC §4).
///
/// Population: orders with status completed whose `completion_date` falls in the
/// column's period; an order with an exclusion code is counted as excluded instead.
/// Duration: local calendar days from `order_date` to `completion_date` (same day = 0).
/// ON_TIME: completed on or before `agreed_date` when the order has one, else within
/// `contract_days` from the row, else from the first matching configured rule for its
/// service and access; an order with no deadline at all counts as late, with a note.
enum ActivationTime {
  /// The tallies of every column, in one pass over the orders, telling `records` what each
  /// order is to them.
  static func tally(
    orders: [Order], values: ValueDictionary, columns: [ReportColumn], contractDays: [ContractDaysRule],
    records: inout some RecordCollector
  ) -> [SegmentedTallies<DurationTally>] {
    var tallies = ColumnTallies(columns, empty: DurationTally())
    let rules = ContractDays(rules: contractDays, values: values)
    for (index, order) in orders.enumerated() {
      guard order.status == .completed, let completed = order.completionDate, tallies.covers(completed)
      else {
        continue
      }
      if order.exclusion != 0 {
        tallies.update(on: completed, order.dimensions) { $0.exclude(order.exclusion) }
        records.add(index, on: completed, .excluded)
        continue
      }
      let days = Int(completed.day - order.orderDate.day)
      let onTime = deadline(of: order, rules: rules).map { completed <= $0 }
      tallies.update(on: completed, order.dimensions) { tally in
        tally.histogram.add(days)
        if onTime == true { tally.onTime += 1 }
        if onTime == nil { tally.withoutDeadline += 1 }
      }
      records.add(index, on: completed, .measured(value: Int64(days), onTime: onTime == true))
    }
    return tallies.columns
  }

  /// The order's deadline date (SPEC §4 ON_TIME, §4.2): `agreed_date` when present, else the
  /// local date of `order_date` plus the contractual days of the row, else of the first
  /// matching configured rule; nil when the order has none. Completed on time ⇔ completed on
  /// or before it.
  static func deadline(of order: Order, rules: ContractDays) -> LocalDate? {
    if let agreed = order.agreedDate { return agreed }
    guard let limit = order.contractDays.map(Int.init) ?? rules.days(for: order.dimensions) else {
      return nil
    }
    return order.orderDate.adding(days: limit)
  }
}

/// The configured contractual days, resolved against one source's dictionary.
struct ContractDays {
  private let rules: [(service: UInt32?, access: UInt32?, days: Int)]

  /// A rule naming a value that the source never had matches no order.
  init(rules: [ContractDaysRule], values: ValueDictionary) {
    self.rules = rules.map { rule in
      (
        rule.service.map { values.existingID(for: $0) ?? UInt32.max },
        rule.access.map { values.existingID(for: $0) ?? UInt32.max }, rule.days
      )
    }
  }

  /// Days of the first rule matching the order's service and access, nil when none matches.
  func days(for dimensions: DimensionValues) -> Int? {
    for rule in rules {
      if let service = rule.service, service != dimensions.service { continue }
      if let access = rule.access, access != dimensions.access { continue }
      return rule.days
    }
    return nil
  }
}

extension ActivationTime: IndicatorComputation {
  static func cells(_ request: IndicatorRequest) -> IndicatorCells {
    if let collection = request.recordCollection { return cells(request, collecting: collection) }
    return cells(request, collecting: NoRecords())
  }

  private static func cells(_ request: IndicatorRequest, collecting: some RecordCollector) -> IndicatorCells {
    let orders = request.inputs.orders
    var records = collecting
    let tallies = tally(
      orders: orders.records, values: orders.values, columns: request.columns,
      contractDays: request.configuration.indicators.contractDays, records: &records)
    var cells = Metrics.durationCells(request, tallies, values: orders.values, minutes: false)
    cells.records = records.collection
    return cells
  }

  static func definition(_ code: IndicatorCode, configuration: ReportConfiguration) -> String {
    return
      "Tempo, in giorni solari, tra la data di ricezione dell'ordine valido e la data in cui il servizio è"
      + " effettivamente disponibile per il cliente. Popolazione: ordini espletati con data di espletamento nel"
      + " periodo; sono esclusi gli ordini con causa di esclusione, contati a parte."
  }

  static func measurementNote(_ code: IndicatorCode, configuration: ReportConfiguration) -> String {
    let zone = Descriptions.zone(configuration)
    let indicators = configuration.indicators
    let rules = indicators.contractDays.map { rule in
      let scope = [rule.service.map { "servizio \($0)" }, rule.access.map { "accesso \($0)" }]
        .compactMap { $0 }.joined(separator: ", ")
      return "\(rule.days) giorni" + (scope.isEmpty ? "" : " (\(scope))")
    }
    let defaults =
      rules.isEmpty ? "nessun termine predefinito" : "termine predefinito " + rules.joined(separator: "; ")
    return
      "Giorni di calendario tra le date locali (\(zone)); espletamento nel giorno dell'ordine = 0 giorni."
      + " Percentili nearest-rank esatti. Entro i termini: espletato entro la data concordata, se presente,"
      + " altrimenti entro i giorni contrattuali dell'ordine o, in mancanza, il \(defaults)."
  }
}
