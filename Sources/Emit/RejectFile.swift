import Foundation
import ReportCore

/// Renders `rejects/<source>.csv`: `file,line,id,field,value,reason` (SPEC §2.3; `id` empty
/// when the record's id could not be read), UTF-8, LF, each cell quoted and guarded against
/// formulas by ``CSVCell``.
public enum RejectFile {
  public static let header = "file,line,id,field,value,reason\n"

  public static func render(_ rejects: [Reject]) -> [UInt8] {
    var text = header
    for reject in rejects {
      text +=
        [reject.file, String(reject.line), reject.id, reject.field, reject.value, reject.reason]
        .map { CSVCell.render($0, delimiter: ",") }.joined(separator: ",") + "\n"
    }
    return Array(text.utf8)
  }

  /// Writes `<directory>/<source>.csv` for every source read — an empty file with its header
  /// when it has no rejects — creating the directory if needed (`check --rejects`).
  public static func write(_ audit: IngestAudit, into directory: String) throws(OutputError) {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw .cannotCreateDirectory(path: directory, reason: error.localizedDescription)
    }
    for kind in audit.sources {
      let path = directory + "/" + kind.rawValue + ".csv"
      do {
        try Data(render(audit.rejects[kind] ?? [])).write(to: URL(fileURLWithPath: path), options: .atomic)
      } catch {
        throw .cannotWrite(path: path, reason: error.localizedDescription)
      }
    }
  }
}
