import Metrics
import ReportCore

/// One report model of a report as XML (SPEC §5.2: `resoconto-<model>-<period>.xml`), per
/// `templates/resoconto.xsd`.
///
/// Each model (``ReportModelKind``: `servizi`, `assistenza`, `reclami`) is a document of its
/// own: the header names it (`<modello codice="assistenza">` and its title) and its
/// deliberation (`<delibera>255/24/CONS, Allegato 4</delibera>`), and the document holds the
/// model's indicators only. An indicator of the model whose source is not configured is
/// written with its name and `<nonRilevato>` saying why, and no measure.
/// Semi-annual and annual reports share one schema: the header says which
/// (`<tipo>semestrale</tipo>`, `<tipo>annuale</tipo>`) and lists the result columns; each
/// indicator has its definition, measurement note, exclusions per cause (code, Italian label,
/// records), and one table
/// per measure with a row per segment and a `<risultato>` per column where the segment
/// occurs. In an annual report the rows by region go to the indicator's
/// `<tabellaRegionale>`, with the *Anno* column only.
public enum ReportXML {
  /// Namespace of the report model, versioned: a new major version gets a new namespace.
  public static let namespace = "urn:agcom-report:resoconto:1"
  public static let version = "1.1"
  /// The schema every report is validated against (`templates/resoconto.xsd`, built in).
  public static var schema: String { EmbeddedTemplates.schema }

  /// The deliberations of the models a report writes (`156/23/CONS`, `255/24/CONS`), each once.
  public static func deliberations(_ report: ReportModel) -> [String] {
    report.writtenDocuments.map(\.kind.deliberation).reduce(into: [String]()) {
      if !$0.contains($1) { $0.append($1) }
    }
  }

  /// The document of `model`, its bytes not yet validated (see ``ReportFiles``).
  public static func render(_ report: ReportModel, model: ReportModelKind) throws(XMLWriteError) -> [UInt8] {
    let document = report.document(model)
    let xml = try XMLDocumentWriter()
    try xml.startDocument()
    try xml.startRoot("resoconto", namespace: namespace)
    try xml.attribute("versione", version)
    try header(report, model: model, xml)
    for entry in document.entries {
      switch entry {
      case .computed(let indicator): try self.indicator(indicator, report: report, xml)
      case .notCollected(let indicator):
        try xml.startElement("indicatore")
        try xml.attribute("codice", indicator.code.rawValue)
        try xml.element("denominazione", indicator.label)
        try xml.element("nonRilevato", indicator.note)
        try xml.endElement()
      }
    }
    try xml.endElement()
    return try xml.finish()
  }

  private static func header(
    _ report: ReportModel, model: ReportModelKind, _ xml: borrowing XMLDocumentWriter
  ) throws(XMLWriteError) {
    try xml.startElement("intestazione")
    try xml.startElement("operatore")
    try xml.element("denominazione", report.operatorInfo.name)
    try xml.element("partitaIva", report.operatorInfo.vatNumber)
    if let brand = report.operatorInfo.brand { try xml.element("marchio", brand) }
    try xml.endElement()
    try xml.startElement("modello")
    try xml.attribute("codice", model.rawValue)
    try xml.text(model.title)
    try xml.endElement()
    try xml.element("delibera", model.reference)
    try xml.element("tipo", ReportLabels.reportType(report.period))
    try xml.startElement("periodo")
    try period(report.period, xml)
    try xml.endElement()
    try xml.element("dataRedazione", report.reportDate.description)
    try xml.element("provvisorio", report.isProvisional ? "true" : "false")
    try xml.startElement("colonne")
    for column in report.columns {
      try xml.startElement("colonna")
      try period(column, xml)
      try xml.attribute("etichetta", ReportLabels.column(column))
      try xml.endElement()
    }
    try xml.endElement()
    try xml.endElement()
  }

  private static func period(_ period: ReportPeriod, _ xml: borrowing XMLDocumentWriter) throws(XMLWriteError)
  {
    try xml.attribute("codice", period.description)
    try xml.attribute("inizio", period.first.description)
    try xml.attribute("fine", period.last.description)
  }

