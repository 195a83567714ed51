import Foundation
import Testing

/// The format of `records/<indicator>.csv` on a tiny input: times across the changes of
/// daylight-saving time, excluded records, ids that need quoting, de-duplicated records, and
/// populations with no record.
@Suite struct RecordsFormatTests {
  static let orders = """
    order_id,order_date,completion_date,agreed_date,contract_days,status,service,access,technology,customer,region,exclusion,updated_at
    O-2,2025-03-01 10:00,2025-03-11 09:00,2025-03-10,,completed,broadband,own,FTTH,residential,09,,
    O-1,2025-06-02 10:00,2025-07-30 09:00,,,completed,broadband,wholesale,FTTC,business,,customer_delay,
    O-3,2025-03-05 10:00,,,,open,voice,own,FTTH,residential,09,,
    O-10,2025-01-10,2025-01-20,,,completed,voice,own,FTTH,residential,09,,

    """
  /// T-2 is exported twice: the later version (resolved, with a suspension) wins.
  static let tickets = """
    ticket_id,kind,category,opened_at,resolved_at,effective,suspended_minutes,invoice_id,outcome,service,access,technology,customer,region,exclusion,updated_at
    T-2,fault,,2025-10-26 02:30,,true,,,,voice,own,FTTH,residential,,,2025-10-26 02:40
    T-1,fault,,2025-03-30 01:30,2025-03-30 03:30,true,,,,broadband,own,FTTH,residential,12,,2025-03-30 03:30
    "T,3",fault,,2025-05-05 08:00,2025-05-06 08:00,true,,,,broadband,own,FTTH,residential,12,force_majeure,
    T-2,fault,,2025-10-26 02:30,2025-10-26 03:00,true,10,,,voice,own,FTTH,residential,,,2025-10-27 09:00
    C-2,complaint,other,2025-04-01 09:00,2025-04-02 09:30,true,,,,voice,own,FTTH,residential,,force_majeure,
    C-1,complaint,other,2025-02-01 10:00,2025-03-10 10:00,true,,,,voice,own,FTTH,residential,,,

    """
  static let invoices =
    "invoice_id,issue_date,doc_type,service,customer\nF-1,2025-02-01,invoice,broadband,residential\n"
  static let lines = "month,active_lines\n" + (1...12).map { String(format: "2025-%02d,100\n", $0) }.joined()

  /// Calls of 2025 for `samples/acceptance-care.yaml` (served within 20 s, short abandons
  /// under 5 s). K-1 waits 20 s and K-10 10 s (its request on 30 June: H1, its answer in
  /// July); K-2 21 s across the change to summer time (01:59:50 CET to 03:00:11 CEST); K-3,
  /// unanswered, ends 4 s after its request (a short abandon), K-4 exactly 5 s after (not one),
  /// K-5 has no end (never one); K-6 is a test call (excluded); K-7, a short abandon with a
  /// code, is a short abandon; K-8 never asked for an operator; K-9 is exported twice, the
  /// later version answered.
  static let calls = """
    call_id,started_at,operator_requested_at,answered_at,ended_at,customer,region,exclusion,updated_at
    K-1,2025-02-03 10:00:00,2025-02-03 10:00:10,2025-02-03 10:00:30,2025-02-03 10:05:00,residential,09,,
    K-2,2025-03-30 01:59:40,2025-03-30 01:59:50,2025-03-30 03:00:11,2025-03-30 03:02:00,business,,,
    K-3,2025-04-01 09:00:00,2025-04-01 09:00:10,,2025-04-01 09:00:14,residential,09,,
    K-4,2025-04-01 09:10:00,2025-04-01 09:10:10,,2025-04-01 09:10:15,residential,09,,
    K-5,2025-04-01 09:20:00,2025-04-01 09:20:10,,,residential,09,,
    K-6,2025-04-02 09:00:00,2025-04-02 09:00:10,2025-04-02 09:00:13,2025-04-02 09:01:00,business,,test_call,
    K-7,2025-04-02 10:00:00,2025-04-02 10:00:10,,2025-04-02 10:00:11,business,,mass_outage,
    K-8,2025-04-03 10:00:00,,,2025-04-03 10:01:00,business,,,
    K-9,2025-07-01 09:00:00,2025-07-01 09:00:05,,2025-07-01 09:00:30,residential,,,2025-07-01 09:01:00
    K-10,2025-06-30 23:59:50,2025-06-30 23:59:55,2025-07-01 00:00:05,2025-07-01 00:03:00,business,,,
    K-9,2025-07-01 09:00:00,2025-07-01 09:00:05,2025-07-01 09:00:50,2025-07-01 09:03:00,residential,,,2025-07-02 08:00:00

    """
  /// Survey invitations of 2025: S-3 is exported twice (surveys are not de-duplicated: two
  /// invitations); S-5 was sent in 2024.
  static let surveys = """
    survey_id,sent_at,responded,clarity,courtesy,quality,speed,customer
    S-1,2025-02-01 10:00,true,8,9,7,6,residential
    S-2,2025-03-01 10:00,false,,,,,business
    S-3,2025-05-01 10:00,true,10,,5,,business
    S-4,2025-08-01 10:00,false,,,,,residential
    S-3,2025-05-01 10:00,true,10,,5,,business
    S-5,2024-12-31 23:30,true,1,1,1,1,business

    """

