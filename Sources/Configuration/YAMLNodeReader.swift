import ReportCore
import Yams

/// A 1-based line and column in the configuration text (columns in Unicode scalars, as libyaml counts).
struct TextPosition: Equatable {
  var line: Int
  var column: Int

  init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  init(_ mark: Mark) {
    self.init(line: mark.line, column: mark.column)
  }
}

/// One node of the configuration with the key path that leads to it, so that every
/// error names the file, the line, the column and the key (`sources.orders.files`).
struct YAMLNodeReader {
  /// The configuration file, for messages.
  let file: String
  /// The node read.
  let node: Node
  /// Key path from the root (`sources.orders.files[0]`); empty for the root itself.
  let keyPath: String
  /// Where the key naming this node is written; the node's own position for list items and the root.
  let keyPosition: TextPosition

  /// The reader of a document's root node.
  init(root node: Node, file: String) {
    self.file = file
    self.node = node
    self.keyPath = ""
    self.keyPosition = node.mark.map(TextPosition.init) ?? TextPosition(line: 1, column: 1)
  }

  init(file: String, node: Node, keyPath: String, keyPosition: TextPosition) {
    self.file = file
    self.node = node
    self.keyPath = keyPath
    self.keyPosition = keyPosition
  }

  /// Where the node itself starts.
  var position: TextPosition { node.mark.map(TextPosition.init) ?? keyPosition }

  /// Whether the node is an empty value (`key:`, `~`, `null`).
  var isNull: Bool {
    node.scalar != nil && node.tag.rawValue == Tag.Name.null.rawValue
  }

  /// Whether the node is a mapping (`{semestre: 6, anno: 12}`).
  var isMapping: Bool {
    if case .mapping = node { return true }
    return false
  }

  /// `in sources.orders`, or `at the top level` for the root.
  var whereabouts: String {
    keyPath.isEmpty ? "at the top level" : "in \(keyPath)"
  }

  // MARK: Errors

  /// An error at `position` (the node, or the key naming it), the message prefixed with the key path.
  func error(_ message: String, at position: TextPosition? = nil) -> ConfigurationError {
    let where_ = position ?? self.position
    let text = keyPath.isEmpty ? message : "\(keyPath): \(message)"
    return ConfigurationError(path: file, line: where_.line, column: where_.column, message: text)
  }

  /// `expected <what>, found <this node>`.
  func typeError(expected what: String) -> ConfigurationError {
    error("expected \(what), found \(YAMLNodeReader.describe(node))")
  }

