/// An exact decimal number `units × 10^-scale`, for configured targets and thresholds.
///
/// Published figures never pass through binary floating point (STYLE.md); a target
/// such as `1.5` is kept as 15 × 10⁻¹ and compared exactly.
public struct ExactDecimal: Sendable, Hashable, CustomStringConvertible {
  /// The integer significand.
  public var units: Int64
  /// Number of digits after the decimal point.
  public var scale: Int

  public init(units: Int64, scale: Int) {
    self.units = units
    self.scale = scale
  }

  /// Parses `12`, `-3`, `1.5`, `0.005` (a `.` decimal point, no exponent, at most 15 digits).
  public init?(parsing text: String) {
    var units: Int64 = 0
    var scale = 0
    var seenPoint = false
    var digits = 0
    var negative = false
    for (index, byte) in text.utf8.enumerated() {
      switch byte {
      case UInt8(ascii: "-") where index == 0:
        negative = true
      case UInt8(ascii: "+") where index == 0:
        continue
      case UInt8(ascii: "."):
        if seenPoint { return nil }
        seenPoint = true
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        digits += 1
        if digits > 15 { return nil }
        units = units * 10 + Int64(byte - UInt8(ascii: "0"))
        if seenPoint { scale += 1 }
      default:
        return nil
      }
    }
    if digits == 0 { return nil }
    self.init(units: negative ? -units : units, scale: scale)
  }

  /// `numerator ÷ denominator` rounded half-up to `scale` decimals, computed exactly in
  /// integers (SPEC §4: 99.95 → 100.0, 0.125 → 0.13). Both must be ≥ 0, the denominator > 0.
  public init(roundingHalfUp numerator: Int, over denominator: Int, scale: Int) {
    precondition(numerator >= 0 && denominator > 0 && (0...12).contains(scale))
    var power = 1
    for _ in 0..<scale { power *= 10 }
    let (high, low) = numerator.multipliedFullWidth(by: power)
    let (quotient, remainder) = denominator.dividingFullWidth((high, low))
    let roundUp = remainder >= denominator - remainder  // 2·remainder ≥ denominator, without overflow
    self.init(units: Int64(quotient + (roundUp ? 1 : 0)), scale: scale)
  }

  /// Compares the exact values (any scales).
  public static func compare(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Int {
    let scale = max(lhs.scale, rhs.scale)
    let left = lhs.rescaled(to: scale)
    let right = rhs.rescaled(to: scale)
    return left < right ? -1 : (left > right ? 1 : 0)
  }

  /// The significand at a larger `scale`, as a 128-bit pair for exact comparison.
  private func rescaled(to target: Int) -> (high: Int64, low: UInt64) {
    var factor: Int64 = 1
    for _ in 0..<(target - scale) { factor *= 10 }
    return units.multipliedFullWidth(by: factor)
  }

  /// The same value written with `digits` decimals, when that loses nothing.
  public func withScale(_ digits: Int) -> ExactDecimal? {
    if digits >= scale {
      var units = self.units
      for _ in 0..<(digits - scale) { units *= 10 }
      return ExactDecimal(units: units, scale: digits)
    }
    var divisor: Int64 = 1
    for _ in 0..<(scale - digits) { divisor *= 10 }
    guard units % divisor == 0 else { return nil }
    return ExactDecimal(units: units / divisor, scale: digits)
  }

  /// The value as a fraction `numerator / denominator` with denominator 10^scale.
  public var fraction: (numerator: Int64, denominator: Int64) {
    var denominator: Int64 = 1
    for _ in 0..<scale { denominator *= 10 }
    return (units, denominator)
  }

  /// `numerator ÷ denominator > self`, computed exactly in integers.
  public func isExceeded(byNumerator numerator: Int, denominator: Int) -> Bool {
    guard denominator > 0 else { return false }
    let (n, d) = fraction
    // numerator/denominator > n/d  ⇔  numerator·d > n·denominator
    return Int64(numerator).multipliedFullWidth(by: d) > n.multipliedFullWidth(by: Int64(denominator))
  }

  /// The same quantity × 100 (a fraction as a percentage: 0.005 → 0.5).
  public var percentage: ExactDecimal {
    scale >= 2
      ? ExactDecimal(units: units, scale: scale - 2)
      : ExactDecimal(units: units * (scale == 1 ? 10 : 100), scale: 0)
  }

  public var description: String {
    if scale == 0 { return String(units) }
    let negative = units < 0
    var digits = String(negative ? -units : units)
    while digits.count <= scale { digits = "0" + digits }
    let split = digits.index(digits.endIndex, offsetBy: -scale)
    return (negative ? "-" : "") + digits[..<split] + "." + digits[split...]
  }
}
