import Metrics
import Mustache
import ReportCore

/// The website page of SPEC §6: `index.html`, from `templates/index.html.mustache`.
///
/// Static and self-contained (inline CSS and SVG, no network resource), in Italian,
/// accessible (WCAG 2.1 AA: real tables with captions and header cells, a text
/// alternative for every chart, met or missed written out and marked with a symbol as
/// well as a colour, sufficient contrast) and printable. For each indicator: its
/// definition and measurement note, the records excluded in the report's period per cause
/// (label, code, count) when there are any, then per measure a chart of the whole population
/// (result per column against the target) and the table of every segment; then, when the
/// report carries them, the breaches of the specific standards and their indemnities per
/// indicator (closed, open, euro; SPEC §4.2).
public enum WebPage {
  public static func render(_ report: ReportModel, toolVersion: String) throws -> [UInt8] {
    let template = try MustacheTemplate(string: EmbeddedTemplates.page)
    return Array(template.render(context(report, toolVersion: toolVersion)).utf8)
  }

  static func context(_ report: ReportModel, toolVersion: String) -> [String: Any] {
    let info = report.operatorInfo
    var context: [String: Any] = [
      "versione": toolVersion,
      "operatore": info.name,
      "partitaIva": info.vatNumber,
      "tipo": report.period.isAnnual ? "annuale" : "semestrale",
      "periodo": report.period.description,
      "periodoEsteso": extendedName(report.period),
      "delibere": ReportXML.deliberations.joined(separator: " e "),
      "dataRedazione": ResocontoCSV.italian(report.reportDate),
      "provvisorio": report.isProvisional,
    ]
    if let brand = info.brand { context["marchio"] = brand }
    let columns = report.columns.map { ["etichetta": ReportLabels.column($0)] }
    context["indicatori"] = report.indicators.map { indicator -> [String: Any] in
      [
        "codice": indicator.code.rawValue,
        "denominazione": indicator.label,
        "definizione": indicator.definition,
        "notaDiMisura": indicator.measurementNote,
        "noteOperatore": indicator.notes.map { note in
          ["colonna": note.column.map { " (" + ReportLabels.column($0) + ")" } ?? "", "testo": note.text]
        },
        "haEsclusioni": !indicator.exclusions.isEmpty,
        "esclusioni": indicator.exclusions.map {
          ["etichetta": $0.label, "codice": $0.code, "numero": String($0.count)]
        },
        "misure": indicator.measures.map { measure -> [String: Any] in
          let id = "\(indicator.code.rawValue)-\(measure.definition.measure.rawValue)"
          return [
            "id": id,
            "descrizione": measure.label,
            "unita": measure.unitLabel,
            "colonne": columns,
            "grafico": Chart(measure: measure, columns: report.columns, id: id).svg,
            "didascalia": caption(measure),
            "righe": measure.rows.map { row -> [String: Any] in
              [
                "segmento": row.label,
                "obiettivo": targetText(row, columns: report.columns),
                "celle": row.cells.map(cell),
              ]
            },
          ]
        },
      ]
    }
    if let indemnities = report.indemnities {
      let labels = Dictionary(uniqueKeysWithValues: report.indicators.map { ($0.code, $0.label) })
      context["indennizzi"] =
        [
          "file": IndemnitiesCSV.path(report.period),
          "righe": indemnities.summaries.map { summary in
            [
              "denominazione": labels[summary.code] ?? summary.code.label,
              "chiuse": String(summary.closed),
              "aperte": String(summary.open),
              "importo": euro(summary.amountCents),
            ]
          },
        ] as [String: Any]
    }
    return context
  }

  /// Cents as euro for people: two decimals after a comma, thousands grouped with `.`
  /// (123456 → `1.234,56`).
  static func euro(_ cents: Int64) -> String {
    let whole = String(cents / 100)
    var grouped = ""
    for (offset, digit) in whole.enumerated() {
      if offset > 0 && (whole.count - offset) % 3 == 0 { grouped += "." }
      grouped.append(digit)
    }
    return grouped + "," + zeroPadded(Int(cents % 100), width: 2)
  }

