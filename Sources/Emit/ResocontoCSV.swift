import Configuration
import Metrics
import ReportCore

/// One report model as a spreadsheet for people (SPEC §5: `resoconto-<model>-<period>.csv`).
///
/// The rows of ``ResocontoTable`` — the model's header, its figures and its exclusions, as
/// the workbook's sheet has them — written `;`-separated, UTF-8 with a byte-order mark, CRLF,
/// numbers with a decimal comma. No text cell can be taken by a spreadsheet for a formula:
/// one that starts with `=`, `+`, `-`, `@`, TAB or CR is prefixed with an apostrophe.
public enum ResocontoCSV {
  public static func render(_ report: ReportModel, model: ReportModelKind) -> [UInt8] {
    let lines = ResocontoTable(report, model: model).rows.map { $0.map(Self.text) }
    let text =
      lines.map { $0.map { CSVCell.render($0, delimiter: ";") }.joined(separator: ";") }.joined(
        separator: "\r\n")
      + "\r\n"
    return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
  }

  /// A cell as the CSV writes it: numbers with a decimal comma, `n.d.` and the rest as text.
  static func text(_ cell: SheetCell) -> String {
    switch cell {
    case .empty: ""
    case .text(let text, _): text
    case .number(let value, _): decimal(value)
    case .integer(let value): String(value)
    }
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
