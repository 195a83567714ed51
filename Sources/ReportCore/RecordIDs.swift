/// The ids of a source's records (SPEC §2.1 `order_id`, `ticket_id`, `call_id`, `survey_id`),
/// in UTF-8, one per record and in the records' order: `ids[i]` is the id of `records[i]`.
///
/// The orders' and tickets' are kept by `run`, for the breaches of `indennizzi-<period>.csv`
/// (SPEC §4.2) and the records files of `--records`; the calls' and surveys' by `run --records`
/// only. The figures never need an id once de-duplication is done, and `check` keeps none. Stored back to back in one byte array, so that hundreds
/// of thousands of ids cost one allocation and no `String`.
public struct RecordIDs: Sendable, Equatable {
  /// Every id's bytes, back to back.
  public private(set) var bytes: [UInt8] = []
  /// The end of each id in ``bytes``; id `i` starts where id `i - 1` ends.
  private var ends: [Int] = []

  public init() {}

  /// The number of ids.
  public var count: Int { ends.count }

  /// Adds the next record's id, already in UTF-8.
  public mutating func append(utf8 id: some Sequence<UInt8>) {
    bytes.append(contentsOf: id)
    ends.append(bytes.count)
  }

  /// Where the bytes of id `index` are in ``bytes``.
  public func range(of index: Int) -> Range<Int> {
    (index == 0 ? 0 : ends[index - 1])..<ends[index]
  }

  /// Id `index` as text.
  public subscript(index: Int) -> String {
    String(decoding: bytes[range(of: index)], as: UTF8.self)
  }

  /// Whether id `lhs` comes before id `rhs` in byte order (SPEC §5: records are listed in id
  /// byte order); a prefix comes first.
  public func precedes(_ lhs: Int, _ rhs: Int) -> Bool {
    let (left, right) = (range(of: lhs), range(of: rhs))
    return bytes.withUnsafeBufferPointer { buffer in
      let common = min(left.count, right.count)
      var offset = 0
      while offset < common {
        let (a, b) = (buffer[left.lowerBound + offset], buffer[right.lowerBound + offset])
        if a != b { return a < b }
        offset += 1
      }
      return left.count < right.count
    }
  }
}
