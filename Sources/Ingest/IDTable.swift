#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A hash table from record ids (raw field bytes) to the winning version of a record.
///
/// De-duplication looks up one id per row, so this is the hottest structure of
/// ingestion, and with hundreds of thousands of ids its memory does not fit in the
/// processor's caches. Ids are hashed straight from the field bytes (no `String`).
/// Open addressing with linear probing, at most half full; a slot is 8 bytes (32 hash
/// bits, which also give the position, and the entry number), so the table grows without
/// touching the keys. An entry (32 bytes, half a cache line) holds the first 16 bytes of
/// its key, its length and the stamp, so that a look-up of a short id reads one slot and
/// one entry; the records sit in a contiguous array in order of first appearance.
struct IDTable<Value> {
  /// Per slot: hash bits in the high 32 bits, entry index + 1 (0 = empty) in the low 32.
  private var slots: [UInt64]
  private var mask: Int
  /// The key and stamp of every entry, in order of first appearance.
  private var entries: [Entry] = []
  /// Bytes 16... of the keys longer than 16 bytes, back to back.
  private var overflowBytes: [UInt8] = []
  /// The current version of every entry, in order of first appearance.
  private(set) var values: [Value] = []
  /// Hashes of the keys passed to ``prefetch(key:)`` since the last ``loadPrefetched()``.
  private var prefetched: [UInt64] = []
  /// Sum of the words loaded by ``loadPrefetched()``, kept so that the loads are not optimized away.
  private var touched: UInt64 = 0

  /// 32 bytes: `overflowStart` fills the padding at the end of `key`.
  private struct Entry {
    /// The first 16 bytes of the key and its length.
    var key: ShortKey
    /// Where bytes 16... of a longer key start in ``overflowBytes`` (so at most 4 GiB of them).
    var overflowStart: UInt32
    /// `updated_at` of the current version (`Int64.min` when absent).
    var stamp: Int64
  }

  init() {
    slots = [UInt64](repeating: 0, count: 1024)
    mask = 1023
  }

  var count: Int { values.count }

  /// Inserts `value` for `key` (a field view, see ``RowFields/bytes(_:)``, whose bytes the
  /// table copies), or, when the key exists, replaces the stored version
  /// unless it has a strictly later stamp. Returns true when the key existed (a fold).
  mutating func offer(key: UnsafeRawBufferPointer, value: Value, stamp: Int64) -> Bool {
    let short = ShortKey(key)
    let tag = Self.hash(key, short) & 0xFFFF_FFFF_0000_0000
    var slot = Int(truncatingIfNeeded: tag >> 32) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { break }
      if entry & 0xFFFF_FFFF_0000_0000 == tag {
        let index = Int(entry & 0xFFFF_FFFF) - 1
        if entries[index].key == short && (short.length <= 16 || overflowEquals(index, key)) {
          if stamp >= entries[index].stamp {
            values[index] = value
            entries[index].stamp = stamp
          }
          return true
        }
      }
      slot = (slot + 1) & mask
    }
    entries.append(Entry(key: short, overflowStart: UInt32(overflowBytes.count), stamp: stamp))
    if key.count > 16 { overflowBytes.append(contentsOf: key[16...]) }
    values.append(value)
    slots[slot] = tag | UInt64(values.count)
    if values.count * 2 > slots.count { grow() }
    return false
  }

  /// Notes that `key` will be offered soon; ``loadPrefetched()`` then loads its memory.
  mutating func prefetch(key: UnsafeRawBufferPointer) {
    prefetched.append(Self.hash(key, ShortKey(key)))
  }

  /// Loads the slots and entries of the keys noted by ``prefetch(key:)``, so that offering
  /// them finds the memory in cache.
  ///
  /// Each load is likely a cache miss, and they are independent: in a loop that does little
  /// else, the processor keeps many of them in flight at once, where one offer after the
  /// other would wait for each in turn. (Swift has no prefetch instruction; a load whose
  /// result is kept in ``touched`` does the same.) The entries are loaded in a second pass,
  /// once the slots that name them are in cache.
  mutating func loadPrefetched() {
    var sum: UInt64 = 0
    // Unsafe pointer, justified: unchecked reads of the two arrays, at masked slot indexes and
    // at entry numbers the table itself stored; this loop is nothing but those loads.
    slots.withUnsafeBufferPointer { slots in
      for hash in prefetched {
        sum &+= slots[Int(truncatingIfNeeded: hash >> 32) & mask]
      }
      entries.withUnsafeBufferPointer { entries in
        for hash in prefetched {
          let index = Int(truncatingIfNeeded: slots[Int(truncatingIfNeeded: hash >> 32) & mask] & 0xFFFF_FFFF)
          if index > 0 { sum &+= UInt64(bitPattern: entries[index - 1].stamp) }
        }
      }
    }
    touched &+= sum
    prefetched.removeAll(keepingCapacity: true)
  }

  /// Whether bytes 16... of `key` equal those of entry `index`, whose first 16 bytes and
  /// length are known to match.
  private func overflowEquals(_ index: Int, _ key: UnsafeRawBufferPointer) -> Bool {
    let start = Int(entries[index].overflowStart)
    // Unsafe pointer, justified: `memcmp` of the key's bytes 16... with the same number of
    // stored bytes, which the equal lengths guarantee are there.
    return overflowBytes.withUnsafeBytes {
      memcmp($0.baseAddress! + start, key.baseAddress! + 16, key.count - 16) == 0
    }
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

  /// The hash of a key from its ``ShortKey``, mixing in bytes 16... of a longer key.
  @inline(__always)
  private static func hash(_ bytes: UnsafeRawBufferPointer, _ short: ShortKey) -> UInt64 {
    var hash = short.hash
    var offset = 16
    while offset < bytes.count {
      hash =
        (hash ^ ShortKey(UnsafeRawBufferPointer(rebasing: bytes[offset...])).hash) &* 0x9E37_79B9_7F4A_7C15
      offset += 16
    }
    return hash
  }
}
