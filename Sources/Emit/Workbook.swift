import Metrics
import ReportCore

/// `resoconto-<period>.xlsx` (SPEC §5.3): the report's models as sheets of one workbook, for
/// the regulator's electronic model and for people who would otherwise import the CSV.
///
/// Sheets: *Resoconto* (the header: operator, type, period, date of preparation, provisional
/// flag, and which model is on which sheet), then one sheet per written model laid out as its
/// Italian CSV (``ResocontoTable``: numbers stored as numbers with the measure's decimals as
/// their format, targets, outcomes and notes; the rows down to the column names frozen), then
/// *Definizioni* (each indicator's definition and measurement note), then *Indennizzi* (per
/// indicator with specific standards its breaches closed and open and the euro owed).
/// Byte-reproducible: the document's date is the date of preparation.
public enum Workbook {
  public static func path(period: ReportPeriod) -> String { "resoconto-\(period).xlsx" }

  public static func render(_ report: ReportModel, toolVersion: String) throws(WorkbookError) -> [UInt8] {
    let documents = report.writtenDocuments
    var sheets = [header(report, documents: documents, toolVersion: toolVersion)]
    for document in documents {
      let table = ResocontoTable(report, model: document.kind)
      sheets.append(Sheet(name: sheetName(document.kind), rows: table.rows, frozenRows: table.headerRow + 1))
    }
    sheets.append(definitions(documents))
    if let indemnities = report.indemnities { sheets.append(indemnitySummary(indemnities, report: report)) }
    let kind = report.period.isAnnual ? "annuale" : "semestrale"
    return try XLSXWriter.render(
      sheets: sheets, title: "Resoconto \(kind) \(report.period)", author: report.operatorInfo.name,
      created: report.reportDate)
  }

  /// `Servizi`, `Assistenza`, `Reclami`.
  static func sheetName(_ kind: ReportModelKind) -> String {
    kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()
  }

  private static func header(_ report: ReportModel, documents: [ModelDocument], toolVersion: String) -> Sheet
  {
    let info = report.operatorInfo
    let italian = ResocontoCSV.italian
    let kind = report.period.isAnnual ? "annuale" : "semestrale"
    var lines: [(String, String)] = [("Operatore", info.name), ("Partita IVA", info.vatNumber)]
    if let brand = info.brand { lines.append(("Marchio", brand)) }
    lines += [
      ("Tipo di resoconto", kind),
      ("Periodo", "\(report.period) (dal \(italian(report.period.first)) al \(italian(report.period.last)))"),
      ("Data di redazione", italian(report.reportDate)),
      ("Provvisorio", report.isProvisional ? "sì" : "no"),
      ("Prodotto con", "agcom-report \(toolVersion)"),
    ]
    var rows: [[SheetCell]] = [[.text("Resoconto \(kind) \(report.period) — \(info.name)", .title)], []]
    rows += lines.map { [.text($0.0, .label), .text($0.1)] }
    rows.append([])
    rows.append(["Foglio", "Modello", "Delibera di riferimento"].map { .text($0, .header) })
    rows += documents.map { document in
      [.text(sheetName(document.kind)), .text(document.kind.title), .text(document.kind.reference)]
    }
    return Sheet(name: "Resoconto", rows: rows)
  }

  /// Per indicator with specific standards, its breaches closed and open and the euro owed
  /// (SPEC §4.2); the list per record is `indennizzi-<period>.csv`.
  private static func indemnitySummary(_ indemnities: IndemnityList, report: ReportModel) -> Sheet {
    let labels = Dictionary(uniqueKeysWithValues: report.indicators.map { ($0.code, $0.label) })
    var rows: [[SheetCell]] = [
      [
        .text(
          "Standard specifici e indennizzi, \(report.period) — elenco per cliente: \(IndemnitiesCSV.path(report.period))",
          .title)
      ],
      [],
      [
        "Indicatore", "Denominazione indicatore", "Violazioni chiuse", "Violazioni aperte",
        "Indennizzi (euro)",
      ]
      .map { .text($0, .header) },
    ]
    for summary in indemnities.summaries {
      rows.append([
        .text(summary.code.rawValue), .text(labels[summary.code] ?? summary.code.label),
        .integer(summary.closed),
        .integer(summary.open), .number(ExactDecimal(units: summary.amountCents, scale: 2), decimals: 2),
      ])
    }
    return Sheet(name: "Indennizzi", rows: rows, frozenRows: 3)
  }

  private static func definitions(_ documents: [ModelDocument]) -> Sheet {
    var rows: [[SheetCell]] = [
      ["Indicatore", "Denominazione indicatore", "Definizione", "Nota di misura"].map { .text($0, .header) }
    ]
    for indicator in documents.flatMap(\.indicators) {
      rows.append([
        .text(indicator.code.rawValue), .text(indicator.label), .text(indicator.definition, .wrapped),
        .text(indicator.measurementNote, .wrapped),
      ])
    }
    return Sheet(name: "Definizioni", rows: rows, frozenRows: 1)
  }
}
