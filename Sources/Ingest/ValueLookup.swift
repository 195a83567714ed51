import ReportCore

/// Maps a field's raw values to canonical values (SPEC §2: `Completato` → `completed`).
///
/// A raw value is looked up exactly (after trimming spaces), then ignoring case, first
/// among the configured mappings and then among the canonical values themselves. A
/// closed field (status, kind, …) rejects anything else; an open field (dimensions,
/// exclusion codes) keeps the text as written. Results are cached by raw bytes, so the
/// hot path compares two words per known value and allocates nothing.
struct ValueLookup {
  /// What a field accepts.
  enum Domain {
    /// Only these canonical values; the result is the 1-based position in the list.
    case closed([String])
    /// Any text; the result is its id in the source's ``ValueDictionary``.
    case open
  }

  private let domain: Domain
  private let exact: [String: String]
  private let folded: [String: String]
  /// Raw values of up to 16 bytes seen so far, as two words each: compared without memcmp.
  private var shortKeys: [ShortKey] = []
  private var longKeys: [[UInt8]: UInt32] = [:]

  /// A raw value of at most 16 bytes, zero-padded into two words, and its result.
  private struct ShortKey {
    var length: Int
    var head: UInt64
    var tail: UInt64
    var result: UInt32
  }

  init(domain: Domain, mapping: [String: String]) {
    self.domain = domain
    var exact = mapping
    if case .closed(let values) = domain {
      for value in values where exact[value] == nil { exact[value] = value }
    }
    self.exact = exact
    self.folded = Dictionary(
      exact.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
  }

  /// The id of a trimmed, non-empty raw value, or nil when a closed field does not know it.
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
    var words: (UInt64, UInt64) = (0, 0)
    withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: bytes) }
    let length = bytes.count
    let found: UInt32? = shortKeys.withUnsafeBufferPointer { keys in
      for key in keys where key.head == words.0 && key.tail == words.1 && key.length == length {
        return key.result
      }
      return nil
    }
    if let found { return found }
    guard let result = slowResolve(encoding.decode(bytes), dictionary: &dictionary) else { return nil }
    shortKeys.append(ShortKey(length: length, head: words.0, tail: words.1, result: result))
    return result
  }

  private func slowResolve(_ text: String, dictionary: inout ValueDictionary) -> UInt32? {
    let canonical = exact[text] ?? folded[text.lowercased()]
    switch domain {
    case .closed(let values):
      guard let canonical, let position = values.firstIndex(of: canonical) else { return nil }
      return UInt32(position + 1)
    case .open:
      return dictionary.id(for: canonical ?? text)
    }
  }
}

/// A source's value lookups and the dictionary of its open values.
struct ValueTables {
  var dictionary = ValueDictionary()
  /// Lookup per ``CanonicalField/index``; nil for fields that are not value-mapped.
  private var lookups: [ValueLookup?]

  /// Lookups for the closed and open fields from the configured value mappings.
  init(closed: [CanonicalField: [String]], open: [CanonicalField], mappings: [String: [String: String]]) {
    lookups = [ValueLookup?](repeating: nil, count: CanonicalField.allCases.count)
    for (field, values) in closed {
      lookups[field.index] = ValueLookup(domain: .closed(values), mapping: mappings[field.name] ?? [:])
    }
    for field in open {
      lookups[field.index] = ValueLookup(domain: .open, mapping: mappings[field.name] ?? [:])
    }
  }

  /// A closed-domain value (status, kind, …) as its 1-based position, nil when empty.
  mutating func closed(_ field: CanonicalField, in fields: RowFields) throws(RowProblem) -> UInt32? {
    let value = fields.bytes(field)
    if value.isEmpty { return nil }
    guard
      let result = lookups[field.index]!.resolve(value, encoding: fields.encoding, dictionary: &dictionary)
    else {
      throw RowProblem(field: field, value: fields.text(field), reason: "unknown value")
    }
    return result
  }

  /// An open value (dimension, exclusion code) as its dictionary id, 0 when empty.
  mutating func open(_ field: CanonicalField, in fields: RowFields) -> UInt32 {
    let value = fields.bytes(field)
    if value.isEmpty { return 0 }
    return lookups[field.index]!.resolve(value, encoding: fields.encoding, dictionary: &dictionary) ?? 0
  }
}
