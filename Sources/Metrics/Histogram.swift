/// Counts of small non-negative integer durations (days, minutes), for exact percentiles.
///
/// SPEC §4 and §8: nearest-rank percentiles are read from the counts, with no sorting of
/// the records and no interpolation; histograms of files or threads merge by adding.
/// Values below 65,536 are counted in an array, larger ones in a dictionary.
public struct Histogram: Sendable, Equatable {
  /// 32-bit counts: half the memory of `Int` counts, so more of a histogram of minutes
  /// stays in cache (adding is a cache miss otherwise). A value counted 2³² times traps;
  /// the records it would take do not fit in memory.
  private var dense: [UInt32] = []
  private var sparse: [Int: Int] = [:]
  /// Number of values counted (n).
  public private(set) var count = 0

  public init() {}

  private static let denseLimit = 1 << 16

  /// Counts `value` (≥ 0) `times` times.
  public mutating func add(_ value: Int, times: Int = 1) {
    precondition(value >= 0, "durations are never negative")
    if value < Self.denseLimit {
      if value >= dense.count { dense.append(contentsOf: repeatElement(0, count: value - dense.count + 1)) }
      dense[value] += UInt32(times)
    } else {
      sparse[value, default: 0] += times
    }
    count += times
  }

  /// Adds every count of `other`.
  public mutating func merge(_ other: Histogram) {
    for (value, times) in other.dense.enumerated() where times > 0 { add(value, times: Int(times)) }
    for (value, times) in other.sparse { add(value, times: times) }
  }

  /// The largest value counted, nil when empty.
  public var maximum: Int? {
    if let largest = sparse.keys.max() { return largest }
    return dense.lastIndex { $0 > 0 }
  }

  /// Nearest rank (SPEC §4): the value at 1-based position ⌈k·n/100⌉ of the sorted values,
  /// computed in integers; nil when n = 0.
  public func percentile(_ k: Int) -> Int? {
    precondition((1...100).contains(k))
    guard count > 0 else { return nil }
    let rank = (k * count + 99) / 100
    var seen = 0
    for (value, times) in dense.enumerated() where times > 0 {
      seen += Int(times)
      if seen >= rank { return value }
    }
    for value in sparse.keys.sorted() {
      seen += sparse[value]!
      if seen >= rank { return value }
    }
    preconditionFailure("rank \(rank) beyond \(count) values")
  }

  /// True when a k-th percentile over these n values is forced to the maximum: fewer than
  /// 1/(1−k/100) cases, i.e. n·(100−k) < 100 (SPEC §4 *small samples*).
  public func isSmallSample(for k: Int) -> Bool {
    count > 0 && count * (100 - k) < 100
  }
}
