import Configuration
import ReportCore
import Testing

@testable import Metrics

/// SPEC §4.2: breaches of the specific standards and their indemnities, on hand-made records.
@Suite struct IndemnityTests {
  /// The report's breaches as `CODE id deadline end days_late cents` (`end` `-` when open).
  static func breaches(_ builder: ReportBuilder, _ period: String, reportDate: String) throws -> [String] {
    let report = try builder.report(period, reportDate: reportDate)
    let list = try #require(report.indemnities)
    return list.breaches.map { breach in
      "\(breach.indicator) \(breach.id) \(breach.deadline) \(breach.end?.description ?? "-") \(breach.daysLate)"
        + " \(breach.amountCents)"
    }
  }

  @Test("ATT: the deadline is the agreed date, else the row's contractual days, else the configured rule")
  func activationDeadlines() throws {
    var builder = ReportBuilder()
    builder.indicators.contractDays = [ContractDaysRule(service: nil, access: "own", days: 10)]
    // The agreed date wins over the row's 60 days: 2 days late.
    builder.order(
      ordered: "2025-03-01", completed: "2025-03-12", agreed: "2025-03-10", contractDays: 60, id: "agreed")
    // 5 days on the row: on the deadline date is no breach, the day after is one.
    builder.order(ordered: "2025-03-01", completed: "2025-03-06", contractDays: 5, id: "row-on-time")
    builder.order(ordered: "2025-03-01", completed: "2025-03-07", contractDays: 5, id: "row-late")
    // The configured rule for access own: 10 days, deadline 11 April, 4 days late.
    builder.order(ordered: "2025-04-01", completed: "2025-04-15", [.access: "own"], id: "rule")
    // No deadline at all: never a breach (ON_TIME counts it late, with a note).
    builder.order(ordered: "2025-04-01", completed: "2025-06-15", [.access: "wholesale"], id: "none")
    #expect(
      try Self.breaches(builder, "2025-H1", reportDate: "2025-07-10") == [
        "ATT agreed 2025-03-10 2025-03-12 2 1500",
        "ATT row-late 2025-03-06 2025-03-07 1 750",
        "ATT rule 2025-04-11 2025-04-15 4 3000",
      ])
  }

  @Test("RIP with working days: the N-th working day after the day of opening, then calendar days late")
  func repairWorkingDays() throws {
    var builder = ReportBuilder()
    // Opened Thu 8 May 2025: the 4th working day after is Wed 14 May.
    builder.ticket(.fault, opened: "2025-05-08 10:00", resolved: "2025-05-14 23:00", id: "on-deadline-day")
    builder.ticket(.fault, opened: "2025-05-08 10:00", resolved: "2025-05-16 09:00", id: "late")
    // Not effective: not in the population, never a breach.
    builder.ticket(
      .fault, opened: "2025-05-08 10:00", resolved: "2025-06-16 09:00", effective: false, id: "not-effective")
    #expect(
      try Self.breaches(builder, "2025-H1", reportDate: "2025-07-10") == [
        "RIP late 2025-05-14 2025-05-16 2 1200"
      ])
  }

  @Test("RIP with hours: a repair late by some hours but on its deadline date is late for ON_TIME, no breach")
  func repairHoursOnTheDeadlineDate() throws {
    var builder = ReportBuilder()
    builder.indicators.repairDeadline = .solarHours(24)
    // 32 hours: late for ON_TIME, yet resolved on the deadline date (9 May).
    builder.ticket(.fault, opened: "2025-05-08 10:00", resolved: "2025-05-09 18:00", id: "hours-late")
    let report = try builder.report("2025-H1", reportDate: "2025-07-10")
    #expect(report.value(.RIP, .ON_TIME) == "0.0")
    #expect(try #require(report.indemnities).breaches.isEmpty)
    // The next day is a breach of one day.
    builder.ticket(.fault, opened: "2025-05-08 10:00", resolved: "2025-05-10 09:00", id: "day-late")
    // The suspension moves the deadline: 24 h + 900 min after 8 May 10:00 is 10 May 01:00.
    builder.ticket(
      .fault, opened: "2025-05-08 10:00", resolved: "2025-05-10 20:00", suspended: 900, id: "suspended")
    #expect(
      try Self.breaches(builder, "2025-H1", reportDate: "2025-07-10") == [
        "RIP day-late 2025-05-09 2025-05-10 1 600"
      ])
  }

  @Test("RIP with hours across the March DST change: the deadline is 24 elapsed hours, not wall-clock ones")
  func repairHoursAcrossDST() throws {
    var builder = ReportBuilder()
    builder.indicators.repairDeadline = .solarHours(24)
    // Opened Sat 29 March 2025 23:30; the clocks go forward at 02:00 on the 30th, so 24 elapsed
    // hours later it is 31 March 00:30: resolved at 00:10 that day is on the deadline date.
    builder.ticket(.fault, opened: "2025-03-29 23:30", resolved: "2025-03-31 00:10", id: "after-midnight")
    builder.ticket(.fault, opened: "2025-03-29 23:30", resolved: "2025-04-01 08:00", id: "next-day")
    #expect(
      try Self.breaches(builder, "2025-H1", reportDate: "2025-07-10") == [
        "RIP next-day 2025-03-31 2025-04-01 1 600"
      ])
  }

  @Test("REC: the deadline is the local date of opening plus the term; the cap bounds the indemnity")
  func complaintsAndCap() throws {
    var builder = ReportBuilder()
    builder.ticket(.complaint, opened: "2025-01-10 09:00", resolved: "2025-02-09 18:00", id: "on-term")
    builder.ticket(.complaint, opened: "2025-01-10 09:00", resolved: "2025-02-11 08:00", id: "late")
    // Open: 30 January + 30 days = 1 March; 305 days to 31 December, 762.50 capped at 300.
    builder.ticket(.complaint, opened: "2025-01-30 10:00", resolved: nil, id: "open")
    #expect(
      try Self.breaches(builder, "2025", reportDate: "2025-12-31") == [
        "REC late 2025-02-09 2025-02-11 2 500",
        "REC open 2025-03-01 - 305 30000",
      ])
  }

  @Test("Grace days earn nothing: a breach within them is listed with 0.00")
  func graceDays() throws {
    var builder = ReportBuilder()
    builder.indemnities.rules[.RIP]!.graceDays = 1
    // Opened Thu 8 May 2025, deadline Wed 14 May.
    builder.ticket(.fault, opened: "2025-05-08 10:00", resolved: "2025-05-15 10:00", id: "a-within")
    builder.ticket(.fault, opened: "2025-05-08 10:00", resolved: "2025-05-17 10:00", id: "b-beyond")
    #expect(
      try Self.breaches(builder, "2025-H1", reportDate: "2025-07-10") == [
        "RIP a-within 2025-05-14 2025-05-15 1 0",
        "RIP b-beyond 2025-05-14 2025-05-17 3 1200",
      ])
  }

  @Test("The business multiplier applies after the cap, to business customers only, rounded half-up")
  func businessMultiplier() throws {
    var builder = ReportBuilder()
    builder.indemnities.rules[.ATT]!.businessMultiplier = ExactDecimal(units: 2, scale: 0)
    builder.indemnities.rules[.REC] = IndemnityRule(
      perDayCents: 10, capCents: 20, businessMultiplier: ExactDecimal(units: 125, scale: 2))
    builder.order(
      ordered: "2025-03-01", completed: "2025-03-02", agreed: "2025-03-01", [.customer: "business"], id: "biz"
    )
    builder.order(
      ordered: "2025-03-01", completed: "2025-03-02", agreed: "2025-03-01", [.customer: "residential"],
      id: "res")
    // 0.10 × 1 day × 1.25 = 0.125 → 0.13; 3 days: 0.30 capped at 0.20, × 1.25 = 0.25.
    builder.ticket(
      .complaint, opened: "2025-01-10 09:00", resolved: "2025-02-10 09:00", [.customer: "business"], id: "c1")
    builder.ticket(
      .complaint, opened: "2025-01-10 09:00", resolved: "2025-02-12 09:00", [.customer: "business"], id: "c3")
    builder.ticket(
      .complaint, opened: "2025-01-10 09:00", resolved: "2025-02-12 09:00", [.customer: "residential"],
      id: "r3")
    #expect(
      try Self.breaches(builder, "2025-H1", reportDate: "2025-07-10") == [
        "ATT biz 2025-03-01 2025-03-02 1 1500",
        "ATT res 2025-03-01 2025-03-02 1 750",
        "REC c1 2025-02-09 2025-02-10 1 13",
        "REC c3 2025-02-09 2025-02-12 3 25",
        "REC r3 2025-02-09 2025-02-12 3 20",
      ])
  }

  @Test("count: working_days counts the working days after the deadline, local holidays included")
  func workingDaysCount() throws {
    var builder = ReportBuilder()
    builder.indemnities.rules[.ATT]!.count = .workingDays
    // Deadline Fri 9 May 2025. Completed Tue 13: 4 calendar days, 2 working days.
    builder.order(ordered: "2025-05-01", completed: "2025-05-13", agreed: "2025-05-09", id: "tuesday")
    // Completed Sun 11: 2 calendar days, no working day late — no breach.
    builder.order(ordered: "2025-05-01", completed: "2025-05-11", agreed: "2025-05-09", id: "sunday")
    // Open on the report date, Mon 12 May: one working day accrued.
    builder.order(ordered: "2025-05-01", completed: nil, agreed: "2025-05-09", status: .open, id: "open")
    #expect(
      try Self.breaches(builder, "2025-H1", reportDate: "2025-05-12") == [
        "ATT open 2025-05-09 - 1 750",
        "ATT tuesday 2025-05-09 2025-05-13 2 1500",
      ])
    // A local holiday on Mon 12 May leaves Tuesday alone, and nothing accrued to Monday.
    builder.holidays = [ReportBuilder.date("2025-05-12")]
    #expect(
      try Self.breaches(builder, "2025-H1", reportDate: "2025-05-12") == [
        "ATT tuesday 2025-05-09 2025-05-13 1 750"
      ])
  }

  @Test("A record with an exclusion code is never a breach, closed or open")
  func excludedRecords() throws {
    var builder = ReportBuilder()
    builder.order(
      ordered: "2025-03-01", completed: "2025-05-30", contractDays: 5, exclusion: "customer_delay", id: "o1")
    builder.order(
      ordered: "2025-03-01", completed: nil, contractDays: 5, status: .open, exclusion: "customer_delay",
      id: "o2")
    builder.ticket(
      .fault, opened: "2025-03-03 10:00", resolved: "2025-05-30 10:00", exclusion: "fm", id: "t1")
    builder.ticket(.fault, opened: "2025-03-03 10:00", resolved: nil, exclusion: "fm", id: "t2")
    builder.ticket(
      .complaint, opened: "2025-03-03 10:00", resolved: "2025-05-30 10:00", exclusion: "fm", id: "t3")
    builder.ticket(.complaint, opened: "2025-03-03 10:00", resolved: nil, exclusion: "fm", id: "t4")
    let report = try builder.report("2025-H1", reportDate: "2025-07-10")
    #expect(report.cell(.ATT, .ON_TIME)?.excluded == 1)
    let list = try #require(report.indemnities)
    #expect(list.breaches.isEmpty)
    #expect(list.summaries.map(\.code) == [.ATT, .RIP, .REC])
    #expect(list.summaries.allSatisfy { $0.closed == 0 && $0.open == 0 && $0.amountCents == 0 })
  }

  @Test("Open breaches: started by the period's last day, deadline before the report date, accrued to it")
  func openBreaches() throws {
    var builder = ReportBuilder()
    // Deadline 11 June: 51 days to 1 August.
    builder.order(ordered: "2025-06-01", completed: nil, contractDays: 10, status: .open, id: "open-late")
    // Deadline on the report date: not yet a breach.
    builder.order(ordered: "2025-06-30", completed: nil, contractDays: 32, status: .open, id: "due-today")
    // Started after the period's last day: another period's.
    builder.order(ordered: "2025-07-01", completed: nil, contractDays: 5, status: .open, id: "next-period")
    // Cancelled: never.
    builder.order(ordered: "2025-01-01", completed: nil, contractDays: 5, status: .cancelled, id: "cancelled")
    // Completed in the period after the report date (a provisional report): a closed breach.
    builder.order(ordered: "2025-06-01", completed: "2025-06-25", contractDays: 10, id: "closed-later")
    // Completed before the period: not this report's.
    builder.order(ordered: "2024-11-01", completed: "2024-12-30", contractDays: 10, id: "last-year")
    // An effective fault never resolved, opened Thu 8 May (deadline Wed 14 May): 79 days.
    builder.ticket(.fault, opened: "2025-05-08 10:00", resolved: nil, id: "fault")
    builder.ticket(.fault, opened: "2025-05-08 10:00", resolved: nil, effective: false, id: "not-effective")
    #expect(
      try Self.breaches(builder, "2025-H1", reportDate: "2025-08-01") == [
        "ATT closed-later 2025-06-11 2025-06-25 14 10500",
        "ATT open-late 2025-06-11 - 51 38250",
        "RIP fault 2025-05-14 - 79 47400",
      ])
    let report = try builder.report("2025-H1", reportDate: "2025-06-20")
    #expect(report.isProvisional)
    let list = try #require(report.indemnities)
    #expect(
      list.breaches.map { "\($0.id) \($0.isOpen) \($0.daysLate)" } == [
        "closed-later false 14", "open-late true 9", "fault true 37",
      ])
    #expect(
      list.summaries == [
        IndemnitySummary(code: .ATT, closed: 1, open: 1, amountCents: 10500 + 6750),
        IndemnitySummary(code: .RIP, closed: 0, open: 1, amountCents: 37 * 600),
        IndemnitySummary(code: .REC, closed: 0, open: 0, amountCents: 0),
      ])
  }

  @Test("Breaches are sorted by indicator in catalogue order, then by id in byte order")
  func order() throws {
    var builder = ReportBuilder()
    for id in ["b", "B", "A9", "A10"] {
      builder.order(ordered: "2025-03-01", completed: "2025-03-07", contractDays: 5, id: id)
    }
    builder.ticket(.complaint, opened: "2025-01-10 09:00", resolved: "2025-02-11 08:00", id: "C")
    builder.ticket(.fault, opened: "2025-05-08 10:00", resolved: "2025-05-16 09:00", id: "Z")
    builder.ticket(.fault, opened: "2025-05-08 10:00", resolved: "2025-05-16 09:00", id: "Y")
    let ids = try Self.breaches(builder, "2025-H1", reportDate: "2025-07-10").map {
      $0.split(separator: " ").prefix(2).joined(separator: " ")
    }
    #expect(ids == ["ATT A10", "ATT A9", "ATT B", "ATT b", "RIP Y", "RIP Z", "REC C"])
  }
}
