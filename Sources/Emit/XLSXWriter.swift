import CXLSXWriter
import Foundation
import ReportCore

/// One cell of a worksheet: text, or a number kept exact until it is written.
public enum SheetCell: Sendable, Equatable {
  case empty
  case text(String, TextStyle = .plain)
  /// A number shown with `decimals` decimals (its cell's number format).
  case number(ExactDecimal, decimals: Int)
  case integer(Int)

  public enum TextStyle: Sendable, Equatable {
    case plain
    /// A table's column names: bold, wrapped, shaded.
    case header
    /// The sheet's title: bold, larger.
    case title
    /// The label of a label–value line: bold.
    case label
    /// Long text (definitions, notes): wrapped in a column of bounded width.
    case wrapped
  }
}

/// One worksheet: its name, its rows, and the rows and columns kept in view.
public struct Sheet: Sendable {
  public var name: String
  public var rows: [[SheetCell]]
  /// Rows above this one stay in view when scrolling (0: none).
  public var frozenRows: Int
  /// Columns left of this one stay in view (0: none).
  public var frozenColumns: Int

  public init(name: String, rows: [[SheetCell]], frozenRows: Int = 0, frozenColumns: Int = 0) {
    self.name = name
    self.rows = rows
    self.frozenRows = frozenRows
    self.frozenColumns = frozenColumns
  }
}

/// Why a workbook could not be written.
public struct WorkbookError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var description: String { "error: the workbook could not be written: \(message)" }
}

/// An Office Open XML workbook written through libxlsxwriter (SPEC §5.3), byte-reproducible:
/// the document's dates are fixed by the caller, and libxlsxwriter gives its ZIP entries a
/// fixed date, so the same sheets give the same bytes.
public enum XLSXWriter {
  /// The widest a column is made, in characters; longer text wraps (or overflows).
  static let maximumWidth = 60
  static let wrappedWidth = 60

  /// The workbook's bytes.
  /// - Parameters:
  ///   - created: the document's creation date (00:00 UTC of that day).
  public static func render(sheets: [Sheet], title: String, author: String, created: LocalDate)
    throws(WorkbookError) -> [UInt8]
  {
    // libxlsxwriter writes to a file: a private temporary one, read back and removed.
    var template = Array((NSTemporaryDirectory() + "/agcom-report-XXXXXX.xlsx").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 5) }
    guard descriptor >= 0 else { throw WorkbookError(message: "no temporary file (\(errno))") }
    close(descriptor)
    let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    defer { unlink(path) }

    let epoch = Int64(created.day) * 86_400
    guard let book = cxlsx_create(path, title, author, epoch) else {
      throw WorkbookError(message: "libxlsxwriter could not start a workbook")
    }
    var failed = false
    for sheet in sheets where !failed {
      failed = !write(sheet, into: book)
    }
    if cxlsx_close(book) != 0 || failed {
      throw WorkbookError(message: "libxlsxwriter failed")
    }
    guard let bytes = FileManager.default.contents(atPath: path) else {
      throw WorkbookError(message: "the temporary file could not be read back")
    }
    return Array(bytes)
  }

  /// Writes one sheet; false when libxlsxwriter refuses a cell.
  private static func write(_ sheet: Sheet, into book: OpaquePointer) -> Bool {
    guard cxlsx_add_sheet(book, sheet.name) == 0 else { return false }
    var widths: [Int] = []
    for (rowIndex, row) in sheet.rows.enumerated() {
      for (columnIndex, cell) in row.enumerated() {
        let (r, c) = (UInt32(rowIndex), UInt16(columnIndex))
        var shown = 0
        let status: Int32
        switch cell {
        case .empty:
          continue
        case .text(let text, let style):
          status = cxlsx_string(book, r, c, text, style.code)
          // A title spans the sheet and wrapped text wraps: neither sets its column's width.
          shown = style == .title ? 0 : min(text.count, style == .wrapped ? wrappedWidth : maximumWidth)
        case .number(let value, let decimals):
          let text = value.description
          status = cxlsx_number(
            book, r, c, Double(text)!, Int32(CXLSX_STYLE_NUMBER) + Int32(min(decimals, 6)))
          shown = text.count
        case .integer(let value):
          status = cxlsx_number(book, r, c, Double(value), Int32(CXLSX_STYLE_NUMBER))
          shown = String(value).count
        }
        guard status == 0 else { return false }
        if widths.count <= columnIndex {
          widths += Array(repeating: 0, count: columnIndex + 1 - widths.count)
        }
        widths[columnIndex] = max(widths[columnIndex], shown)
      }
    }
    for (column, width) in widths.enumerated() {
      guard cxlsx_column_width(book, UInt16(column), Double(max(width, 6) + 2)) == 0 else { return false }
    }
    if sheet.frozenRows > 0 || sheet.frozenColumns > 0 {
      cxlsx_freeze(book, UInt32(sheet.frozenRows), UInt16(sheet.frozenColumns))
    }
    return true
  }
}

extension SheetCell.TextStyle {
  fileprivate var code: Int32 {
    switch self {
    case .plain: Int32(CXLSX_STYLE_PLAIN)
    case .header: Int32(CXLSX_STYLE_HEADER)
    case .title: Int32(CXLSX_STYLE_TITLE)
    case .label: Int32(CXLSX_STYLE_LABEL)
    case .wrapped: Int32(CXLSX_STYLE_WRAP)
    }
  }
}
