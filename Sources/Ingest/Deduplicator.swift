import ReportCore

/// Folds records that share an id (SPEC §2.2).
///
/// The winner is the version with the latest `updated_at`; on a tie, or when versions
/// lack `updated_at`, the one read last (files are read in path order). A version
/// without `updated_at` counts as older than any version with one, which makes the
/// winner independent of how the comparisons are grouped. Rejected rows never get here,
/// so an earlier valid version stands.
struct Deduplicator<Record> {
  private var table = IDTable<Record>()
  /// Valid rows dropped because another row with the same id won.
  private(set) var folded = 0

  /// Offers a version read after every earlier one; `id` is the raw id field (a field view,
  /// see ``RowFields/bytes(_:)``: the table copies what it keeps).
  /// - Returns: true when the id was offered before (a fold), false for a new id.
  @discardableResult
  mutating func offer(id: UnsafeRawBufferPointer, record: Record, updatedAt: Int64?) -> Bool {
    let existed = table.offer(key: id, value: record, stamp: updatedAt ?? Int64.min)
    if existed { folded += 1 }
    return existed
  }

  /// Notes that `id` will be offered soon (see ``IDTable/prefetch(key:)``).
  mutating func prefetch(id: UnsafeRawBufferPointer) {
    table.prefetch(key: id)
  }

  /// Loads the table's memory for the ids noted since the last call (see ``IDTable/loadPrefetched()``).
  mutating func loadPrefetched() {
    table.loadPrefetched()
  }

  /// The winning versions, in order of first appearance of their ids.
  var winners: [Record] { table.values }
}

/// The records of a source with an id: folded by id when de-duplication is on (the
/// default for orders and tickets), else kept as read; with their ids, in the same order,
/// when asked (by `run`, for the breaches and the records files).
struct RecordStore<Record> {
  private var deduplicator: Deduplicator<Record>?
  private var kept: [Record] = []
  /// The ids of ``records`` in UTF-8, when kept.
  private(set) var ids: RecordIDs?

  init(deduplicating: Bool, keepingIDs: Bool = false) {
    deduplicator = deduplicating ? Deduplicator() : nil
    ids = keepingIDs ? RecordIDs() : nil
  }

  /// Valid rows dropped because another row with the same id won.
  var duplicates: Int { deduplicator?.folded ?? 0 }

  /// Keeps a record read after every earlier one; `id` is its raw id field, in `encoding`.
  ///
  /// A kept id is the one read first: the winners are in order of first appearance of their
  /// ids, and a later version has the same id bytes.
  @inline(__always)
  mutating func add(_ record: Record, id: UnsafeRawBufferPointer, updatedAt: Int64?, encoding: TextEncoding) {
    if deduplicator != nil {
      let folded = deduplicator!.offer(id: id, record: record, updatedAt: updatedAt)
      if ids != nil && !folded { keepID(id, encoding) }
    } else {
      kept.append(record)
      if ids != nil { keepID(id, encoding) }
    }
  }

  /// Keeps `id` in UTF-8: as it is when the file is UTF-8 (validated) or the id ASCII.
  private mutating func keepID(_ id: UnsafeRawBufferPointer, _ encoding: TextEncoding) {
    if encoding == .utf8 || !id.contains(where: { $0 >= 0x80 }) {
      ids!.append(utf8: id)
    } else {
      ids!.append(utf8: encoding.decode(id).utf8)
    }
  }

  /// See ``Deduplicator/prefetch(id:)``.
  mutating func prefetch(id: UnsafeRawBufferPointer) {
    deduplicator?.prefetch(id: id)
  }

  /// See ``Deduplicator/loadPrefetched()``.
  mutating func loadPrefetched() {
    deduplicator?.loadPrefetched()
  }

  /// The records: the winners in order of first appearance of their ids, or all as read.
  var records: [Record] { deduplicator?.winners ?? kept }
}