  /// The files of the annual report 2025 on the tiny input, with `--records` unless told
  /// otherwise; with `care`, the calls and surveys too (`samples/acceptance-care.yaml`).
  static func records(care: Bool = false, listing: Bool = true) throws -> [String: String] {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("input")
    var sources = [("orders", orders), ("tickets", tickets), ("invoices", invoices), ("lines", lines)]
    if care { sources += [("calls", calls), ("surveys", surveys)] }
    for (source, text) in sources {
      try FileManager.default.createDirectory(
        at: input.appendingPathComponent(source), withIntermediateDirectories: true)
      try text.write(
        to: input.appendingPathComponent("\(source)/\(source).csv"), atomically: true, encoding: .utf8)
    }
    let output = directory.appendingPathComponent("out")
    let result = try Executable.run(
      [
        "run", "--config", care ? "samples/acceptance-care.yaml" : "samples/acceptance.yaml", "--input",
        input.path, "--period", "2025", "--output", output.path, "--report-date", "2026-01-15",
      ] + (listing ? ["--records"] : []))
    #expect(result.status == 0, "\(result.stderr)")
    var files: [String: String] = [:]
    let listed = output.appendingPathComponent("2025/records")
    for name in (try? FileManager.default.contentsOfDirectory(atPath: listed.path)) ?? [] {
      files[String(name.dropLast(4))] = try String(
        contentsOf: listed.appendingPathComponent(name), encoding: .utf8)
    }
    files["results"] = try String(
      contentsOf: output.appendingPathComponent("2025/results-2025.csv"), encoding: .utf8)
    return files
  }

