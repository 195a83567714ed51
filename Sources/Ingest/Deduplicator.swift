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
  mutating func offer(id: UnsafeRawBufferPointer, record: Record, updatedAt: Int64?) {
    if table.offer(key: id, value: record, stamp: updatedAt ?? Int64.min) { folded += 1 }
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
/// default for orders and tickets), else kept as read.
struct RecordStore<Record> {
  private var deduplicator: Deduplicator<Record>?
  private var kept: [Record] = []

  init(deduplicating: Bool) {
    deduplicator = deduplicating ? Deduplicator() : nil
  }

  /// Valid rows dropped because another row with the same id won.
  var duplicates: Int { deduplicator?.folded ?? 0 }

  /// Keeps a record read after every earlier one; `id` is its raw id field.
  @inline(__always)
  mutating func add(_ record: Record, id: UnsafeRawBufferPointer, updatedAt: Int64?) {
    if deduplicator != nil {
      deduplicator!.offer(id: id, record: record, updatedAt: updatedAt)
    } else {
      kept.append(record)
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
