import Configuration
import ReportCore

/// Checks that a file's bytes are valid in its encoding, deciding it on the way when set to `auto`.
///
/// Auto-detection (README "Rules"): a UTF-8 byte-order mark means UTF-8; otherwise the
/// encoding stays open while the bytes are ASCII (the same in both encodings) and is
/// decided at the first non-ASCII sequence: UTF-8 if that sequence is valid UTF-8,
/// Windows-1252 if not. After that every byte must be valid in the chosen encoding.
/// Works chunk by chunk; a UTF-8 sequence may straddle two chunks.
struct EncodingValidator {
  /// nil while undecided.
  private(set) var encoding: TextEncoding?
  /// Continuation bytes still expected by the current UTF-8 sequence.
  private var pending = 0
  /// Length of the current UTF-8 sequence, lead byte included.
  private var sequenceLength = 0
  /// Allowed range of the next continuation byte (narrower after E0, ED, F0, F4).
  private var nextLow: UInt8 = 0x80
  private var nextHigh: UInt8 = 0xBF
  /// While undecided: start of the first non-ASCII sequence is being checked.
  private var probing = false
  /// The lead byte of the current UTF-8 sequence, which may lie in the previous chunk.
  private var lead: UInt8 = 0

  init(setting: EncodingSetting) {
    switch setting {
    case .auto: encoding = nil
    case .utf8: encoding = .utf8
    case .windows1252: encoding = .windows1252
    }
  }

  /// Fixes the encoding to UTF-8 (after a byte-order mark).
  mutating func forceUTF8() { encoding = .utf8 }

  /// The encoding to decode text with: undecided means everything so far was ASCII.
  var effectiveEncoding: TextEncoding { encoding ?? .utf8 }

  /// Validates `chunk`; returns the offset in it where the first invalid sequence starts
  /// (negative when it started in the previous chunk) and that sequence's first byte, or nil.
  mutating func validate(_ chunk: UnsafeRawBufferPointer) -> (offset: Int, byte: UInt8)? {
    let count = chunk.count
    guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
    var index = 0
    while index < count {
      if pending == 0 {
        // ASCII fast path, 32 bytes and then eight bytes at a time. Unsafe pointer, justified:
        // unaligned word loads of the reader's chunk, each inside it (`index + 32 <= count`).
        while index + 32 <= count {
          let words = UnsafeRawPointer(base + index)
          let any =
            words.loadUnaligned(as: UInt64.self) | words.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            | words.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
            | words.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
          if any & 0x8080_8080_8080_8080 != 0 { break }
          index += 32
        }
        while index + 8 <= count
          && UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
        {
          index += 8
        }
        while index < count && base[index] < 0x80 { index += 1 }
        if index == count { break }
      }
      let byte = base[index]
      switch encoding {
      case .windows1252:
        if byte == 0x81 || byte == 0x8D || byte == 0x8F || byte == 0x90 || byte == 0x9D {
          return (index, byte)
        }
      case .utf8:
        let started = sequenceLength - pending
        if !acceptUTF8(byte) { return pending > 0 ? (index - started, lead) : (index, byte) }
      case nil:
        if pending == 0 { probing = true }
        if acceptUTF8(byte) {
          if pending == 0 && probing {
            encoding = .utf8
            probing = false
          }
        } else {
          // The first non-ASCII sequence is not UTF-8: the file is Windows-1252.
          encoding = .windows1252
          probing = false
          pending = 0
          continue
        }
      }
      index += 1
    }
    return nil
  }

  /// True when the input ended in the middle of a UTF-8 sequence.
  var endsInsideSequence: Bool { encoding == .utf8 && pending > 0 }

  /// Advances the UTF-8 state machine by one non-ASCII (or continuation) byte.
  private mutating func acceptUTF8(_ byte: UInt8) -> Bool {
    if pending > 0 {
      guard byte >= nextLow && byte <= nextHigh else { return false }
      pending -= 1
      nextLow = 0x80
      nextHigh = 0xBF
      return true
    }
    defer { sequenceLength = pending + 1 }
    lead = byte
    switch byte {
    case 0x00...0x7F: return true
    case 0xC2...0xDF: pending = 1
    case 0xE0:
      pending = 2
      nextLow = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: pending = 2
    case 0xED:
      pending = 2
      nextHigh = 0x9F
    case 0xF0:
      pending = 3
      nextLow = 0x90
    case 0xF1...0xF3: pending = 3
    case 0xF4:
      pending = 3
      nextHigh = 0x8F
    default: return false
    }
    return true
  }
}

extension TextEncoding {
  /// Decodes field bytes already validated in this encoding (a field view, see
  /// ``RowFields/bytes(_:)``, or a header field the reader decodes).
  func decode(_ bytes: UnsafeRawBufferPointer) -> String {
    switch self {
    case .utf8:
      return String(decoding: bytes, as: UTF8.self)
    case .windows1252:
      if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
      var scalars = String.UnicodeScalarView()
      for byte in bytes {
        let value = byte >= 0x80 && byte < 0xA0 ? windows1252High[Int(byte) - 0x80] : UInt32(byte)
        scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
      }
      return String(scalars)
    }
  }
}

/// Unicode code points of Windows-1252 bytes 0x80…0x9F (0xFFFD where the byte is undefined).
private let windows1252High: [UInt32] = [
  0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
  0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
]
