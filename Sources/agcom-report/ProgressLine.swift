import Foundation
import Ingest
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// One status line on a terminal while the exports are read (issue "Performance", point 6):
/// bytes read of the total per source, the speed, and an estimate of the time left, redrawn
/// four times a second in place and erased when reading ends. Nothing at all when standard
/// error is not a terminal: cron and CI keep their one-line events.
final class ProgressLine: Sendable {
  let progress = ReadProgress()
  private let stopped = Mutex(false)
  private let done = DispatchSemaphore(value: 0)

  /// Runs `read` (ingestion) with a progress line when standard error is a terminal; the
  /// line is erased when `read` returns or throws, before anything else is printed.
  static func reading<T>(_ read: (ReadProgress?) async throws(IngestError) -> T) async throws(IngestError)
    -> T
  {
    let line = onTerminal()
    line?.start()
    defer { line?.stop() }
    return try await read(line?.progress)
  }

  /// A progress line when standard error is a terminal (and not a dumb one), else nil.
  static func onTerminal() -> ProgressLine? {
    guard isatty(STDERR_FILENO) != 0, ProcessInfo.processInfo.environment["TERM"] != "dumb" else {
      return nil
    }
    return ProgressLine()
  }

  /// Starts redrawing the line until ``stop()``.
  func start() {
    let started = ContinuousClock.now
    Thread.detachNewThread { [self] in
      var shown = false
      while !stopped.withLock({ $0 }) {
        usleep(250_000)
        guard !stopped.withLock({ $0 }) else { break }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let line = Self.line(progress.snapshot, seconds: seconds)
        Self.write("\r" + Self.fitted(line) + "\u{1B}[K")
        shown = true
      }
      if shown { Self.write("\r\u{1B}[K") }
      done.signal()
    }
  }

  /// Stops and erases the line; returns once it is erased, so that what follows is printed
  /// on a clean line.
  func stop() {
    stopped.withLock { $0 = true }
    done.wait()
  }

  /// `reading: orders 120/287 MB, tickets 99/99 MB · 210 MB/s · about 3 s left`.
  static func line(_ sources: [ReadProgress.Source], seconds: Double) -> String {
    let read = sources.reduce(0) { $0 + $1.read }
    let total = sources.reduce(0) { $0 + $1.total }
    let parts = sources.map { "\($0.kind.rawValue) \(megabytes($0.read))/\(megabytes($0.total)) MB" }
    var line = "reading: " + parts.joined(separator: ", ")
    guard seconds > 0, read > 0 else { return line }
    let speed = Double(read) / seconds
    line += " · \(Int((speed / 1_000_000).rounded())) MB/s"
    if total > read {
      line += " · about \(Int((Double(total - read) / speed).rounded(.up))) s left"
    }
    return line
  }

  /// Whole megabytes (10⁶ bytes), rounded up so that a started file never reads 0 of 0.
  private static func megabytes(_ bytes: Int) -> Int { (bytes + 999_999) / 1_000_000 }

  /// The line cut to the terminal's width: a wrapped line could not be redrawn in place.
  private static func fitted(_ line: String) -> String {
    var size = winsize()
    guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 1 else { return line }
    let width = Int(size.ws_col) - 1
    return line.count <= width ? line : String(line.prefix(width - 1)) + "…"
  }

  private static func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
