import Crypto
import Foundation
import ReportCore

/// One thing `verify` found wrong with a report or its inputs.
public struct VerificationProblem: Sendable, Equatable, CustomStringConvertible {
  /// The file, as the user named its directory (`DIR/results-2025.csv`).
  public var path: String
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  /// `path: error: message`.
  public var description: String { "\(path): error: \(message)" }
}

/// Why `verify` cannot check a report at all: the directory or its manifest is missing
/// (66), or the manifest is not one (65).
public enum VerificationError: Error, Sendable, Equatable, CustomStringConvertible {
  case directoryMissing(String)
  case manifestMissing(String)
  case manifestUnreadable(path: String, reason: String)
  case inputDirectoryMissing(String)

  public var description: String {
    switch self {
    case .directoryMissing(let path): "\(path): error: no such report directory"
    case .manifestMissing(let path): "\(path): error: no manifest: not a report directory"
    case .manifestUnreadable(let path, let reason): "\(path): error: not a report manifest: \(reason)"
    case .inputDirectoryMissing(let path): "\(path): error: no such input directory"
    }
  }
}

/// Checks that a report directory holds exactly what its manifest says (SPEC §5,
/// `agcom-report verify`): the auditor's "are these the files that were computed?".
///
/// Every output the manifest lists must be there, a regular file, with the recorded size
/// and SHA-256; nothing else may be there; every XML file must be valid against the
/// built-in schema; the configuration text the manifest carries must have its recorded
/// digest. The inputs are checked by ``inputs(of:under:patterns:in:)``.
public enum ReportVerification {
  /// Reads `<directory>/manifest.json`.
  public static func manifest(in directory: String) throws(VerificationError) -> Manifest {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
    else { throw .directoryMissing(directory) }
    let path = join(directory, "manifest.json")
    guard let data = FileManager.default.contents(atPath: path) else { throw .manifestMissing(path) }
    do {
      return try JSONDecoder().decode(Manifest.self, from: data)
    } catch {
      throw .manifestUnreadable(path: path, reason: Self.reason(error))
    }
  }

  /// The problems of the report directory `directory` against its manifest, in file order:
  /// the listed outputs in the manifest's order, then the files it does not list in path order.
  public static func outputs(of manifest: Manifest, in directory: String) -> [VerificationProblem] {
    var problems: [VerificationProblem] = []
    let manifestPath = join(directory, "manifest.json")
    if Digests.sha256(Array(manifest.configuration.text.utf8)) != manifest.configuration.sha256 {
      problems.append(
        VerificationProblem(
          path: manifestPath,
          message: "the configuration text does not have the SHA-256 recorded beside it"))
    }
    var listed: Set<String> = []
    for output in manifest.outputs {
      let path = join(directory, output.path)
      guard listed.insert(output.path).inserted else {
        problems.append(VerificationProblem(path: manifestPath, message: "'\(output.path)' is listed twice"))
        continue
      }
      if let problem = check(path: path, bytes: output.bytes, sha256: output.sha256, what: "output") {
        problems.append(problem)
        continue
      }
      if output.path.hasSuffix(".xml"), let document = FileManager.default.contents(atPath: path) {
        switch SchemaValidation.validate(Array(document), against: Array(ReportXML.schema.utf8)) {
        case .valid: break
        case .invalid(let violations):
          problems += violations.map {
            VerificationProblem(path: $0.line > 0 ? "\(path):\($0.line)" : path, message: $0.message)
          }
        case .unusableSchema:
          problems.append(VerificationProblem(path: path, message: "the built-in schema cannot be used"))
        }
      }
    }
    for file in regularAndOtherFiles(under: directory) where file != "manifest.json" && !listed.contains(file)
    {
      problems.append(VerificationProblem(path: join(directory, file), message: "not listed in the manifest"))
    }
    return problems
  }

