import Configuration
import ReportCore

/// The Italian texts of the report models: each indicator's *Definizione* and *Nota di
/// misura* (SPEC §4.1), generated from the configuration in force so that a reader can
/// reproduce every figure, and the notes attached to cells.
enum Descriptions {
  static func definition(of code: IndicatorCode, configuration: ReportConfiguration) -> String {
    switch code {
    case .ATT:
      return
        "Tempo, in giorni solari, tra la data di ricezione dell'ordine valido e la data in cui il servizio è"
        + " effettivamente disponibile per il cliente. Popolazione: ordini espletati con data di espletamento nel"
        + " periodo; sono esclusi gli ordini con causa di esclusione, contati a parte."
    case .GUA:
      return
        "Numero di segnalazioni di malfunzionamenti effettivi aperte nel periodo, in rapporto al numero medio"
        + " delle linee di accesso attive nei mesi del periodo. Le segnalazioni con causa di esclusione restano nel"
        + " numeratore."
    case .RIP:
      return "Tempo tra la segnalazione di un malfunzionamento effettivo e la sua riparazione, al netto delle"
        + " sospensioni imputabili al cliente. Popolazione: malfunzionamenti effettivi riparati nel periodo; sono"
        + " esclusi quelli con causa di esclusione, contati a parte."
    case .FAT:
      return
        "Fatture distinte oggetto di reclamo di fatturazione aperto nel periodo, in rapporto alle fatture"
        + " emesse nel periodo (le note di credito non sono contate). Un reclamo senza numero di fattura conta"
        + " come una fattura."
    case .ACC:
      return
        "Fatture distinte oggetto di reclamo di fatturazione aperto nel periodo e riconosciuto fondato, in"
        + " rapporto alle fatture emesse nel periodo. Un reclamo senza numero di fattura conta come una fattura."
    case .REC:
      return
        "Tempo tra l'apertura di un reclamo e la sua risoluzione. Popolazione: reclami risolti nel periodo;"
        + " sono esclusi quelli con causa di esclusione, contati a parte."
    }
  }

  static func measurementNote(of code: IndicatorCode, configuration: ReportConfiguration) -> String {
    let zone = "fuso orario \(configuration.timeZone)"
    let indicators = configuration.indicators
    switch code {
    case .ATT:
      let rules = indicators.contractDays.map { rule in
        let scope = [rule.service.map { "servizio \($0)" }, rule.access.map { "accesso \($0)" }]
          .compactMap { $0 }.joined(separator: ", ")
        return "\(rule.days) giorni" + (scope.isEmpty ? "" : " (\(scope))")
      }
      let defaults =
        rules.isEmpty ? "nessun termine predefinito" : "termine predefinito " + rules.joined(separator: "; ")
      return
        "Giorni di calendario tra le date locali (\(zone)); espletamento nel giorno dell'ordine = 0 giorni."
        + " Percentili nearest-rank esatti. Entro i termini: espletato entro la data concordata, se presente,"
        + " altrimenti entro i giorni contrattuali dell'ordine o, in mancanza, il \(defaults)."
    case .GUA:
      return
        "Media mensile delle linee attive sui mesi del periodo; un mese senza censimento rende il dato non"
        + " disponibile. Percentuale con due decimali, arrotondamento per eccesso dal 5."
    case .RIP:
      let clock: String
      switch indicators.repairClock {
      case .solar: clock = "tempo solare trascorso"
      case .workingHours:
        let hours =
          configuration.calendar.workingHours.map { "\(clockText($0.start))–\(clockText($0.end))" } ?? ""
        clock = "ore lavorative (\(hours) nei giorni lavorativi)"
      }
      let deadline: String
      switch indicators.repairDeadline {
      case .solarHours(let hours):
        deadline = "entro \(hours) ore solari dalla segnalazione, al netto delle sospensioni"
      case .workingDays(let days):
        deadline = "entro la fine del \(days)° giorno lavorativo successivo a quello della segnalazione"
      }
      return
        "Minuti interi misurati in \(clock), \(zone), meno i minuti di sospensione, pubblicati in ore con un"
        + " decimale. Percentili nearest-rank esatti. Entro i termini: riparato \(deadline). \(calendarText(configuration))"
    case .FAT, .ACC:
      return
        "Periodo attribuito per data di apertura del reclamo e data di emissione della fattura (\(zone))."
        + " Percentuale con due decimali, arrotondamento per eccesso dal 5."
    case .REC:
      return
        "Minuti solari trascorsi (\(zone)), pubblicati in ore con un decimale. Percentili nearest-rank esatti."
        + " Entro i termini: data di risoluzione non oltre \(indicators.complaintTermDays) giorni dalla data di apertura."
    }
  }

  /// The working calendar in force, in words.
  private static func calendarText(_ configuration: ReportConfiguration) -> String {
    let names = [
      Weekday.monday: "lun", .tuesday: "mar", .wednesday: "mer", .thursday: "gio", .friday: "ven",
      .saturday: "sab",
      .sunday: "dom",
    ]
    let days = configuration.calendar.workingDays.sorted().map { names[$0]! }.joined(separator: ", ")
    var text = "Giorni lavorativi: \(days), escluse le festività nazionali (compreso il 4 ottobre dal 2026)"
    let local = configuration.calendar.localHolidays.map { holiday -> String in
      switch holiday {
      case .recurring(let month, let day): return String(format2(day)) + "/" + format2(month)
      case .once(let date): return date.description
      }
    }
    if !local.isEmpty { text += " e le festività locali " + local.joined(separator: ", ") }
    return text + "."
  }

  private static func clockText(_ minutes: Int) -> String {
    format2(minutes / 60) + ":" + format2(minutes % 60)
  }

  private static func format2(_ number: Int) -> String {
    number < 10 ? "0\(number)" : "\(number)"
  }

  static let noCases = "Nessun caso nel periodo."
  static let noInvoices = "Nessuna fattura emessa nel periodo."
  static let noLines = "Nessuna linea attiva nel periodo."

  static func withoutDeadline(_ count: Int) -> String {
    "\(count) ordini senza data concordata né termine contrattuale, contati come fuori termine."
  }

  static func missingCensus(_ months: [LocalDate]) -> String {
    let names = months.map { String($0.description.prefix(7)) }.joined(separator: ", ")
    return "Dato non disponibile: manca il censimento delle linee attive di \(names)."
  }
}
