import Configuration
import Metrics
import ReportCore

/// One report model laid out for people, cell by cell: the rows of the Italian CSV
/// (``ResocontoCSV``) and of the model's sheet in the workbook (``Workbook``), so that the two
/// cannot differ. Numbers stay numbers (``SheetCell/number(_:decimals:)``, with the measure's
/// decimals): the CSV writes them with a decimal comma, the workbook as numbers.
///
/// The header of the model as label–value lines (operator, the model's title and its
/// deliberation, type, period, date, provisional flag), a blank line, then one row per
/// indicator × measure × segment of the model (named with its display labels, *Accesso: Rete
/// propria*) with, per column, *Obiettivo*, *Risultato*, *Numerosità campione*,
/// *Denominatore*, *Esclusi* and *Esito*. A value that is not available reads `n.d.`; an
/// *Esito* without a target reads `—`; an indicator whose source is not configured has one
/// *Totale* row per measure reading `non rilevato`, its note saying why; a segment absent from
/// a column leaves that column's cells empty; the *Note* cell gathers the cells' notes and, on
/// *Totale* rows, the operator's. After a blank line come the records excluded in the report's
/// period per indicator and cause (*Causa di esclusione*, its code, *Record esclusi*).
struct ResocontoTable {
  /// Every row, the blank ones empty.
  private(set) var rows: [[SheetCell]] = []
  /// The index of the row naming the columns of the figures.
  private(set) var headerRow = 0

  /// The header's label–value lines: operator, VAT number, brand, the model's title and
  /// deliberation (when `model` is given), type, period, date of preparation, provisional flag.
  static func header(_ report: ReportModel, model: ReportModelKind?) -> [(label: String, value: String)] {
    let info = report.operatorInfo
    let italian = ResocontoCSV.italian
    var lines: [(label: String, value: String)] = [("Operatore", info.name), ("Partita IVA", info.vatNumber)]
    if let brand = info.brand { lines.append(("Marchio", brand)) }
    if let model { lines += [("Modello", model.title), ("Delibera di riferimento", model.reference)] }
    return lines + [
      ("Tipo di resoconto", ReportLabels.reportType(report.period)),
      ("Periodo", "\(report.period) (dal \(italian(report.period.first)) al \(italian(report.period.last)))"),
      ("Data di redazione", italian(report.reportDate)),
      ("Provvisorio", report.isProvisional ? "sì" : "no"),
    ]
  }

  init(_ report: ReportModel, model: ReportModelKind) {
    let document = report.document(model)
    rows = Self.header(report, model: model).map { [.text($0.label, .label), .text($0.value)] }
    rows.append([])

    var names = ["Indicatore", "Denominazione indicatore", "Misura", "Unità di misura", "Segmento"]
    for column in report.columns {
      let name = report.columns.count == 1 ? "" : " " + ReportLabels.column(column)
      names += ["Obiettivo", "Risultato", "Numerosità campione", "Denominatore", "Esclusi", "Esito"].map {
        $0 + name
      }
    }
    names.append("Note")
    headerRow = rows.count
    rows.append(names.map { .text($0, .header) })

    for entry in document.entries {
      let indicator: IndicatorTable
      switch entry {
      case .computed(let table): indicator = table
      case .notCollected(let missing):
        for measure in missing.measures {
          let cells: [SheetCell] = [
            .empty, .text(ResocontoCSV.notCollected), .empty, .empty, .empty,
            .text(ReportLabels.outcome(nil)),
          ]
          rows.append(
            [missing.code.rawValue, missing.label, measure.label, measure.unitLabel, Labels.total].map {
              .text($0)
            }
              + report.columns.flatMap { _ in cells } + [.text(missing.note, .wrapped)])
        }
        continue
      }
      for measure in indicator.measures {
        for row in measure.rows {
          var line: [SheetCell] = [
            indicator.code.rawValue, indicator.label, measure.label, measure.unitLabel, row.label,
          ].map { .text($0) }
          // The operator's notes stand beside the headline (TOT) figures they explain.
          var notes = row.segment == .total ? indicator.notes.map(ResocontoCSV.operatorNote) : []
          for cell in row.cells {
            guard let cell else {
              line += Array(repeating: .empty, count: 6)
              continue
            }
            line += [
              cell.target.map { .number($0, decimals: $0.scale) } ?? .empty,
              cell.value.map { .number($0, decimals: $0.scale) } ?? .text("n.d."),
              .integer(cell.sampleSize),
              cell.denominator.map { .number($0, decimals: $0.scale) } ?? .empty,
              .integer(cell.excluded),
              .text(cell.target == nil ? ReportLabels.noTarget : ReportLabels.outcome(cell.met)),
            ]
            if cell.smallSample && !notes.contains(ResocontoCSV.smallSampleNote) {
              notes.append(ResocontoCSV.smallSampleNote)
            }
            notes += cell.notes.filter { !notes.contains($0) }
          }
          line.append(notes.isEmpty ? .empty : .text(notes.joined(separator: " "), .wrapped))
          rows.append(line)
        }
      }
    }
    rows.append([])
    rows.append(
      [
        "Indicatore", "Denominazione indicatore", "Causa di esclusione", "Codice causa",
        "Record esclusi nel periodo \(report.period)",
      ].map { .text($0, .header) })
    for indicator in document.indicators {
      for exclusion in indicator.exclusions {
        rows.append(
          [indicator.code.rawValue, indicator.label, exclusion.label, exclusion.code].map { .text($0) }
            + [.integer(exclusion.count)])
      }
    }
  }
}
