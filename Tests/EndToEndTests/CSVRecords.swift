/// Reads CSV text as RFC 4180 writes it, to check the files the executable writes:
/// fields separated by commas (or `;`, the Italian CSV's delimiter), records ended by LF or
/// CRLF, and a quoted field that may hold delimiters, line breaks and doubled quotes.
/// Independent of the tool's own reader.
enum CSVRecords {
  struct Malformed: Error, CustomStringConvertible {
    var description: String
  }

  /// The records of `text`, each a list of unquoted fields; a final line break ends the
  /// last record rather than starting an empty one.
  static func parse(_ text: String, delimiter: Unicode.Scalar = ",") throws -> [[String]] {
    let scalars = Array(text.unicodeScalars)
    var records: [[String]] = []
    var record: [String] = []
    var field = String.UnicodeScalarView()
    var quoted = false  // the current field started with a quote
    var inQuotes = false  // inside that quote
    var index = 0
    func endField() {
      record.append(String(field))
      field = String.UnicodeScalarView()
      quoted = false
    }
    while index < scalars.count {
      let scalar = scalars[index]
      index += 1
      if inQuotes {
        if scalar != "\"" {
          field.append(scalar)
        } else if index < scalars.count && scalars[index] == "\"" {
          field.append("\"")
          index += 1
        } else {
          inQuotes = false
        }
        continue
      }
      switch scalar {
      case delimiter:
        endField()
      case "\r" where index < scalars.count && scalars[index] == "\n":
        continue
      case "\n":
        endField()
        records.append(record)
        record = []
      case "\"" where field.isEmpty && !quoted:
        quoted = true
        inQuotes = true
      case _ where quoted:
        throw Malformed(description: "record \(records.count + 1): text after a closing quote")
      case "\"":
        throw Malformed(description: "record \(records.count + 1): a quote inside an unquoted field")
      default:
        field.append(scalar)
      }
    }
    if inQuotes { throw Malformed(description: "record \(records.count + 1): a quoted field never closes") }
    if quoted || !field.isEmpty || !record.isEmpty {
      endField()
      records.append(record)
    }
    return records
  }
}
