import ReportCore

/// The numerator and denominator of a rate indicator (GUA, FAT, ACC) for one segment.
struct RateFigures: Sendable {
  var numerator = 0
  var denominator: RateDenominator
}

/// What a rate is divided by.
enum RateDenominator: Sendable {
  /// FAT, ACC: invoices issued in the period.
  case invoices(Int64)
  /// GUA: the mean of the monthly active lines — their sum over the period's months,
  /// divided by the number of months; months without a census make it unavailable.
  case meanLines(sum: Int64, months: Int, missing: [LocalDate])
}

/// Sums of a monthly or dated count table per segment, over the dates of a period.
///
/// Used for the denominators: active lines per month (GUA) and invoices per issue date
/// (FAT, ACC). A segment exists for every breakdown value that occurs in the period.
struct DenominatorTable {
  /// Per segment: the sum per date (first of the month for monthly tables).
  private(set) var sums: [Segment: [LocalDate: Int64]] = [:]

  init(
    counts: [DatedDimensions: Int64], values: ValueDictionary, period: ReportPeriod,
    breakdowns: [DimensionField]
  ) {
    for (key, count) in counts where period.contains(key.date) {
      sums[.total, default: [:]][key.date, default: 0] += count
      for dimension in breakdowns {
        let id = key.dimensions[dimension]
        if id == 0 { continue }
        sums[.value(dimension, values.string(for: id)!), default: [:]][key.date, default: 0] += count
      }
    }
  }

  /// The total of a segment over the whole period.
  func total(_ segment: Segment) -> Int64 {
    sums[segment]?.values.reduce(0, +) ?? 0
  }
}
