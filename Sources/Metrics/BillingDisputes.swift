import ReportCore

/// FAT — *Fatture contestate* — and ACC — *Accuratezza della fatturazione* (SPEC §4).
///
/// Numerator: the distinct `invoice_id`s of billing complaints opened (local date) in the
/// column's period — for ACC only complaints with outcome founded; a billing complaint
/// without `invoice_id` counts as one invoice of its own. No complaint is removed by an
/// exclusion code. Denominator: invoices (`doc_type` invoice) issued in the period. A
/// segment appears when its value occurs among the disputes or among the invoices.
enum BillingDisputes {
  /// A disputed invoice: the id of its `invoice_id` in the tickets' dictionary, or the
  /// complaint itself (its position) when it names none.
  private enum Disputed: Hashable {
    case invoice(UInt32)
    case complaint(Int)
  }

  /// The figures of every column, in one pass over the tickets.
  static func figures(
    tickets: [Ticket], dates: TicketDates, ticketValues: ValueDictionary, invoices: [DatedDimensions: Int64],
    invoiceValues: ValueDictionary, columns: [ReportColumn], foundedOnly: Bool
  ) -> [[Segment: RateFigures]] {
    var disputed = ColumnTallies(columns, empty: Set<Disputed>())
    for (index, ticket) in tickets.enumerated() where ticket.kind == .complaint && ticket.category == .billing
    {
      if foundedOnly && ticket.outcome != .founded { continue }
      let opened = dates.opened[index]
      guard disputed.covers(opened) else { continue }
      let key = ticket.invoice != 0 ? Disputed.invoice(ticket.invoice) : .complaint(index)
      disputed.update(on: opened, ticket.dimensions) { $0.insert(key) }
    }
    return zip(columns, disputed.columns).map { column, tallies in
      let issued = DenominatorTable(
        counts: invoices, values: invoiceValues, period: column.period, breakdowns: column.breakdowns)
      let numerators = tallies.segments(ticketValues)
      var result: [Segment: RateFigures] = [:]
      for segment in Set(numerators.keys).union(issued.sums.keys) {
        result[segment] = RateFigures(
          numerator: numerators[segment]?.count ?? 0, denominator: .invoices(issued.total(segment)))
      }
      return result
    }
  }
}
