import Dispatch
import Metrics
import ReportCore
import Synchronization

/// `records/<indicator>.csv` (SPEC §5, `run --records`): every record behind each figure of
/// the report, in every column, for auditors and AGCOM's information requests.
///
/// One row per record and report column it belongs to (an annual report lists a record of
/// H1 under `2025-H1` and again under `2025`), in column order (H1, H2, the year), then by id
/// in byte order. Machine format like the results: `,`, LF, a header line, `.` decimals,
/// canonical values, a field quoted only when it holds a comma, a quote or a line break.
///
/// Columns: `period,id,service,access,technology,customer,region,start,end`, then
/// - ATT: `days,on_time,exclusion` — start and end are the local dates of `order_date` and
///   `completion_date` (`yyyy-MM-dd`), days their difference;
/// - RIP: `suspended_minutes,minutes,hours,on_time,exclusion`; REC: `minutes,hours,on_time,
///   exclusion` — start and end are `opened_at` and `resolved_at` as the instants the tool
///   read, written as local time with the offset in force (`yyyy-MM-dd HH:mm:ss+01:00`);
///   minutes are the exact measured duration, hours the same rounded half-up to one decimal,
///   as published;
/// - GUA: `exclusion`; FAT and ACC: `invoice,counted,exclusion` — start and end as RIP's;
///   `counted` is true on the one complaint that counts each distinct invoice in the column
///   (the first in id order) and on every complaint without an invoice;
/// - TMO: `seconds,exclusion`; C20: `ended,seconds,on_time,short_abandon,exclusion` — start
///   and end are the call's `operator_requested_at` and `answered_at` (empty when not
///   answered), `ended` its `ended_at` (empty when not exported), written as RIP's times;
///   seconds the wait, true elapsed whole seconds, empty when not answered; `short_abandon`
///   true on a call left out of C20's population as a short abandon (its `on_time` empty);
/// - ISC: `responded,clarity,courtesy,quality,speed` — start is `sent_at`, end empty (an
///   invitation has no end); the scores as read, empty where not given.
///
/// A record removed by its exclusion code (ATT, RIP, REC, TMO, C20) is listed with its code and
/// empty measures; rates remove nothing, so their rows show a code for information only.
public enum RecordsCSV {
  /// The file's path in the report's directory.
  public static func path(_ code: IndicatorCode) -> String { "records/\(code.rawValue).csv" }

  /// The header line of an indicator's file.
  public static func header(_ code: IndicatorCode) -> String {
    let common = "period,id,service,access,technology,customer,region,start,end"
    switch code {
    case .ATT: return common + ",days,on_time,exclusion"
    case .RIP: return common + ",suspended_minutes,minutes,hours,on_time,exclusion"
    case .REC: return common + ",minutes,hours,on_time,exclusion"
    case .GUA: return common + ",exclusion"
    case .FAT, .ACC: return common + ",invoice,counted,exclusion"
    case .TMO: return common + ",seconds,exclusion"
    case .C20: return common + ",ended,seconds,on_time,short_abandon,exclusion"
    case .ISC: return common + ",responded,clarity,courtesy,quality,speed"
    }
  }

  /// The file's bytes.
  public static func render(_ records: IndicatorRecords) -> [UInt8] {
    var bytes: [UInt8] = []
    render(records, reusing: RenderBuffer()) { bytes.append(contentsOf: $0) }
    return bytes
  }

  /// How many bytes ``render(_:reusing:piece:readingBack:window:cells:_:)`` gathers before
  /// passing them on: small enough to be hashed and written while still in the processor's
  /// cache, and to keep a file of millions of rows out of memory.
  public static let pieceSize = 1 << 20