  private static func cell(_ cell: ReportCell?) -> [String: Any] {
    guard let cell else { return ["presente": false] }
    var result: [String: Any] = [
      "presente": true,
      "valore": cell.value.map(ResocontoCSV.decimal) ?? "n.d.",
      "numerosita": String(cell.sampleSize),
    ]
    if let denominator = cell.denominator { result["denominatore"] = ResocontoCSV.decimal(denominator) }
    if let met = cell.met { result["esito"] = outcome(met) }
    if cell.smallSample { result["ridotto"] = true }
    if !cell.notes.isEmpty { result["note"] = cell.notes.joined(separator: " ") }
    return result
  }

  /// The *Obiettivo* of a row: its target when every column has the same one (`12,00`, or `—`
  /// without one), else each column's (`1° semestre 6,00; 2° semestre 6,00; Anno 12,00`).
  static func targetText(_ row: SegmentRow, columns: [ReportPeriod]) -> String {
    let present = zip(columns, row.cells).compactMap { column, cell in cell.map { (column, $0.target) } }
    guard let first = present.first?.1, present.allSatisfy({ $0.1 == first }) else {
      if present.allSatisfy({ $0.1 == nil }) { return "—" }
      return present.map { column, target in
        ReportLabels.column(column) + " " + (target.map(ResocontoCSV.decimal) ?? "—")
      }.joined(separator: "; ")
    }
    return ResocontoCSV.decimal(first)
  }

  /// Met or missed as a class, a symbol and words.
  static func outcome(_ met: Bool) -> [String: String] {
    met
      ? ["classe": "met", "simbolo": "✔", "testo": ReportLabels.outcome(true)]
      : ["classe": "missed", "simbolo": "✘", "testo": ReportLabels.outcome(false)]
  }

  private static func caption(_ measure: MeasureTable) -> String {
    let better = measure.definition.measure.target == .atLeast ? "più alti" : "più bassi"
    return
      "Totale, per colonna del resoconto; la linea tratteggiata è l'obiettivo. Valori \(better) sono migliori."
  }

  /// `2025-H1` → `1° semestre 2025`, `2025` → `anno 2025`.
  static func extendedName(_ period: ReportPeriod) -> String {
    switch period.part {
    case .firstHalf: "1° semestre \(period.year)"
    case .secondHalf: "2° semestre \(period.year)"
    case .year: "anno \(period.year)"
    }
  }
}

/// The inline SVG bar chart of a measure's whole population: one bar per column and a
/// dashed line at the target (a dashed mark per bar when the columns' targets differ), with a `<title>` and a `<desc>` that say everything the
/// picture shows. Coordinates use floating point; every number printed is exact.
struct Chart {
  let measure: MeasureTable
  let columns: [ReportPeriod]
  let id: String

