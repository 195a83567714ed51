import Configuration
import ReportCore

/// The Italian texts shared by the indicators' *Definizione* and *Nota di misura* (SPEC
/// §4.1, each in its indicator's file), generated from the configuration in force so that a
/// reader can reproduce every figure, and the notes attached to cells.
enum Descriptions {
  /// `fuso orario Europe/Rome`.
  static func zone(_ configuration: ReportConfiguration) -> String {
    "fuso orario \(configuration.timeZone.identifier)"
  }

  /// The working calendar in force, in words.
  static func calendarText(_ configuration: ReportConfiguration) -> String {
    let names = [
      Weekday.monday: "lun", .tuesday: "mar", .wednesday: "mer", .thursday: "gio", .friday: "ven",
      .saturday: "sab",
      .sunday: "dom",
    ]
    let days = configuration.calendar.workingDays.sorted().map { names[$0]! }.joined(separator: ", ")
    var text = "Giorni lavorativi: \(days), escluse le festività nazionali (compreso il 4 ottobre dal 2026)"
    let calendar = configuration.calendar
    let local =
      calendar.recurringHolidays.map { zeroPadded($0.day, width: 2) + "/" + zeroPadded($0.month, width: 2) }
      + calendar.holidays.map(\.description)
    if !local.isEmpty { text += " e le festività locali " + local.joined(separator: ", ") }
    return text + "."
  }

  static let noCases = "Nessun caso nel periodo."
  static let noInvoices = "Nessuna fattura emessa nel periodo."
  static let noLines = "Nessuna linea attiva nel periodo."

  static let noResponses = "Nessuna risposta con questo punteggio nel periodo."

  /// C20: the unanswered calls of `period` left out of the population as short abandons (the
  /// period named, since a model's notes may gather those of several columns).
  static func shortAbandons(_ count: Int, seconds: Int, period: ReportPeriod) -> String {
    "\(period): \(count) chiamate abbandonate meno di \(seconds) secondi dopo la richiesta dell'operatore,"
      + " escluse dalla popolazione."
  }

  static func withoutDeadline(_ count: Int) -> String {
    "\(count) ordini senza data concordata né termine contrattuale, contati come fuori termine."
  }

  static func missingCensus(_ months: [LocalDate]) -> String {
    let names = months.map { String($0.description.prefix(7)) }.joined(separator: ", ")
    return "Dato non disponibile: manca il censimento delle linee attive di \(names)."
  }
}