  /// Renders the file into `buffer` (reused: a file never needs more than about `piece`
  /// bytes of it) and passes its bytes to `write` in order, in pieces of about `piece` bytes,
  /// each valid only during the call. A failure of `write` stops the rendering.
  ///
  /// With `readBack` (it reads the bytes already passed on into a buffer, from an offset in
  /// the file, and says how many it read), a record listed again under the year is copied
  /// from its semester's row read back, `window` bytes at a time, instead of written anew;
  /// where that fails it is written anew.
  ///
  /// `cells` are the cells of the records' source (``Cells``), made once for the files of a
  /// source; without them they are made here.
  public static func render<Failure: Error>(
    _ records: IndicatorRecords, reusing buffer: RenderBuffer, piece: Int = pieceSize,
    readingBack readBack: ((UnsafeMutableRawBufferPointer, Int) -> Int)? = nil, window: Int = pieceSize,
    cells: Cells? = nil,
    _ write: (UnsafeRawBufferPointer) throws(Failure) -> Void
  ) throws(Failure) {
    let zone = records.zone
    let header = Array((header(records.code) + "\n").utf8)
    let periods = records.columns.map { Array($0.description.utf8) }
    let cells = cells ?? Cells(records)
    let values = cells.values
    let ids = cells.ids
    let code = records.code
    let days = DayTexts(around: records.columns)
    // An upper bound of a row's length: from the longest id and value when that bounds a row
    // by a few hundred bytes, else the largest of every row's own bound. A piece is passed on
    // before a row once it holds `piece` bytes, so the storage needs `piece` plus one row.
    let fixedBound = Row.fixedBound(code)
    var rowBound = fixedBound + periods.map(\.count).max()! + ids.longest + 7 * values.longest
    if rowBound > Row.quickBoundLimit {
      rowBound = 0
      for (column, rows) in records.rows.enumerated() {
        let fixed = periods[column].count + fixedBound
        switch records.source {
        case .orders(let orders):
          for row in rows {
            let order = orders[row.record]
            rowBound = max(
              rowBound,
              fixed + ids.length(row.record) + values.length(of: order.dimensions, order.exclusion, 0))
          }
        case .tickets(let tickets):
          for row in rows {
            let ticket = tickets[row.record]
            rowBound = max(
              rowBound,
              fixed + ids.length(row.record)
                + values.length(of: ticket.dimensions, ticket.exclusion, ticket.invoice))
          }
        case .calls(let calls):
          for row in rows {
            let call = calls[row.record]
            rowBound = max(
              rowBound, fixed + ids.length(row.record) + values.length(of: call.dimensions, call.exclusion, 0)
            )
          }
        case .surveys(let surveys):
          for row in rows {
            rowBound = max(
              rowBound,
              fixed + ids.length(row.record) + values.length(of: surveys[row.record].dimensions, 0, 0))
          }
        }
      }
    }
    let capacity = max(piece, header.count) + rowBound + ByteWriter.slack
    // Unsafe pointer, justified: the rows are written into the buffer's storage, sized to
    // the bound above (a checked append per byte would cost more than the rest of the work).
    let storage = buffer.reserve(capacity)
    var out = ByteWriter(storage, capacity: capacity, days: days)
    out.append(header)
    // A record listed in an annual report's semester and again in its year has the same
    // row but for the period: the second is copied from the first, from the storage while it
    // is still there, else read back (in a file over a piece, the semester's rows are passed
    // on before the year's).
    var earlier = EarlierRows(
      records: records.ids.count, columns: records.columns.count, readBack: readBack, window: window)
    defer { earlier.deallocate() }
    // One loop per source, written out: the same loop shared, with each source's cells as a
    // closure, boxes the writer the closures capture; on bench-run.sh's input the whole
    // `run --records` then took 4.3-4.6 s of CPU instead of 4.0-4.1 s (same bytes).
    try values.withBytes { valueBytes throws(Failure) in
      try ids.withBytes { idBytes throws(Failure) in
        switch records.source {
        case .orders(let orders):
          for (column, rows) in records.rows.enumerated() {
            for row in rows {
              if out.count >= piece { try out.passOn(write) }
              out.append(periods[column])
              out.comma()
              if earlier.copy(row, into: &out) { continue }
              let start = out.position
              let order = orders[row.record]
              out.append(idBytes, ids.range(row.record))
              out.dimensions(order.dimensions, valueBytes, values)
              out.date(order.orderDate)
              out.comma()
              if let completed = order.completionDate { out.date(completed) }
              out.measures(code, row.role, suspended: 0)
              out.comma()
              out.append(valueBytes, values.range(order.exclusion))
              out.newline()
              earlier.note(row, column: column, from: start, to: out.position)
            }
          }
        case .tickets(let tickets):
          for (column, rows) in records.rows.enumerated() {
            for row in rows {
              if out.count >= piece { try out.passOn(write) }
              out.append(periods[column])
              out.comma()
              if earlier.copy(row, into: &out) { continue }
              let start = out.position
              let ticket = tickets[row.record]
              out.append(idBytes, ids.range(row.record))
              out.dimensions(ticket.dimensions, valueBytes, values)
              out.instant(ticket.openedAt, zone)
              out.comma()
              if let resolved = ticket.resolvedAt { out.instant(resolved, zone) }
              if code == .FAT || code == .ACC {
                out.comma()
                out.append(valueBytes, values.range(ticket.invoice))
              }
              out.measures(code, row.role, suspended: ticket.suspendedMinutes)
              out.comma()
              out.append(valueBytes, values.range(ticket.exclusion))
              out.newline()
              earlier.note(row, column: column, from: start, to: out.position)
            }
          }
        case .calls(let calls):
          for (column, rows) in records.rows.enumerated() {
            for row in rows {
              if out.count >= piece { try out.passOn(write) }
              out.append(periods[column])
              out.comma()
              if earlier.copy(row, into: &out) { continue }
              let start = out.position
              let call = calls[row.record]
              out.append(idBytes, ids.range(row.record))
              out.dimensions(call.dimensions, valueBytes, values)
              // Only calls that asked for an operator are in TMO's and C20's records.
              out.instant(call.operatorRequestedAt!, zone)
              out.comma()
              if let answered = call.answeredAt { out.instant(answered, zone) }
              if code == .C20 {
                out.comma()
                if let ended = call.endedAt { out.instant(ended, zone) }
              }
              out.measures(code, row.role, suspended: 0)
              out.comma()
              out.append(valueBytes, values.range(call.exclusion))
              out.newline()
              earlier.note(row, column: column, from: start, to: out.position)
            }
          }
        case .surveys(let surveys):
          for (column, rows) in records.rows.enumerated() {
            for row in rows {
              if out.count >= piece { try out.passOn(write) }
              out.append(periods[column])
              out.comma()
              if earlier.copy(row, into: &out) { continue }
              let start = out.position
              let survey = surveys[row.record]
              out.append(idBytes, ids.range(row.record))
              out.dimensions(survey.dimensions, valueBytes, values)
              out.instant(survey.sentAt, zone)
              out.comma()
              out.comma()
              out.boolean(survey.responded)
              for question in SurveyQuestion.allCases {
                out.comma()
                if let score = survey[question] { out.integer(Int64(score)) }
              }
              out.newline()
              earlier.note(row, column: column, from: start, to: out.position)
            }
          }
        }
      }
    }
    try out.passOn(write)
  }

