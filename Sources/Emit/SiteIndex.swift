import Mustache
import ReportCore

/// The site index of SPEC §6, `<output>/index.html`, from `templates/site.html.mustache`:
/// every report present in the output directory (read back from its XML, ``PublishedReport``),
/// newest first, final and provisional apart, with links to each report and its downloads;
/// then per indicator and measure the trend of the whole population (`TOT`) over every
/// semester present — an inline SVG line chart with the target drawn and every point
/// labelled, and a table of the same numbers. Links are relative, so the directory can be
/// copied to any web server as it is.
public enum SiteIndex {
  public static func render(_ reports: [PublishedReport], toolVersion: String) throws -> [UInt8] {
    let template = try MustacheTemplate(string: EmbeddedTemplates.site)
    return Array(template.render(context(reports, toolVersion: toolVersion)).utf8)
  }

  /// One semester's figure in a trend, and the report it was read from.
  public struct Point: Sendable, Equatable {
    public var semester: ReportPeriod
    public var result: PublishedReport.Result
    /// The report whose column gave it (a semi-annual report, or the annual one of its year).
    public var source: ReportPeriod
  }

  /// The trend of one measure of one indicator over every semester present.
  public struct Trend: Sendable, Equatable {
    public var indicatorCode: String
    public var indicatorLabel: String
    public var measure: PublishedReport.Measure
    public var points: [Point]
  }

  /// Newest first: by the period's last day, the year before its second semester.
  public static func newestFirst(_ reports: [PublishedReport]) -> [PublishedReport] {
    reports.sorted {
      ($0.period.last.description, $0.period.isAnnual ? 1 : 0, $0.period.first.description)
        > ($1.period.last.description, $1.period.isAnnual ? 1 : 0, $1.period.first.description)
    }
  }

  /// The trends, indicators and measures in catalogue order (then by code for any the
  /// catalogue does not know). A semester's figure comes from its semi-annual report or the
  /// H1/H2 column of its year's annual report: a final report before a provisional one, then
  /// the most recently prepared, then the annual report.
  public static func trends(_ reports: [PublishedReport]) -> [Trend] {
    struct Key: Hashable {
      var indicator: String
      var measure: String
    }
    struct Candidate {
      var report: PublishedReport
      var indicator: PublishedReport.Indicator
      var measure: PublishedReport.Measure
      var result: PublishedReport.Result
    }
    var candidates: [Key: [ReportPeriod: [Candidate]]] = [:]
    for report in reports {
      for indicator in report.indicators {
        for measure in indicator.measures {
          for result in measure.totals where !result.column.isAnnual {
            candidates[Key(indicator: indicator.code, measure: measure.code), default: [:]][
              result.column, default: []
            ].append(Candidate(report: report, indicator: indicator, measure: measure, result: result))
          }
        }
      }
    }
    func rank(_ candidate: Candidate) -> (Int, String, Int) {
      (
        candidate.report.isProvisional ? 0 : 1, candidate.report.reportDate.description,
        candidate.report.period.isAnnual ? 1 : 0
      )
    }
    let indicatorOrder = IndicatorCode.allCases.map(\.rawValue)
    let measureOrder = MeasureCode.allCases.map(\.rawValue)
    func position(_ code: String, in order: [String]) -> Int { order.firstIndex(of: code) ?? order.count }
    let keys = candidates.keys.sorted {
      (
        position($0.indicator, in: indicatorOrder), $0.indicator, position($0.measure, in: measureOrder),
        $0.measure
      )
        < (
          position($1.indicator, in: indicatorOrder), $1.indicator, position($1.measure, in: measureOrder),
          $1.measure
        )
    }
    return keys.map { key in
      let semesters = candidates[key]!
      let chosen = semesters.keys.sorted().map { semester in
        (semester, semesters[semester]!.max { rank($0) < rank($1) }!)
      }
      // Labels from the newest report that has the measure.
      let newest = chosen.map(\.1).max {
        ($0.report.period.last.description, rank($0).0, rank($0).1, rank($0).2)
          < ($1.report.period.last.description, rank($1).0, rank($1).1, rank($1).2)
      }!
      return Trend(
        indicatorCode: key.indicator, indicatorLabel: newest.indicator.label, measure: newest.measure,
        points: chosen.map { Point(semester: $0.0, result: $0.1.result, source: $0.1.report.period) })
    }
  }

