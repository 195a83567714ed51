import ReportCore

/// GUA — *Tasso di malfunzionamento* (SPEC §4).
///
/// Numerator: fault tickets with `effective` true whose `opened_at` falls (local date) in
/// the column's period; an exclusion code does not remove a fault from the rate.
/// Denominator: the mean of the monthly `active_lines` over the period's months. A month
/// without census rows — for the whole census, or for the segment's value — makes the
/// segment's value unavailable, with a note naming the month.
enum FaultRate {
  static func figures(
    tickets: [Ticket], dates: TicketDates, ticketValues: ValueDictionary, lines: [DatedDimensions: Int64],
    lineValues: ValueDictionary, period: ReportPeriod, breakdowns: [Dimension]
  ) -> [Segment: RateFigures] {
    var faults = SegmentedTallies(breakdowns: breakdowns, empty: RateTally())
    for (index, ticket) in tickets.enumerated() where ticket.kind == .fault && ticket.effective {
      guard period.contains(dates.opened[index]) else { continue }
      faults.update(ticket.dimensions) { $0.count += 1 }
    }
    let census = DenominatorTable(counts: lines, values: lineValues, period: period, breakdowns: breakdowns)
    let numerators = faults.segments(ticketValues)
    var result: [Segment: RateFigures] = [:]
    for segment in Set(numerators.keys).union(census.sums.keys) {
      let months = census.sums[segment] ?? [:]
      let missing = period.months.filter { months[$0] == nil }
      let denominator = RateDenominator.meanLines(
        sum: months.values.reduce(0, +), months: period.months.count, missing: missing)
      result[segment] = RateFigures(numerator: numerators[segment]?.count ?? 0, denominator: denominator)
    }
    return result
  }
}