  /// The ids and the values of a source's records as CSV cells: the same for every file of
  /// the source (five files list tickets), so made once for them all.
  public struct Cells: Sendable {
    fileprivate let values: CSVStrings
    fileprivate let ids: CSVStrings

    /// The cells of the source `records` are listed from.
    public init(_ records: IndicatorRecords) {
      values = CSVStrings(records.values.strings)
      ids = CSVStrings(ids: records.ids)
    }

    /// The cells of each of `records`, made on every core, once for the files whose ids and
    /// values are the same arrays (the same storage: the files of one source).
    public static func shared(by records: [IndicatorRecords]) -> [Cells] {
      func address(_ records: IndicatorRecords) -> [UInt?] {
        [
          records.ids.bytes.withUnsafeBufferPointer { $0.baseAddress.map { UInt(bitPattern: $0) } },
          records.values.strings.withUnsafeBufferPointer { $0.baseAddress.map { UInt(bitPattern: $0) } },
        ]
      }
      let groups = Array(Dictionary(grouping: records.indices) { address(records[$0]) }.values)
      let made = Mutex([Int: Cells]())
      DispatchQueue.concurrentPerform(iterations: groups.count) { group in
        let cells = Cells(records[groups[group][0]])
        made.withLock { made in for index in groups[group] { made[index] = cells } }
      }
      return made.withLock { made in records.indices.map { made[$0]! } }
    }
  }

  /// The fixed part of a row's length bound.
  private enum Row {
    /// 16 separators at most, and the times and numbers of the row: two times of at most 40
    /// bytes (`yyyy-MM-dd HH:mm:ss+hh:mm:ss`, with room for a longer year) and RIP's numbers,
    /// suspended minutes (11), minutes (20), hours (21) and `false`; C20's three times, its
    /// seconds (20) and two `false`; ISC's time, `false` and four scores (6 each).
    static func fixedBound(_ code: IndicatorCode) -> Int {
      switch code {
      case .TMO, .C20: 16 + 3 * 40 + 20 + 5 + 5
      default: 16 + 2 * 40 + 11 + 20 + 21 + 5
      }
    }
    /// The largest row bound used for every row alike.
    static let quickBoundLimit = 512
  }
}

