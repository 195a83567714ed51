import Configuration
import ReportCore

/// GUA — *Tasso di malfunzionamento* (SPEC §4).
///
/// Numerator: fault tickets with `effective` true whose `opened_at` falls (local date) in
/// the column's period; an exclusion code does not remove a fault from the rate.
/// Denominator: the mean of the monthly `active_lines` over the period's months. A month
/// without census rows — for the whole census, or for the segment's value — makes the
/// segment's value unavailable, with a note naming the month.
enum FaultRate {
  /// The figures of every column, in one pass over the tickets, telling `records` which
  /// faults the numerators count.
  static func figures(
    tickets: [Ticket], dates: TicketDates, ticketValues: ValueDictionary, lines: [DatedDimensions: Int64],
    lineValues: ValueDictionary, columns: [ReportColumn], records: inout some RecordCollector
  ) -> [[Segment: RateFigures]] {
    var faults = ColumnTallies(columns, empty: RateTally())
    for (index, ticket) in tickets.enumerated() where ticket.kind == .fault && ticket.effective {
      let opened = dates.opened[index]
      guard faults.covers(opened) else { continue }
      faults.update(on: opened, ticket.dimensions) { $0.count += 1 }
      records.add(index, on: opened, .numerator(counts: true))
    }
    return zip(columns, faults.columns).map { column, tallies in
      let period = column.period
      let census = DenominatorTable(
        counts: lines, values: lineValues, period: period, breakdowns: column.breakdowns)
      let numerators = tallies.segments(ticketValues)
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
}

extension FaultRate: IndicatorComputation {
  static func cells(_ request: IndicatorRequest) -> IndicatorCells {
    if let collection = request.recordCollection { return cells(request, collecting: collection) }
    return cells(request, collecting: NoRecords())
  }

  private static func cells(_ request: IndicatorRequest, collecting: some RecordCollector) -> IndicatorCells {
    let (tickets, lines) = (request.inputs.tickets, request.inputs.lines)
    var records = collecting
    let figures = figures(
      tickets: tickets.records, dates: tickets.dates, ticketValues: tickets.values, lines: lines.active,
      lineValues: lines.values, columns: request.columns.map { Metrics.present($0, in: lines.active) },
      records: &records)
    var cells = Metrics.rateCells(figures)
    cells.records = records.collection
    return cells
  }

  static func definition(_ code: IndicatorCode, configuration: ReportConfiguration) -> String {
    return
      "Numero di segnalazioni di malfunzionamenti effettivi aperte nel periodo, in rapporto al numero medio"
      + " delle linee di accesso attive nei mesi del periodo. Le segnalazioni con causa di esclusione restano nel"
      + " numeratore."
  }

  static func measurementNote(_ code: IndicatorCode, configuration: ReportConfiguration) -> String {
    return
      "Media mensile delle linee attive sui mesi del periodo; un mese senza censimento rende il dato non"
      + " disponibile. Percentuale con due decimali, arrotondamento per eccesso dal 5."
  }
}
