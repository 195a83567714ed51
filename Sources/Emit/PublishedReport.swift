import Foundation
import ReportCore

/// A report present in the output directory, read back from its XML (SPEC §6, the site):
/// what the site index lists and charts, never what the current run computed.
///
/// A report directory `<output>/<period>/` may hold one `resoconto-<period>.xml` or one
/// document per report model (`resoconto-<model>-<period>.xml`): every
/// `resoconto*-<period>.xml` in it is read and their indicators merged, in catalogue order.
public struct PublishedReport: Sendable, Equatable {
  /// The report's period, which is also its directory's name.
  public var period: ReportPeriod
  public var operatorName: String
  public var brand: String?
  /// The date of preparation, `YYYY-MM-DD`.
  public var reportDate: LocalDate
  public var isProvisional: Bool
  /// The XML documents read, by name in the report's directory.
  public var xmlFiles: [String]
  /// The other downloads present in the directory (`resoconto*-<period>.csv`, `.xlsx`), by name.
  public var downloads: [String]
  public var indicators: [Indicator]

  /// An indicator of a published report, with its measures' whole-population rows.
  public struct Indicator: Sendable, Equatable {
    public var code: String
    public var label: String
    public var measures: [Measure]
  }

  /// A measure of an indicator: its `TOT` result per report column.
  public struct Measure: Sendable, Equatable {
    public var code: String
    public var label: String
    /// `days`, `percent`…
    public var unitCode: String
    /// *giorni solari*, *%*…
    public var unitLabel: String
    public var totals: [Result]
  }

  /// One `<risultato>` of the `TOT` row.
  public struct Result: Sendable, Equatable {
    public var column: ReportPeriod
    public var value: ExactDecimal?
    public var target: ExactDecimal?
    public var sampleSize: Int
    /// `raggiunto`, `non raggiunto` or `n.d.`, as published.
    public var outcome: String
  }
}

/// Why a report directory is left out of the site index (a warning, never a failed run).
public struct UnreadableReport: Error, Sendable, Equatable, CustomStringConvertible {
  /// The directory or file at fault.
  public var path: String
  public var reason: String

  public var description: String { "\(path): warning: left out of the site index: \(reason)" }
}

extension PublishedReport {
  /// The reports under `output`: every directory named as a period (`2025`, `2025-H1`),
  /// read with ``read(directory:period:)``; those that cannot be read are returned apart.
  public static func scan(output: String) -> (reports: [PublishedReport], skipped: [UnreadableReport]) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
    var reports: [PublishedReport] = []
    var skipped: [UnreadableReport] = []
    for name in names.sorted() {
      guard let period = ReportPeriod(parsing: name), period.description == name else { continue }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: output + "/" + name, isDirectory: &isDirectory),
        isDirectory.boolValue
      else { continue }
      do {
        reports.append(try read(directory: output + "/" + name, period: period))
      } catch {
        skipped.append(error)
      }
    }
    return (reports, skipped)
  }

  /// Reads the report in `directory`, whose name is `period`: each `resoconto*-<period>.xml`
  /// must be well-formed and valid against the schema, of the same period, operator and
  /// date of preparation.
  public static func read(directory: String, period: ReportPeriod) throws(UnreadableReport) -> PublishedReport
  {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    } catch {
      throw UnreadableReport(path: directory, reason: "cannot list the directory")
    }
    let suffix = "-\(period).xml"
    let xmlFiles = names.filter { $0.hasPrefix("resoconto") && $0.hasSuffix(suffix) }
    guard !xmlFiles.isEmpty else {
      throw UnreadableReport(path: directory, reason: "no resoconto*\(suffix) in it")
    }
    var report: PublishedReport?
    for name in xmlFiles {
      let path = directory + "/" + name
      guard let bytes = FileManager.default.contents(atPath: path) else {
        throw UnreadableReport(path: path, reason: "cannot read the file")
      }
      let document = try parse(Array(bytes), path: path, period: period)
      guard var merged = report else {
        report = document
        continue
      }
      guard document.operatorName == merged.operatorName, document.reportDate == merged.reportDate,
        document.isProvisional == merged.isProvisional
      else {
        throw UnreadableReport(
          path: path, reason: "its operator or date of preparation differs from \(merged.xmlFiles[0])'s")
      }
      merged.indicators += document.indicators
      report = merged
    }
    var result = report!
    // The indicators in catalogue order, whichever document each came from.
    let order = Dictionary(
      uniqueKeysWithValues: IndicatorCode.allCases.enumerated().map { ($1.rawValue, $0) })
    result.indicators = result.indicators.enumerated().sorted { left, right in
      let (a, b) = (order[left.element.code] ?? order.count, order[right.element.code] ?? order.count)
      return a != b ? a < b : left.offset < right.offset
    }.map(\.element)
    result.xmlFiles = xmlFiles
    result.downloads = names.filter {
      $0.hasPrefix("resoconto") && ($0.hasSuffix("-\(period).csv") || $0.hasSuffix("-\(period).xlsx"))
    }
    return result
  }

  /// One XML document: validated against the schema, then read.
  static func parse(_ bytes: [UInt8], path: String, period: ReportPeriod) throws(UnreadableReport)
    -> PublishedReport
  {
    switch SchemaValidation.validate(bytes, against: Array(ReportXML.schema.utf8)) {
    case .valid: break
    case .invalid(let violations), .unusableSchema(let violations):
      let first = violations.first.map { ": line \($0.line): \($0.message)" } ?? ""
      throw UnreadableReport(path: path, reason: "it does not validate against the schema\(first)")
    }
    let read = XMLReading.parse(bytes) { root -> PublishedReport? in
      guard let header = root.child("intestazione"), let operatorInfo = header.child("operatore"),
        let periodCode = header.child("periodo")?.attribute("codice"),
        let date = header.child("dataRedazione").flatMap({ LocalDate(parsing: $0.text) })
      else { return nil }
      guard periodCode == period.description else { return nil }
      let indicators = root.children("indicatore").map { indicator in
        Indicator(
          code: indicator.attribute("codice") ?? "",
          label: indicator.child("denominazione")?.text ?? "",
          measures: indicator.children("misura").map(measure))
      }
      return PublishedReport(
        period: period, operatorName: operatorInfo.child("denominazione")?.text ?? "",
        brand: operatorInfo.child("marchio")?.text, reportDate: date,
        isProvisional: header.child("provvisorio")?.text == "true", xmlFiles: [], downloads: [],
        indicators: indicators)
    }
    guard let report = read ?? nil else {
      throw UnreadableReport(path: path, reason: "its header does not describe the period \(period)")
    }
    return report
  }

  private static func measure(_ element: XMLElementReference) -> Measure {
    let unit = element.child("unita")
    let total = element.children("riga").first { $0.attribute("segmento") == "TOT" }
    let results = (total?.children("risultato") ?? []).compactMap { result -> Result? in
      guard let column = result.attribute("colonna").flatMap(ReportPeriod.init(parsing:)) else { return nil }
      return Result(
        column: column, value: result.child("valore").flatMap { ExactDecimal(parsing: $0.text) },
        target: result.child("obiettivo").flatMap { ExactDecimal(parsing: $0.text) },
        sampleSize: result.child("numerosita").flatMap { Int($0.text) } ?? 0,
        outcome: result.child("esito")?.text ?? "n.d.")
    }
    return Measure(
      code: element.attribute("codice") ?? "", label: element.child("descrizione")?.text ?? "",
      unitCode: unit?.attribute("codice") ?? "", unitLabel: unit?.text ?? "", totals: results)
  }
}