/// Strings as CSV cells, UTF-8 bytes back to back: the dictionary of a source's values (index
/// 0 the empty cell), or the ids of its records.
private struct CSVStrings: Sendable {
  /// The cells back to back, then ``ByteWriter/slack`` zero bytes, so that the first 16 bytes
  /// of any cell can be read at once.
  private var bytes: [UInt8] = []
  /// End of each cell in `bytes` (cell `i` starts where cell `i - 1` ends).
  private var ends: [Int] = []
  /// The length of the longest cell.
  private(set) var longest = 0

  /// The dictionary `strings`, cell `i` being string `i` (numbered from 1) and cell 0 empty.
  init(_ strings: [String]) {
    ends.reserveCapacity(strings.count + 1)
    ends.append(0)
    for string in strings { append(Array(string.utf8)) }
    bytes.append(contentsOf: repeatElement(0, count: ByteWriter.slack))
  }

  /// The ids, cell `i` being id `i`.
  init(ids: RecordIDs) {
    ends.reserveCapacity(ids.count)
    ids.bytes.withUnsafeBufferPointer { all in
      for index in 0..<ids.count {
        let range = ids.range(of: index)
        append(UnsafeBufferPointer(rebasing: all[range]))
      }
    }
    bytes.append(contentsOf: repeatElement(0, count: ByteWriter.slack))
  }

  /// Appends one cell as ``CSVCell`` writes it (quoted when it holds a comma, a quote or a line
  /// break); printable ASCII without either, the usual id or value, is copied as it is.
  private mutating func append(_ cell: some Collection<UInt8>) {
    if cell.allSatisfy({ (0x20..<0x7F).contains($0) && $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "\"") })
    {
      bytes.append(contentsOf: cell)
    } else {
      let text = String(decoding: cell, as: UTF8.self)
      bytes.append(contentsOf: CSVCell.render(text, delimiter: ",", guardingFormulas: false).utf8)
    }
    longest = max(longest, bytes.count - (ends.last ?? 0))
    ends.append(bytes.count)
  }

  func range(_ index: Int) -> Range<Int> { (index == 0 ? 0 : ends[index - 1])..<ends[index] }
  func range(_ id: UInt32) -> Range<Int> { range(Int(id)) }
  func length(_ index: Int) -> Int { range(index).count }

  /// The length of the dimension, exclusion and invoice cells of a record.
  func length(of dimensions: DimensionValues, _ exclusion: UInt32, _ invoice: UInt32) -> Int {
    length(Int(dimensions.service)) + length(Int(dimensions.access)) + length(Int(dimensions.technology))
      + length(Int(dimensions.customer)) + length(Int(dimensions.region)) + length(Int(exclusion))
      + length(Int(invoice))
  }

  func withBytes<Result, Failure: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result)
    throws(Failure) -> Result
  {
    try bytes.withUnsafeBufferPointer(body)
  }
}

/// Storage that records files are rendered into one after the other, a piece at a time
/// (``RecordsCSV/render(_:reusing:piece:readingBack:window:cells:_:)``), grown when a file
/// needs more. Not for use by two threads at once.
///
/// Unsafe pointer, justified: the renderer writes rows in place (``ByteWriter``).
public final class RenderBuffer {
  private var storage: UnsafeMutablePointer<UInt8>?
  private var capacity = 0

  public init() {}

  deinit { storage?.deallocate() }

  /// Storage for at least `count` bytes, the previous contents discarded.
  func reserve(_ count: Int) -> UnsafeMutablePointer<UInt8> {
    if let storage, capacity >= count { return storage }
    storage?.deallocate()
    capacity = max(count, 1)
    storage = .allocate(capacity: capacity)
    return storage!
  }
}

/// Writes a records file's bytes into storage sized beforehand.
///
/// Unsafe pointer, justified: every write stays within `capacity`, the bound the caller
/// computed for exactly these rows plus ``slack`` (checked in debug builds).
private struct ByteWriter {
  /// Bytes readable after the last cell of a ``CSVStrings`` and writable after the last row,
  /// so that a short cell is copied as two 8-byte words.
  static let slack = 16

