import Foundation
import Metrics
import ReportCore

/// The machine-readable results of SPEC §5.1: `results-<period>.csv`.
///
/// One row per report column × indicator × measure × segment, `,`-separated, `.`
/// decimals, LF line ends; rows in column order (H1, H2, the year), then catalogue order
/// of indicators and measures, then segment order (`TOT` first, then by dimension and
/// value). A field is quoted only when it holds a comma, a quote or a line break
/// (``CSVCell``; machine output, so no formula guard).
public enum ResultsCSV {
  public static let header =
    "report,period,indicator,measure,segment,value,unit,sample_size,denominator,excluded,target,met"

  public static func render(_ report: ReportModel) -> String {
    var lines = [header]
    for (index, column) in report.columns.enumerated() {
      for indicator in report.indicators {
        for measure in indicator.measures {
          for row in measure.rows {
            guard let cell = row.cells[index] else { continue }
            let fields = [
              report.period.description, column.description, indicator.code.rawValue,
              measure.definition.measure.rawValue, row.segment.description, cell.value?.description ?? "",
              measure.definition.unit.rawValue, String(cell.sampleSize), cell.denominator?.description ?? "",
              String(cell.excluded), cell.target?.description ?? "",
              cell.met.map { $0 ? "true" : "false" } ?? "",
            ]
            lines.append(
              fields.map { CSVCell.render($0, delimiter: ",", guardingFormulas: false) }.joined(
                separator: ","))
          }
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
