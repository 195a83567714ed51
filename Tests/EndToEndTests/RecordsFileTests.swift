import Crypto
import Foundation
import Testing

/// SPEC §5 `records/<indicator>.csv` (`run --records`): the records behind every figure are
/// enough to recompute it. The figures are recomputed here from the records files alone, with
/// arithmetic of their own (nearest rank over sorted values, shares and rates rounded half-up
/// in integers), and must be the values the same run published in its results.
@Suite struct RecordsFileTests {
  static let indicators = ["ATT", "GUA", "RIP", "FAT", "ACC", "REC"]

  /// The customer-care indicators' files, with `samples/acceptance-care.yaml`.
  static let careIndicators = ["TMO", "C20", "ISC"]

  /// Runs the acceptance report of `period` with `--records`; returns its directory.
  static func run(
    _ period: String, into output: URL, config: String = "samples/acceptance.yaml",
    reportDate: String = "2027-01-15"
  ) throws -> URL {
    let result = try Executable.run([
      "run", "--config", config, "--input", "\(Executable.acceptance)/input", "--period",
      period, "--output", output.path, "--report-date", reportDate, "--records",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    return output.appendingPathComponent(period)
  }

  /// The records file of `indicator`: its rows as dictionaries of the header's columns.
  static func records(_ indicator: String, in directory: URL) throws -> (
    header: [String], rows: [[String: String]]
  ) {
    let text = try String(
      contentsOf: directory.appendingPathComponent("records/\(indicator).csv"), encoding: .utf8)
    let records = try CSVRecords.parse(text)
    let header = try #require(records.first)
    for record in records.dropFirst() { #expect(record.count == header.count, "\(indicator): \(record)") }
    return (header, records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) })
  }

  @Test(arguments: ["2025", "2025-H1", "2026-H2", "2026"])
  func everyTOTFigureOfTheAcceptanceReportsFollowsFromTheRecordsFiles(period: String) throws {
    let output = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: output) }
    let directory = try Self.run(period, into: output)
    let results = try CSVRecords.parse(
      String(contentsOf: directory.appendingPathComponent("results-\(period).csv"), encoding: .utf8))
    let resultHeader = results[0]
    // Every TOT row of the results: (column, indicator, measure) → row.
    var published: [String: [String: String]] = [:]
    for row in results.dropFirst() where row[4] == "TOT" {
      published["\(row[1]) \(row[2]) \(row[3])"] = Dictionary(uniqueKeysWithValues: zip(resultHeader, row))
    }
    let columns = period.count == 4 ? ["\(period)-H1", "\(period)-H2", period] : [period]
    var checked = 0
    /// The published row of `measure`, with its sample size and excluded count checked.
    func publishedRow(_ column: String, _ indicator: String, _ measure: String, n: Int, excluded: Int)
      -> [String: String]?
    {
      guard let row = published["\(column) \(indicator) \(measure)"] else {
        Issue.record("no TOT row for \(column) \(indicator) \(measure) in the results")
        return nil
      }
      checked += 1
      #expect(row["sample_size"] == String(n), "\(column) \(indicator) \(measure) sample size")
      #expect(row["excluded"] == String(excluded), "\(column) \(indicator) \(measure) excluded")
      return row
    }