  /// How a node is named in messages: `'text'`, `nothing`, `a list`, `a mapping`.
  static func describe(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar):
      if node.tag.rawValue == Tag.Name.null.rawValue && scalar.style == .plain { return "nothing" }
      return quoted(scalar.string)
    case .sequence: return "a list"
    case .mapping: return "a mapping"
    case .alias: return "an alias"
    }
  }

  /// `'text'`, shortened past 60 characters and with control characters escaped (`\t`, `\n`,
  /// `\r`, `\x00`, `\u{FEFF}`).
  static func quoted(_ text: String) -> String {
    var shown = ""
    for (count, scalar) in text.unicodeScalars.enumerated() {
      if count == 60 {
        shown += "…"
        break
      }
      switch scalar {
      case "\t": shown += "\\t"
      case "\n": shown += "\\n"
      case "\r": shown += "\\r"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        shown += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
      case "\u{FEFF}": shown += "\\u{FEFF}"
      default: shown.unicodeScalars.append(scalar)
      }
    }
    return "'\(shown)'"
  }

  /// `a, b or c` (`a or b` for two).
  static func alternatives(_ words: [String]) -> String {
    guard let last = words.last else { return "" }
    if words.count == 1 { return last }
    return words.dropLast().joined(separator: ", ") + " or " + last
  }

  // MARK: Key paths

  /// `base.key`, or `base["key with spaces"]` for keys that are not plain identifiers.
  static func path(_ base: String, key: String) -> String {
    let isIdentifier =
      !key.isEmpty
      && key.unicodeScalars.allSatisfy { scalar in
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
      }
    if isIdentifier { return base.isEmpty ? key : "\(base).\(key)" }
    var escaped = ""
    for character in key {
      switch character {
      case "\"": escaped += "\\\""
      case "\\": escaped += "\\\\"
      case "\t": escaped += "\\t"
      case "\n": escaped += "\\n"
      default: escaped.append(character)
      }
    }
    return "\(base)[\"\(escaped)\"]"
  }

  /// `base[index]` (0-based).
  static func path(_ base: String, index: Int) -> String {
    "\(base)[\(index)]"
  }

  // MARK: Structure

  /// This node as a mapping whose keys must be among `allowed`.
  ///
  /// - Throws: when the node is not a mapping, has a key outside `allowed` (`unknown key …
  ///   (expected one of: …)`), a key that is not text, or the same key twice.
  func mapping(allowedKeys allowed: [String]) throws(ConfigurationError) -> YAMLMapping {
    let entries = try keyedEntries()
    for entry in entries where !allowed.contains(entry.key) {
      throw unknown("key", entry, expected: "one of: " + allowed.joined(separator: ", "))
    }
    return YAMLMapping(owner: self, entries: entries)
  }

  /// `unknown <noun> 'x' in <this mapping> (expected <expected>)`, at the key of `entry`.
  func unknown(_ noun: String, _ entry: YAMLEntry, expected: String) -> ConfigurationError {
    ConfigurationError(
      path: file, line: entry.keyPosition.line, column: entry.keyPosition.column,
      message: "unknown \(noun) \(YAMLNodeReader.quoted(entry.key)) \(whereabouts) (expected \(expected))")
  }

  /// This node as a mapping with free text keys (column names, raw values, segments), in file order.
  ///
  /// - Throws: when the node is not a mapping, a key is not text, or a key occurs twice.
  func keyedEntries() throws(ConfigurationError) -> [YAMLEntry] {
    guard case .mapping(let mapping) = node else { throw typeError(expected: "a mapping") }
    var entries: [YAMLEntry] = []
    var seen: [String: TextPosition] = [:]
    for (keyNode, valueNode) in mapping {
      let keyPosition = keyNode.mark.map(TextPosition.init) ?? position
      guard case .scalar(let scalar) = keyNode else {
        throw ConfigurationError(
          path: file, line: keyPosition.line, column: keyPosition.column,
          message: "expected a text key \(whereabouts), found \(YAMLNodeReader.describe(keyNode))")
      }
      let key = scalar.string
      if let first = seen[key] {
        throw ConfigurationError(
          path: file, line: keyPosition.line, column: keyPosition.column,
          message: YAMLNodeReader.duplicateKeyMessage(key: key, in: keyPath, firstAt: first))
      }
      seen[key] = keyPosition
      let value = YAMLNodeReader(
        file: file, node: valueNode, keyPath: YAMLNodeReader.path(keyPath, key: key), keyPosition: keyPosition
      )
      entries.append(YAMLEntry(key: key, keyPosition: keyPosition, value: value))
    }
    return entries
  }

  /// `duplicate key 'files' in sources.orders (first given at line 12, column 5)`.
  static func duplicateKeyMessage(key: String, in keyPath: String, firstAt first: TextPosition) -> String {
    let whereabouts = keyPath.isEmpty ? "at the top level" : "in \(keyPath)"
    let firstAt = "line \(first.line), column \(first.column)"
    return "duplicate key \(quoted(key)) \(whereabouts) (first given at \(firstAt))"
  }

  /// This node as a list.
  func list(of what: String) throws(ConfigurationError) -> [YAMLNodeReader] {
    guard case .sequence(let sequence) = node else { throw typeError(expected: "a list of \(what)") }
    return sequence.enumerated().map { index, item in
      YAMLNodeReader(
        file: file, node: item, keyPath: YAMLNodeReader.path(keyPath, index: index),
        keyPosition: item.mark.map(TextPosition.init) ?? position)
    }
  }

  /// A single scalar or a list of them, as the items to read (`files: a.csv` or `files: [a.csv, b.csv]`).
  func oneOrList(of what: String) throws(ConfigurationError) -> [YAMLNodeReader] {
    switch node {
    case .scalar where !isNull: return [self]
    case .sequence: return try list(of: what)
    default: throw typeError(expected: "\(what) or a list of them")
    }
  }

  // MARK: Scalars

  /// The text of a scalar as written (`01234567890` stays text, `1.5` stays `1.5`).
  func text(expected what: String = "a text") throws(ConfigurationError) -> String {
    guard case .scalar(let scalar) = node, !isNull else { throw typeError(expected: what) }
    return scalar.string
  }

  /// The text of a scalar that is not empty or blank.
  func nonEmptyText(expected what: String = "a text") throws(ConfigurationError) -> String {
    let value = try text(expected: what)
    guard value.contains(where: { !$0.isWhitespace }) else { throw typeError(expected: what) }
    return value
  }

  /// `true` or `false` (also `True`, `TRUE`, …, as YAML 1.2 writes them).
  func bool() throws(ConfigurationError) -> Bool {
    try choice([("true", true), ("false", false)], caseInsensitive: true)
  }

  /// A whole number in `range`, written in decimal digits.
  func integer(in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
    let what = "a whole number from \(range.lowerBound) to \(range.upperBound)"
    guard case .scalar(let scalar) = node, !isNull else { throw typeError(expected: what) }
    let digits = scalar.string
    guard !digits.isEmpty, digits.utf8.count <= 9, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
      let value = Int(digits), range.contains(value)
    else { throw typeError(expected: what) }
    return value
  }

  /// One of a fixed set of words: `expected a, b or c, found 'x'`.
  ///
  /// - Parameters:
  ///   - options: accepted spellings and their values; several spellings may share a value.
  ///   - shown: the spellings named in the message, default all of them.
  ///   - caseInsensitive: whether `UTF-8` matches `utf-8`.
  func choice<Value>(
    _ options: [(String, Value)], shown: [String]? = nil, caseInsensitive: Bool = false
  ) throws(ConfigurationError) -> Value {
    let expected = YAMLNodeReader.alternatives(shown ?? options.map(\.0))
    guard case .scalar(let scalar) = node, !isNull else { throw typeError(expected: expected) }
    let written = caseInsensitive ? scalar.string.lowercased() : scalar.string
    for (spelling, value) in options where spelling == written {
      return value
    }
    throw typeError(expected: expected)
  }
}

