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
    return try XLSXWriter.render(
      sheets: sheets, title: "Resoconto \(ReportLabels.reportType(report.period)) \(report.period)",
      author: report.operatorInfo.name,
      created: report.reportDate)
  }

  /// `Servizi`, `Assistenza`, `Reclami`.
  static func sheetName(_ kind: ReportModelKind) -> String {
    kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()
  }

  private static func header(_ report: ReportModel, documents: [ModelDocument], toolVersion: String) -> Sheet
  {
    let lines = ResocontoTable.header(report, model: nil) + [("Prodotto con", "agcom-report \(toolVersion)")]
    let title =
      "Resoconto \(ReportLabels.reportType(report.period)) \(report.period) — \(report.operatorInfo.name)"
    var rows: [[SheetCell]] = [[.text(title, .title)], []]
    rows += lines.map { [.text($0.label, .label), .text($0.value)] }
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
        .text(summary.code.rawValue), .text(report.label(of: summary.code)),
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
