import Metrics
import Mustache
import ReportCore

/// The website page of SPEC §6: `index.html`, from `templates/index.html.mustache`.
///
/// Static and self-contained (inline CSS and SVG, no network resource), in Italian,
/// accessible (WCAG 2.1 AA: real tables with captions and header cells, a text
/// alternative for every chart, met or missed written out and marked with a symbol as
/// well as a colour, sufficient contrast) and printable. The indicators are grouped by the
/// report models written (SPEC §5.2), each under its title and deliberation with links to its
/// XML and CSV documents; an indicator whose source is not configured reads *non rilevato*
/// with the reason. For each indicator: its
/// definition and measurement note, the records excluded in the report's period per cause
/// (label, code, count) when there are any, then per measure a chart of the whole population
/// (result per column against the target) and the table of every segment; in an annual
/// report, a chart of the regional rows (bars sorted best first, each labelled with its
/// value and n); then, when the report carries them, the breaches of the specific standards
/// and their indemnities per indicator (closed, open, euro; SPEC §4.2). It links back to the
/// site index (`../index.html`, ``SiteIndex``) and to the report's downloads. Tables scroll
/// inside their own box on a narrow screen, never the page.
public enum WebPage {
  /// - Parameter downloads: the names of the report's files offered for download
  ///   (`resoconto-servizi-2025.xml`, `resoconto-servizi-2025.csv`, `resoconto-2025.xlsx` …),
  ///   beside the page.
  public static func render(_ report: ReportModel, toolVersion: String, downloads: [String] = []) throws
    -> [UInt8]
  {
    let template = try MustacheTemplate(string: EmbeddedTemplates.page)
    return Array(template.render(context(report, toolVersion: toolVersion, downloads: downloads)).utf8)
  }

  /// A download link's entry: the file's name, where it is, and its format (`XML`, `CSV`, `XLSX`).
  static func download(_ name: String, in directory: String? = nil) -> [String: String] {
    let format = name.split(separator: ".").last.map { $0.uppercased() } ?? ""
    return ["nome": name, "href": directory.map { $0 + "/" + name } ?? name, "formato": format]
  }

  static func context(_ report: ReportModel, toolVersion: String, downloads: [String] = []) -> [String: Any] {
    let info = report.operatorInfo
    var context: [String: Any] = [
      "stile": EmbeddedTemplates.style,
      "scaricamenti": downloads.map { download($0) },
      "versione": toolVersion,
      "operatore": info.name,
      "partitaIva": info.vatNumber,
      "tipo": ReportLabels.reportType(report.period),
      "periodo": report.period.description,
      "periodoEsteso": extendedName(report.period),
      "delibere": ReportXML.deliberations(report).joined(separator: " e "),
      "dataRedazione": ResocontoCSV.italian(report.reportDate),
      "provvisorio": report.isProvisional,
    ]
    if let brand = info.brand { context["marchio"] = brand }
    let columns = report.columns.map { ["etichetta": ReportLabels.column($0)] }
    context["modelli"] = report.writtenDocuments.map { document -> [String: Any] in
      [
        "codice": document.kind.rawValue,
        "titolo": document.kind.title,
        "delibera": document.kind.reference,
        "xml": document.kind.fileName(period: report.period.description, ext: "xml"),
        "csv": document.kind.fileName(period: report.period.description, ext: "csv"),
        "indicatori": document.entries.map { entry -> [String: Any] in
          switch entry {
          case .computed(let indicator): self.indicator(indicator, report: report, columns: columns)
          case .notCollected(let indicator):
            [
              "codice": indicator.code.rawValue, "denominazione": indicator.label,
              "nonRilevato": indicator.note,
            ]
          }
        },
      ]
    }
    if let indemnities = report.indemnities {
      context["indennizzi"] =
        [
          "file": IndemnitiesCSV.path(report.period),
          "righe": indemnities.summaries.map { summary in
            [
              "denominazione": report.label(of: summary.code),
              "chiuse": String(summary.closed),
              "aperte": String(summary.open),
              "importo": euro(summary.amountCents),
            ]
          },
        ] as [String: Any]
    }
    return context
  }

