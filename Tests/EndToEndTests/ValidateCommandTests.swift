import Foundation
import Testing

/// `agcom-report validate` on documents a report model never is.
@Suite struct ValidateCommandTests {
  /// A DOCTYPE that declares an external entity: the document is refused (65) before any
  /// entity is resolved, and the file the entity names is never read into the output.
  @Test func aDocumentWithADoctypeDeclaringAnEntityIsRefusedWith65() throws {
    let directory = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let secret = directory.appendingPathComponent("secret.txt")
    try Data("do-not-leak-7f3a".utf8).write(to: secret)
    let document = directory.appendingPathComponent("doctype.xml")
    try Data(
      """
      <?xml version="1.0"?>
      <!DOCTYPE resoconto [ <!ENTITY leak SYSTEM "file://\(secret.path)"> ]>
      <resoconto versione="1.0" xmlns="urn:agcom-report:resoconto:1">&leak;</resoconto>

      """.utf8
    ).write(to: document)
    let result = try Executable.run(["validate", document.path])
    #expect(result.status == 65, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "\(document.path):2: error: a document with a DOCTYPE declaration is not accepted"),
      "\(result.stderr)")
    #expect(!result.stderr.contains("Internal error"))
    #expect(!(result.stdout + result.stderr).contains("do-not-leak-7f3a"))
  }
}
