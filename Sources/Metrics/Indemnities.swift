import Configuration
import ReportCore

/// One breach of a specific standard (SPEC §4.2): a record of ATT, RIP or REC that missed its
/// deadline date, with the indemnity it earns.
public struct Breach: Sendable, Equatable {
  public var indicator: IndicatorCode
  /// The record's `order_id` or `ticket_id`.
  public var id: String
  /// The record's canonical `customer` value; nil when it has none.
  public var customer: String?
  /// Local date of `order_date` or `opened_at`.
  public var start: LocalDate
  public var deadline: LocalDate
  /// Local date of `completion_date` or `resolved_at`; nil for an open breach.
  public var end: LocalDate?
  /// Days after the deadline date up to the end date (the report date when open), counted as
  /// configured; at least 1.
  public var daysLate: Int
  /// The indemnity, in cents.
  public var amountCents: Int64

  public init(
    indicator: IndicatorCode, id: String, customer: String?, start: LocalDate, deadline: LocalDate,
    end: LocalDate?, daysLate: Int, amountCents: Int64
  ) {
    self.indicator = indicator
    self.id = id
    self.customer = customer
    self.start = start
    self.deadline = deadline
    self.end = end
    self.daysLate = daysLate
    self.amountCents = amountCents
  }

  /// Not yet completed or resolved: days late accrued up to the report date.
  public var isOpen: Bool { end == nil }
}

/// The breaches of one indicator's specific standard in a report, counted.
public struct IndemnitySummary: Sendable, Equatable {
  public var code: IndicatorCode
  public var closed: Int
  public var open: Int
  /// The sum of the indemnities, in cents.
  public var amountCents: Int64

  public init(code: IndicatorCode, closed: Int, open: Int, amountCents: Int64) {
    self.code = code
    self.closed = closed
    self.open = open
    self.amountCents = amountCents
  }
}

/// Every breach of a report (SPEC §4.2 `indennizzi-<period>.csv`), sorted by indicator in
/// catalogue order then id in byte order, and the counts per indicator.
public struct IndemnityList: Sendable, Equatable {
  public var breaches: [Breach]
  /// One per indicator with specific standards (ATT, RIP, REC), in catalogue order, even
  /// without breaches.
  public var summaries: [IndemnitySummary]

  public init(breaches: [Breach], summaries: [IndemnitySummary]) {
    self.breaches = breaches
    self.summaries = summaries
  }
}

/// The breaches of the specific standards and their indemnities (SPEC §4.2), from the same
/// records and the same deadline dates as the ON_TIME measures (``ActivationTime/deadline(of:rules:)``,
/// ``RepairTime/deadline(of:openedOn:rules:)``, ``ComplaintResolution/deadline(openedOn:termDays:)``).
///
/// A **closed breach** is a record of the population of the report's period (as in SPEC §4:
/// ATT completed orders, RIP effective faults, REC complaints, with the completion or
/// resolution date in the period), without an exclusion code, whose days late are at least 1.
/// An **open breach** is a record not yet completed or resolved (an order with status open,
/// an effective fault or a complaint without `resolved_at`), without an exclusion code,
/// started on or before the period's last day, whose deadline date is before the report date
/// and whose days late accrued up to the report date are at least 1. An order without any
/// deadline (no agreed date, no contractual days, no matching rule) is never a breach.
enum Indemnities {
  /// A breach found by record index, before its id is known.
  struct Found {
    var index: Int
    var start: LocalDate
    var deadline: LocalDate
    var end: LocalDate?
    var daysLate: Int
    var amountCents: Int64
    var customer: UInt32
  }

  /// Every breach of the report for `period` prepared on `reportDate`.
  /// - Parameter ids: the ids of the orders' and tickets' records, in the records' order.
  static func list(
    period: ReportPeriod, reportDate: LocalDate, inputs: Metrics.Inputs, ids: [SourceKind: RecordIDs],
    configuration: ReportConfiguration
  ) -> IndemnityList {
    let indicators = configuration.indicators
    let orders = inputs.orders
    let tickets = inputs.tickets
    let rules = configuration.indemnities
    var breaches: [Breach] = []
    var summaries: [IndemnitySummary] = []
    for code in IndemnityRules.indicators {
      let found: [Found]
      let values: ValueDictionary
      let source: SourceKind
      switch code {
      case .ATT:
        (values, source) = (orders.values, .orders)
        found = activation(
          orders.records, period: period, reportDate: reportDate,
          contractDays: ContractDays(rules: indicators.contractDays, values: values),
          rule: Rule(rules[code], values: values, calendar: configuration.calendar))
      case .RIP:
        (values, source) = (tickets.values, .tickets)
        found = repairs(
          tickets.records, dates: tickets.dates, period: period, reportDate: reportDate,
          rules: RepairTime.Rules(
            clock: indicators.repairClock, deadline: indicators.repairDeadline,
            calendar: configuration.calendar, zone: configuration.timeZone),
          rule: Rule(rules[code], values: values, calendar: configuration.calendar))
      default:
        (values, source) = (tickets.values, .tickets)
        found = complaints(
          tickets.records, dates: tickets.dates, period: period, reportDate: reportDate,
          termDays: indicators.complaintTermDays,
          rule: Rule(rules[code], values: values, calendar: configuration.calendar))
      }
      let recordIDs = ids[source]!
      let sorted = found.sorted { recordIDs.precedes($0.index, $1.index) }
      breaches += sorted.map { breach in
        Breach(
          indicator: code, id: recordIDs[breach.index], customer: values.string(for: breach.customer),
          start: breach.start, deadline: breach.deadline, end: breach.end, daysLate: breach.daysLate,
          amountCents: breach.amountCents)
      }
      summaries.append(
        IndemnitySummary(
          code: code, closed: found.count { $0.end != nil }, open: found.count { $0.end == nil },
          amountCents: found.reduce(0) { $0 + $1.amountCents }))
    }
    return IndemnityList(breaches: breaches, summaries: summaries)
  }

