/// Field bytes and record boundaries produced by libcsv for one chunk of input.
///
/// The C callbacks only append here; the reader walks the complete records after each
/// chunk and then ``compact()``s, keeping the fields of a record still in progress.
/// Raw storage (no Swift arrays) keeps the callbacks free of reference counting and
/// exclusivity checks.
struct RowBatch {
  /// A complete record: its fields are `fieldEnds[firstField..<endField]`.
  struct Record {
    var endField: Int32
    /// The CR or LF that ended the record, or -1 at the end of input.
    var terminator: Int32
    /// The batch index of the first field holding a stray quote (SPEC §2.3), or -1.
    var strayQuoteField: Int32
  }

  /// Field bytes, back to back. ``readableSlack`` bytes past the capacity are allocated and
  /// initialized too: the guarantee behind ``FieldBytes/loadFirst16()``.
  private(set) var bytes: UnsafeMutablePointer<UInt8>
  private var byteCapacity: Int
  fileprivate static let readableSlack = 16
  private(set) var byteCount = 0
  /// End offset in ``bytes`` of every field, in order.
  private(set) var fieldEnds: UnsafeMutablePointer<Int>
  private var fieldCapacity: Int
  private(set) var fieldCount = 0
  private(set) var records: UnsafeMutablePointer<Record>
  private var recordCapacity: Int
  private(set) var recordCount = 0
  /// The batch index of the first field longer than ``CSVParser/maximumFieldLength``, or
  /// `Int.max`: the reader fails the file at the record that holds it.
  private(set) var firstTooLongField = Int.max
  /// The batch index of the first field of the record in progress holding a stray quote, or -1.
  private var pendingStrayQuoteField: Int32 = -1

  init() {
    byteCapacity = 1 << 18
    bytes = .allocate(capacity: byteCapacity + Self.readableSlack)
    bytes.initialize(repeating: 0, count: byteCapacity + Self.readableSlack)
    fieldCapacity = 1 << 14
    fieldEnds = .allocate(capacity: fieldCapacity)
    recordCapacity = 1 << 12
    records = .allocate(capacity: recordCapacity)
  }

  /// Frees the storage; the batch must not be used afterwards.
  func release() {
    bytes.deallocate()
    fieldEnds.deallocate()
    records.deallocate()
  }

  @inline(__always)  // into libcsv's callback (see onField)
  mutating func appendField(_ source: UnsafeRawPointer?, _ length: Int) {
    if byteCount + length > byteCapacity { grow(bytesTo: byteCount + length) }
    if length > 0, let source {
      Self.copy(source, to: UnsafeMutableRawPointer(bytes + byteCount), count: length)
    }
    byteCount += length
    if fieldCount == fieldCapacity { growFields() }
    if length > CSVParser.maximumFieldLength && firstTooLongField == Int.max {
      firstTooLongField = fieldCount
    }
    fieldEnds[fieldCount] = byteCount
    fieldCount += 1
  }

  @inline(__always)
  mutating func endRecord(terminator: Int32) {
    if recordCount == recordCapacity { growRecords() }
    records[recordCount] = Record(
      endField: Int32(fieldCount), terminator: terminator, strayQuoteField: pendingStrayQuoteField)
    pendingStrayQuoteField = -1
    recordCount += 1
  }

  /// Notes a stray quote in the field being read (the next one appended), unless the record
  /// in progress already has one.
  mutating func markStrayQuote() {
    if pendingStrayQuoteField < 0 { pendingStrayQuoteField = Int32(fieldCount) }
  }

  /// Whether the record in progress has complete fields.
  var hasPendingFields: Bool {
    fieldCount != (recordCount == 0 ? 0 : Int(records[recordCount - 1].endField))
  }

  /// Empties the batch, keeping its storage.
  mutating func removeAll() {
    byteCount = 0
    fieldCount = 0
    recordCount = 0
    firstTooLongField = Int.max
    pendingStrayQuoteField = -1
  }

  /// Whether a field appended since the last ``compact()`` is longer than the limit.
  var hasFieldTooLong: Bool { firstTooLongField != Int.max }

  /// Bytes of the complete fields of the record in progress.
  var pendingRecordLength: Int {
    byteCount - fieldStart(recordCount == 0 ? 0 : Int(records[recordCount - 1].endField))
  }

  /// Copies `count` > 0 bytes. Most fields are short: up to 16 bytes they are copied as two
  /// words (or two half words, or three bytes) that may overlap in the middle, which reads
  /// and writes only the field's own bytes and saves a `memmove` call per field.
  @inline(__always)
  private static func copy(_ source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, count: Int) {
    switch count {
    case 8...16:
      let first = source.loadUnaligned(as: UInt64.self)
      let last = source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
      destination.storeBytes(of: first, as: UInt64.self)
      destination.storeBytes(of: last, toByteOffset: count - 8, as: UInt64.self)
    case 4..<8:
      let first = source.loadUnaligned(as: UInt32.self)
      let last = source.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
      destination.storeBytes(of: first, as: UInt32.self)
      destination.storeBytes(of: last, toByteOffset: count - 4, as: UInt32.self)
    case 1..<4:
      let first = source.load(as: UInt8.self)
      let middle = source.load(fromByteOffset: count / 2, as: UInt8.self)
      let last = source.load(fromByteOffset: count - 1, as: UInt8.self)
      destination.storeBytes(of: first, as: UInt8.self)
      destination.storeBytes(of: middle, toByteOffset: count / 2, as: UInt8.self)
      destination.storeBytes(of: last, toByteOffset: count - 1, as: UInt8.self)
    default:
      destination.copyMemory(from: source, byteCount: count)
    }
  }