/// One `key: value` pair of a mapping, the value with its key path.
struct YAMLEntry {
  /// The key as written.
  let key: String
  /// Where the key is written.
  let keyPosition: TextPosition
  /// The value, whose key path ends with `key`.
  let value: YAMLNodeReader
}

/// A mapping whose keys were checked against the schema.
struct YAMLMapping {
  /// The mapping node itself.
  let owner: YAMLNodeReader
  /// The pairs in file order.
  let entries: [YAMLEntry]

  /// The value of `key`, or nil when the key is absent or its value is empty (`key:`, `~`).
  func optional(_ key: String) -> YAMLNodeReader? {
    guard let value = entries.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
    return value
  }

  /// Whether `key` is written, even with an empty value.
  func contains(_ key: String) -> Bool {
    entries.contains { $0.key == key }
  }

  /// The value of `key`, which must be written (an empty value is left to the caller's type check).
  ///
  /// - Throws: `missing required key 'files' in sources.tickets`, at the key naming this mapping.
  func required(_ key: String) throws(ConfigurationError) -> YAMLNodeReader {
    guard let entry = entries.first(where: { $0.key == key }) else {
      throw ConfigurationError(
        path: owner.file, line: owner.keyPosition.line, column: owner.keyPosition.column,
        message: "missing required key \(YAMLNodeReader.quoted(key)) \(owner.whereabouts)")
    }
    return entry.value
  }
}

// MARK: - Composing the document

