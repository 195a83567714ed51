import Crypto
import Foundation
import Testing

/// `agcom-report verify DIR [--inputs DIR]`: a fresh report is intact; any one byte of any
/// output changed, a file removed or a file added is found and named (65); a missing
/// directory or manifest is 66; with `--inputs`, an altered or extra export is found.
@Suite(.serialized) struct VerifyCommandTests {
  /// One report of the acceptance data (with `--records`, so that the directory has
  /// subdirectories), made once for the suite and copied for each alteration.
  static let report: URL = {
    let output = Executable.temporaryDirectory()
    let result = try! Executable.run([
      "run", "--config", "samples/acceptance.yaml", "--input", "\(Executable.acceptance)/input",
      "--period", "2025-H2", "--output", output.path, "--report-date", "2026-01-15", "--records",
    ])
    precondition(result.status == 0, result.stderr)
    return output.appendingPathComponent("2025-H2")
  }()

  /// A copy of the report to alter.
  private func copy() throws -> URL {
    let directory = Executable.temporaryDirectory().appendingPathComponent("2025-H2")
    try FileManager.default.createDirectory(
      at: directory.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: Self.report, to: directory)
    return directory
  }

  /// Rewrites `file` with `change` and forges its size and digest in the report's manifest,
  /// as someone covering their tracks would.
  private static func forge(_ file: URL, in directory: URL, _ change: (String) -> String) throws {
    let original = try Data(contentsOf: file)
    let altered = Data(change(String(decoding: original, as: UTF8.self)).utf8)
    try altered.write(to: file)
    let manifestURL = directory.appendingPathComponent("manifest.json")
    let manifest = String(decoding: try Data(contentsOf: manifestURL), as: UTF8.self)
      .replacing(SHA256.hash(data: original).hex, with: SHA256.hash(data: altered).hex)
      .replacing("\"bytes\" : \(original.count),", with: "\"bytes\" : \(altered.count),")
    try Data(manifest.utf8).write(to: manifestURL)
  }

  /// The files the manifest lists, relative to the report directory.
  private func listedFiles() throws -> [String] {
    let data = try Data(contentsOf: Self.report.appendingPathComponent("manifest.json"))
    let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let outputs = try #require(manifest["outputs"] as? [[String: Any]])
    return outputs.compactMap { $0["path"] as? String }
  }

  @Test func aFreshReportIsIntact() throws {
    let result = try Executable.run(["verify", Self.report.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("\(Self.report.path): intact ("))
    #expect(result.stderr.isEmpty)
  }

  /// Every listed file — the models, the results, the page, the rejects and the records —
  /// with one byte changed in its middle: 65, naming that file and no other.
  @Test func oneByteChangedInAnyOutputIsFoundAndNamed() throws {
    let files = try listedFiles()
    #expect(files.contains("results-2025-H2.csv"))
    #expect(files.contains { $0.hasPrefix("records/") })
    #expect(files.contains { $0.hasPrefix("rejects/") })
    for file in files {
      let directory = try copy()
      defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
      let url = directory.appendingPathComponent(file)
      var bytes = try Data(contentsOf: url)
      let middle = bytes.count / 2
      bytes[middle] = bytes[middle] == UInt8(ascii: "7") ? UInt8(ascii: "8") : UInt8(ascii: "7")
      try bytes.write(to: url)
      let result = try Executable.run(["verify", directory.path])
      #expect(result.status == 65, "\(file)")
      let problems = result.stderr.split(separator: "\n")
      #expect(problems.count >= 1, "\(file)")
      #expect(
        problems.first
          == "\(url.path): error: altered: SHA-256 \(SHA256.hash(data: bytes).hex), the manifest "
          + "records \(SHA256.hash(data: try Data(contentsOf: Self.report.appendingPathComponent(file))).hex)",
        "\(file): \(result.stderr)")
      #expect(problems.allSatisfy { $0.hasPrefix(url.path) }, "\(file): \(result.stderr)")
    }
  }

