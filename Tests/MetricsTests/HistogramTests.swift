import ReportCore
import Testing

@testable import Metrics

/// SPEC §4: nearest-rank percentiles, exact, from counts.
@Suite struct HistogramTests {
  /// The definition, literally: sort, then take position ⌈k·n/100⌉ (1-based).
  static func reference(_ values: [Int], _ k: Int) -> Int? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    // The smallest rank r with r ≥ k·n/100, searched rather than computed.
    let rank = (1...values.count).first { $0 * 100 >= k * values.count }!
    return sorted[rank - 1]
  }

  /// SplitMix64: a small seeded generator, so that a failure names its seed and replays.
  struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  @Test(arguments: [1, 2, 3, 19, 20, 21, 50, 99, 100, 101, 300, 1000, 4321])
  func nearestRankMatchesASortBasedReference(n: Int) {
    // One seed per population size; a failure prints it with the round to replay.
    let seed = 0x5EED_0000 + UInt64(n)
    var generator = SplitMix64(seed: seed)
    for round in 0..<20 {
      // Small ranges make ties; large ones reach the sparse part of the histogram.
      let range = round.isMultiple(of: 2) ? 0...30 : 0...200_000
      let values = (0..<n).map { _ in Int.random(in: range, using: &generator) }
      var histogram = Histogram()
      values.forEach { histogram.add($0) }
      let replay = "seed=\(seed) round=\(round) n=\(n)"
      for k in [1, 7, 14, 50, 80, 90, 95, 99, 100] {
        #expect(
          histogram.percentile(k) == Self.reference(values, k),
          "\(replay) k=\(k) values=\(values.prefix(30))")
      }
      #expect(histogram.maximum == values.max(), "\(replay)")
    }
  }

  @Test func ranksAreComputedInIntegersWhereFloatingPointIsOffByOne() {
    // 7 · 100 / 100 = 7, but 0.07 * 100 in binary floating point is 7.000000000000001,
    // whose ceiling 8 would pick the next value; likewise 0.14 * 50 and 0.07 * 300.
    var hundred = Histogram()
    (1...100).forEach { hundred.add($0) }
    #expect(hundred.percentile(7) == 7)
    var fifty = Histogram()
    (1...50).forEach { fifty.add($0) }
    #expect(fifty.percentile(14) == 7)
    var threeHundred = Histogram()
    (1...300).forEach { threeHundred.add($0) }
    #expect(threeHundred.percentile(7) == 21)
  }

  @Test func anEmptyPopulationHasNoPercentileNotZero() {
    #expect(Histogram().percentile(95) == nil)
    #expect(Histogram().maximum == nil)
  }

  @Test func aSingleCaseIsEveryPercentile() {
    var histogram = Histogram()
    histogram.add(7)
    #expect([80, 95, 99].map { histogram.percentile($0) } == [7, 7, 7])
  }

  @Test(arguments: [
    (95, 19, true), (95, 20, false), (99, 99, true), (99, 100, false), (80, 4, true), (80, 5, false),
  ])
  func smallSamplesAreThoseWhosePercentileIsForcedToTheMaximum(k: Int, n: Int, small: Bool) {
    var histogram = Histogram()
    (0..<n).forEach { histogram.add($0) }
    #expect(histogram.isSmallSample(for: k) == small)
    // The definition behind the flag: a small sample's percentile is its maximum.
    if small { #expect(histogram.percentile(k) == histogram.maximum) }
    if !small { #expect(histogram.percentile(k)! < histogram.maximum!) }
  }

  @Test func histogramsMergeByAddingCounts() {
    var left = Histogram()
    var right = Histogram()
    var both = Histogram()
    for value in [3, 5, 5, 70_000] {
      left.add(value)
      both.add(value)
    }
    for value in [1, 5, 90_000, 9] {
      right.add(value)
      both.add(value)
    }
    left.merge(right)
    #expect(left == both)
    #expect(left.count == 8)
    #expect(left.percentile(50) == 5)
  }
}