  var svg: String {
    guard let total = measure.rows.first(where: { $0.segment == .total }) else { return "" }
    let unit = measure.unitLabel
    let bars: [(label: String, value: ExactDecimal?, met: Bool?)] = zip(columns, total.cells).map {
      column, cell in
      (ReportLabels.column(column), cell?.value, cell?.met)
    }
    let targets = total.cells.map { $0?.target }
    // One dashed line across the bars when every column has the same target; else a dashed
    // mark on each bar at its own column's target.
    let commonTarget: ExactDecimal? = targets.allSatisfy { $0 == targets.first! } ? targets.first! : nil
    let values =
      bars.compactMap { $0.value.map(Self.number) } + targets.compactMap { $0.map(Self.number) }
    let scale: Double =
      measure.definition.unit == .percent && measure.definition.measure == .ON_TIME
      ? 100 : max(values.max() ?? 1, 1) * 1.15
    let (left, plot, barHeight, gap, top) = (110.0, 330.0, 26.0, 12.0, 28.0)
    let height = top + Double(bars.count) * (barHeight + gap) + 8
    var body: [String] = []
    var sentences: [String] = []
    for (index, bar) in bars.enumerated() {
      let y = top + Double(index) * (barHeight + gap)
      body.append(
        "<text x=\"\(Self.format(left - 8))\" y=\"\(Self.format(y + barHeight * 0.68))\" text-anchor=\"end\">"
          + "\(escape(bar.label))</text>")
      guard let value = bar.value else {
        body.append(
          "<text x=\"\(Self.format(left + 6))\" y=\"\(Self.format(y + barHeight * 0.68))\">n.d.</text>")
        sentences.append("\(bar.label): non disponibile")
        continue
      }
      let width = Self.number(value) / scale * plot
      let text = ResocontoCSV.decimal(value)
      let mark = bar.met.map { $0 ? " ✔" : " ✘" } ?? ""
      body.append(
        "<rect x=\"\(Self.format(left))\" y=\"\(Self.format(y))\" width=\"\(Self.format(width))\" "
          + "height=\"\(Self.format(barHeight))\" fill=\"#1f4e79\" />")
      body.append(
        "<text class=\"label\" x=\"\(Self.format(left + width + 6))\" y=\"\(Self.format(y + barHeight * 0.68))\">"
          + "\(escape(text))\(mark)</text>")
      let outcome = bar.met.map { ", obiettivo \($0 ? "raggiunto" : "non raggiunto")" } ?? ""
      sentences.append("\(bar.label): \(text) \(unit)\(outcome)")
    }
    if commonTarget == nil {
      for (index, target) in targets.enumerated() {
        guard let target else { continue }
        let x = left + Self.number(target) / scale * plot
        let y = top + Double(index) * (barHeight + gap)
        body.append(
          "<line x1=\"\(Self.format(x))\" y1=\"\(Self.format(y - 4))\" x2=\"\(Self.format(x))\" "
            + "y2=\"\(Self.format(y + barHeight + 4))\" stroke=\"#1a1a1a\" stroke-width=\"2\" "
            + "stroke-dasharray=\"4 3\" />")
        sentences.append(
          "obiettivo \(bars[index].label): \(ResocontoCSV.decimal(target)) \(unit)")
      }
    }
    if let target = commonTarget {
      let x = left + Self.number(target) / scale * plot
      body.append(
        "<line x1=\"\(Self.format(x))\" y1=\"\(Self.format(top - 6))\" x2=\"\(Self.format(x))\" "
          + "y2=\"\(Self.format(height - 4))\" stroke=\"#1a1a1a\" stroke-width=\"2\" stroke-dasharray=\"6 4\" />"
      )
      body.append(
        "<text class=\"label\" x=\"\(Self.format(x))\" y=\"\(Self.format(top - 10))\" text-anchor=\"middle\">"
          + "obiettivo \(escape(ResocontoCSV.decimal(target)))</text>")
      sentences.append("obiettivo: \(ResocontoCSV.decimal(target)) \(unit)")
    }
    let title = "\(measure.label), totale"
    let description = sentences.joined(separator: "; ") + "."
    return
      "<svg role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\" viewBox=\"0 0 560 \(Self.format(height))\" "
      + "font-size=\"13\" fill=\"#1a1a1a\">"
      + "<title id=\"\(id)-t\">\(escape(title))</title><desc id=\"\(id)-d\">\(escape(description))</desc>"
      + body.joined() + "</svg>"
  }

  /// A published value as a number for geometry only.
  private static func number(_ value: ExactDecimal) -> Double {
    Double(value.units) / Double((0..<value.scale).reduce(1) { result, _ in result * 10 })
  }

  /// Coordinates with at most one decimal, the same on every machine.
  private static func format(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
  }

  private func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