  private static func indicator(_ indicator: IndicatorTable, report: ReportModel, columns: [[String: String]])
    -> [String: Any]
  {
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
        var entry: [String: Any] = [
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
        if report.period.isAnnual {
          let chart = RegionalChart(
            measure: measure, column: report.columns.firstIndex(of: report.period)!, id: id + "-regioni"
          ).svg
          if !chart.isEmpty {
            entry["graficoRegionale"] = chart
            entry["didascaliaRegionale"] =
              "Anno \(report.period.year), per regione, dal migliore al peggiore; accanto a ogni barra "
              + "il valore e la numerosità del campione (n)."
          }
        }
        return entry
      },
    ]
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
    let (left, plot, barHeight, gap, top) = (100.0, 240.0, 26.0, 12.0, 30.0)
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
      "<svg role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\" viewBox=\"0 0 420 \(Self.format(height))\" "
      + "font-size=\"15\" fill=\"#1a1a1a\">"
      + "<title id=\"\(id)-t\">\(escape(title))</title><desc id=\"\(id)-d\">\(escape(description))</desc>"
      + body.joined() + "</svg>"
  }

  private static func number(_ value: ExactDecimal) -> Double { SVGText.number(value) }
  private static func format(_ value: Double) -> String { SVGText.format(value) }
  private func escape(_ text: String) -> String { SVGText.escape(text) }
}

/// The inline SVG chart of an annual report's regional rows of a measure (SPEC §6, the
/// regional table of ATT): one horizontal bar per region in the year's column, sorted from
/// the best value to the worst by the measure's target direction (regions without a value
/// last), each labelled with its value and its n; empty when the measure has no regional rows.
struct RegionalChart {
  let measure: MeasureTable
  /// The index of the year's column in the rows' cells.
  let column: Int
  let id: String

  var svg: String {
    // The region's name alone (`Piemonte`, not `Regione: Piemonte`): the chart is by region.
    let prefix = DimensionField.region.displayName + ": "
    let regions = measure.rows.filter(\.segment.isRegion).compactMap { row in
      row.cells[column].map {
        (label: row.label.hasPrefix(prefix) ? String(row.label.dropFirst(prefix.count)) : row.label, cell: $0)
      }
    }
    guard !regions.isEmpty else { return "" }
    let lowerIsBetter = measure.definition.measure.target != .atLeast
    let sorted = regions.sorted { first, second in
      switch (first.cell.value, second.cell.value) {
      case (let a?, let b?):
        let order = ExactDecimal.compare(a, b)
        return order != 0 ? (lowerIsBetter ? order < 0 : order > 0) : first.label < second.label
      case (_?, nil): return true
      case (nil, _?): return false
      case (nil, nil): return first.label < second.label
      }
    }
    let unit = measure.unitLabel
    let values = sorted.compactMap { $0.cell.value.map(SVGText.number) }
    let scale: Double =
      measure.definition.unit == .percent && measure.definition.measure == .ON_TIME
      ? 100 : max(values.max() ?? 1, 1)
    let (left, plot, barHeight, gap, top) = (160.0, 150.0, 18.0, 6.0, 4.0)
    let height = top + Double(sorted.count) * (barHeight + gap) + 4
    var body: [String] = []
    var sentences: [String] = []
    for (index, region) in sorted.enumerated() {
      let y = top + Double(index) * (barHeight + gap)
      let baseline = SVGText.format(y + barHeight * 0.78)
      body.append(
        "<text x=\"\(SVGText.format(left - 6))\" y=\"\(baseline)\" text-anchor=\"end\">\(SVGText.escape(region.label))</text>"
      )
      let n = "n = \(region.cell.sampleSize)"
      guard let value = region.cell.value else {
        body.append("<text x=\"\(SVGText.format(left + 4))\" y=\"\(baseline)\">n.d. (\(n))</text>")
        sentences.append("\(region.label): non disponibile, \(n)")
        continue
      }
      let width = max(SVGText.number(value) / scale * plot, 1)
      let text = ResocontoCSV.decimal(value)
      body.append(
        "<rect x=\"\(SVGText.format(left))\" y=\"\(SVGText.format(y))\" width=\"\(SVGText.format(width))\" "
          + "height=\"\(SVGText.format(barHeight))\" fill=\"#1f4e79\" />")
      body.append(
        "<text class=\"label\" x=\"\(SVGText.format(left + width + 4))\" y=\"\(baseline)\">"
          + "\(SVGText.escape(text)) (\(n))</text>")
      sentences.append("\(region.label): \(text) \(unit), \(n)")
    }
    let title = "\(measure.label), per regione"
    return
      "<svg role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\" viewBox=\"0 0 420 \(SVGText.format(height))\" "
      + "font-size=\"14\" fill=\"#1a1a1a\">"
      + "<title id=\"\(id)-t\">\(SVGText.escape(title))</title>"
      + "<desc id=\"\(id)-d\">\(SVGText.escape(sentences.joined(separator: "; ") + "."))</desc>"
      + body.joined() + "</svg>"
  }
}
