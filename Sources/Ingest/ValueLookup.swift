import Configuration
import ReportCore

/// Maps a field's raw values to canonical values (SPEC §2: `Completato` → `completed`).
///
/// A raw value is looked up exactly (after trimming spaces), then ignoring case, first
/// among the configured mappings and then among the canonical values themselves. A
/// closed field (status, kind, …) rejects anything else, and so does a listed one (a
/// dimension with a value mapping, an exclusion code with an `exclusions:` list); an open
/// field (the other dimensions and exclusion codes) keeps the text as written. This is the
/// slow path: ``ValueTables`` caches the results of short values, and values over 16 bytes
/// are cached here by bytes.
struct ValueLookup {
  /// What a field accepts.
  enum Domain {
    /// Only these canonical values; the result is the 1-based position in the list.
    case closed([String])
    /// Only the mapped values and these ones; the result is the id of the mapped or listed
    /// value in the source's ``ValueDictionary``.
    case listed([String])
    /// Any text; the result is its id in the source's ``ValueDictionary``.
    case open
  }

  private let domain: Domain
  private let exact: [String: String]
  private let folded: [String: String]
  private var longKeys: [[UInt8]: UInt32] = [:]

  init(domain: Domain, mapping: [String: String]) {
    self.domain = domain
    var exact = mapping
    switch domain {
    case .closed(let values), .listed(let values):
      for value in values where exact[value] == nil { exact[value] = value }
    case .open: break
    }
    self.exact = exact
    self.folded = Dictionary(
      exact.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
  }

  /// The id of a trimmed, non-empty raw value (a field view, see ``RowFields/bytes(_:)``), or
  /// nil when a closed or listed field does not know it.
  mutating func resolve(
    _ bytes: UnsafeRawBufferPointer, encoding: TextEncoding, dictionary: inout ValueDictionary
  ) -> UInt32? {
    guard bytes.count <= 16 else {
      let key = [UInt8](bytes)
      if let result = longKeys[key] { return result }
      guard let result = slowResolve(encoding.decode(bytes), dictionary: &dictionary) else { return nil }
      longKeys[key] = result
      return result
    }
    return slowResolve(encoding.decode(bytes), dictionary: &dictionary)
  }

  private func slowResolve(_ text: String, dictionary: inout ValueDictionary) -> UInt32? {
    let canonical = exact[text] ?? folded[text.lowercased()]
    switch domain {
    case .closed(let values):
      guard let canonical, let position = values.firstIndex(of: canonical) else { return nil }
      return UInt32(position + 1)
    case .listed:
      guard let canonical else { return nil }
      return dictionary.id(for: canonical)
    case .open:
      return dictionary.id(for: canonical ?? text)
    }
  }
}

/// The results of the raw values of at most 16 bytes seen so far, for every field of a source.
///
/// The hot path of value mapping: a value is packed into a ``ShortKey`` and found by
/// open addressing (linear probing, at most half full), which usually compares one slot,
/// whatever the number of distinct values.
struct ShortValueCache {
  private struct Slot {
    /// The raw value; length 0 marks an empty slot (empty values are never looked up).
    var key: ShortKey
    var field: UInt32
    var result: UInt32
  }

  private var slots = [Slot](
    repeating: Slot(key: ShortKey(FieldBytes.none), field: 0, result: 0),
    count: 64)
  private var count = 0

  /// The cached result of `key` in `field`.
  @inline(__always)
  func find(_ key: ShortKey, field: Int) -> UInt32? {
    // Unsafe pointer, justified: unchecked reads at indexes masked by the count, a power of
    // two; one probe per value of every row.
    slots.withUnsafeBufferPointer { slots in
      let mask = slots.count - 1
      var index = Self.position(key, field) & mask
      while true {
        let slot = slots[index]
        if slot.key.length == 0 { return nil }
        if slot.key == key && slot.field == UInt32(field) { return slot.result }
        index = (index + 1) & mask
      }
    }
  }

  /// Caches `result` for `key` in `field`, which must not be cached yet.
  mutating func insert(_ key: ShortKey, field: Int, result: UInt32) {
    if (count + 1) * 2 > slots.count {
      let old = slots
      slots = [Slot](repeating: old[0], count: old.count * 2)
      for index in slots.indices { slots[index].key.length = 0 }
      count = 0
      for slot in old where slot.key.length != 0 {
        insert(slot.key, field: Int(slot.field), result: slot.result)
      }
    }
    let mask = slots.count - 1
    var index = Self.position(key, field) & mask
    while slots[index].key.length != 0 { index = (index + 1) & mask }
    slots[index] = Slot(key: key, field: UInt32(field), result: result)
    count += 1
  }

