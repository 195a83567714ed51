import Configuration
import ReportCore

/// RIP — *Tempo di riparazione dei malfunzionamenti* (SPEC §4).
///
/// Population: fault tickets with `effective` true whose `resolved_at` falls (local date)
/// in the column's period; one with an exclusion code is counted as excluded instead.
/// Duration: whole minutes from `opened_at` to `resolved_at` on the configured clock —
/// elapsed (solar) time, or the working-hours clock (overlap with the working windows) —
/// minus `suspended_minutes`, never below 0. ON_TIME: with a deadline of H solar hours,
/// elapsed solar minutes minus suspension ≤ H × 60 whatever the clock; with "N working
/// days", resolved on or before the N-th working day after the local day of opening.
enum RepairTime {
  struct Rules {
    let clock: RepairClock
    let deadline: RepairDeadline
    let calendar: WorkingCalendar
    let zone: TimeZoneTable
  }

  static func tally(tickets: [Ticket], period: ReportPeriod, breakdowns: [Dimension], rules: Rules)
    -> SegmentedTallies<DurationTally>
  {
    var tallies = SegmentedTallies(breakdowns: breakdowns, empty: DurationTally())
    for ticket in tickets where isInPopulation(ticket, period: period, zone: rules.zone) {
      if ticket.exclusion != 0 {
        tallies.update(ticket.dimensions) { $0.excluded += 1 }
        continue
      }
      let resolved = ticket.resolvedAt!
      let suspended = Int64(ticket.suspendedMinutes)
      let solarMinutes = (resolved - ticket.openedAt) / 60
      let clockMinutes: Int64
      switch rules.clock {
      case .solar: clockMinutes = solarMinutes
      case .workingHours:
        clockMinutes = rules.calendar.workingMinutes(from: ticket.openedAt, to: resolved, zone: rules.zone)
      }
      let duration = max(0, clockMinutes - suspended)
      let onTime: Bool
      switch rules.deadline {
      case .solarHours(let hours):
        onTime = solarMinutes - suspended <= Int64(hours) * 60
      case .workingDays(let days):
        let opened = rules.zone.localDate(at: ticket.openedAt)
        onTime = rules.zone.localDate(at: resolved) <= rules.calendar.workingDay(days, after: opened)
      }
      tallies.update(ticket.dimensions) { tally in
        tally.histogram.add(Int(duration))
        if onTime { tally.onTime += 1 }
      }
    }
    return tallies
  }

  /// Excluded repairs of `period` per exclusion code.
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
    guard ticket.kind == .fault, ticket.effective, let resolved = ticket.resolvedAt else { return false }
    return period.contains(zone.localDate(at: resolved))
  }
}
