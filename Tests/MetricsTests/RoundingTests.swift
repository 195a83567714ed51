import ReportCore
import Testing

/// SPEC §4: rounding is half-up on exact decimal values.
@Suite struct RoundingTests {
  @Test(arguments: [
    (1999, 20, 1, "100.0"),  // 99.95 → 100.0
    (1, 8, 2, "0.13"),  // 0.125 → 0.13
    (3, 8, 2, "0.38"),  // 0.375 → 0.38
    (9, 200, 2, "0.05"),  // 0.045 → 0.05 (binary 0.045 is 0.04499999…)
    (201, 200, 2, "1.01"),  // 1.005 → 1.01 (binary 1.005 is 1.00499999…)
    (2, 3, 2, "0.67"),
    (1, 3, 1, "0.3"),
    (0, 7, 2, "0.00"),
    (3432, 60, 1, "57.2"),  // 3432 minutes in hours
    (89, 60, 1, "1.5"),  // 1.4833… → 1.5
    (87, 60, 1, "1.5"),  // 1.45 exactly → 1.5
    (5, 1, 0, "5"),
  ])
  func valuesRoundHalfUpExactly(numerator: Int, denominator: Int, scale: Int, expected: String) {
    #expect(ExactDecimal(roundingHalfUp: numerator, over: denominator, scale: scale).description == expected)
  }

  @Test func hugeNumeratorsDoNotOverflow() {
    let value = ExactDecimal(roundingHalfUp: Int.max / 3, over: Int.max / 3, scale: 2)
    #expect(value.description == "1.00")
  }

  @Test func exactComparisonIgnoresScale() {
    #expect(ExactDecimal.compare(ExactDecimal(units: 950, scale: 1), ExactDecimal(units: 95, scale: 0)) == 0)
    #expect(
      ExactDecimal.compare(ExactDecimal(units: 1499, scale: 3), ExactDecimal(units: 15, scale: 1)) == -1)
    #expect(ExactDecimal.compare(ExactDecimal(units: 101, scale: 2), ExactDecimal(units: 1, scale: 0)) == 1)
  }
}
