import Configuration
import Foundation
import Metrics

/// `manifest.json`: the audit trail of a report (SPEC §5).
///
/// Which tool and configuration (path, digest and text) produced it, every input file with
/// its SHA-256, rows read, rows rejected and duplicates folded, the records excluded per
/// cause (with its label), the breaches of the specific standards per indicator, and every
/// output file with its SHA-256 — enough to prove where each figure came from. Keys are
/// sorted and nothing depends on the clock, so identical inputs give an identical
/// manifest; timings are included only when asked for (`--record-timings`).
public struct Manifest: Codable, Sendable, Equatable {
  public struct Tool: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
  }

  public struct Report: Codable, Sendable, Equatable {
    public var period: String
    public var type: String
    public var reportDate: String
    public var provisional: Bool
  }

  /// The configuration in force: its path, its digest and its very text, so that the
  /// targets, exclusion causes and rules a report was computed with travel with it.
  public struct ConfigurationFile: Codable, Sendable, Equatable {
    public var path: String
    public var sha256: String
    /// The file's text, exactly as read (the loader accepts UTF-8 only).
    public var text: String
  }

  public struct InputFile: Codable, Sendable, Equatable {
    /// Relative to `--input`.
    public var path: String
    public var sha256: String
    public var bytes: Int
    public var rows: Int
    public var rejected: Int
    public var encoding: String
    public var delimiter: String
  }

  public struct Source: Codable, Sendable, Equatable {
    public var rows: Int
    public var rejected: Int
    public var duplicates: Int
    public var files: [InputFile]
  }

  /// The records of an indicator's population removed by one exclusion cause.
  public struct Exclusion: Codable, Sendable, Equatable {
    /// Records excluded in the report's period.
    public var count: Int
    /// The cause's Italian label (`exclusions:`), else its code.
    public var label: String
  }

  /// One report model of SPEC §5.2 (`servizi`, `assistenza`, `reclami`), written or not.
  public struct Model: Codable, Sendable, Equatable {
    public var title: String
    /// `156/23/CONS`, or `255/24/CONS, Allegato 4`.
    public var deliberation: String
    /// Whether its files are in the report: a model none of whose indicators can be computed
    /// is not written.
    public var written: Bool
    /// `resoconto-<model>-<period>.xml` and `.csv`; empty when not written.
    public var files: [String]
    /// Its indicators that are computed, in catalogue order.
    public var indicators: [String]
    /// Its indicators whose source is not configured (*non rilevato* when it is written).
    public var notCollected: [String]
    /// Why it is not written; absent when written.
    public var reason: String?
  }

  /// The breaches of one indicator's specific standard (SPEC §4.2).
  public struct Indemnities: Codable, Sendable, Equatable {
    /// Breaches of records completed or resolved (the population of the report's period).
    public var closed: Int
    /// Breaches of records not yet completed or resolved, accrued up to the report date.
    public var open: Int
    /// The sum of their indemnities in euro, two decimals and `.` (exact, as a text).
    public var amount: String
  }

  public struct OutputFile: Codable, Sendable, Equatable {
    public var path: String
    public var sha256: String
    public var bytes: Int
  }

  public var tool: Tool
  public var report: Report
  public var configuration: ConfigurationFile
  public var inputs: [String: Source]
  /// Model code → whether and where it is written (SPEC §5.2).
  public var models: [String: Model]
  /// Indicator code → exclusion code → records excluded in the report's period, with the
  /// cause's label.
  public var excluded: [String: [String: Exclusion]]
  /// Indicator code → records left out of its population in the report's period other than
  /// by exclusion code: C20's short abandons (SPEC §4). Absent when there are none.
  public var shortAbandons: [String: Int]?
  /// Indicator code (ATT, RIP, REC) → its breaches and their total indemnity
  /// (`indennizzi-<period>.csv`).
  public var indemnities: [String: Indemnities]?
  public var outputs: [OutputFile]
  /// Stage → seconds, only with `--record-timings`.
  public var timings: [String: Double]?

  /// The manifest as pretty-printed JSON with sorted keys and a final newline.
  public func json() -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Encoding plain structs of strings and numbers cannot fail.
    return Array(try! encoder.encode(self)) + [0x0A]
  }
}