  /// The first slot to probe: one multiplication of the key's words is enough for the few
  /// dozen values a source has (``ShortKey/hash`` mixes more, for hundreds of thousands of ids).
  @inline(__always)
  private static func position(_ key: ShortKey, _ field: Int) -> Int {
    let mixed = key.head ^ (key.tail &<< 1) ^ (UInt64(key.length) | UInt64(field) << 8) &<< 40
    return Int(truncatingIfNeeded: (mixed &* 0x9E37_79B9_7F4A_7C15) >> 40)
  }
}

/// A source's value lookups and the dictionary of its open values.
struct ValueTables {
  var dictionary = ValueDictionary()
  /// Lookup per ``CanonicalField/index``; nil for fields that are not value-mapped.
  private var lookups: [ValueLookup?]
  private var cache = ShortValueCache()

  /// Lookups for the schema's closed and open fields, with the configured value mappings
  /// (SPEC §2.3): a dimension with a mapping is closed to its canonical values and the mapped
  /// ones, and the exclusion code to the declared causes when `exclusions` lists them.
  init(
    schema: SourceSchema, mappings: [CanonicalField: [String: String]], exclusions: [String: String]? = nil
  ) {
    lookups = [ValueLookup?](repeating: nil, count: CanonicalField.allCases.count)
    for (field, values) in schema.closedFields {
      lookups[field.index] = ValueLookup(domain: .closed(values), mapping: mappings[field] ?? [:])
    }
    for field in schema.openValueFields {
      var domain = ValueLookup.Domain.open
      if let dimension = field.dimension, mappings[field] != nil {
        domain = .listed(dimension.canonicalValues)
      } else if field == .exclusion, let exclusions {
        domain = .listed(exclusions.keys.sorted())
      }
      lookups[field.index] = ValueLookup(domain: domain, mapping: mappings[field] ?? [:])
    }
  }

  /// Tables for a source as configured: its schema, value mappings and exclusion causes.
  init(configuration: SourceConfiguration) {
    self.init(
      schema: configuration.schema, mappings: configuration.values, exclusions: configuration.exclusions)
  }

  /// A closed-domain value (status, kind, …) as its 1-based position, nil when empty.
  mutating func closed(_ field: CanonicalField, in fields: RowFields) throws(RowProblem) -> UInt32? {
    let value = fields.field(field)
    if value.isEmpty { return nil }
    guard let result = resolve(field, value, encoding: fields.encoding) else {
      throw RowProblem(field: field, value: fields.text(field), reason: "unknown value")
    }
    return result
  }

  /// A dimension or exclusion code as its dictionary id, 0 when empty.
  ///
  /// - Throws: "unknown value" for a closed dimension's value that is neither mapped nor
  ///   canonical, "unknown exclusion cause" for a code outside the declared `exclusions:`.
  @inline(__always)
  mutating func open(_ field: CanonicalField, in fields: RowFields) throws(RowProblem) -> UInt32 {
    let value = fields.field(field)
    if value.isEmpty { return 0 }
    guard let result = resolve(field, value, encoding: fields.encoding) else {
      throw RowProblem(
        field: field, value: fields.text(field),
        reason: field == .exclusion ? "unknown exclusion cause" : "unknown value")
    }
    return result
  }

  /// The result of a non-empty value read from a row: from the cache when it is short and was
  /// seen before.
  @inline(__always)
  private mutating func resolve(_ field: CanonicalField, _ value: FieldBytes, encoding: TextEncoding)
    -> UInt32?
  {
    guard value.count <= 16 else {
      return slowResolve(field, value.bytes, encoding: encoding, caching: nil)
    }
    let key = ShortKey(value)
    if let result = cache.find(key, field: field.index) { return result }
    return slowResolve(field, value.bytes, encoding: encoding, caching: key)
  }

  /// Maps a value not in the cache, and caches it under `key` unless a closed or listed field
  /// rejects it.
  @inline(never)
  private mutating func slowResolve(
    _ field: CanonicalField, _ value: UnsafeRawBufferPointer, encoding: TextEncoding, caching key: ShortKey?
  ) -> UInt32? {
    let result = lookups[field.index]!.resolve(value, encoding: encoding, dictionary: &dictionary)
    if let key, let result { cache.insert(key, field: field.index, result: result) }
    return result
  }
}