    for indicator in Self.indicators {
      let (header, rows) = try Self.records(indicator, in: directory)
      #expect(
        Array(header.prefix(9)) == [
          "period", "id", "service", "access", "technology", "customer", "region", "start", "end",
        ])
      // Sorted: columns in report order, then ids in byte order.
      let keys = rows.map { (columns.firstIndex(of: $0["period"]!) ?? -1, Array($0["id"]!.utf8)) }
      #expect(keys.allSatisfy { $0.0 >= 0 }, "\(indicator): a period outside the report's columns")
      for (earlier, later) in zip(keys, keys.dropFirst()) {
        #expect(
          earlier.0 < later.0 || (earlier.0 == later.0 && !later.1.lexicographicallyPrecedes(earlier.1)),
          "\(indicator): rows out of order")
      }
      for column in columns {
        let inColumn = rows.filter { $0["period"] == column }
        let excluded = inColumn.filter { $0["exclusion"] != "" }
        let measured = inColumn.filter { $0["exclusion"] == "" }
        switch indicator {
        case "ATT", "RIP", "REC":
          let percentiles = indicator == "ATT" ? [95, 99] : indicator == "RIP" ? [80, 95] : [80, 90]
          for row in excluded {
            #expect(row["on_time"] == "" && row[indicator == "ATT" ? "days" : "minutes"] == "")
          }
          // ATT: whole days; RIP and REC: exact minutes, published in hours with one decimal.
          let values = measured.map { Int($0[indicator == "ATT" ? "days" : "minutes"]!)! }.sorted()
          let hours = measured.map { Self.units($0["hours"] ?? "0", scale: 1) }.sorted()
          for k in percentiles {
            guard
              let row = publishedRow(column, indicator, "P\(k)", n: values.count, excluded: excluded.count)
            else { continue }
            let value = Self.nearestRank(values, k).map {
              indicator == "ATT" ? String($0) : Self.halfUp($0, over: 60, scale: 1)
            }
            #expect(row["value"] == (value ?? ""), "\(column) \(indicator) P\(k)")
            if indicator != "ATT" {
              // The hours column, as published, gives the same percentile.
              #expect(
                row["value"] == (Self.nearestRank(hours, k).map { Self.halfUp($0, over: 10, scale: 1) } ?? "")
              )
            }
          }
          let onTime = measured.filter { $0["on_time"] == "true" }.count
          #expect(measured.allSatisfy { $0["on_time"] == "true" || $0["on_time"] == "false" })
          if let row = publishedRow(column, indicator, "ON_TIME", n: values.count, excluded: excluded.count) {
            let value = values.isEmpty ? "" : Self.halfUp(onTime * 100, over: values.count, scale: 1)
            #expect(row["value"] == value, "\(column) \(indicator) ON_TIME")
          }
        case "GUA":
          // Every effective fault opened in the column; an exclusion code removes none.
          if let row = publishedRow(column, indicator, "RATE", n: inColumn.count, excluded: 0) {
            // The denominator, the mean active lines, is published beside the value.
            let lines = Self.units(row["denominator"]!, scale: 2)
            #expect(
              row["value"] == Self.halfUp(inColumn.count * 100 * 100, over: lines, scale: 2), "\(column) GUA")
          }
        default:  // FAT, ACC
          // Distinct invoices: the complaints marked counted, which are the distinct invoice ids
          // plus the complaints without one.
          let counted = inColumn.filter { $0["counted"] == "true" }.count
          let invoices = Set(inColumn.compactMap { $0["invoice"]!.isEmpty ? nil : $0["invoice"] })
          #expect(counted == invoices.count + inColumn.filter { $0["invoice"]!.isEmpty }.count)
          if let row = publishedRow(column, indicator, "RATE", n: counted, excluded: 0) {
            let issued = Int(row["denominator"]!)!
            #expect(
              row["value"] == Self.halfUp(counted * 100, over: issued, scale: 2), "\(column) \(indicator)")
          }
        }
      }
    }
    // Every TOT figure of the report was recomputed.
    #expect(checked == published.count)
    #expect(checked == columns.count * 12)
  }

  @Test(arguments: ["2025", "2025-H1", "2026-H2", "2026"])
  func everyTOTFigureOfTheCareReportsFollowsFromTheRecordsFiles(period: String) throws {
    let output = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: output) }
    let directory = try Self.run(
      period, into: output, config: "samples/acceptance-care.yaml", reportDate: "2027-03-01")
    let resultsText = try String(
      contentsOf: directory.appendingPathComponent("results-\(period).csv"), encoding: .utf8)
    // Listing the records changes no figure: the results are the acceptance expectations.
    #expect(
      resultsText
        == (try String(
          contentsOf: Executable.packageRoot.appendingPathComponent(
            "\(Executable.acceptance)/expected/care/results-\(period).csv"),
          encoding: .utf8)))
    let results = try CSVRecords.parse(resultsText)
    let resultHeader = results[0]
    var published: [String: [String: String]] = [:]
    for row in results.dropFirst() where row[4] == "TOT" && Self.careIndicators.contains(row[2]) {
      published["\(row[1]) \(row[2]) \(row[3])"] = Dictionary(uniqueKeysWithValues: zip(resultHeader, row))
    }
    let columns = period.count == 4 ? ["\(period)-H1", "\(period)-H2", period] : [period]
    var checked = 0
    func publishedRow(_ column: String, _ indicator: String, _ measure: String, n: Int, excluded: Int)
      -> [String: String]?
    {
      guard let row = published["\(column) \(indicator) \(measure)"] else {
        Issue.record("no TOT row for \(column) \(indicator) \(measure) in the results")
        return nil
      }
      checked += 1
      #expect(row["sample_size"] == String(n), "\(column) \(indicator) \(measure) sample size")
      #expect(row["excluded"] == String(excluded), "\(column) \(indicator) \(measure) excluded")
      return row
    }
    let manifest = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: directory.appendingPathComponent("manifest.json")))
        as? [String: Any])

    for indicator in Self.careIndicators {
      let (header, rows) = try Self.records(indicator, in: directory)
      #expect(
        Array(header.prefix(9)) == [
          "period", "id", "service", "access", "technology", "customer", "region", "start", "end",
        ])
      let keys = rows.map { (columns.firstIndex(of: $0["period"]!) ?? -1, Array($0["id"]!.utf8)) }
      #expect(keys.allSatisfy { $0.0 >= 0 }, "\(indicator): a period outside the report's columns")
      for (earlier, later) in zip(keys, keys.dropFirst()) {
        #expect(
          earlier.0 < later.0 || (earlier.0 == later.0 && !later.1.lexicographicallyPrecedes(earlier.1)),
          "\(indicator): rows out of order")
      }
      for column in columns {
        let inColumn = rows.filter { $0["period"] == column }
        switch indicator {
        case "TMO":
          // Answered calls: the wait is `end` − `start`, true elapsed seconds.
          let excluded = inColumn.filter { $0["exclusion"] != "" }
          let measured = inColumn.filter { $0["exclusion"] == "" }
          #expect(excluded.allSatisfy { $0["seconds"] == "" })
          for row in measured {
            #expect(
              Int(row["seconds"]!) == Self.seconds(from: row["start"]!, to: row["end"]!), "TMO \(row["id"]!)")
          }
          let total = measured.map { Int($0["seconds"]!)! }.reduce(0, +)
          if let row = publishedRow(column, "TMO", "MEAN", n: measured.count, excluded: excluded.count) {
            let value = measured.isEmpty ? "" : Self.halfUp(total, over: measured.count, scale: 0)
            #expect(row["value"] == value, "\(column) TMO MEAN")
          }
        case "C20":
          // The configuration's rules, from the times alone: served within 20 seconds; an
          // unanswered call that ended less than 5 seconds after the request is a short abandon.
          for row in inColumn {
            let wait = row["end"]!.isEmpty ? nil : Self.seconds(from: row["start"]!, to: row["end"]!)
            let short =
              wait == nil && !row["ended"]!.isEmpty
              && Self.seconds(from: row["start"]!, to: row["ended"]!) < 5
            #expect(row["short_abandon"] == String(short), "C20 \(row["id"]!)")
            if short || row["exclusion"] != "" {
              #expect(row["seconds"] == "" && row["on_time"] == "", "C20 \(row["id"]!)")
            } else {
              #expect(row["seconds"] == (wait.map(String.init) ?? ""), "C20 \(row["id"]!)")
              #expect(row["on_time"] == String(wait.map { $0 <= 20 } ?? false), "C20 \(row["id"]!)")
            }
          }
          let shortAbandons = inColumn.filter { $0["short_abandon"] == "true" }
          let excluded = inColumn.filter { $0["short_abandon"] == "false" && $0["exclusion"] != "" }
          let population = inColumn.filter { $0["short_abandon"] == "false" && $0["exclusion"] == "" }
          let onTime = population.filter { $0["on_time"] == "true" }.count
          if let row = publishedRow(column, "C20", "ON_TIME", n: population.count, excluded: excluded.count) {
            let value = population.isEmpty ? "" : Self.halfUp(onTime * 100, over: population.count, scale: 1)
            #expect(row["value"] == value, "\(column) C20 ON_TIME")
          }
          // The report's own column's short abandons are the manifest's.
          if column == period {
            #expect((manifest["shortAbandons"] as? [String: Int])?["C20"] == shortAbandons.count)
          }
        default:  // ISC
          #expect(inColumn.allSatisfy { $0["responded"] == "true" || $0["responded"] == "false" })
          let responded = inColumn.filter { $0["responded"] == "true" }.count
          if let row = publishedRow(column, "ISC", "M1", n: inColumn.count, excluded: 0) {
            let value = inColumn.isEmpty ? "" : Self.halfUp(responded * 100, over: inColumn.count, scale: 1)
            #expect(row["value"] == value, "\(column) ISC M1")
          }
          for (measure, question) in zip(
            ["M2", "M3", "M4", "M5"], ["clarity", "courtesy", "quality", "speed"])
          {
            let scores = inColumn.compactMap { Int($0[question]!) }
            // A score only on a response; every other cell empty.
            #expect(inColumn.filter { !$0[question]!.isEmpty }.allSatisfy { $0["responded"] == "true" })
            if let row = publishedRow(column, "ISC", measure, n: scores.count, excluded: 0) {
              let value = scores.isEmpty ? "" : Self.halfUp(scores.reduce(0, +), over: scores.count, scale: 2)
              #expect(row["value"] == value, "\(column) ISC \(measure)")
            }
          }
        }
      }
    }
    // Every TOT figure of TMO, C20 and ISC was recomputed.
    #expect(checked == published.count)
    #expect(checked == columns.count * 7)
  }

  @Test func theRecordsFilesAreByteReproducibleAndListedInTheManifest() throws {
    let (first, second) = (Executable.temporaryDirectory(), Executable.temporaryDirectory())
    defer {
      try? FileManager.default.removeItem(at: first)
      try? FileManager.default.removeItem(at: second)
    }
    let one = try Self.run("2025", into: first)
    let other = try Self.run("2025", into: second)
    let manifest = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: one.appendingPathComponent("manifest.json")))
        as? [String: Any])
    let outputs = try #require(manifest["outputs"] as? [[String: Any]])
    for indicator in Self.indicators {
      let path = "records/\(indicator).csv"
      let bytes = try Data(contentsOf: one.appendingPathComponent(path))
      #expect(try Data(contentsOf: other.appendingPathComponent(path)) == bytes, "\(path)")
      let listed = outputs.first { $0["path"] as? String == path }
      #expect(
        listed?["sha256"] as? String == SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined())
      #expect(listed?["bytes"] as? Int == bytes.count)
    }
  }

  @Test(arguments: ["samples/acceptance.yaml", "samples/acceptance-care.yaml"])
  func withoutTheOptionNoRecordsAreWritten(config: String) throws {
    let output = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try Executable.run([
      "run", "--config", config, "--input", "\(Executable.acceptance)/input", "--period",
      "2025-H1", "--output", output.path, "--report-date", "2027-01-15",
    ])
    #expect(result.status == 0)
    #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("2025-H1/records").path))
    let manifest = try String(
      contentsOf: output.appendingPathComponent("2025-H1/manifest.json"), encoding: .utf8)
    #expect(!manifest.contains("records/"))
  }

  // MARK: - Arithmetic of the test's own

  /// Nearest rank: the value at 1-based position ⌈k·n/100⌉ of the sorted `values`.
  static func nearestRank(_ values: [Int], _ k: Int) -> Int? {
    values.isEmpty ? nil : values[(k * values.count + 99) / 100 - 1]
  }

  /// The true elapsed seconds between two times written `yyyy-MM-dd HH:mm:ss+hh:mm`.
  static func seconds(from start: String, to end: String) -> Int {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    func date(_ text: String) -> Date {
      formatter.date(from: text.replacingOccurrences(of: " ", with: "T"))!
    }
    return Int(date(end).timeIntervalSince(date(start)))
  }

  /// `numerator ÷ denominator` rounded half-up to `scale` decimals, as text.
  static func halfUp(_ numerator: Int, over denominator: Int, scale: Int) -> String {
    var power = 1
    for _ in 0..<scale { power *= 10 }
    let units = (2 * numerator * power + denominator) / (2 * denominator)
    if scale == 0 { return String(units) }
    let fraction = String(units % power)
    return "\(units / power)." + String(repeating: "0", count: scale - fraction.count) + fraction
  }

  /// A decimal text as an integer of `scale`-decimal units: `1402.83` → 140283.
  static func units(_ text: String, scale: Int) -> Int {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    var fraction = parts.count > 1 ? String(parts[1]) : ""
    fraction += String(repeating: "0", count: scale - fraction.count)
    return Int(parts[0])! * Int(pow(10, Double(scale))) + Int(fraction)!
  }
}