  @Test func aRemovedOrAnAddedFileIsFoundAndNamed() throws {
    let directory = try copy()
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    try FileManager.default.removeItem(at: directory.appendingPathComponent("rejects/orders.csv"))
    try Data("x".utf8).write(to: directory.appendingPathComponent("records/NOTE.csv"))
    try Data().write(to: directory.appendingPathComponent("leggimi.txt"))
    let result = try Executable.run(["verify", directory.path])
    #expect(result.status == 65)
    #expect(
      result.stderr == """
        \(directory.path)/rejects/orders.csv: error: missing: the manifest lists this output
        \(directory.path)/leggimi.txt: error: not listed in the manifest
        \(directory.path)/records/NOTE.csv: error: not listed in the manifest

        """)
  }

  /// A document altered together with its digest in the manifest (a forger's work) is
  /// still caught when it is no longer a valid report model.
  @Test func anInvalidModelWithAForgedDigestFailsTheSchema() throws {
    let directory = try copy()
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    let xml = try #require(
      try listedFiles().first { $0.hasSuffix(".xml") }.map { directory.appendingPathComponent($0) })
    try Self.forge(xml, in: directory) { $0.replacing("<valore>", with: "<valore>x", maxReplacements: 1) }
    let result = try Executable.run(["verify", directory.path])
    #expect(result.status == 65)
    #expect(result.stderr.hasPrefix("\(xml.path):"), "\(result.stderr)")
    #expect(result.stderr.contains("valore"), "\(result.stderr)")
  }

  /// A figure changed in a model, still valid, with its digest forged in the manifest: the
  /// model no longer says what the results say.
  @Test func aModelFigureForgedWithItsDigestDisagreesWithTheResults() throws {
    let directory = try copy()
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    let xml = directory.appendingPathComponent("resoconto-servizi-2025-H2.xml")
    // The first result of the document: ATT P95, TOT, 2025-H2.
    let text = String(decoding: try Data(contentsOf: xml), as: UTF8.self)
    let value = try #require(text.firstMatch(of: /<valore>(\d+)<\/valore>/))
    let forged = String(Int(value.1)! + 1)
    try Self.forge(xml, in: directory) {
      $0.replacing(value.0, with: "<valore>\(forged)</valore>", maxReplacements: 1)
    }
    let result = try Executable.run(["verify", directory.path])
    #expect(result.status == 65)
    #expect(
      result.stderr
        == "\(xml.path): error: 2025-H2 ATT P95 "
        + "TOT: the model's value is '\(forged)', results-2025-H2.csv has '\(value.1)'\n")
  }

  /// The results removed together with their line in the manifest: still missing.
  @Test func resultsRemovedWithTheirManifestEntryAreMissing() throws {
    let directory = try copy()
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    let results = directory.appendingPathComponent("results-2025-H2.csv")
    try FileManager.default.removeItem(at: results)
    let manifestURL = directory.appendingPathComponent("manifest.json")
    var manifest = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any])
    let outputs = try #require(manifest["outputs"] as? [[String: Any]])
    manifest["outputs"] = outputs.filter { $0["path"] as? String != "results-2025-H2.csv" }
    try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
    let result = try Executable.run(["verify", directory.path])
    #expect(result.status == 65)
    #expect(result.stderr == "\(results.path): error: missing: every report has its results\n")
  }

  @Test func aConfigurationTextThatNoLongerMatchesItsDigestIsFound() throws {
    let directory = try copy()
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    let manifestURL = directory.appendingPathComponent("manifest.json")
    let manifest = String(decoding: try Data(contentsOf: manifestURL), as: UTF8.self)
      .replacing("ON_TIME: {TOT: 95}", with: "ON_TIME: {TOT: 90}", maxReplacements: 1)
    try Data(manifest.utf8).write(to: manifestURL)
    let result = try Executable.run(["verify", directory.path])
    #expect(result.status == 65)
    #expect(
      result.stderr
        == "\(manifestURL.path): error: the configuration text does not have the SHA-256 recorded beside it\n"
    )
  }

  @Test func aMissingDirectoryOrManifestIs66() throws {
    let missing = Executable.temporaryDirectory().appendingPathComponent("2025")
    let noDirectory = try Executable.run(["verify", missing.path])
    #expect(noDirectory.status == 66)
    #expect(noDirectory.stderr == "\(missing.path): error: no such report directory\n")

    let directory = try copy()
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    try FileManager.default.removeItem(at: directory.appendingPathComponent("manifest.json"))
    let noManifest = try Executable.run(["verify", directory.path])
    #expect(noManifest.status == 66)
    #expect(
      noManifest.stderr == "\(directory.path)/manifest.json: error: no manifest: not a report directory\n")

    try Data("{\"tool\": 1}".utf8).write(to: directory.appendingPathComponent("manifest.json"))
    let notAManifest = try Executable.run(["verify", directory.path])
    #expect(notAManifest.status == 65)
    #expect(notAManifest.stderr.hasPrefix("\(directory.path)/manifest.json: error: not a report manifest"))
  }

  /// "Were these the inputs?": the acceptance exports are; an export with one byte more,
  /// or one more file matching a source's pattern, are not; a file matching no pattern is
  /// not an input and does not matter.
  @Test func theInputsAreCheckedAgainstTheDigestsTheManifestRecorded() throws {
    let intact = try Executable.run([
      "verify", Self.report.path, "--inputs", "\(Executable.acceptance)/input",
    ])
    #expect(intact.status == 0, "\(intact.stderr)")
    #expect(intact.stdout.contains("input files as recorded under \(Executable.acceptance)/input"))

    let inputs = Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: inputs) }
    try FileManager.default.copyItem(
      at: Executable.packageRoot.appendingPathComponent("\(Executable.acceptance)/input"), to: inputs)
    try Data().write(to: inputs.appendingPathComponent("LEGGIMI.txt"))
    #expect(try Executable.run(["verify", Self.report.path, "--inputs", inputs.path]).status == 0)

    let orders = inputs.appendingPathComponent("orders/orders_2025-09.csv")
    let handle = try FileHandle(forWritingTo: orders)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("\n".utf8))
    try handle.close()
    try Data("month,active_lines\n".utf8).write(to: inputs.appendingPathComponent("lines/lines_extra.csv"))
    let altered = try Executable.run(["verify", Self.report.path, "--inputs", inputs.path])
    #expect(altered.status == 65)
    let size = try #require(try FileManager.default.attributesOfItem(atPath: orders.path)[.size] as? Int)
    #expect(
      altered.stderr == """
        \(inputs.path)/lines/lines_extra.csv: error: matches the lines files (lines/*.csv) but is not among the \
        inputs the report was computed from
        \(orders.path): error: altered: \(size) bytes, the manifest records \(size - 1)

        """)

    let missing = try Executable.run(["verify", Self.report.path, "--inputs", inputs.path + "-none"])
    #expect(missing.status == 66)
    #expect(missing.stderr == "\(inputs.path)-none: error: no such input directory\n")
  }
}

extension SHA256.Digest {
  /// Lower-case hexadecimal, as `sha256sum` writes it.
  fileprivate var hex: String { map { String(format: "%02x", $0) }.joined() }
}
