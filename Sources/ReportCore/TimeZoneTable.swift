import Foundation

/// A zone's UTC-offset transitions from 1900 to 2200, precomputed so that converting a row's
/// time never touches Foundation's `Calendar`, `TimeZone` or `DateFormatter`.
///
/// Implements SPEC §3: naive timestamps are local time in the configured zone; a local time
/// that occurs twice (October fall-back) is its first occurrence; a local time that does not
/// exist (March gap) is moved forward by the gap. A lookup between 1900 and 2200 reads where
/// to start in a bucket index and steps over at most a transition or two; outside, it is a
/// binary search over a few hundred integers.
public struct TimeZoneTable: Sendable {
  /// The identifier the table was built from (as given, e.g. `Europe/Rome`).
  public let identifier: String

  /// UTC instants (seconds since the Unix epoch) at which the offset changes, ascending.
  @usableFromInline let transitions: [Int64]

  /// `offsets[i]` is the offset in force before `transitions[i]`; the last one after all of them.
  /// Always one longer than `transitions`.
  @usableFromInline let offsets: [Int32]

  /// Local wall-clock seconds from which `offsets[i + 1]` applies instead of `offsets[i]`:
  /// `transitions[i] + max(offsets[i], offsets[i + 1])`, ascending.
  @usableFromInline let localThresholds: [Int64]

  /// `transitionStarts[b]` is the number of `transitions` before bucket `b`, the seconds from
  /// `firstInstant + b << bucketShift` on: a lookup in the bucket skips them without searching.
  @usableFromInline let transitionStarts: [Int32]

  /// The same for `localThresholds`.
  @usableFromInline let thresholdStarts: [Int32]

  /// log2 of a bucket's length in seconds (2^21 s ≈ 24 days): shorter than the time between
  /// two transitions of any real zone, so a bucket seldom holds more than one.
  @inlinable static var bucketShift: Int64 { 21 }

  /// Buckets cover `firstInstant ..< firstInstant + bucketCount << bucketShift`, a little past 2200.
  @inlinable static var bucketCount: Int64 { (lastInstant - firstInstant) >> bucketShift + 2 }

  /// 1900-01-01T00:00:00Z, the start of the table.
  @inlinable static var firstInstant: Int64 { -2_208_988_800 }

  /// 2200-01-01T00:00:00Z, the end of the table.
  @inlinable static var lastInstant: Int64 { 7_258_118_400 }