extension YAMLNodeReader {
  /// Parses YAML text into its root node, turning every Yams error into a located ``ConfigurationError``.
  ///
  /// - Throws: on a YAML syntax error (at the mark libyaml reports, kept inside the text), a
  ///   duplicate key (at its second occurrence, with its key path), an empty document, and a
  ///   key or text holding a ``ForbiddenCharacter`` (at that key or text).
  static func compose(yaml: String, file: String) throws(ConfigurationError) -> YAMLNodeReader {
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml, .default, .default, .utf8)
    } catch let error as YamlError {
      throw translate(error, yaml: yaml, file: file)
    } catch {
      throw ConfigurationError(path: file, line: 1, column: 1, message: "invalid YAML: \(error)")
    }
    guard let root else {
      throw ConfigurationError(path: file, line: 1, column: 1, message: "the configuration is empty")
    }
    try checkText(root, keyPath: "", file: file)
    return YAMLNodeReader(root: root, file: file)
  }

  /// Refuses a key or a text anywhere in the document that holds a ``ForbiddenCharacter``
  /// (written raw, or as an escape of a double-quoted text, `"A\0B"`): every text of the
  /// configuration may reach the outputs.
  private static func checkText(_ node: Node, keyPath: String, file: String) throws(ConfigurationError) {
    switch node {
    case .scalar(let scalar):
      guard let value = ForbiddenCharacter.first(in: scalar.string) else { return }
      let at = node.mark.map(TextPosition.init) ?? TextPosition(line: 1, column: 1)
      let prefix = keyPath.isEmpty ? "" : "\(keyPath): "
      throw ConfigurationError(
        path: file, line: at.line, column: at.column,
        message: "\(prefix)\(ForbiddenCharacter.describe(value)) in \(quoted(scalar.string))"
          + " (a text may hold no control character but TAB)")
    case .mapping(let mapping):
      for (key, value) in mapping {
        try checkText(key, keyPath: keyPath, file: file)
        try checkText(value, keyPath: path(keyPath, key: key.string ?? "?"), file: file)
      }
    case .sequence(let sequence):
      for (index, item) in sequence.enumerated() {
        try checkText(item, keyPath: path(keyPath, index: index), file: file)
      }
    case .alias:
      return
    }
  }

  /// A located error for a Yams error.
  private static func translate(_ error: YamlError, yaml: String, file: String) -> ConfigurationError {
    func located(_ at: TextPosition, _ context: YamlError.Context?, _ problem: String) -> ConfigurationError {
      var message = "invalid YAML: \(problem)"
      if let context {
        let from = insideText(TextPosition(context.mark), yaml: yaml)
        message += " (\(context.text), from line \(from.line), column \(from.column))"
      }
      return ConfigurationError(path: file, line: at.line, column: at.column, message: message)
    }
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      return located(insideText(TextPosition(mark), yaml: yaml), context, problem)
    case .reader(let problem, let offset, _, _):
      let at =
        offset.map { textPosition(ofCharacterOffset: $0, in: yaml) } ?? TextPosition(line: 1, column: 1)
      return ConfigurationError(
        path: file, line: at.line, column: at.column, message: "invalid YAML: \(problem)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      let key = duplicates.first ?? ""
      return locateDuplicate(key: key, firstAt: TextPosition(context.mark), yaml: yaml, file: file)
    default:
      return ConfigurationError(path: file, line: 1, column: 1, message: "invalid YAML: \(error)")
    }
  }

  /// `position`, or the end of the last line when `position` is past it.
  ///
  /// libyaml ends a text that has no final line break by starting a new line (its stream end
  /// is on the line after the last): an error found there, such as the missing `:` of `a: 1\nb`,
  /// is placed just after the last character instead. Lines end as YAML ends them: LF, CR,
  /// CRLF, NEL, LS and PS.
  static func insideText(_ position: TextPosition, yaml: String) -> TextPosition {
    var end = TextPosition(line: 1, column: 1)
    var previous: Unicode.Scalar = " "
    for scalar in yaml.unicodeScalars {
      switch scalar {
      case "\n" where previous == "\r": break
      case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}": end = TextPosition(line: end.line + 1, column: 1)
      default: end.column += 1
      }
      previous = scalar
    }
    return position.line > end.line ? end : position
  }

  /// The line and column of the `offset`-th character of `text`.
  private static func textPosition(ofCharacterOffset offset: Int, in text: String) -> TextPosition {
    var line = 1
    var column = 1
    for character in text.prefix(offset) {
      if character.isNewline {
        line += 1
        column = 1
      } else {
        column += character.unicodeScalars.count
      }
    }
    return TextPosition(line: line, column: column)
  }

  /// The error for a key Yams found twice in a mapping, at its second occurrence and with its key path.
  ///
  /// Yams reports only the first occurrence. To find the mapping's key path, the first occurrence
  /// is renamed with a marker and the text composed again (repeating for any other duplicate), then
  /// the marked key is looked up in the tree. When that fails (a tagged or aliased key), the error
  /// names the first occurrence without a key path.
  private static func locateDuplicate(
    key: String, firstAt first: TextPosition, yaml: String, file: String
  ) -> ConfigurationError {
    let fallback = ConfigurationError(
      path: file, line: first.line, column: first.column,
      message: "duplicate key \(quoted(key)) (each key may appear once in a mapping)")
    var text = yaml
    var insertions: [(position: TextPosition, length: Int)] = []
    var next = first
    var root: Node?
    for round in 0..<64 {
      let marker = "agcom_duplicate_\(round)_"
      guard let (edited, at) = insert(marker, atKey: next, in: text) else { return fallback }
      text = edited
      insertions.append((at, marker.unicodeScalars.count))
      do {
        root = try Yams.compose(yaml: text, .default, .default, .utf8)
        break
      } catch YamlError.duplicatedKeysInMapping(_, let context) {
        next = TextPosition(context.mark)
      } catch {
        return fallback
      }
    }
    guard let root, let found = findMarked("agcom_duplicate_0_" + key, in: root, keyPath: "") else {
      return fallback
    }
    // The second occurrence: the first later key that is `key` once any marker is removed.
    guard let index = found.mapping.firstIndex(where: { $0.key.string == "agcom_duplicate_0_" + key }),
      let second = found.mapping[found.mapping.index(after: index)...].first(where: { pair in
        guard let name = pair.key.string else { return false }
        return name == key || (name.hasPrefix("agcom_duplicate_") && name.hasSuffix("_" + key))
      }),
      let mark = second.key.mark
    else { return fallback }
    // Undo the column shifts of the markers inserted on the same line, latest first.
    var position = TextPosition(mark)
    for insertion in insertions.reversed() where insertion.position.line == position.line {
      if position.column >= insertion.position.column + insertion.length {
        position.column -= insertion.length
      } else if position.column >= insertion.position.column {
        position.column = insertion.position.column
      }
    }
    return ConfigurationError(
      path: file, line: position.line, column: position.column,
      message: duplicateKeyMessage(key: key, in: found.keyPath, firstAt: first))
  }

  /// `text` with `marker` inserted at the start of the plain or quoted key at `position`.
  private static func insert(
    _ marker: String, atKey position: TextPosition, in text: String
  ) -> (String, TextPosition)? {
    var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
    guard position.line >= 1, position.line <= lines.count else { return nil }
    var line = lines[position.line - 1]
    var column = position.column - 1
    guard column >= 0, column < line.count else { return nil }
    switch line[column] {
    case "\"", "'": column += 1
    case "!", "&", "*", "?", "|", ">", "[", "{": return nil
    default: break
    }
    line.insert(contentsOf: marker.unicodeScalars, at: column)
    lines[position.line - 1] = line
    var result = String.UnicodeScalarView()
    for (index, scalars) in lines.enumerated() {
      if index > 0 { result.append("\n") }
      result.append(contentsOf: scalars)
    }
    return (String(result), TextPosition(line: position.line, column: column + 1))
  }

  /// The mapping holding a key named `name`, with that mapping's key path.
  private static func findMarked(
    _ name: String, in node: Node, keyPath: String
  ) -> (mapping: Node.Mapping, keyPath: String)? {
    switch node {
    case .mapping(let mapping):
      if mapping.contains(where: { $0.key.string == name }) { return (mapping, keyPath) }
      for (key, value) in mapping {
        let childPath = path(keyPath, key: key.string ?? "?")
        if let found = findMarked(name, in: value, keyPath: childPath) { return found }
      }
      return nil
    case .sequence(let sequence):
      for (index, item) in sequence.enumerated() {
        if let found = findMarked(name, in: item, keyPath: path(keyPath, index: index)) { return found }
      }
      return nil
    case .scalar, .alias:
      return nil
    }
  }
}
