import Metrics
import ReportCore

/// The report model as a spreadsheet for people (SPEC §5: `resoconto-<period>.csv`).
///
/// `;`-separated, UTF-8 with a byte-order mark, CRLF, decimal comma, Italian labels: the
/// header of the report model as label–value lines, a blank line, then one row per
/// indicator × measure × segment with, per column, *Risultato*, *Numerosità campione*,
/// *Denominatore*, *Esclusi* and *Esito*; after a blank line, the records excluded in the
/// report's period per indicator and cause (*Causa di esclusione*, its code, *Record
/// esclusi*). A value that is not available reads `n.d.`; a
/// segment absent from a column leaves that column's cells empty. No text cell can be
/// taken by a spreadsheet for a formula: one that starts with `=`, `+`, `-`, `@`, TAB or
/// CR is prefixed with an apostrophe.
public enum ResocontoCSV {
  public static func render(_ report: ReportModel) -> [UInt8] {
    var lines: [[String]] = []
    let info = report.operatorInfo
    lines.append(["Operatore", info.name])
    lines.append(["Partita IVA", info.vatNumber])
    if let brand = info.brand { lines.append(["Marchio", brand]) }
    lines.append(["Delibere di riferimento", ReportXML.deliberations.joined(separator: ", ")])
    lines.append(["Tipo di resoconto", report.period.isAnnual ? "annuale" : "semestrale"])
    lines.append([
      "Periodo", "\(report.period) (dal \(italian(report.period.first)) al \(italian(report.period.last)))",
    ])
    lines.append(["Data di redazione", italian(report.reportDate)])
    lines.append(["Provvisorio", report.isProvisional ? "sì" : "no"])
    lines.append([])

    var header = [
      "Indicatore", "Denominazione indicatore", "Misura", "Unità di misura", "Segmento", "Obiettivo",
    ]
    for column in report.columns {
      let name = report.columns.count == 1 ? "" : " " + ReportLabels.column(column)
      header += ["Risultato", "Numerosità campione", "Denominatore", "Esclusi", "Esito"].map { $0 + name }
    }
    header.append("Note")
    lines.append(header)

    for indicator in report.indicators {
      for measure in indicator.measures {
        for row in measure.rows {
          var line = [
            indicator.code.rawValue, indicator.label, measure.label, measure.unitLabel,
            segmentLabel(row.segment),
            row.target.map(decimal) ?? "",
          ]
          var notes: [String] = []
          for cell in row.cells {
            guard let cell else {
              line += ["", "", "", "", ""]
              continue
            }
            line += [
              cell.value.map(decimal) ?? "n.d.", String(cell.sampleSize), cell.denominator.map(decimal) ?? "",
              String(cell.excluded), ReportLabels.outcome(cell.met),
            ]
            if cell.smallSample {
              notes.append("Campione ridotto: il percentile coincide con il valore massimo.")
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
    for indicator in report.indicators {
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

  /// `TOT` → `Totale`, `access=own` → `Accesso: own`.
  static func segmentLabel(_ segment: Segment) -> String {
    switch segment {
    case .total: return "Totale"
    case .value(let dimension, let value):
      let names: [DimensionField: String] = [
        .service: "Servizio", .access: "Accesso", .technology: "Tecnologia", .customer: "Cliente",
        .region: "Regione",
      ]
      return "\(names[dimension]!): \(value)"
    }
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
