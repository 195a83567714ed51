import Configuration
import ReportCore

/// REC — *Tempo di risoluzione dei reclami* (SPEC §4).
///
/// Population: complaints (every category) whose `resolved_at` falls (local date) in the
/// column's period; one with an exclusion code is counted as excluded instead. Duration:
/// elapsed solar minutes from `opened_at` to `resolved_at`. ON_TIME: local date of
/// resolution minus local date of opening ≤ the configured term (default 30 days).
enum ComplaintResolution {
  /// The tallies of every column, in one pass over the tickets, telling `records` what each
  /// complaint is to them.
  static func tally(
    tickets: [Ticket], dates: TicketDates, columns: [ReportColumn], termDays: Int,
    records: inout some RecordCollector
  ) -> [SegmentedTallies<DurationTally>] {
    var tallies = ColumnTallies(columns, empty: DurationTally())
    for (index, ticket) in tickets.enumerated() {
      guard ticket.kind == .complaint, let resolvedOn = dates.resolved[index], tallies.covers(resolvedOn)
      else { continue }
      if ticket.exclusion != 0 {
        tallies.update(on: resolvedOn, ticket.dimensions) { $0.exclude(ticket.exclusion) }
        records.add(index, on: resolvedOn, .excluded)
        continue
      }
      let minutes = Int((ticket.resolvedAt! - ticket.openedAt) / 60)
      let onTime = resolvedOn <= deadline(openedOn: dates.opened[index], termDays: termDays)
      tallies.update(on: resolvedOn, ticket.dimensions) { tally in
        tally.histogram.add(minutes)
        if onTime { tally.onTime += 1 }
      }
      records.add(index, on: resolvedOn, .measured(value: Int64(minutes), onTime: onTime))
    }
    return tallies.columns
  }

  /// A complaint's deadline date (SPEC §4 ON_TIME, §4.2): the local date of opening plus the
  /// term; resolved on time ⇔ resolved (local date) on or before it.
  static func deadline(openedOn: LocalDate, termDays: Int) -> LocalDate {
    openedOn.adding(days: termDays)
  }
}

extension ComplaintResolution: IndicatorComputation {
  static func cells(_ request: IndicatorRequest) -> IndicatorCells {
    if let collection = request.recordCollection { return cells(request, collecting: collection) }
    return cells(request, collecting: NoRecords())
  }

  private static func cells(_ request: IndicatorRequest, collecting: some RecordCollector) -> IndicatorCells {
    let tickets = request.inputs.tickets
    var records = collecting
    let tallies = tally(
      tickets: tickets.records, dates: tickets.dates, columns: request.columns,
      termDays: request.configuration.indicators.complaintTermDays, records: &records)
    var cells = Metrics.durationCells(request, tallies, values: tickets.values, minutes: true)
    cells.records = records.collection
    return cells
  }

  static func definition(_ code: IndicatorCode, configuration: ReportConfiguration) -> String {
    return
      "Tempo tra l'apertura di un reclamo e la sua risoluzione. Popolazione: reclami risolti nel periodo;"
      + " sono esclusi quelli con causa di esclusione, contati a parte."
  }

  static func measurementNote(_ code: IndicatorCode, configuration: ReportConfiguration) -> String {
    let zone = Descriptions.zone(configuration)
    let indicators = configuration.indicators
    return
      "Minuti solari trascorsi (\(zone)), pubblicati in ore con un decimale. Percentili nearest-rank esatti."
      + " Entro i termini: data di risoluzione non oltre \(indicators.complaintTermDays) giorni dalla data di apertura."
  }
}