  @Test func ordersAreListedByLocalDatesWithDaysOnTimeAndExclusion() throws {
    // O-10 sorts before O-2 (byte order); O-1 is excluded: listed, flagged, not measured;
    // O-3 is open: in no population.
    #expect(
      try Self.records()["ATT"] == """
        period,id,service,access,technology,customer,region,start,end,days,on_time,exclusion
        2025-H1,O-10,voice,own,FTTH,residential,09,2025-01-10,2025-01-20,10,true,
        2025-H1,O-2,broadband,own,FTTH,residential,09,2025-03-01,2025-03-11,10,false,
        2025-H2,O-1,broadband,wholesale,FTTC,business,,2025-06-02,2025-07-30,,,customer_delay
        2025,O-1,broadband,wholesale,FTTC,business,,2025-06-02,2025-07-30,,,customer_delay
        2025,O-10,voice,own,FTTH,residential,09,2025-01-10,2025-01-20,10,true,
        2025,O-2,broadband,own,FTTH,residential,09,2025-03-01,2025-03-11,10,false,

        """)
  }

  @Test func ticketTimesAreTheInstantsReadWrittenWithTheirOffsetAcrossDaylightSavingTime() throws {
    let files = try Self.records()
    // T-1 opens at 01:30 CET and is resolved at 03:30 CEST on the day clocks go forward: 60
    // minutes. T-2 opens at the first 02:30 of the day clocks go back (CEST) and is resolved
    // at 03:00 CET: 90 minutes, minus 10 suspended. "T,3" is excluded, quoted, and sorted
    // before "T-1" (`,` is byte 0x2C, `-` 0x2D).
    #expect(
      files["RIP"] == """
        period,id,service,access,technology,customer,region,start,end,suspended_minutes,minutes,hours,on_time,exclusion
        2025-H1,"T,3",broadband,own,FTTH,residential,12,2025-05-05 08:00:00+02:00,2025-05-06 08:00:00+02:00,0,,,,force_majeure
        2025-H1,T-1,broadband,own,FTTH,residential,12,2025-03-30 01:30:00+01:00,2025-03-30 03:30:00+02:00,0,60,1.0,true,
        2025-H2,T-2,voice,own,FTTH,residential,,2025-10-26 02:30:00+02:00,2025-10-26 03:00:00+01:00,10,80,1.3,true,
        2025,"T,3",broadband,own,FTTH,residential,12,2025-05-05 08:00:00+02:00,2025-05-06 08:00:00+02:00,0,,,,force_majeure
        2025,T-1,broadband,own,FTTH,residential,12,2025-03-30 01:30:00+01:00,2025-03-30 03:30:00+02:00,0,60,1.0,true,
        2025,T-2,voice,own,FTTH,residential,,2025-10-26 02:30:00+02:00,2025-10-26 03:00:00+01:00,10,80,1.3,true,

        """)
    // GUA counts every effective fault opened in the column, the excluded one too.
    #expect(
      files["GUA"] == """
        period,id,service,access,technology,customer,region,start,end,exclusion
        2025-H1,"T,3",broadband,own,FTTH,residential,12,2025-05-05 08:00:00+02:00,2025-05-06 08:00:00+02:00,force_majeure
        2025-H1,T-1,broadband,own,FTTH,residential,12,2025-03-30 01:30:00+01:00,2025-03-30 03:30:00+02:00,
        2025-H2,T-2,voice,own,FTTH,residential,,2025-10-26 02:30:00+02:00,2025-10-26 03:00:00+01:00,
        2025,"T,3",broadband,own,FTTH,residential,12,2025-05-05 08:00:00+02:00,2025-05-06 08:00:00+02:00,force_majeure
        2025,T-1,broadband,own,FTTH,residential,12,2025-03-30 01:30:00+01:00,2025-03-30 03:30:00+02:00,
        2025,T-2,voice,own,FTTH,residential,,2025-10-26 02:30:00+02:00,2025-10-26 03:00:00+01:00,

        """)
  }

  @Test func complaintsAreListedWithExactMinutesAndHoursAsPublished() throws {
    // C-1 is resolved 37 days after it was opened: 53,280 minutes, late (term 30 days).
    // C-2 is excluded: listed with its code, not measured.
    #expect(
      try Self.records()["REC"] == """
        period,id,service,access,technology,customer,region,start,end,minutes,hours,on_time,exclusion
        2025-H1,C-1,voice,own,FTTH,residential,,2025-02-01 10:00:00+01:00,2025-03-10 10:00:00+01:00,53280,888.0,false,
        2025-H1,C-2,voice,own,FTTH,residential,,2025-04-01 09:00:00+02:00,2025-04-02 09:30:00+02:00,,,,force_majeure
        2025,C-1,voice,own,FTTH,residential,,2025-02-01 10:00:00+01:00,2025-03-10 10:00:00+01:00,53280,888.0,false,
        2025,C-2,voice,own,FTTH,residential,,2025-04-01 09:00:00+02:00,2025-04-02 09:30:00+02:00,,,,force_majeure

        """)
  }

  @Test func anEmptyPopulationIsAFileWithItsHeaderOnly() throws {
    // No billing complaint: FAT and ACC have no record.
    let files = try Self.records()
    #expect(
      files["FAT"]
        == "period,id,service,access,technology,customer,region,start,end,invoice,counted,exclusion\n")
    #expect(files["ACC"] == files["FAT"])
  }

  @Test func theCallsAreListedWithTheirWaitsShortAbandonsAndExclusions() throws {
    let files = try Self.records(care: true)
    #expect(
      Set(files.keys) == ["ATT", "GUA", "RIP", "FAT", "ACC", "REC", "TMO", "C20", "ISC", "results"])
    // TMO: the answered calls; K-6 excluded, listed with its code and no wait.
    #expect(
      files["TMO"] == """
        period,id,service,access,technology,customer,region,start,end,seconds,exclusion
        2025-H1,K-1,,,,residential,09,2025-02-03 10:00:10+01:00,2025-02-03 10:00:30+01:00,20,
        2025-H1,K-10,,,,business,,2025-06-30 23:59:55+02:00,2025-07-01 00:00:05+02:00,10,
        2025-H1,K-2,,,,business,,2025-03-30 01:59:50+01:00,2025-03-30 03:00:11+02:00,21,
        2025-H1,K-6,,,,business,,2025-04-02 09:00:10+02:00,2025-04-02 09:00:13+02:00,,test_call
        2025-H2,K-9,,,,residential,,2025-07-01 09:00:05+02:00,2025-07-01 09:00:50+02:00,45,
        2025,K-1,,,,residential,09,2025-02-03 10:00:10+01:00,2025-02-03 10:00:30+01:00,20,
        2025,K-10,,,,business,,2025-06-30 23:59:55+02:00,2025-07-01 00:00:05+02:00,10,
        2025,K-2,,,,business,,2025-03-30 01:59:50+01:00,2025-03-30 03:00:11+02:00,21,
        2025,K-6,,,,business,,2025-04-02 09:00:10+02:00,2025-04-02 09:00:13+02:00,,test_call
        2025,K-9,,,,residential,,2025-07-01 09:00:05+02:00,2025-07-01 09:00:50+02:00,45,

        """)
    // C20: every call that asked for an operator. K-3 and K-7 are short abandons (K-7's code
    // for information: it is not in `excluded`); K-4 and K-5, unanswered, are late.
    #expect(
      files["C20"] == """
        period,id,service,access,technology,customer,region,start,end,ended,seconds,on_time,short_abandon,exclusion
        2025-H1,K-1,,,,residential,09,2025-02-03 10:00:10+01:00,2025-02-03 10:00:30+01:00,2025-02-03 10:05:00+01:00,20,true,false,
        2025-H1,K-10,,,,business,,2025-06-30 23:59:55+02:00,2025-07-01 00:00:05+02:00,2025-07-01 00:03:00+02:00,10,true,false,
        2025-H1,K-2,,,,business,,2025-03-30 01:59:50+01:00,2025-03-30 03:00:11+02:00,2025-03-30 03:02:00+02:00,21,false,false,
        2025-H1,K-3,,,,residential,09,2025-04-01 09:00:10+02:00,,2025-04-01 09:00:14+02:00,,,true,
        2025-H1,K-4,,,,residential,09,2025-04-01 09:10:10+02:00,,2025-04-01 09:10:15+02:00,,false,false,
        2025-H1,K-5,,,,residential,09,2025-04-01 09:20:10+02:00,,,,false,false,
        2025-H1,K-6,,,,business,,2025-04-02 09:00:10+02:00,2025-04-02 09:00:13+02:00,2025-04-02 09:01:00+02:00,,,false,test_call
        2025-H1,K-7,,,,business,,2025-04-02 10:00:10+02:00,,2025-04-02 10:00:11+02:00,,,true,mass_outage
        2025-H2,K-9,,,,residential,,2025-07-01 09:00:05+02:00,2025-07-01 09:00:50+02:00,2025-07-01 09:03:00+02:00,45,false,false,
        2025,K-1,,,,residential,09,2025-02-03 10:00:10+01:00,2025-02-03 10:00:30+01:00,2025-02-03 10:05:00+01:00,20,true,false,
        2025,K-10,,,,business,,2025-06-30 23:59:55+02:00,2025-07-01 00:00:05+02:00,2025-07-01 00:03:00+02:00,10,true,false,
        2025,K-2,,,,business,,2025-03-30 01:59:50+01:00,2025-03-30 03:00:11+02:00,2025-03-30 03:02:00+02:00,21,false,false,
        2025,K-3,,,,residential,09,2025-04-01 09:00:10+02:00,,2025-04-01 09:00:14+02:00,,,true,
        2025,K-4,,,,residential,09,2025-04-01 09:10:10+02:00,,2025-04-01 09:10:15+02:00,,false,false,
        2025,K-5,,,,residential,09,2025-04-01 09:20:10+02:00,,,,false,false,
        2025,K-6,,,,business,,2025-04-02 09:00:10+02:00,2025-04-02 09:00:13+02:00,2025-04-02 09:01:00+02:00,,,false,test_call
        2025,K-7,,,,business,,2025-04-02 10:00:10+02:00,,2025-04-02 10:00:11+02:00,,,true,mass_outage
        2025,K-9,,,,residential,,2025-07-01 09:00:05+02:00,2025-07-01 09:00:50+02:00,2025-07-01 09:03:00+02:00,45,false,false,

        """)
    // The same run's figures: TMO H1 (20 + 10 + 21) ÷ 3 = 17, one excluded; C20 H1 2 of 5
    // on time, one excluded, the two short abandons apart.
    let results = files["results"]!.split(separator: "\n")
    #expect(results.contains("2025,2025-H1,TMO,MEAN,TOT,17,seconds,3,,1,150,true"))
    #expect(results.contains("2025,2025-H1,C20,ON_TIME,TOT,40.0,percent,5,,1,40.0,true"))
  }

  @Test func theInvitationsAreListedWithTheirAnswers() throws {
    // S-3 twice, in the order read; S-5 (2024) in no column; a survey has no end.
    #expect(
      try Self.records(care: true)["ISC"] == """
        period,id,service,access,technology,customer,region,start,end,responded,clarity,courtesy,quality,speed
        2025-H1,S-1,,,,residential,,2025-02-01 10:00:00+01:00,,true,8,9,7,6
        2025-H1,S-2,,,,business,,2025-03-01 10:00:00+01:00,,false,,,,
        2025-H1,S-3,,,,business,,2025-05-01 10:00:00+02:00,,true,10,,5,
        2025-H1,S-3,,,,business,,2025-05-01 10:00:00+02:00,,true,10,,5,
        2025-H2,S-4,,,,residential,,2025-08-01 10:00:00+02:00,,false,,,,
        2025,S-1,,,,residential,,2025-02-01 10:00:00+01:00,,true,8,9,7,6
        2025,S-2,,,,business,,2025-03-01 10:00:00+01:00,,false,,,,
        2025,S-3,,,,business,,2025-05-01 10:00:00+02:00,,true,10,,5,
        2025,S-3,,,,business,,2025-05-01 10:00:00+02:00,,true,10,,5,
        2025,S-4,,,,residential,,2025-08-01 10:00:00+02:00,,false,,,,

        """)
  }

  @Test func withoutTheOptionNoCareRecordsFileIsWritten() throws {
    let files = try Self.records(care: true, listing: false)
    #expect(Array(files.keys) == ["results"])
    #expect(files["results"]!.contains("2025,2025-H1,C20,ON_TIME,TOT,40.0,percent,5,,1,40.0,true"))
  }
}
