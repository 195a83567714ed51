import Configuration
import ReportCore

/// FAT — *Fatture contestate* — and ACC — *Accuratezza della fatturazione* (SPEC §4).
///
/// Numerator: the distinct `invoice_id`s of billing complaints opened (local date) in the
/// column's period — for ACC only complaints with outcome founded; a billing complaint
/// without `invoice_id` counts as one invoice of its own. No complaint is removed by an
/// exclusion code. Denominator: invoices (`doc_type` invoice) issued in the period. A
/// segment appears when its value occurs among the disputes or among the invoices.
enum BillingDisputes {
  /// The distinct disputed invoices of one segment.
  ///
  /// An invoice disputed by a single complaint in the whole report is counted directly (it
  /// falls in each column and segment at most once); the few disputed more than once are
  /// kept in a set of invoice ids, to count each once.
  struct Tally: Sendable {
    var single = 0
    var repeated: Set<UInt32> = []
    var count: Int { single + repeated.count }
  }

  /// The figures of every column, in one pass over the tickets, telling `records` which
  /// complaints the numerators read (which of them counts its invoice is settled when the
  /// records are put in id order: ``RecordCollection/rows(ids:invoices:distinctInvoices:invoiceCount:)``).
  static func figures(
    tickets: [Ticket], dates: TicketDates, ticketValues: ValueDictionary, invoices: [DatedDimensions: Int64],
    invoiceValues: ValueDictionary, columns: [ReportColumn], foundedOnly: Bool,
    records: inout some RecordCollector
  ) -> [[Segment: RateFigures]] {
    var disputed = ColumnTallies(columns, empty: Tally())
    func counts(_ index: Int) -> Bool {
      let ticket = tickets[index]
      return ticket.kind == .complaint && ticket.category == .billing
        && (!foundedOnly || ticket.outcome == .founded) && disputed.covers(dates.opened[index])
    }
    // Complaints per invoice id (0, 1, or 2 for "more than one"); the ids are small integers.
    var complaints = [UInt8](repeating: 0, count: ticketValues.strings.count + 1)
    for index in tickets.indices where tickets[index].invoice != 0 && counts(index) {
      complaints[Int(tickets[index].invoice)] = min(complaints[Int(tickets[index].invoice)] + 1, 2)
    }
    for index in tickets.indices where counts(index) {
      records.add(index, on: dates.opened[index], .numerator(counts: true))
      let invoice = tickets[index].invoice
      if invoice == 0 || complaints[Int(invoice)] == 1 {
        disputed.update(on: dates.opened[index], tickets[index].dimensions) { $0.single += 1 }
      } else {
        disputed.update(on: dates.opened[index], tickets[index].dimensions) { $0.repeated.insert(invoice) }
      }
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

extension BillingDisputes: IndicatorComputation {
  static func cells(_ request: IndicatorRequest) -> IndicatorCells {
    if let collection = request.recordCollection { return cells(request, collecting: collection) }
    return cells(request, collecting: NoRecords())
  }

  private static func cells(_ request: IndicatorRequest, collecting: some RecordCollector) -> IndicatorCells {
    let (tickets, invoices) = (request.inputs.tickets, request.inputs.invoices)
    var records = collecting
    let figures = figures(
      tickets: tickets.records, dates: tickets.dates, ticketValues: tickets.values, invoices: invoices.issued,
      invoiceValues: invoices.values,
      columns: request.columns.map { Metrics.present($0, in: invoices.issued) },
      foundedOnly: request.code == .ACC, records: &records)
    var cells = Metrics.rateCells(figures)
    cells.records = records.collection
    return cells
  }

  static func definition(_ code: IndicatorCode, configuration: ReportConfiguration) -> String {
    switch code {
    case .ACC:
      return
        "Fatture distinte oggetto di reclamo di fatturazione aperto nel periodo e riconosciuto fondato, in"
        + " rapporto alle fatture emesse nel periodo. Un reclamo senza numero di fattura conta come una fattura."
    default:
      return
        "Fatture distinte oggetto di reclamo di fatturazione aperto nel periodo, in rapporto alle fatture"
        + " emesse nel periodo (le note di credito non sono contate). Un reclamo senza numero di fattura conta"
        + " come una fattura."
    }
  }

  static func measurementNote(_ code: IndicatorCode, configuration: ReportConfiguration) -> String {
    let zone = Descriptions.zone(configuration)
    return
      "Periodo attribuito per data di apertura del reclamo e data di emissione della fattura (\(zone))."
      + " Percentuale con due decimali, arrotondamento per eccesso dal 5."
  }
}