  /// Whether the report models and the results agree: every `TOT` figure of every model's
  /// XML (value, target, sample size, outcome, per column) must be the results file's, and
  /// every `TOT` row of the results must be in a model — so that a document altered together
  /// with its digest in the manifest is still caught when it no longer says what the results
  /// say. Run only when the files are otherwise intact (an altered file is reported as such).
  public static func agreement(of manifest: Manifest, in directory: String) -> [VerificationProblem] {
    guard let period = ReportPeriod(parsing: manifest.report.period) else {
      return [
        VerificationProblem(path: join(directory, "manifest.json"), message: "its report period is not one")
      ]
    }
    let resultsPath = join(directory, "results-\(period).csv")
    guard let data = FileManager.default.contents(atPath: resultsPath) else {
      return [VerificationProblem(path: resultsPath, message: "missing: every report has its results")]
    }
    let published: PublishedReport
    do throws(UnreadableReport) {
      published = try PublishedReport.read(directory: directory, period: period)
    } catch {
      return [VerificationProblem(path: error.path, message: error.reason)]
    }
    // results-<period>.csv: `report,period,indicator,measure,segment,value,unit,sample_size,
    // denominator,excluded,target,met`, no field quoted (SPEC §5.1).
    var totals: [String: [Substring]] = [:]
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count == 12, fields[4] == "TOT" else { continue }
      totals["\(fields[1]) \(fields[2]) \(fields[3])"] = fields
    }
    var problems: [VerificationProblem] = []
    let models = published.xmlFiles.joined(separator: ", ")
    for indicator in published.indicators {
      // The model document the indicator belongs to.
      let model =
        IndicatorCode(rawValue: indicator.code).map {
          join(directory, $0.model.fileName(period: period.description, ext: "xml"))
        } ?? join(directory, models)
      for measure in indicator.measures {
        for result in measure.totals {
          let key = "\(result.column) \(indicator.code) \(measure.code)"
          guard let row = totals.removeValue(forKey: key) else {
            problems.append(
              VerificationProblem(path: model, message: "\(key) TOT is not in results-\(period).csv"))
            continue
          }
          let met = result.outcome == "raggiunto" ? "true" : result.outcome == "non raggiunto" ? "false" : ""
          let published = [
            result.value?.description ?? "", String(result.sampleSize), result.target?.description ?? "", met,
          ]
          let expected = [row[5], row[7], row[10], row[11]].map(String.init)
          for (name, (mine, theirs)) in zip(
            ["value", "sample size", "target", "outcome"], zip(published, expected))
          where mine != theirs {
            problems.append(
              VerificationProblem(
                path: model,
                message: "\(key) TOT: the model's \(name) is '\(mine)', results-\(period).csv has '\(theirs)'"
              ))
          }
        }
      }
    }
    for key in totals.keys.sorted() {
      problems.append(VerificationProblem(path: resultsPath, message: "\(key) TOT is in no report model"))
    }
    return problems
  }

  /// The problems of the input files against the manifest: each recorded input must be under
  /// `input` with its recorded size and SHA-256, and no other file may match a source's
  /// patterns (`patterns`, from the configuration the manifest carries), since the report
  /// would then not have been computed from what is there.
  /// - Parameters:
  ///   - patterns: per source name (`orders`), its `files:` patterns; nil when the
  ///     configuration cannot be read (then only the recorded files are checked).
  ///   - matching: the files under `input` matching some patterns, relative to `input`.
  public static func inputs(
    of manifest: Manifest, under input: String, patterns: [String: [String]]?,
    matching: ([String], String) -> [String]
  ) -> [VerificationProblem] {
    var problems: [VerificationProblem] = []
    for source in manifest.inputs.keys.sorted() {
      let recorded = manifest.inputs[source]!.files
      for file in recorded {
        if let problem = check(
          path: join(input, file.path), bytes: file.bytes, sha256: file.sha256, what: "input")
        {
          problems.append(problem)
        }
      }
      guard let globs = patterns?[source] else { continue }
      let names = Set(recorded.map(\.path))
      for file in matching(globs, input) where !names.contains(file) {
        problems.append(
          VerificationProblem(
            path: join(input, file),
            message:
              "matches the \(source) files (\(globs.joined(separator: " "))) but is not among the inputs "
              + "the report was computed from"))
      }
    }
    return problems
  }

  /// A listed file's problem: missing, not a regular file, other size, other digest.
  private static func check(path: String, bytes: Int, sha256: String, what: String) -> VerificationProblem? {
    var status = stat()
    guard lstat(path, &status) == 0 else {
      return VerificationProblem(path: path, message: "missing: the manifest lists this \(what)")
    }
    guard status.st_mode & S_IFMT == S_IFREG else {
      return VerificationProblem(path: path, message: "not a regular file")
    }
    guard let digest = digest(ofFileAt: path) else {
      return VerificationProblem(path: path, message: "cannot be read")
    }
    if digest.bytes != bytes {
      return VerificationProblem(
        path: path, message: "altered: \(digest.bytes) bytes, the manifest records \(bytes)")
    }
    if digest.sha256 != sha256 {
      return VerificationProblem(
        path: path, message: "altered: SHA-256 \(digest.sha256), the manifest records \(sha256)")
    }
    return nil
  }

  /// The size and SHA-256 of a file, read 1 MiB at a time (inputs may be gigabytes).
  static func digest(ofFileAt path: String) -> (bytes: Int, sha256: String)? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    var hasher = SHA256()
    var bytes = 0
    while true {
      let chunk: Data?
      do { chunk = try handle.read(upToCount: 1 << 20) } catch { return nil }
      guard let chunk, !chunk.isEmpty else { break }  // nil or empty: the end of the file
      hasher.update(data: chunk)
      bytes += chunk.count
    }
    return (bytes, hasher.finalize().hexadecimal)
  }

  /// Every entry under `directory` that is not a directory (files, links, FIFOs …),
  /// relative to it, in byte order.
  private static func regularAndOtherFiles(under directory: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
    var found: [String] = []
    while let relative = walker.nextObject() as? String {
      var status = stat()
      if lstat(join(directory, relative), &status) == 0, status.st_mode & S_IFMT != S_IFDIR {
        found.append(relative)
      }
    }
    return found.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
  }

  private static func join(_ directory: String, _ file: String) -> String {
    directory.hasSuffix("/") ? directory + file : directory + "/" + file
  }

  /// A JSON decoding error in a sentence.
  private static func reason(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, let context):
      "no '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      "wrong value at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
    default:
      "not valid JSON"
    }
  }
}
