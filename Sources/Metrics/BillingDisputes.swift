import ReportCore

/// FAT — *Fatture contestate* — and ACC — *Accuratezza della fatturazione* (SPEC §4).
///
/// Numerator: the distinct `invoice_id`s of billing complaints opened (local date) in the
/// column's period — for ACC only complaints with outcome founded; a billing complaint
/// without `invoice_id` counts as one invoice of its own. No complaint is removed by an
/// exclusion code. Denominator: invoices (`doc_type` invoice) issued in the period. A
/// segment appears when its value occurs among the disputes or among the invoices.
enum BillingDisputes {
  /// A disputed invoice: its id, or the complaint itself when it names none.
  private enum Disputed: Hashable {
    case invoice(String)
    case complaint(Int)
  }

  static func figures(
    tickets: [Ticket], dates: TicketDates, ticketValues: ValueDictionary, invoices: [DatedDimensions: Int64],
    invoiceValues: ValueDictionary, period: ReportPeriod, breakdowns: [Dimension], foundedOnly: Bool
  ) -> [Segment: RateFigures] {
    var disputed = SegmentedTallies(breakdowns: breakdowns, empty: Set<Disputed>())
    for (index, ticket) in tickets.enumerated() where ticket.kind == .complaint && ticket.category == .billing
    {
      if foundedOnly && ticket.outcome != .founded { continue }
      guard period.contains(dates.opened[index]) else { continue }
      let key = ticket.invoiceID.map(Disputed.invoice) ?? .complaint(index)
      disputed.update(ticket.dimensions) { $0.insert(key) }
    }
    let issued = DenominatorTable(
      counts: invoices, values: invoiceValues, period: period, breakdowns: breakdowns)
    let numerators = disputed.segments(ticketValues)
    var result: [Segment: RateFigures] = [:]
    for segment in Set(numerators.keys).union(issued.sums.keys) {
      result[segment] = RateFigures(
        numerator: numerators[segment]?.count ?? 0, denominator: .invoices(issued.total(segment)))
    }
    return result
  }
}