  /// Builds the table of `identifier` from Foundation's time-zone database.
  ///
  /// Reads every transition between 1900 and 2200 once; before 1900 the offset of 1900
  /// applies, after 2200 the last offset before it.
  /// - Throws: `TimeZoneError.unknownIdentifier` when Foundation does not know the zone.
  public init(identifier: String) throws(TimeZoneError) {
    guard let zone = TimeZone(identifier: identifier) else {
      throw .unknownIdentifier(identifier)
    }
    var transitions: [Int64] = []
    var offsets: [Int32] = [
      Int32(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(Self.firstInstant))))
    ]
    var cursor = Date(timeIntervalSince1970: Double(Self.firstInstant))
    while let next = zone.nextDaylightSavingTimeTransition(after: cursor),
      next.timeIntervalSince1970 < Double(Self.lastInstant), next > cursor
    {
      cursor = next
      let instant = Int64(next.timeIntervalSince1970.rounded(.down))
      let offset = Int32(zone.secondsFromGMT(for: next))
      // Foundation also reports changes of the DST flag or name that keep the offset.
      guard offset != offsets.last! else { continue }
      transitions.append(instant)
      offsets.append(offset)
    }
    self.init(identifier: identifier, transitions: transitions, offsets: offsets)
  }

  /// A zone with one offset forever (`0` is UTC).
  ///
  /// - Parameter fixedOffsetSeconds: seconds east of UTC.
  public init(fixedOffsetSeconds: Int32) {
    let sign = fixedOffsetSeconds < 0 ? "-" : "+"
    let magnitude = Int(fixedOffsetSeconds.magnitude)
    let hours = magnitude / 3600
    let minutes = magnitude / 60 % 60
    let name =
      fixedOffsetSeconds == 0
      ? "UTC"
      : "UTC\(sign)\(hours < 10 ? "0" : "")\(hours):\(minutes < 10 ? "0" : "")\(minutes)"
    self.init(identifier: name, transitions: [], offsets: [fixedOffsetSeconds])
  }

  /// Builds the lookup arrays from transitions and the offsets around them.
  private init(identifier: String, transitions: [Int64], offsets: [Int32]) {
    precondition(offsets.count == transitions.count + 1)
    self.identifier = identifier
    self.transitions = transitions
    self.offsets = offsets
    var thresholds: [Int64] = []
    thresholds.reserveCapacity(transitions.count)
    for (index, instant) in transitions.enumerated() {
      let threshold = instant + Int64(max(offsets[index], offsets[index + 1]))
      // Transitions are months apart in every real zone; keep the array sorted regardless.
      thresholds.append(max(threshold, thresholds.last ?? .min))
    }
    self.localThresholds = thresholds
    self.transitionStarts = Self.bucketStarts(of: transitions)
    self.thresholdStarts = Self.bucketStarts(of: thresholds)
  }

  /// For every bucket, the number of elements of the ascending `array` before its start.
  private static func bucketStarts(of array: [Int64]) -> [Int32] {
    (0..<bucketCount).map { bucket in
      Int32(countNotAfter(firstInstant + bucket << bucketShift - 1, in: array))
    }
  }

  /// The UTC instant of a local wall-clock time (seconds since the Unix epoch).
  ///
  /// SPEC §3: a time in the autumn fold is its first occurrence (Europe/Rome 2025-10-26 02:30
  /// → 00:30 UTC); a time in the spring gap is moved forward by the gap (2025-03-30 02:30 →
  /// 01:30 UTC, which reads 03:30 CEST). A wall time `L` uses the offset before a transition at
  /// `t` from `o1` to `o2` iff `L < t + max(o1, o2)`.
  @inlinable @inline(__always)
  public func instant(for local: LocalDateTime) -> Int64 {
    let index = Self.countNotAfter(local.seconds, in: localThresholds, starts: thresholdStarts)
    return local.seconds - Int64(offsets[index])
  }

  /// The offset from UTC, in seconds east, in force at `instant` (seconds since the Unix epoch).
  @inlinable @inline(__always)
  public func offset(at instant: Int64) -> Int32 {
    offsets[Self.countNotAfter(instant, in: transitions, starts: transitionStarts)]
  }

  /// The local wall-clock time at `instant` (seconds since the Unix epoch).
  @inlinable @inline(__always)
  public func localDateTime(at instant: Int64) -> LocalDateTime {
    LocalDateTime(seconds: instant + Int64(offset(at: instant)))
  }

  /// The local calendar date at `instant` (seconds since the Unix epoch).
  @inlinable @inline(__always)
  public func localDate(at instant: Int64) -> LocalDate {
    localDateTime(at: instant).date
  }

  /// `instant(for: local)` and the local date at that instant, with one look-up instead of two:
  /// the date is the wall clock's own, except for a time in the spring gap, which is moved
  /// forward (SPEC §3) and may cross midnight.
  @inlinable @inline(__always)
  public func instantAndLocalDate(for local: LocalDateTime) -> (instant: Int64, date: LocalDate) {
    let index = Self.countNotAfter(local.seconds, in: localThresholds, starts: thresholdStarts)
    let instant = local.seconds - Int64(offsets[index])
    // The instant is at or after transitions[index - 1] (the threshold before it is at least
    // that transition plus offsets[index]), so until transitions[index] it is in force with
    // offsets[index] and reads as `local`; at or after, the time was in a gap.
    if index < transitions.count && instant >= transitions[index] {
      return (instant, localDate(at: instant))
    }
    return (instant, local.date)
  }

  /// The number of elements of the ascending `array` that are `<= value`, counted from the
  /// start of `value`'s bucket (`starts` from ``bucketStarts(of:)``) when it has one.
  @inlinable @inline(__always)
  static func countNotAfter(_ value: Int64, in array: [Int64], starts: [Int32]) -> Int {
    let bucket = (value &- firstInstant) >> bucketShift
    guard value >= firstInstant, bucket < bucketCount else { return countNotAfter(value, in: array) }
    return array.withUnsafeBufferPointer { buffer in
      var count = Int(starts[Int(bucket)])
      while count < buffer.count && buffer[count] <= value { count &+= 1 }
      return count
    }
  }

  /// The number of elements of the ascending `array` that are `<= value` (binary search).
  @inlinable @inline(__always)
  static func countNotAfter(_ value: Int64, in array: [Int64]) -> Int {
    array.withUnsafeBufferPointer { buffer in
      var low = 0
      var high = buffer.count
      while low < high {
        let middle = (low &+ high) >> 1
        if buffer[middle] <= value {
          low = middle &+ 1
        } else {
          high = middle
        }
      }
      return low
    }
  }
}

/// Why a `TimeZoneTable` could not be built.
public enum TimeZoneError: Error, Sendable, Equatable {
  /// Foundation's time-zone database has no zone with this identifier.
  case unknownIdentifier(String)
}