  static func context(_ reports: [PublishedReport], toolVersion: String) -> [String: Any] {
    let ordered = newestFirst(reports)
    func entry(_ report: PublishedReport) -> [String: Any] {
      let directory = report.period.description
      return [
        "titolo": "Resoconto " + ReportLabels.reportType(report.period) + ", "
          + WebPage.extendedName(report.period),
        "pagina": directory + "/index.html",
        "dataRedazione": ResocontoCSV.italian(report.reportDate),
        "scaricamenti": (report.xmlFiles + report.downloads).sorted().map {
          WebPage.download($0, in: directory)
        },
      ]
    }
    let finals = ordered.filter { !$0.isProvisional }
    let provisionals = ordered.filter(\.isProvisional)
    var context: [String: Any] = [
      "stile": EmbeddedTemplates.style,
      "versione": toolVersion,
      "operatore": ordered.first?.operatorName ?? "",
      "haDefinitivi": !finals.isEmpty,
      "definitivi": finals.map(entry),
      "haProvvisori": !provisionals.isEmpty,
      "provvisori": provisionals.map(entry),
      "nessunResoconto": reports.isEmpty,
    ]
    if let brand = ordered.first?.brand { context["marchio"] = brand }
    var indicators: [[String: Any]] = []
    for trend in trends(reports) {
      let id = "andamento-\(trend.indicatorCode)-\(trend.measure.code)"
      let measure: [String: Any] = [
        "id": id,
        "descrizione": trend.measure.label,
        "unita": trend.measure.unitLabel,
        "grafico": TrendChart(trend: trend, id: id).svg,
        "righe": trend.points.map { point -> [String: Any] in
          var row: [String: Any] = [
            "semestre": semesterName(point.semester),
            "valore": point.result.value.map(ResocontoCSV.decimal) ?? "n.d.",
            "obiettivo": point.result.target.map(ResocontoCSV.decimal) ?? ReportLabels.noTarget,
            "numerosita": String(point.result.sampleSize),
            "fonte": point.source.description + "/index.html",
            "fonteNome": WebPage.extendedName(point.source),
          ]
          switch point.result.outcome {
          case "raggiunto": row["esito"] = WebPage.outcome(true)
          case "non raggiunto": row["esito"] = WebPage.outcome(false)
          default: row["nessunEsito"] = point.result.target == nil ? "nessun obiettivo" : "n.d."
          }
          return row
        },
      ]
      if let last = indicators.last, last["codice"] as? String == trend.indicatorCode {
        indicators[indicators.count - 1]["misure"] = (last["misure"] as! [[String: Any]]) + [measure]
      } else {
        indicators.append([
          "codice": trend.indicatorCode, "ancora": "andamento-\(trend.indicatorCode)",
          "denominazione": trend.indicatorLabel, "misure": [measure],
        ])
      }
    }
    context["indicatori"] = indicators
    context["haAndamenti"] = !indicators.isEmpty
    return context
  }

  /// `2025-H1` → `1° semestre 2025`.
  static func semesterName(_ period: ReportPeriod) -> String { WebPage.extendedName(period) }
}

/// The inline SVG line chart of a trend: one labelled point per semester, the target drawn as
/// a dashed line (a step where it changes), with a `<title>` and a `<desc>` saying every number.
struct TrendChart {
  let trend: SiteIndex.Trend
  let id: String

