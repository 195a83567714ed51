import CXMLWriter

/// XML writing and XSD validation through libxml2 (the `CXMLWriter` C target).
///
/// Every call into libxml2 of the project is in this file.
struct XMLDocumentWriter: ~Copyable {
  private let writer: OpaquePointer

  init() throws(XMLWriteError) {
    guard let writer = cxml_writer_create() else { throw XMLWriteError() }
    self.writer = writer
  }

  deinit {
    cxml_writer_free(writer)
  }

  func startDocument() throws(XMLWriteError) { try check(cxml_writer_start_document(writer)) }

  func startRoot(_ name: String, namespace: String) throws(XMLWriteError) {
    try check(cxml_writer_start_root(writer, name, namespace))
  }

  func startElement(_ name: String) throws(XMLWriteError) {
    try check(cxml_writer_start_element(writer, name))
  }

  func attribute(_ name: String, _ value: String) throws(XMLWriteError) {
    try check(cxml_writer_attribute(writer, name, value))
  }

  func text(_ text: String) throws(XMLWriteError) { try check(cxml_writer_text(writer, text)) }

  func comment(_ text: String) throws(XMLWriteError) { try check(cxml_writer_comment(writer, text)) }

  func endElement() throws(XMLWriteError) { try check(cxml_writer_end_element(writer)) }

  /// `<name>text</name>`.
  func element(_ name: String, _ text: String) throws(XMLWriteError) {
    try startElement(name)
    try self.text(text)
    try endElement()
  }

  /// Closes the document and returns its bytes.
  func finish() throws(XMLWriteError) -> [UInt8] {
    try check(cxml_writer_end_document(writer))
    var length = 0
    guard let content = cxml_writer_content(writer, &length) else { throw XMLWriteError() }
    return Array(UnsafeRawBufferPointer(start: content, count: length))
  }

  /// Turns a libxml2 writer status into a typed error (the one place that reads them).
  private func check(_ status: Int32) throws(XMLWriteError) {
    if status != 0 { throw XMLWriteError() }
  }
}

/// libxml2 could not write the document (out of memory, or a call out of order).
public struct XMLWriteError: Error, Sendable, Equatable {}

/// One problem found by XSD validation.
public struct SchemaViolation: Sendable, Equatable, CustomStringConvertible {
  /// 1-based line in the document, 0 when libxml2 gives none.
  public var line: Int
  public var message: String

  public var description: String { line > 0 ? "\(line): \(message)" : message }
}

/// Validates XML documents against an XML Schema with libxml2 (`xmlSchemaValidateDoc`).
public enum SchemaValidation {
  /// The outcome of a validation.
  public enum Outcome: Sendable, Equatable {
    case valid
    case invalid([SchemaViolation])
    /// The schema itself could not be loaded.
    case unusableSchema([SchemaViolation])
  }

  /// Validates `document` against `schema` (both the bytes of their files).
  public static func validate(_ document: [UInt8], against schema: [UInt8]) -> Outcome {
    final class Collector {
      var violations: [SchemaViolation] = []
    }
    let collector = Collector()
    let status = withExtendedLifetime(collector) {
      schema.withUnsafeBufferPointer { xsd in
        document.withUnsafeBufferPointer { xml in
          xsd.withMemoryRebound(to: CChar.self) { xsd in
            xml.withMemoryRebound(to: CChar.self) { xml in
              cxml_validate(
                xsd.baseAddress, xsd.count, xml.baseAddress, xml.count,
                { context, line, message in
                  let collector = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
                  collector.violations.append(
                    SchemaViolation(
                      line: Int(line), message: message.map { String(cString: $0) } ?? "unknown error"))
                }, Unmanaged.passUnretained(collector).toOpaque())
            }
          }
        }
      }
    }
    switch status {
    case 0: return .valid
    case 1: return .invalid(collector.violations)
    default: return .unusableSchema(collector.violations)
    }
  }
}

/// An element of a document read back by ``XMLReading/parse(_:_:)``, valid only inside that call.
struct XMLElementReference {
  fileprivate let element: OpaquePointer

  /// The element's local name.
  var name: String { String(cString: cxml_element_name(element)) }

  /// Its text content (every descendant's text, in order).
  var text: String {
    guard let text = cxml_element_text(element) else { return "" }
    defer { cxml_string_free(text) }
    return String(cString: text)
  }

  /// The value of its attribute `name`, nil when absent.
  func attribute(_ name: String) -> String? {
    guard let value = cxml_element_attribute(element, name) else { return nil }
    defer { cxml_string_free(value) }
    return String(cString: value)
  }

  /// Its child elements, in document order.
  var children: [XMLElementReference] {
    var result: [XMLElementReference] = []
    var next = cxml_element_first_child(element)
    while let child = next {
      result.append(XMLElementReference(element: child))
      next = cxml_element_next(child)
    }
    return result
  }

  /// Its child elements named `name`.
  func children(_ name: String) -> [XMLElementReference] { children.filter { $0.name == name } }

  /// Its first child element named `name`.
  func child(_ name: String) -> XMLElementReference? { children.first { $0.name == name } }
}

/// Reading XML documents back with libxml2 (no network, no entities, no DOCTYPE).
enum XMLReading {
  /// Parses `document` and passes its root element to `body`; nil when the document is not
  /// well-formed XML (or declares a DOCTYPE).
  static func parse<Result>(_ document: [UInt8], _ body: (XMLElementReference) throws -> Result) rethrows
    -> Result?
  {
    let parsed = document.withUnsafeBufferPointer { bytes in
      bytes.withMemoryRebound(to: CChar.self) { cxml_document_parse($0.baseAddress, $0.count) }
    }
    guard let parsed else { return nil }
    defer { cxml_document_free(parsed) }
    return try body(XMLElementReference(element: cxml_document_root(parsed)))
  }
}
