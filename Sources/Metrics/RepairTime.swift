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

  /// The tallies of every column, in one pass over the tickets, telling `records` what each
  /// ticket is to them.
  static func tally(
    tickets: [Ticket], dates: TicketDates, columns: [ReportColumn], rules: Rules,
    records: inout some RecordCollector
  ) -> [SegmentedTallies<DurationTally>] {
    var tallies = ColumnTallies(columns, empty: DurationTally())
    for (index, ticket) in tickets.enumerated() {
      guard ticket.kind == .fault, ticket.effective, let resolvedOn = dates.resolved[index],
        tallies.covers(resolvedOn)
      else { continue }
      if ticket.exclusion != 0 {
        tallies.update(on: resolvedOn, ticket.dimensions) { $0.exclude(ticket.exclusion) }
        records.add(index, on: resolvedOn, .excluded)
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
      case .workingDays:
        onTime = resolvedOn <= deadline(of: ticket, openedOn: dates.opened[index], rules: rules)
      }
      tallies.update(on: resolvedOn, ticket.dimensions) { tally in
        tally.histogram.add(Int(duration))
        if onTime { tally.onTime += 1 }
      }
      records.add(index, on: resolvedOn, .measured(value: duration, onTime: onTime))
    }
    return tallies.columns
  }

  /// A fault's deadline date (SPEC §4 ON_TIME, §4.2). With `working_days: N`, the N-th working
  /// day after the local day of opening: repaired on time ⇔ resolved (local date) on or before
  /// it. With `hours: H`, the local date of the instant H elapsed hours plus `suspended_minutes`
  /// after opening (across a DST change, true elapsed time): ON_TIME then compares minutes,
  /// and a repair late by some hours but on this date is no breach.
  static func deadline(of ticket: Ticket, openedOn: LocalDate, rules: Rules) -> LocalDate {
    switch rules.deadline {
    case .solarHours(let hours):
      return rules.zone.localDate(
        at: ticket.openedAt + Int64(hours) * 3600 + Int64(ticket.suspendedMinutes) * 60)
    case .workingDays(let days):
      return rules.calendar.workingDay(days, after: openedOn)
    }
  }
}

extension RepairTime: IndicatorComputation {
  static func cells(_ request: IndicatorRequest) -> IndicatorCells {
    if let collection = request.recordCollection { return cells(request, collecting: collection) }
    return cells(request, collecting: NoRecords())
  }

  private static func cells(_ request: IndicatorRequest, collecting: some RecordCollector) -> IndicatorCells {
    let tickets = request.inputs.tickets
    let indicators = request.configuration.indicators
    let rules = Rules(
      clock: indicators.repairClock, deadline: indicators.repairDeadline,
      calendar: request.configuration.calendar,
      zone: request.configuration.timeZone)
    var records = collecting
    let tallies = tally(
      tickets: tickets.records, dates: tickets.dates, columns: request.columns, rules: rules,
      records: &records)
    var cells = Metrics.durationCells(request, tallies, values: tickets.values, minutes: true)
    cells.records = records.collection
    return cells
  }

  static func definition(_ code: IndicatorCode, configuration: ReportConfiguration) -> String {
    return "Tempo tra la segnalazione di un malfunzionamento effettivo e la sua riparazione, al netto delle"
      + " sospensioni imputabili al cliente. Popolazione: malfunzionamenti effettivi riparati nel periodo; sono"
      + " esclusi quelli con causa di esclusione, contati a parte."
  }

  static func measurementNote(_ code: IndicatorCode, configuration: ReportConfiguration) -> String {
    let zone = Descriptions.zone(configuration)
    let indicators = configuration.indicators
    let clock: String
    switch indicators.repairClock {
    case .solar: clock = "tempo solare trascorso"
    case .workingHours:
      let hours =
        configuration.calendar.workingHours.map {
          "\(WorkingCalendar.clock($0.lowerBound))–\(WorkingCalendar.clock($0.upperBound))"
        } ?? ""
      clock = "ore lavorative (\(hours) nei giorni lavorativi)"
    }
    let deadline: String
    switch indicators.repairDeadline {
    case .solarHours(let hours):
      deadline = "entro \(hours) ore solari dalla segnalazione, al netto delle sospensioni"
    case .workingDays(let days):
      deadline = "entro la fine del \(days)° giorno lavorativo successivo a quello della segnalazione"
    }
    return
      "Minuti interi misurati in \(clock), \(zone), meno i minuti di sospensione, pubblicati in ore con un"
      + " decimale. Percentili nearest-rank esatti. Entro i termini: riparato \(deadline). \(Descriptions.calendarText(configuration))"
  }

  /// Hours on the configured clock: *ore solari* or *ore lavorative*.
  static func unitLabel(_ definition: MeasureDefinition, configuration: ReportConfiguration) -> String {
    guard definition.unit == .hours else { return definition.unit.label }
    return configuration.indicators.repairClock == .solar ? "ore solari" : "ore lavorative"
  }
}
