import Foundation

/// Renders `rejects/<source>.csv`: `file,line,field,value,reason`, UTF-8, LF, quoted as RFC 4180.
public enum RejectFile {
  public static let header = "file,line,field,value,reason\n"

  public static func render(_ rejects: [Reject]) -> Data {
    var text = header
    for reject in rejects {
      text +=
        [reject.file, String(reject.line), reject.field, reject.value, reject.reason]
        .map(quoted).joined(separator: ",") + "\n"
    }
    return Data(text.utf8)
  }

  /// Quotes a field when it holds a comma, quote or line break; a leading `=`, `+`, `-`
  /// or `@` is prefixed with `'` so that no spreadsheet evaluates an operator's raw value.
  static func quoted(_ field: String) -> String {
    var field = field
    if let first = field.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) { field = "'" + field }
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