  private let base: UnsafeMutablePointer<UInt8>
  private let capacity: Int
  private let days: DayTexts
  /// Bytes in the storage, not yet passed on.
  private(set) var count = 0
  /// Bytes of the file already passed on (``passOn(_:)``).
  private(set) var passed = 0
  /// The position in the file of the next byte.
  var position: Int { passed + count }

  /// Passes the bytes in the storage on to `write`, then starts again at its beginning.
  mutating func passOn<Failure: Error>(_ write: (UnsafeRawBufferPointer) throws(Failure) -> Void)
    throws(Failure)
  {
    try write(UnsafeRawBufferPointer(start: base, count: count))
    passed += count
    count = 0
  }

  init(_ base: UnsafeMutablePointer<UInt8>, capacity: Int, days: DayTexts) {
    self.base = base
    self.capacity = capacity
    self.days = days
  }

  @inline(__always)
  mutating func byte(_ value: UInt8) {
    assert(count < capacity)
    base[count] = value
    count &+= 1
  }

  @inline(__always) mutating func comma() { byte(UInt8(ascii: ",")) }
  @inline(__always) mutating func newline() { byte(0x0A) }

  mutating func append(_ bytes: [UInt8]) {
    assert(count + bytes.count <= capacity)
    if bytes.isEmpty { return }
    bytes.withUnsafeBufferPointer { (base + count).update(from: $0.baseAddress!, count: $0.count) }
    count &+= bytes.count
  }

  /// Appends the cell at `range` of `source`, a ``CSVStrings``'s bytes.
  @inline(__always)
  mutating func append(_ source: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
    assert(count + max(range.count, Self.slack) <= capacity)
    let from = UnsafeRawPointer(source.baseAddress! + range.lowerBound)
    if range.count <= 16 {
      // Two words, whatever the length: the source has slack after its last cell, the
      // storage after the last row; the bytes past the cell are overwritten next.
      let to = UnsafeMutableRawPointer(base + count)
      to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
      to.storeBytes(
        of: from.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
    } else {
      (base + count).update(from: source.baseAddress! + range.lowerBound, count: range.count)
    }
    count &+= range.count
  }

  /// Appends `length` bytes already written at `start` (a position in the file), when they
  /// are still in the storage; false when they have been passed on.
  @inline(__always)
  mutating func appendEarlier(_ start: Int, length: Int) -> Bool {
    guard start >= passed else { return false }
    let local = start - passed
    assert(local + length <= count && count + length <= capacity)
    (base + count).update(from: base + local, count: length)
    count &+= length
    return true
  }

  /// Appends `length` bytes from `source`, one row of the file read back: a row, like every
  /// row, fits in the storage's bound.
  @inline(__always)
  mutating func append(_ source: UnsafeRawPointer, length: Int) {
    assert(count + length <= capacity)
    UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: length)
    count &+= length
  }

  /// `,service,access,technology,customer,region,`: each a value or empty.
  @inline(__always)
  mutating func dimensions(
    _ dimensions: DimensionValues, _ bytes: UnsafeBufferPointer<UInt8>, _ strings: CSVStrings
  ) {
    comma()
    append(bytes, strings.range(dimensions.service))
    comma()
    append(bytes, strings.range(dimensions.access))
    comma()
    append(bytes, strings.range(dimensions.technology))
    comma()
    append(bytes, strings.range(dimensions.customer))
    comma()
    append(bytes, strings.range(dimensions.region))
    comma()
  }

