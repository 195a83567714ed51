import Configuration
import ReportCore

/// REC — *Tempo di risoluzione dei reclami* (SPEC §4).
///
/// Population: complaints (every category) whose `resolved_at` falls (local date) in the
/// column's period; one with an exclusion code is counted as excluded instead. Duration:
/// elapsed solar minutes from `opened_at` to `resolved_at`. ON_TIME: local date of
/// resolution minus local date of opening ≤ the configured term (default 30 days).
enum ComplaintResolution {
  static func tally(
    tickets: [Ticket], dates: TicketDates, period: ReportPeriod, breakdowns: [Dimension], termDays: Int
  ) -> SegmentedTallies<DurationTally> {
    var tallies = SegmentedTallies(breakdowns: breakdowns, empty: DurationTally())
    for (index, ticket) in tickets.enumerated()
    where isInPopulation(ticket, resolved: dates.resolved[index], period) {
      if ticket.exclusion != 0 {
        tallies.update(ticket.dimensions) { $0.exclude(ticket.exclusion) }
        continue
      }
      let resolved = ticket.resolvedAt!
      let minutes = Int((resolved - ticket.openedAt) / 60)
      let days = Int(dates.resolved[index]!.day - dates.opened[index].day)
      tallies.update(ticket.dimensions) { tally in
        tally.histogram.add(minutes)
        if days <= termDays { tally.onTime += 1 }
      }
    }
    return tallies
  }

  private static func isInPopulation(_ ticket: Ticket, resolved: LocalDate?, _ period: ReportPeriod) -> Bool {
    guard ticket.kind == .complaint, let resolved else { return false }
    return period.contains(resolved)
  }
}