  /// One indicator's indemnity rule, resolved against its source's dictionary.
  struct Rule {
    let rule: IndemnityRule
    /// The id of the canonical `business` customer in the source, nil when it never occurs.
    let business: UInt32?
    let calendar: WorkingCalendar

    init(_ rule: IndemnityRule, values: ValueDictionary, calendar: WorkingCalendar) {
      self.rule = rule
      self.business = values.existingID(for: "business")
      self.calendar = calendar
    }

    /// The breach of a record with `deadline`, ended on `end` (nil: not yet), when it is one.
    func breach(
      index: Int, start: LocalDate, deadline: LocalDate, end: LocalDate?, reportDate: LocalDate,
      customer: UInt32
    ) -> Found? {
      if end == nil && deadline >= reportDate { return nil }
      let days = Indemnities.daysLate(
        after: deadline, through: end ?? reportDate, count: rule.count, calendar: calendar)
      guard days >= 1 else { return nil }
      return Found(
        index: index, start: start, deadline: deadline, end: end, daysLate: days,
        amountCents: Indemnities.amount(
          daysLate: days, rule: rule, business: customer != 0 && customer == business),
        customer: customer)
    }
  }

  /// ATT: completed orders of the period and open orders started by its last day.
  static func activation(
    _ orders: [Order], period: ReportPeriod, reportDate: LocalDate, contractDays: ContractDays, rule: Rule
  ) -> [Found] {
    var found: [Found] = []
    for (index, order) in orders.enumerated() where order.exclusion == 0 {
      let end: LocalDate?
      switch order.status {
      case .completed:
        guard let completed = order.completionDate, period.contains(completed) else { continue }
        end = completed
      case .open:
        guard order.orderDate <= period.last else { continue }
        end = nil
      case .cancelled:
        continue
      }
      guard let deadline = ActivationTime.deadline(of: order, rules: contractDays),
        let breach = rule.breach(
          index: index, start: order.orderDate, deadline: deadline, end: end, reportDate: reportDate,
          customer: order.dimensions.customer)
      else { continue }
      found.append(breach)
    }
    return found
  }

  /// RIP: effective faults resolved in the period and unresolved ones opened by its last day.
  static func repairs(
    _ tickets: [Ticket], dates: TicketDates, period: ReportPeriod, reportDate: LocalDate,
    rules: RepairTime.Rules, rule: Rule
  ) -> [Found] {
    var found: [Found] = []
    for (index, ticket) in tickets.enumerated()
    where ticket.kind == .fault && ticket.effective && ticket.exclusion == 0 {
      let opened = dates.opened[index]
      guard let end = ended(dates.resolved[index], opened: opened, period: period) else { continue }
      let deadline = RepairTime.deadline(of: ticket, openedOn: opened, rules: rules)
      if let breach = rule.breach(
        index: index, start: opened, deadline: deadline, end: end, reportDate: reportDate,
        customer: ticket.dimensions.customer)
      {
        found.append(breach)
      }
    }
    return found
  }

  /// REC: complaints resolved in the period and unresolved ones opened by its last day.
  static func complaints(
    _ tickets: [Ticket], dates: TicketDates, period: ReportPeriod, reportDate: LocalDate, termDays: Int,
    rule: Rule
  ) -> [Found] {
    var found: [Found] = []
    for (index, ticket) in tickets.enumerated() where ticket.kind == .complaint && ticket.exclusion == 0 {
      let opened = dates.opened[index]
      guard let end = ended(dates.resolved[index], opened: opened, period: period) else { continue }
      let deadline = ComplaintResolution.deadline(openedOn: opened, termDays: termDays)
      if let breach = rule.breach(
        index: index, start: opened, deadline: deadline, end: end, reportDate: reportDate,
        customer: ticket.dimensions.customer)
      {
        found.append(breach)
      }
    }
    return found
  }

  /// Whether a ticket belongs to the report: `.some(resolved)` when resolved in the period,
  /// `.some(nil)` when unresolved and opened by the period's last day, nil otherwise.
  private static func ended(_ resolved: LocalDate?, opened: LocalDate, period: ReportPeriod) -> LocalDate?? {
    if let resolved { return period.contains(resolved) ? .some(resolved) : nil }
    return opened <= period.last ? .some(nil) : nil
  }

  /// Days late: local calendar days after `deadline` up to `end`, or the working days among them.
  static func daysLate(
    after deadline: LocalDate, through end: LocalDate, count: DayCount, calendar: WorkingCalendar
  )
    -> Int
  {
    switch count {
    case .calendarDays: Int(end.day - deadline.day)
    case .workingDays: calendar.workingDays(after: deadline, through: end)
    }
  }

  /// min(cap, per_day × max(0, days late − grace_days)) × business_multiplier for a business
  /// customer, in cents; a fractional cent (a multiplier such as 1.25) is rounded half-up.
  static func amount(daysLate: Int, rule: IndemnityRule, business: Bool) -> Int64 {
    var cents = rule.perDayCents * Int64(max(0, daysLate - rule.graceDays))
    if let cap = rule.capCents { cents = min(cents, cap) }
    guard business else { return cents }
    let (numerator, denominator) = rule.businessMultiplier.fraction
    return ExactDecimal(roundingHalfUp: Int(cents * numerator), over: Int(denominator), scale: 0).units
  }
}
