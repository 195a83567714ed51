import ReportCore

/// A stray quote rejects its row (SPEC §2.3): a quote inside an unquoted field, or text after
/// a closing quote.
///
/// The reader has taken the quote literally and gone on (``CSVParser``), so one bad note in a
/// CRM export costs one row, not the night's report. The row is rejected whatever the column —
/// a column the source does not map included, as SPEC §2.3 asks — because a quote out of place
/// may just as well have moved the field boundaries of the rest of the record.
enum StrayQuote {
  /// The reject of `row`, whose field ``CSVRow/strayQuoteField`` holds a stray quote: the
  /// canonical field of that column when it has one, the field's value as read, and the
  /// column's header name in the reason.
  static func problem(
    in row: CSVRow, columns: ColumnMap, schema: SourceSchema, header: [String], encoding: TextEncoding
  ) -> RowProblem {
    let column = Int(row.strayQuoteField)
    let field = schema.fields.first { columns[$0] == column }
    let name =
      column < header.count ? "column '\(header[column].trimmingASCIISpaces())'" : "column \(column + 1)"
    return RowProblem(
      field: field, value: encoding.decode(row[column].bytes),
      reason: "stray quote in \(name) (a quote inside a field must be doubled: \"\")")
  }
}
