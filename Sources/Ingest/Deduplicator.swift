/// Folds records that share an id (SPEC §2.2).
///
/// The winner is the version with the latest `updated_at`; on a tie, or when versions
/// lack `updated_at`, the one read last (files are read in path order). A version
/// without `updated_at` counts as older than any version with one, which makes the
/// winner independent of how the comparisons are grouped. Rejected rows never get here,
/// so an earlier valid version stands.
struct Deduplicator<Record> {
  private(set) var winners: [String: (record: Record, updatedAt: Int64)] = [:]
  /// Valid rows dropped because another row with the same id won.
  private(set) var folded = 0

  /// Offers a version read after every earlier one.
  mutating func offer(id: String, record: Record, updatedAt: Int64?) {
    let stamp = updatedAt ?? Int64.min
    if let existing = winners[id] {
      folded += 1
      if stamp < existing.updatedAt { return }
    }
    winners[id] = (record, stamp)
  }
}
