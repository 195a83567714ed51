import Configuration
import Foundation

/// Fuzzes the configuration loader: `ReportConfiguration.parse(yaml:path:)` on the input
/// decoded as UTF-8 (invalid bytes replaced), and `ReportConfiguration.load(path:)` on the
/// raw bytes written to a file.
///
/// A thrown ``ConfigurationError`` is the expected outcome for most inputs; it must be
/// located inside the input. When the bytes are UTF-8 without a byte order mark, both entry
/// points must reach the same outcome; when they are not UTF-8, `load` must say so.
enum ConfigurationHarness {
  static let path = "fuzz.yaml"

  static func run(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    let parsed = outcome { () throws(ConfigurationError) in
      try ReportConfiguration.parse(yaml: text, path: path)
    }
    check(parsed, path: path, utf8: Array(text.utf8), text: text)

    let file = scratchDirectory + "/" + path
    write(bytes, to: file)
    let loaded = outcome { () throws(ConfigurationError) in try ReportConfiguration.load(path: file) }
    let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
    let body = String(decoding: hasBOM ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self)
    check(loaded, path: file, utf8: bytes, text: body)

    trace(
      "parse: \((try? parsed.get()).map { _ in "ok" } ?? "\(parsed)"), load: \((try? loaded.get()).map { _ in "ok" } ?? "\(loaded)")"
    )
    let isUTF8 = Array(text.utf8) == bytes
    if isUTF8 && !hasBOM {
      switch (parsed, loaded) {
      case (.success, .success): break
      case (.failure(let a), .failure(let b))
      where a.line == b.line && a.column == b.column && a.message == b.message:
        break
      default: finding("parse and load disagree on UTF-8 text: \(parsed) | \(loaded)")
      }
    } else if !isUTF8 {
      guard case .failure(let error) = loaded, error.message.contains("not UTF-8") else {
        finding("load accepted bytes that are not UTF-8: \(loaded)")
      }
    }
  }

  static func outcome(_ body: () throws(ConfigurationError) -> ReportConfiguration) -> Result<
    ReportConfiguration, ConfigurationError
  > {
    do throws(ConfigurationError) {
      return .success(try body())
    } catch {
      return .failure(error)
    }
  }

  /// A configuration keeps the file's bytes; an error is located inside the text.
  static func check(
    _ outcome: Result<ReportConfiguration, ConfigurationError>, path: String, utf8: [UInt8], text: String
  ) {
    switch outcome {
    case .success(let configuration):
      if configuration.file.path != path || configuration.file.bytes != utf8 {
        finding("configuration file \(configuration.file.path) does not keep the bytes read")
      }
    case .failure(let error):
      let lines = yamlLines(text)
      checkLocated(
        description: error.description, path: error.path, expectedPath: path, line: error.line,
        column: error.column, message: error.message, lines: lines, length: text.unicodeScalars.count)
    }
  }

  /// Lines as YAML counts them: LF, CR, CRLF, NEL, LS and PS each end one.
  static func yamlLines(_ text: String) -> Int {
    var lines = 1
    var previous: Unicode.Scalar = " "
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n" where previous == "\r": break
      case _ where isLineBreak(scalar): lines += 1
      default: break
      }
      previous = scalar
    }
    return lines
  }

  /// LF, CR, NEL, LS or PS.
  static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
    ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar)
  }
}
