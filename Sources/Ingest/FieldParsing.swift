import Configuration

/// Byte-level parsers for the numeric fields of the exports.
///
/// Unsafe pointer, justified: they read a field view (``RowFields/bytes(_:)``) by index,
/// inside its `count`.
enum FieldParsing {
  /// Parses a whole number written with the source's decimal mark.
  ///
  /// With a decimal comma, `1.234` is 1234 and `60,0` is 60; with a decimal point,
  /// `1,234` is 1234 and `60.0` is 60. Thousands groups must have three digits; a
  /// non-zero fraction is not a whole number (nil).
  static func wholeNumber(_ bytes: UnsafeRawBufferPointer, decimalMark: DecimalMark) -> Int64? {
    let decimal = decimalMark == .comma ? UInt8(ascii: ",") : UInt8(ascii: ".")
    let grouping = decimalMark == .comma ? UInt8(ascii: ".") : UInt8(ascii: ",")
    var index = 0
    var negative = false
    if index < bytes.count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
      negative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    var value: Int64 = 0
    var digits = 0
    var digitsInGroup = 0
    var grouped = false
    while index < bytes.count {
      let byte = bytes[index]
      if byte >= 0x30 && byte <= 0x39 {
        if digits >= 18 { return nil }
        value = value * 10 + Int64(byte - 0x30)
        digits += 1
        digitsInGroup += 1
      } else if byte == grouping {
        if digits == 0 || (grouped && digitsInGroup != 3) || (!grouped && digitsInGroup > 3) { return nil }
        grouped = true
        digitsInGroup = 0
      } else if byte == decimal {
        break
      } else {
        return nil
      }
      index += 1
    }
    if digits == 0 || (grouped && digitsInGroup != 3) { return nil }
    if index < bytes.count {  // a fraction: only zeros make a whole number
      index += 1
      if index == bytes.count { return nil }
      while index < bytes.count {
        if bytes[index] != UInt8(ascii: "0") { return nil }
        index += 1
      }
    }
    return negative ? -value : value
  }

  /// Parses `yyyy-MM` into the first day of that month.
  static func month(_ bytes: UnsafeRawBufferPointer) -> (year: Int, month: Int)? {
    guard bytes.count == 7, bytes[4] == UInt8(ascii: "-") else { return nil }
    var year = 0
    for index in 0..<4 {
      let digit = Int(bytes[index]) - 0x30
      guard digit >= 0 && digit <= 9 else { return nil }
      year = year * 10 + digit
    }
    let tens = Int(bytes[5]) - 0x30
    let units = Int(bytes[6]) - 0x30
    guard (0...9).contains(tens), (0...9).contains(units) else { return nil }
    let month = tens * 10 + units
    guard year >= 1, (1...12).contains(month) else { return nil }
    return (year, month)
  }
}