  /// The measure columns after `end`, each preceded by its comma; `suspended` for RIP.
  @inline(__always)
  mutating func measures(_ code: IndicatorCode, _ role: RecordRole, suspended: Int32) {
    switch code {
    case .ATT:
      comma()
      if case .measured(let days, let onTime) = role {
        integer(days)
        comma()
        boolean(onTime)
      } else {
        comma()
      }
    case .RIP, .REC:
      if code == .RIP {
        comma()
        integer(Int64(suspended))
      }
      comma()
      if case .measured(let minutes, let onTime) = role {
        integer(minutes)
        comma()
        let hours = ExactDecimal(roundingHalfUp: Int(minutes), over: 60, scale: 1).units
        integer(hours / 10)
        byte(UInt8(ascii: "."))
        byte(UInt8(ascii: "0") + UInt8(hours % 10))
        comma()
        boolean(onTime)
      } else {
        comma()
        comma()
      }
    case .GUA:
      break
    case .FAT, .ACC:
      comma()
      if case .numerator(let counts) = role { boolean(counts) }
    case .TMO:
      comma()
      if case .waited(let seconds) = role { integer(seconds) }
    case .C20:
      // `,seconds,on_time,short_abandon`.
      comma()
      switch role {
      case .called(let wait, let onTime):
        if let wait { integer(wait) }
        comma()
        boolean(onTime)
        comma()
        boolean(false)
      case .shortAbandon:
        comma()
        comma()
        boolean(true)
      default:  // excluded
        comma()
        comma()
        boolean(false)
      }
    case .ISC:
      preconditionFailure("ISC's answers are written from the survey (RecordsCSV.render)")
    }
  }

  @inline(__always)
  mutating func boolean(_ value: Bool) {
    if value {
      for character in "true".utf8 { byte(character) }
    } else {
      for character in "false".utf8 { byte(character) }
    }
  }

