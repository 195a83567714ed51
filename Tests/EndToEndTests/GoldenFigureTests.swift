import Foundation
import Testing

/// The golden files of the samples' reports against figures computed without the tool.
///
/// `ReportOutputTests` shows that the tool still writes the golden files, but a golden file
/// is only what the tool wrote when it was recorded. `scripts/make-samples.py` computes, from
/// the values it generates and in Python (`scripts/headline_figures.py`), the rows, rejects and
/// duplicates of every source and a set of indicator figures, each chosen because it depends on
/// something only the samples exercise (Windows-1252, `;`, `dd/MM/yyyy`, the decimal comma and
/// thousands dot, a change of time, …), and writes them to `samples/headline-figures.json`.
/// These tests compare the golden files with that file, so a recording that changes one of those
/// figures fails even after it has been re-recorded.
@Suite struct GoldenFigureTests {
  static let figuresPath = "samples/headline-figures.json"

  /// Every report with golden files (`Tests/EndToEndTests/Golden/<report>/`).
  static let reports: [String] = {
    let names = try? FileManager.default.contentsOfDirectory(atPath: ReportOutputTests.golden.path)
    return (names ?? []).filter { !$0.hasPrefix(".") }.sorted()
  }()

  static func figures() throws -> [String: Any] {
    let data = try Data(contentsOf: Executable.packageRoot.appendingPathComponent(figuresPath))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test func thereAreGoldenReportsAndFiguresForEachOfThem() throws {
    #expect(Self.reports == ["2025", "2026-H1", "2026-H2"])
    let figures = try #require(try Self.figures()["figures"] as? [[String: Any]])
    let named = Set(figures.compactMap { $0["report"] as? String })
    #expect(named == Set(Self.reports), "every golden report has figures, and every figure a golden report")
  }

  /// Rows read, rejected and duplicates folded per source and per file, and each file's digest.
  @Test(arguments: reports) func theManifestCountsWhatTheGeneratorWrote(report: String) throws {
    let expected = try #require(try Self.figures()["manifest"] as? [String: Any])
    let data = try Data(
      contentsOf: ReportOutputTests.golden.appendingPathComponent("\(report)/manifest.json"))
    let manifest = try JSONSerialization.jsonObject(with: data)
    Self.expectContained(expected, in: manifest, at: "\(report)/manifest.json")
  }

  /// Each `rejects/<source>.csv` holds the deliberately bad rows of the source and nothing else.
  @Test(arguments: reports) func theRejectsAreTheDeliberatelyBadRows(report: String) throws {
    let rejects = try #require(try Self.figures()["rejects"] as? [String: [[String: String]]])
    #expect(rejects.keys.sorted() == ["calls", "invoices", "lines", "orders", "surveys", "tickets"])
    for (source, rows) in rejects.sorted(by: { $0.key < $1.key }) {
      let name = "\(report)/rejects/\(source).csv"
      let table = try Table(ReportOutputTests.golden.appendingPathComponent(name), delimiter: ",")
      #expect(
        table.rows.count == rows.count,
        "\(name): \(table.rows.count) rejected rows in the golden file, \(rows.count) by the generator")
      for (index, expected) in rows.enumerated() where index < table.rows.count {
        for (column, value) in expected.sorted(by: { $0.key < $1.key }) {
          let actual = table.cell(column, of: table.rows[index])
          #expect(
            actual == value,
            "\(name) row \(index + 1) \(column) \(Self.shown(actual)) in the golden file, '\(value)' by the generator"
          )
        }
      }
    }
  }

  /// Each indicator figure, in the results and in the Italian CSV, as the generator computed it.
  @Test func everyIndicatorFigureIsPublishedAsTheGeneratorComputedIt() throws {
    let figures = try #require(try Self.figures()["figures"] as? [[String: Any]])
    #expect(figures.count >= 10)
    var tables: [String: Table] = [:]
    for figure in figures {
      let name = try #require(figure["name"] as? String)
      let pins = figure["pins"] as? String ?? ""
      let report = try #require(figure["report"] as? String, "\(name): no report")
      let checks = try #require(figure["checks"] as? [[String: Any]], "\(name): no checks")
      #expect(!checks.isEmpty, "\(name): no checks")
      for check in checks {
        let file = try #require(check["file"] as? String, "\(name): a check names no file")
        let key = try #require(check["row"] as? [String: String], "\(name): \(file): no row")
        let cells = try #require(check["cells"] as? [String: String], "\(name): \(file): no cells")
        let path = "\(report)/\(file)"
        if tables[path] == nil {
          tables[path] = try Table(
            ReportOutputTests.golden.appendingPathComponent(path),
            delimiter: file.hasPrefix("resoconto-") ? ";" : ",",
            columns: Set(key.keys))
        }
        let table = tables[path]!
        let matching = table.rows.filter { row in key.allSatisfy { table.cell($0.key, of: row) == $0.value } }
        guard matching.count == 1 else {
          let wanted = key.sorted { $0.key < $1.key }.map { "\($0.key) = '\($0.value)'" }.joined(
            separator: ", ")
          Issue.record("figure \(name) (\(pins)): \(matching.count) rows of \(path) have \(wanted), not 1")
          continue
        }
        for (column, value) in cells.sorted(by: { $0.key < $1.key }) {
          let actual = table.cell(column, of: matching[0])
          #expect(
            actual == value,
            "figure \(name) (\(pins)): \(path) \(column) \(Self.shown(actual)) in the golden file, '\(value)' by the generator's independent computation"
          )
        }
      }
    }
  }

  /// A CSV file of a report: its header (the first record that names all of `columns`: the human CSV
  /// starts with the report's heading) and the records after it.
  struct Table {
    let header: [String]
    let rows: [[String]]

    init(_ url: URL, delimiter: Unicode.Scalar, columns: Set<String> = []) throws {
      var text = try String(contentsOf: url, encoding: .utf8)
      if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
      let records = try CSVRecords.parse(text, delimiter: delimiter)
      let start = try #require(
        records.firstIndex { columns.isSubset(of: $0) }, "\(url.path): no header with \(columns.sorted())")
      header = records[start]
      rows = Array(records[(start + 1)...])
    }

    func cell(_ column: String, of row: [String]) -> String? {
      guard let index = header.firstIndex(of: column), index < row.count else { return nil }
      return row[index]
    }
  }

  /// A cell as a failure shows it.
  static func shown(_ cell: String?) -> String {
    cell.map { "is '\($0)'" } ?? "is missing (no such column)"
  }

  /// Expects every member of `expected` (objects and arrays of JSON) in `actual`, naming the path of
  /// the first difference: an object's members are compared by name (`actual` may have more), an
  /// array's elements one by one (the same count).
  static func expectContained(_ expected: Any, in actual: Any?, at path: String) {
    switch expected {
    case let object as [String: Any]:
      guard let actual = actual as? [String: Any] else {
        Issue.record("\(path): not an object in the golden file")
        return
      }
      for (key, value) in object.sorted(by: { $0.key < $1.key }) {
        expectContained(value, in: actual[key], at: "\(path) \(key)")
      }
    case let array as [Any]:
      guard let actual = actual as? [Any], actual.count == array.count else {
        Issue.record(
          "\(path): \((actual as? [Any])?.count ?? 0) elements in the golden file, \(array.count) by the generator"
        )
        return
      }
      for (index, element) in array.enumerated() {
        let label = ((element as? [String: Any])?["path"] as? String).map { "[\($0)]" } ?? "[\(index)]"
        expectContained(element, in: actual[index], at: "\(path)\(label)")
      }
    default:
      let want = "\(expected)"
      let have = actual.map { "\($0)" }
      #expect(have == want, "\(path) is \(have ?? "missing") in the golden file, \(want) by the generator")
    }
  }
}
