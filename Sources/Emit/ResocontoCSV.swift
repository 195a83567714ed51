import Configuration
import Metrics
import ReportCore

/// One report model as a spreadsheet for people (SPEC §5: `resoconto-<model>-<period>.csv`).
///
/// `;`-separated, UTF-8 with a byte-order mark, CRLF, decimal comma, Italian labels: the
/// header of the report model as label–value lines (operator, the model's title and its
/// deliberation, type, period, date, provisional flag), a blank line, then one row per
/// indicator × measure × segment of the model (named with its display labels, *Accesso: Rete propria*)
/// with, per column, *Obiettivo*, *Risultato*, *Numerosità campione*, *Denominatore*,
/// *Esclusi* and *Esito*. A value that is not available reads `n.d.`; an *Esito* without a
/// target reads `—`; an indicator whose source is not configured has one *Totale* row per
/// measure reading `non rilevato`, its note saying why; a segment absent from a column leaves that column's cells empty; the
/// *Note* cell gathers the cells' notes and, on *Totale* rows, the operator's. After a blank
/// line come the records excluded in the report's period per indicator and cause (*Causa di
/// esclusione*, its code, *Record esclusi*). No text cell can be
/// taken by a spreadsheet for a formula: one that starts with `=`, `+`, `-`, `@`, TAB or
/// CR is prefixed with an apostrophe.
public enum ResocontoCSV {
  public static func render(_ report: ReportModel, model: ReportModelKind) -> [UInt8] {
    let document = report.document(model)
    var lines: [[String]] = []
    let info = report.operatorInfo
    lines.append(["Operatore", info.name])
    lines.append(["Partita IVA", info.vatNumber])
    if let brand = info.brand { lines.append(["Marchio", brand]) }
    lines.append(["Modello", model.title])
    lines.append(["Delibera di riferimento", model.reference])
    lines.append(["Tipo di resoconto", report.period.isAnnual ? "annuale" : "semestrale"])
    lines.append([
      "Periodo", "\(report.period) (dal \(italian(report.period.first)) al \(italian(report.period.last)))",
    ])
    lines.append(["Data di redazione", italian(report.reportDate)])
    lines.append(["Provvisorio", report.isProvisional ? "sì" : "no"])
    lines.append([])

    var header = ["Indicatore", "Denominazione indicatore", "Misura", "Unità di misura", "Segmento"]
    for column in report.columns {
      let name = report.columns.count == 1 ? "" : " " + ReportLabels.column(column)
      header += ["Obiettivo", "Risultato", "Numerosità campione", "Denominatore", "Esclusi", "Esito"].map {
        $0 + name
      }
    }
    header.append("Note")
    lines.append(header)

    for entry in document.entries {
      let indicator: IndicatorTable
      switch entry {
      case .computed(let table): indicator = table
      case .notCollected(let missing):
        for measure in missing.measures {
          lines.append(
            [missing.code.rawValue, missing.label, measure.label, measure.unitLabel, Labels.total]
              + report.columns.flatMap { _ in ["", Self.notCollected, "", "", "", ReportLabels.outcome(nil)] }
              + [missing.note])
        }
        continue
      }
      for measure in indicator.measures {
        for row in measure.rows {
          var line = [
            indicator.code.rawValue, indicator.label, measure.label, measure.unitLabel,
            row.label,
          ]
          // The operator's notes stand beside the headline (TOT) figures they explain.
          var notes = row.segment == .total ? indicator.notes.map(operatorNote) : []
          for cell in row.cells {
            guard let cell else {
              line += ["", "", "", "", "", ""]
              continue
            }
            line += [
              cell.target.map(decimal) ?? "", cell.value.map(decimal) ?? "n.d.", String(cell.sampleSize),
              cell.denominator.map(decimal) ?? "",
              String(cell.excluded),
              cell.target == nil ? ReportLabels.noTarget : ReportLabels.outcome(cell.met),
            ]
            if cell.smallSample && !notes.contains(Self.smallSampleNote) {
              notes.append(Self.smallSampleNote)
            }
            notes += cell.notes.filter { !notes.contains($0) }
          }
          line.append(notes.joined(separator: " "))
          lines.append(line)
        }
      }
    }
    lines.append([])
    lines.append([
      "Indicatore", "Denominazione indicatore", "Causa di esclusione", "Codice causa",
      "Record esclusi nel periodo \(report.period)",
    ])
    for indicator in document.indicators {
      for exclusion in indicator.exclusions {
        lines.append([
          indicator.code.rawValue, indicator.label, exclusion.label, exclusion.code, String(exclusion.count),
        ])
      }
    }
    let text =
      lines.map { $0.map { CSVCell.render($0, delimiter: ";") }.joined(separator: ";") }.joined(
        separator: "\r\n")
      + "\r\n"
    return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
  }

  /// *Risultato* of an indicator whose source is not configured.
  static let notCollected = "non rilevato"

  static let smallSampleNote = "Campione ridotto: il percentile coincide con il valore massimo."

  /// `Nota dell'operatore: …`, or `Nota dell'operatore (2° semestre): …` for one column.
  static func operatorNote(_ note: OperatorNote) -> String {
    let column = note.column.map { " (" + ReportLabels.column($0) + ")" } ?? ""
    return "Nota dell'operatore\(column): \(note.text)"
  }

  /// An exact decimal with a decimal comma (`88.6` → `88,6`).
  static func decimal(_ value: ExactDecimal) -> String {
    value.description.replacingOccurrences(of: ".", with: ",")
  }

  /// `dd/MM/yyyy`.
  static func italian(_ date: LocalDate) -> String {
    let (year, month, day) = date.civil
    return zeroPadded(day, width: 2) + "/" + zeroPadded(month, width: 2) + "/" + String(year)
  }
}