  private static func indicator(
    _ indicator: IndicatorTable, report: ReportModel, _ xml: borrowing XMLDocumentWriter
  )
    throws(XMLWriteError)
  {
    try xml.startElement("indicatore")
    try xml.attribute("codice", indicator.code.rawValue)
    try xml.element("denominazione", indicator.label)
    try xml.element("definizione", indicator.definition)
    try xml.element("notaDiMisura", indicator.measurementNote)
    for note in indicator.notes {
      try xml.startElement("notaOperatore")
      if let column = note.column { try xml.attribute("colonna", column.description) }
      try xml.text(note.text)
      try xml.endElement()
    }
    try xml.startElement("esclusioni")
    for exclusion in indicator.exclusions {
      try xml.startElement("esclusione")
      try xml.attribute("causa", exclusion.code)
      try xml.attribute("etichetta", exclusion.label)
      try xml.attribute("numero", String(exclusion.count))
      try xml.endElement()
    }
    try xml.endElement()
    let regional = report.period.isAnnual
    for measure in indicator.measures {
      try self.measure(
        measure, rows: measure.rows.filter { !regional || !$0.segment.isRegion }, report: report, xml)
    }
    let regionalRows = indicator.measures.map { measure in measure.rows.filter(\.segment.isRegion) }
    if regional && regionalRows.contains(where: { !$0.isEmpty }) {
      try xml.startElement("tabellaRegionale")
      for (measure, rows) in zip(indicator.measures, regionalRows) where !rows.isEmpty {
        try self.measure(measure, rows: rows, report: report, xml)
      }
      try xml.endElement()
    }
    try xml.endElement()
  }

  private static func measure(
    _ measure: MeasureTable, rows: [SegmentRow], report: ReportModel, _ xml: borrowing XMLDocumentWriter
  ) throws(XMLWriteError) {
    try xml.startElement("misura")
    try xml.attribute("codice", measure.definition.measure.rawValue)
    try xml.element("descrizione", measure.label)
    try xml.startElement("unita")
    try xml.attribute("codice", measure.definition.unit.rawValue)
    try xml.attribute("decimali", String(measure.definition.decimals))
    try xml.text(measure.unitLabel)
    try xml.endElement()
    for row in rows {
      try xml.startElement("riga")
      try xml.attribute("segmento", row.segment.description)
      for (column, cell) in zip(report.columns, row.cells) {
        guard let cell else { continue }
        try xml.startElement("risultato")
        try xml.attribute("colonna", column.description)
        if let target = cell.target { try xml.element("obiettivo", target.description) }
        if let value = cell.value { try xml.element("valore", value.description) }
        try xml.element("numerosita", String(cell.sampleSize))
        if let denominator = cell.denominator { try xml.element("denominatore", denominator.description) }
        try xml.element("esclusi", String(cell.excluded))
        try xml.element("esito", ReportLabels.outcome(cell.met))
        try xml.element("campioneRidotto", cell.smallSample ? "true" : "false")
        for note in cell.notes { try xml.element("nota", note) }
        try xml.endElement()
      }
      try xml.endElement()
    }
    try xml.endElement()
  }
}

/// The Italian words of the report models shared by every format.
public enum ReportLabels {
  /// *1° semestre*, *2° semestre*, *Anno*.
  public static func column(_ period: ReportPeriod) -> String {
    switch period.part {
    case .firstHalf: "1° semestre"
    case .secondHalf: "2° semestre"
    case .year: "Anno"
    }
  }

  /// *Esito* for people where no target is declared: nothing to meet, not "not available".
  public static let noTarget = "—"

  /// *annuale* or *semestrale*: the report type of the models' headers.
  public static func reportType(_ period: ReportPeriod) -> String {
    period.isAnnual ? "annuale" : "semestrale"
  }

  /// *Esito*: raggiunto / non raggiunto / n.d.
  public static func outcome(_ met: Bool?) -> String {
    switch met {
    case true?: "raggiunto"
    case false?: "non raggiunto"
    case nil: "n.d."
    }
  }
}

extension Segment {
  /// True for `region=…`: the rows of the annual regional table.
  var isRegion: Bool {
    if case .value(.region, _) = self { return true }
    return false
  }
}
