import ReportCore

/// Renders `rejects/<source>.csv`: `file,line,field,value,reason`, UTF-8, LF, each cell
/// quoted and guarded against formulas by ``CSVCell``.
public enum RejectFile {
  public static let header = "file,line,field,value,reason\n"

  public static func render(_ rejects: [Reject]) -> [UInt8] {
    var text = header
    for reject in rejects {
      text +=
        [reject.file, String(reject.line), reject.field, reject.value, reject.reason]
        .map { CSVCell.render($0, delimiter: ",") }.joined(separator: ",") + "\n"
    }
    return Array(text.utf8)
  }
}