  /// Start offset in ``bytes`` of field `index`.
  func fieldStart(_ index: Int) -> Int {
    index == 0 ? 0 : fieldEnds[index - 1]
  }

  /// The bytes of field `index`, valid until the next ``compact()``.
  @inline(__always)
  func field(_ index: Int) -> FieldBytes {
    let start = fieldStart(index)
    return FieldBytes(UnsafeRawBufferPointer(start: bytes + start, count: fieldEnds[index] - start))
  }

  /// Drops the complete records, keeping the fields of the record in progress.
  mutating func compact() {
    let keptFirstField = recordCount == 0 ? 0 : Int(records[recordCount - 1].endField)
    let keptFrom = fieldStart(keptFirstField)
    let keptBytes = byteCount - keptFrom
    if keptFrom > 0 && keptBytes > 0 { bytes.update(from: bytes + keptFrom, count: keptBytes) }
    let keptFields = fieldCount - keptFirstField
    for index in 0..<keptFields { fieldEnds[index] = fieldEnds[keptFirstField + index] - keptFrom }
    byteCount = keptBytes
    fieldCount = keptFields
    recordCount = 0
    if pendingStrayQuoteField >= 0 { pendingStrayQuoteField -= Int32(keptFirstField) }
    firstTooLongField =
      firstTooLongField >= keptFirstField && hasFieldTooLong ? firstTooLongField - keptFirstField : Int.max
  }

  private mutating func grow(bytesTo needed: Int) {
    var capacity = byteCapacity * 2
    while capacity < needed { capacity *= 2 }
    let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + Self.readableSlack)
    larger.initialize(repeating: 0, count: capacity + Self.readableSlack)
    larger.update(from: bytes, count: byteCount)
    bytes.deallocate()
    bytes = larger
    byteCapacity = capacity
  }

  private mutating func growFields() {
    let larger = UnsafeMutablePointer<Int>.allocate(capacity: fieldCapacity * 2)
    larger.update(from: fieldEnds, count: fieldCount)
    fieldEnds.deallocate()
    fieldEnds = larger
    fieldCapacity *= 2
  }

  private mutating func growRecords() {
    let larger = UnsafeMutablePointer<Record>.allocate(capacity: recordCapacity * 2)
    larger.update(from: records, count: recordCount)
    records.deallocate()
    records = larger
    recordCapacity *= 2
  }
}

/// The bytes of one field of a ``RowBatch`` (or a part of one), valid while the reader lends
/// the batch's rows.
///
/// Only a ``RowBatch`` makes these (and the absent field, ``none``), and a batch allocates and
/// initializes ``RowBatch/readableSlack`` bytes after its capacity: since every field starts
/// at or before the batch's last byte, the 16 bytes from the start of any field can be loaded
/// at once, however short the field. That guarantee and its only use, ``loadFirst16()``, are
/// here, so that no other code reads outside a field.
struct FieldBytes {
  /// The field's own bytes (no slack): what every reader of the field works on.
  let bytes: UnsafeRawBufferPointer

  fileprivate init(_ bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
  }

  /// The value of a column that the file lacks: no bytes.
  static var none: FieldBytes { FieldBytes(UnsafeRawBufferPointer(start: nil, count: 0)) }

  var count: Int { bytes.count }
  var isEmpty: Bool { bytes.isEmpty }

  /// The field without leading and trailing spaces and tabs: still inside the batch, so
  /// still covered by the slack.
  @inline(__always)
  func trimmingSpaces() -> FieldBytes {
    var start = 0
    var end = bytes.count
    while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
    while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
    return FieldBytes(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
  }

  /// The first 16 bytes of the field (all of it when shorter, zero-padded), bytes 0..<8 in
  /// `head` and 8..<16 in `tail`, the first in the lowest bits on every platform.
  ///
  /// Two loads and two masks, with no branch on the length (which a column whose values
  /// differ in length, `own` and `wholesale`, would mispredict): the loads may cover bytes
  /// after the field, which the batch's slack makes readable, and the masks clear them.
  @inline(__always)
  func loadFirst16() -> (head: UInt64, tail: UInt64) {
    guard let base = bytes.baseAddress else { return (0, 0) }
    let count = bytes.count
    // A shift by 64 bits or more gives 0 in Swift: no mask for an empty word.
    let headMask = UInt64.max >> (64 - 8 * min(count, 8))
    let tailMask = UInt64.max >> (64 - 8 * min(max(count - 8, 0), 8))
    let head = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self)) & headMask
    let tail = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & tailMask
    return (head, tail)
  }
}
