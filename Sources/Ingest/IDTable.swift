#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A hash table from record ids (raw field bytes) to the winning version of a record.
///
/// De-duplication looks up one id per row, so this is the hottest structure of
/// ingestion: ids are hashed straight from the field bytes (no `String`), kept back to
/// back in one byte arena, and the records sit in a contiguous array in order of first
/// appearance. Open addressing with linear probing, at most half full; a slot is 8
/// bytes (32 hash bits, which also give the position, and the entry number), so the
/// table grows without touching the keys.
struct IDTable<Value> {
  /// Per slot: hash bits in the high 32 bits, entry index + 1 (0 = empty) in the low 32.
  private var slots: [UInt64]
  private var mask: Int
  /// Key bytes of every entry, back to back; entry i spans `keyEnds[i-1]..<keyEnds[i]`.
  private var keyBytes: [UInt8] = []
  private var keyEnds: [Int] = []
  /// The current version of every entry, in order of first appearance.
  private(set) var values: [Value] = []
  /// `updated_at` of the current version (`Int64.min` when absent).
  private(set) var stamps: [Int64] = []

  init() {
    slots = [UInt64](repeating: 0, count: 1024)
    mask = 1023
  }

  var count: Int { values.count }

  /// Inserts `value` for `key`, or, when the key exists, replaces the stored version
  /// unless it has a strictly later stamp. Returns true when the key existed (a fold).
  mutating func offer(key: UnsafeRawBufferPointer, value: Value, stamp: Int64) -> Bool {
    let tag = Self.hash(key) & 0xFFFF_FFFF_0000_0000
    var slot = Int(truncatingIfNeeded: tag >> 32) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { break }
      if entry & 0xFFFF_FFFF_0000_0000 == tag {
        let index = Int(entry & 0xFFFF_FFFF) - 1
        if keyEquals(index, key) {
          if stamp >= stamps[index] {
            values[index] = value
            stamps[index] = stamp
          }
          return true
        }
      }
      slot = (slot + 1) & mask
    }
    values.append(value)
    stamps.append(stamp)
    keyBytes.append(contentsOf: key)
    keyEnds.append(keyBytes.count)
    slots[slot] = tag | UInt64(values.count)
    if values.count * 2 > slots.count { grow() }
    return false
  }

  /// Loads the slot where `key` would be found, and the stamp of the entry there.
  ///
  /// Called for a whole chunk of rows before any is offered: the loads are independent,
  /// so the processor overlaps their cache misses, and ``offer(key:value:stamp:)`` then
  /// finds the memory in cache. (Swift has no prefetch instruction; a load whose result
  /// is kept in ``touched`` does the same.)
  mutating func prefetch(key: UnsafeRawBufferPointer) {
    let slot = Int(truncatingIfNeeded: Self.hash(key) >> 32) & mask
    let entry = slots[slot]
    let index = Int(entry & 0xFFFF_FFFF)
    touched &+= entry &+ (index == 0 ? 0 : UInt64(bitPattern: stamps[index - 1]))
  }

  /// Sum of the prefetched words, kept so that the prefetch loads are not optimized away.
  private var touched: UInt64 = 0

  private func keyEquals(_ index: Int, _ key: UnsafeRawBufferPointer) -> Bool {
    let start = index == 0 ? 0 : keyEnds[index - 1]
    guard keyEnds[index] - start == key.count else { return false }
    if key.isEmpty { return true }
    return keyBytes.withUnsafeBytes { memcmp($0.baseAddress! + start, key.baseAddress!, key.count) == 0 }
  }

  /// Doubles the slots, placing each by its stored hash bits.
  private mutating func grow() {
    let capacity = slots.count * 2
    var larger = [UInt64](repeating: 0, count: capacity)
    let newMask = capacity - 1
    for entry in slots where entry != 0 {
      var slot = Int(truncatingIfNeeded: entry >> 32) & newMask
      while larger[slot] != 0 { slot = (slot + 1) & newMask }
      larger[slot] = entry
    }
    slots = larger
    mask = newMask
  }

  /// A fast 64-bit hash of the bytes (multiply–xorshift over 8-byte words); not meant
  /// for adversarial input, which a batch run over the operator's own exports is not.
  static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
    var offset = 0
    while offset + 8 <= bytes.count {
      let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
      hash ^= hash >> 29
      offset += 8
    }
    if offset < bytes.count {
      var word: UInt64 = 0
      for index in offset..<bytes.count { word |= UInt64(bytes[index]) << (UInt64(index - offset) * 8) }
      hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
    }
    hash ^= hash >> 32
    hash = hash &* 0xD6E8_FEB8_6659_FD93
    hash ^= hash >> 32
    return hash
  }
}
