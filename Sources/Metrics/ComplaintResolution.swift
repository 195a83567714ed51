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
    tickets: [Ticket], period: ReportPeriod, breakdowns: [Dimension], termDays: Int, zone: TimeZoneTable
  ) -> SegmentedTallies<DurationTally> {
    var tallies = SegmentedTallies(breakdowns: breakdowns, empty: DurationTally())
    for ticket in tickets where isInPopulation(ticket, period: period, zone: zone) {
      if ticket.exclusion != 0 {
        tallies.update(ticket.dimensions) { $0.excluded += 1 }
        continue
      }
      let resolved = ticket.resolvedAt!
      let minutes = Int((resolved - ticket.openedAt) / 60)
      let days = Int(zone.localDate(at: resolved).day - zone.localDate(at: ticket.openedAt).day)
      tallies.update(ticket.dimensions) { tally in
        tally.histogram.add(minutes)
        if days <= termDays { tally.onTime += 1 }
      }
    }
    return tallies
  }

  /// Excluded complaints of `period` per exclusion code.
  static func exclusions(tickets: [Ticket], values: ValueDictionary, period: ReportPeriod, zone: TimeZoneTable)
    -> [String: Int]
  {
    var counts: [String: Int] = [:]
    for ticket in tickets where ticket.exclusion != 0 && isInPopulation(ticket, period: period, zone: zone) {
      counts[values.string(for: ticket.exclusion)!, default: 0] += 1
    }
    return counts
  }

  private static func isInPopulation(_ ticket: Ticket, period: ReportPeriod, zone: TimeZoneTable) -> Bool {
    guard ticket.kind == .complaint, let resolved = ticket.resolvedAt else { return false }
    return period.contains(zone.localDate(at: resolved))
  }
}
