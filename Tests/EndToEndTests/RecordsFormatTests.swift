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

  /// The files of the annual report 2025 on the tiny input.
  static func records() throws -> [String: String] {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("input")
    for (source, text) in [
      ("orders", orders), ("tickets", tickets), ("invoices", invoices), ("lines", lines),
    ] {
      try FileManager.default.createDirectory(
        at: input.appendingPathComponent(source), withIntermediateDirectories: true)
      try text.write(
        to: input.appendingPathComponent("\(source)/\(source).csv"), atomically: true, encoding: .utf8)
    }
    let output = directory.appendingPathComponent("out")
    let result = try Executable.run([
      "run", "--config", "samples/acceptance.yaml", "--input", input.path, "--period", "2025", "--output",
      output.path, "--report-date", "2026-01-15", "--records",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    var files: [String: String] = [:]
    for indicator in ["ATT", "GUA", "RIP", "FAT", "ACC", "REC"] {
      files[indicator] = try String(
        contentsOf: output.appendingPathComponent("2025/records/\(indicator).csv"), encoding: .utf8)
    }
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
}