  /// A whole number in decimal digits.
  mutating func integer(_ value: Int64) {
    if value < 0 { byte(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    var digits:
      (
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
      ) = (
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
      )
    var length = 0
    withUnsafeMutableBytes(of: &digits) { digits in
      repeat {
        digits[length] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
        length += 1
      } while magnitude > 0
      for index in stride(from: length - 1, through: 0, by: -1) { byte(digits[index]) }
    }
  }

  /// `value` with at least `width` digits (zero-padded), for dates and times.
  @inline(__always)
  mutating func padded(_ value: Int, width: Int) {
    if value >= 0 && value < 10_000 {
      var divisor = 1
      for _ in 1..<width { divisor *= 10 }
      if value >= divisor * 10 {
        integer(Int64(value))
        return
      }
      var rest = value
      while divisor > 0 {
        byte(UInt8(ascii: "0") + UInt8(rest / divisor))
        rest %= divisor
        divisor /= 10
      }
    } else {
      integer(Int64(value))
    }
  }

  /// `yyyy-MM-dd`.
  mutating func date(_ date: LocalDate) {
    if let text = days.text(date) {
      assert(count + 10 <= capacity)
      let raw = UnsafeMutableRawPointer(base + count)
      raw.storeBytes(of: text.high.littleEndian, as: UInt16.self)
      raw.storeBytes(of: text.low.littleEndian, toByteOffset: 2, as: UInt64.self)
      count &+= 10
      return
    }
    let (year, month, day) = date.civil
    padded(year, width: 4)
    byte(UInt8(ascii: "-"))
    padded(month, width: 2)
    byte(UInt8(ascii: "-"))
    padded(day, width: 2)
  }

  /// The local time at `instant` with the offset in force, `yyyy-MM-dd HH:mm:ss+hh:mm`
  /// (`+hh:mm:ss` for an offset with seconds, which only some zones had before 1972).
  mutating func instant(_ instant: Int64, _ zone: TimeZoneTable) {
    let offset = Int(zone.offset(at: instant))
    let local = LocalDateTime(seconds: instant + Int64(offset))
    date(local.date)
    byte(UInt8(ascii: " "))
    let second = local.secondOfDay
    padded(second / 3600, width: 2)
    byte(UInt8(ascii: ":"))
    padded(second / 60 % 60, width: 2)
    byte(UInt8(ascii: ":"))
    padded(second % 60, width: 2)
    byte(UInt8(ascii: offset < 0 ? "-" : "+"))
    let magnitude = abs(offset)
    padded(magnitude / 3600, width: 2)
    byte(UInt8(ascii: ":"))
    padded(magnitude / 60 % 60, width: 2)
    if magnitude % 60 != 0 {
      byte(UInt8(ascii: ":"))
      padded(magnitude % 60, width: 2)
    }
  }
}

/// `yyyy-MM-dd` of every day from three years before a report's first column to three years
/// after its last, worked out once per file: nearly every date of its records is one of them.
private struct DayTexts {
  private let first: Int32
  /// Per day, its 10 bytes: the first 2 in `high`, the other 8 in `low` (first byte lowest).
  private let texts: [(high: UInt16, low: UInt64)]

  init(around columns: [ReportPeriod]) {
    first = columns.map(\.first.day).min()! - 3 * 366
    let last = columns.map(\.last.day).max()! + 3 * 366
    texts = (first...last).map { day in
      let bytes = Array(LocalDate(day: day).description.utf8)
      guard bytes.count == 10 else { return (0, 0) }
      var low: UInt64 = 0
      for offset in 0..<8 { low |= UInt64(bytes[2 + offset]) << (8 * UInt64(offset)) }
      return (UInt16(bytes[0]) | UInt16(bytes[1]) << 8, low)
    }
  }

  /// The text of `date`, nil outside the days worked out.
  @inline(__always)
  func text(_ date: LocalDate) -> (high: UInt16, low: UInt64)? {
    let index = Int(date.day - first)
    guard index >= 0 && index < texts.count, texts[index].high != 0 else { return nil }
    return texts[index]
  }
}

/// Where the row of each record was last written, after its period, so that a record listed
/// again with the same role (in an annual report, under its semester and under the year) is
/// copied instead of written anew: from the storage while it is still there (not yet passed
/// on), else from the file read back (a window per column, refilled as the rows copied move
/// on: the year's rows take each semester's in the same order, both sorted by id). Kept only
/// for reports of several columns.
///
/// Unsafe pointers, justified: the windows are read into and copied from within their size.
private struct EarlierRows {
  private struct Earlier {
    /// -1: none yet.
    var start = -1
    var length: Int32 = 0
    var role = RecordRole.excluded
  }
  /// Per record.
  private var rows: [Earlier] = []
  /// Where each column's first row written anew starts in the file (nil before it).
  private var columnStarts: [Int?] = []
  private let readBack: (UnsafeMutableRawBufferPointer, Int) -> Int
  /// False without a read-back, and after a read that failed: the rest of the file is
  /// written anew.
  private var reading: Bool
  /// Per column, bytes of the file read back from `start`.
  private var windows: [(storage: UnsafeMutableRawBufferPointer, start: Int, count: Int)] = []

  init(records: Int, columns: Int, readBack: ((UnsafeMutableRawBufferPointer, Int) -> Int)?, window: Int) {
    self.readBack = readBack ?? { _, _ in 0 }
    reading = columns > 1 && readBack != nil
    guard columns > 1 else { return }
    rows = [Earlier](repeating: Earlier(), count: records)
    columnStarts = [Int?](repeating: nil, count: columns)
    if reading {
      windows = (0..<columns).map { _ in
        (UnsafeMutableRawBufferPointer.allocate(byteCount: max(window, 1), alignment: 1), 0, 0)
      }
    }
  }

  /// Frees the windows.
  func deallocate() {
    for window in windows { window.storage.deallocate() }
  }

  /// Copies the earlier row of `row`'s record when it had the same role and is still in the
  /// storage, or can be read back; false otherwise.
  @inline(__always)
  mutating func copy(_ row: RecordRow, into out: inout ByteWriter) -> Bool {
    guard !rows.isEmpty else { return false }
    let earlier = rows[row.record]
    guard earlier.start >= 0, earlier.role == row.role else { return false }
    let (start, length) = (earlier.start, Int(earlier.length))
    if out.appendEarlier(start, length: length) { return true }
    guard reading else { return false }
    // The column the earlier row is in: the last whose rows start before it.
    var column = columnStarts.count - 1
    while column > 0 && (columnStarts[column] ?? .max) > start { column -= 1 }
    var window = windows[column]
    if start < window.start || start + length > window.start + window.count {
      // Only what has been passed on is in the file.
      let available = min(window.storage.count, out.passed - start)
      guard available >= length else { return false }
      window.start = start
      window.count = readBack(UnsafeMutableRawBufferPointer(rebasing: window.storage[..<available]), start)
      windows[column] = window
      guard window.count >= length else {
        reading = false
        return false
      }
    }
    out.append(window.storage.baseAddress! + (start - window.start), length: length)
    return true
  }

  /// Notes that `row`, in `column`, was written from `start` to `end`.
  @inline(__always)
  mutating func note(_ row: RecordRow, column: Int, from start: Int, to end: Int) {
    guard !rows.isEmpty else { return }
    if columnStarts[column] == nil { columnStarts[column] = start }
    rows[row.record] = Earlier(start: start, length: Int32(end - start), role: row.role)
  }
}