  var svg: String {
    let points = trend.points
    let unit = trend.measure.unitLabel
    let (left, step, top, plotHeight) = (24.0, 96.0, 46.0, 150.0)
    let width = left * 2 + step * Double(max(points.count, 1))
    let height = top + plotHeight + 56
    let numbers =
      points.compactMap { $0.result.value.map(SVGText.number) }
      + points.compactMap { $0.result.target.map(SVGText.number) }
    // The vertical scale spans the values and targets with room for the labels; no axis is
    // implied (every point is labelled), so it need not start at zero.
    let (low, high) = (numbers.min() ?? 0, numbers.max() ?? 1)
    let span = max(high - low, abs(high) * 0.1, 1)
    let (minimum, maximum) = (max(0, low - span * 0.5), high + span * 0.5)
    func y(_ value: ExactDecimal) -> Double {
      top + plotHeight - (SVGText.number(value) - minimum) / (maximum - minimum) * plotHeight
    }
    func x(_ index: Int) -> Double { left + step * (Double(index) + 0.5) }
    var body: [String] = []
    var sentences: [String] = []
    body.append(
      "<line x1=\"\(SVGText.format(left))\" y1=\"\(SVGText.format(top + plotHeight))\" "
        + "x2=\"\(SVGText.format(width - left))\" y2=\"\(SVGText.format(top + plotHeight))\" stroke=\"#4d4d4d\" />"
    )
    // The target: a dashed segment across each semester's slot (a step where it changes), named
    // in a legend above the plot.
    let targets = points.compactMap(\.result.target)
    for (index, point) in points.enumerated() {
      guard let target = point.result.target else { continue }
      body.append(
        "<line x1=\"\(SVGText.format(x(index) - step / 2))\" y1=\"\(SVGText.format(y(target)))\" "
          + "x2=\"\(SVGText.format(x(index) + step / 2))\" y2=\"\(SVGText.format(y(target)))\" stroke=\"#1a1a1a\" "
          + "stroke-width=\"2\" stroke-dasharray=\"6 4\" />")
    }
    if !targets.isEmpty {
      var distinct: [ExactDecimal] = []
      for target in targets where distinct.last != target { distinct.append(target) }
      let legend =
        "obiettivo " + distinct.map(ResocontoCSV.decimal).joined(separator: " → ")
        + (targets.count < points.count ? " (non per ogni semestre)" : "")
      body.append(
        "<line x1=\"\(SVGText.format(left))\" y1=\"14\" x2=\"\(SVGText.format(left + 28))\" y2=\"14\" "
          + "stroke=\"#1a1a1a\" stroke-width=\"2\" stroke-dasharray=\"6 4\" />"
          + "<text x=\"\(SVGText.format(left + 34))\" y=\"19\">\(SVGText.escape(legend))</text>")
    }
    // The line through the values present.
    let present = points.indices.filter { points[$0].result.value != nil }
    if present.count > 1 {
      let path = present.map { "\(SVGText.format(x($0))),\(SVGText.format(y(points[$0].result.value!)))" }
        .joined(separator: " ")
      body.append("<polyline points=\"\(path)\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"3\" />")
    }
    for (index, point) in points.enumerated() {
      let (first, second) = Self.twoLines(point.semester)
      body.append(
        "<text x=\"\(SVGText.format(x(index)))\" y=\"\(SVGText.format(top + plotHeight + 22))\" text-anchor=\"middle\">"
          + "\(first)</text><text x=\"\(SVGText.format(x(index)))\" "
          + "y=\"\(SVGText.format(top + plotHeight + 42))\" text-anchor=\"middle\">\(second)</text>")
      var sentence = "\(SiteIndex.semesterName(point.semester)): "
      if let value = point.result.value {
        let text = ResocontoCSV.decimal(value)
        let mark =
          point.result.outcome == "raggiunto" ? " ✔" : point.result.outcome == "non raggiunto" ? " ✘" : ""
        // The label on the side of the point away from the target line.
        let below = point.result.target.map { ExactDecimal.compare(value, $0) < 0 } ?? false
        body.append(
          "<circle cx=\"\(SVGText.format(x(index)))\" cy=\"\(SVGText.format(y(value)))\" r=\"5\" fill=\"#1f4e79\" />"
        )
        body.append(
          "<text class=\"label\" x=\"\(SVGText.format(x(index)))\" "
            + "y=\"\(SVGText.format(below ? y(value) + 24 : y(value) - 12))\" "
            + "text-anchor=\"middle\" font-weight=\"bold\">\(SVGText.escape(text))\(mark)</text>")
        sentence += "\(text) \(unit)"
      } else {
        body.append(
          "<text x=\"\(SVGText.format(x(index)))\" y=\"\(SVGText.format(top + plotHeight - 8))\" "
            + "text-anchor=\"middle\">n.d.</text>")
        sentence += "non disponibile"
      }
      if let target = point.result.target {
        sentence += ", obiettivo \(ResocontoCSV.decimal(target)) \(unit)"
        if point.result.outcome == "raggiunto" || point.result.outcome == "non raggiunto" {
          sentence += " \(point.result.outcome)"
        }
      }
      sentences.append(sentence)
    }
    let title = "\(trend.measure.label), totale, per semestre"
    return
      "<svg role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\" viewBox=\"0 0 \(SVGText.format(width)) "
      + "\(SVGText.format(height))\" font-size=\"15\" fill=\"#1a1a1a\" "
      // Never drawn so small that its text is under 11 px: a long trend scrolls in its box.
      + "style=\"max-width: \(SVGText.format(width * 1.3))px; min-width: \(SVGText.format(width * 0.75))px\">"
      + "<title id=\"\(id)-t\">\(SVGText.escape(title))</title>"
      + "<desc id=\"\(id)-d\">\(SVGText.escape(sentences.joined(separator: "; ") + "."))</desc>"
      + body.joined() + "</svg>"
  }

  /// `1° sem.` over `2025`.
  private static func twoLines(_ period: ReportPeriod) -> (String, String) {
    (period.part == .firstHalf ? "1° sem." : "2° sem.", String(period.year))
  }
}

/// Numbers and text inside the inline SVG charts.
enum SVGText {
  /// A published value as a number for geometry only.
  static func number(_ value: ExactDecimal) -> Double {
    Double(value.units) / Double((0..<value.scale).reduce(1) { result, _ in result * 10 })
  }

  /// Coordinates with at most one decimal, the same on every machine.
  static func format(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
  }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
