import Configuration
import ReportCore

/// REC — *Tempo di risoluzione dei reclami* (SPEC §4).
///
/// Population: complaints (every category) whose `resolved_at` falls (local date) in the
/// column's period; one with an exclusion code is counted as excluded instead. Duration:
/// elapsed solar minutes from `opened_at` to `resolved_at`. ON_TIME: local date of
/// resolution minus local date of opening ≤ the configured term (default 30 days).
enum ComplaintResolution {
  /// The tallies of every column, in one pass over the tickets.
  static func tally(tickets: [Ticket], dates: TicketDates, columns: [ReportColumn], termDays: Int)
    -> [SegmentedTallies<DurationTally>]
  {
    var tallies = ColumnTallies(columns, empty: DurationTally())
    for (index, ticket) in tickets.enumerated() {
      guard ticket.kind == .complaint, let resolvedOn = dates.resolved[index], tallies.covers(resolvedOn)
      else { continue }
      if ticket.exclusion != 0 {
        tallies.update(on: resolvedOn, ticket.dimensions) { $0.exclude(ticket.exclusion) }
        continue
      }
      let minutes = Int((ticket.resolvedAt! - ticket.openedAt) / 60)
      let days = Int(resolvedOn.day - dates.opened[index].day)
      tallies.update(on: resolvedOn, ticket.dimensions) { tally in
        tally.histogram.add(minutes)
        if days <= termDays { tally.onTime += 1 }
      }
    }
    return tallies.columns
  }
}

extension ComplaintResolution: IndicatorComputation {
  static func cells(_ request: IndicatorRequest) -> IndicatorCells {
    let tickets = request.inputs.tickets
    let tallies = tally(
      tickets: tickets.records, dates: tickets.dates, columns: request.columns,
      termDays: request.configuration.indicators.complaintTermDays)
    return Metrics.durationCells(request, tallies, values: tickets.values, minutes: true)
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
