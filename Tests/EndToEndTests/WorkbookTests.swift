import Foundation
import Testing

/// `resoconto-<period>.xlsx` read back as a spreadsheet user would (openpyxl, through
/// `scripts/read-workbook.py`): every figure of every model's sheet equals
/// `results-<period>.csv`, numbers are numbers shown with the published decimals.
@Suite struct WorkbookTests {
  /// Reads a workbook with `scripts/read-workbook.py`.
  static func read(_ path: String) throws -> [[String: Any]] {
    // The python3 on the PATH, which scripts/setup.sh gave openpyxl.
    let result = try Executable.run(
      ["python3", Executable.packageRoot.appendingPathComponent("scripts/read-workbook.py").path, path],
      executable: URL(fileURLWithPath: "/usr/bin/env"))
    #expect(
      result.status == 0, "read-workbook.py: \(result.stderr) (openpyxl is installed by scripts/setup.sh)")
    let book = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    return try #require(book["sheets"] as? [[String: Any]])
  }

  /// A number as the sheet shows it: with as many decimals as its format has (`0.00`).
  static func shown(_ cell: [Any]) -> String {
    let format = cell[2] as! String
    let decimals = format.split(separator: ".").dropFirst().first?.count ?? 0
    return String(format: "%.\(decimals)f", (cell[0] as! NSNumber).doubleValue)
  }

  @Test(arguments: [("2025", "2026-01-15"), ("2026-H1", "2026-07-10")])
  func everyFigureOfEveryModelSheetEqualsTheResults(period: String, reportDate: String) throws {
    let output = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: output) }
    let run = try Executable.run([
      "run", "--config", "samples/operator.yaml", "--input", "samples/input", "--period", period,
      "--output", output.path, "--report-date", reportDate,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let directory = output.appendingPathComponent(period)
    let sheets = try Self.read(directory.appendingPathComponent("resoconto-\(period).xlsx").path)
    #expect(
      sheets.map { $0["name"] as? String } == [
        "Resoconto", "Servizi", "Reclami", "Assistenza", "Definizioni", "Indennizzi",
      ])

    let table = try CSVRecords.parse(
      try String(contentsOf: directory.appendingPathComponent("results-\(period).csv"), encoding: .utf8))
    let results = table.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(table[0], $0)) }
    let columns = period.count == 4 ? ["\(period)-H1", "\(period)-H2", period] : [period]
    var compared = 0
    for sheet in sheets[1...3] {
      let rows = try #require(sheet["rows"] as? [[Any]])
      // The frozen rows end with the row naming the columns: the figures follow, from the
      // pane's top-left cell (`A12`: the 12th row, index 11).
      let freeze = try #require(sheet["freeze"] as? String)
      let first = try #require(Int(freeze.dropFirst())) - 1
      #expect(freeze.hasPrefix("A"))
      let codes = Set(rows[first...].compactMap { ($0.first as? [Any])?.first as? String })
      for (index, column) in columns.enumerated() {
        // The results of this column for the sheet's indicators, in their published order…
        let expected = results.filter { $0["period"] == column && codes.contains($0["indicator"]!) }
        // …and the sheet's rows holding a figure in that column, in theirs.
        let base = 5 + index * 6
        let shown = rows[first...].filter { row in
          row.count > base + 2 && row[base + 2] is [Any]
            && (row[0] as? [Any])?.first as? String != "Indicatore"
        }
        #expect(shown.count == expected.count, "\(sheet["name"]!) \(column)")
        for (row, result) in zip(shown, expected) {
          let cell = { (offset: Int) in row[base + offset] as? [Any] }
          #expect((row[0] as? [Any])?.first as? String == result["indicator"])
          let value = try #require(cell(1))
          #expect(
            (value[1] as! String == "n" ? Self.shown(value) : "") == result["value"],
            "\(result["indicator"]!) \(result["measure"]!) \(result["segment"]!) \(column)")
          if value[1] as! String == "n" { #expect(value[2] as? String != "General") }
          #expect(cell(0).map(Self.shown) ?? "" == result["target"])
          #expect(cell(2).map(Self.shown) == result["sample_size"])
          #expect(cell(3).map(Self.shown) ?? "" == result["denominator"])
          #expect(cell(4).map(Self.shown) == result["excluded"])
          compared += 1
        }
      }
    }
    #expect(compared == results.count, "every results row is on a model's sheet")

    // The indemnity summary equals the manifest's counts and totals.
    let manifest = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: directory.appendingPathComponent("manifest.json")))
        as? [String: Any])
    let totals = try #require(manifest["indemnities"] as? [String: [String: Any]])
    let summary = try #require(sheets[5]["rows"] as? [[Any]]).dropFirst(3)
    #expect(summary.compactMap { ($0.first as? [Any])?.first as? String } == ["ATT", "RIP", "REC"])
    for row in summary {
      let code = try #require((row[0] as? [Any])?.first as? String)
      let total = try #require(totals[code])
      #expect((row[2] as? [Any]).map(Self.shown) == "\(total["closed"]!)")
      #expect((row[3] as? [Any]).map(Self.shown) == "\(total["open"]!)")
      #expect((row[4] as? [Any]).map(Self.shown) == total["amount"] as? String)
    }
  }
}
