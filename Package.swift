// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "agcom-report",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "agcom-report", targets: ["agcom-report"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // libcsv (Debian libcsv-dev). No pkg-config file exists, so the modulemap links it.
    .systemLibrary(name: "CLibCSV", path: "Sources/CLibCSV"),

    // Shared vocabulary: civil dates, the time-zone table, canonical records.
    .target(name: "ReportCore"),

    // The YAML configuration: operator, calendar, sources, indicators, targets.
    .target(
      name: "Configuration",
      dependencies: ["ReportCore", .product(name: "Yams", package: "Yams")]
    ),

    // Stage 1: CSV exports → validated, de-duplicated records and rejects.
    .target(name: "Ingest", dependencies: ["CLibCSV", "ReportCore", "Configuration"]),

    // Stage 2: records → exact indicators in the report model.
    .target(name: "Metrics", dependencies: ["Ingest", "Configuration", "ReportCore"]),

    // Stage 3: the report model → results CSV (and, next, XML, the human CSV and HTML).
    .target(name: "Emit", dependencies: ["Metrics", "ReportCore"]),

    // The thin command-line front end.
    .executableTarget(
      name: "agcom-report",
      dependencies: [
        "Ingest", "Metrics", "Emit", "Configuration", "ReportCore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    .testTarget(name: "ReportCoreTests", dependencies: ["ReportCore"]),
    .testTarget(name: "ConfigurationTests", dependencies: ["Configuration"]),
    .testTarget(name: "IngestTests", dependencies: ["Ingest", "Configuration", "ReportCore"]),
    .testTarget(name: "MetricsTests", dependencies: ["Metrics", "Ingest", "Configuration", "ReportCore"]),
    .testTarget(name: "EmitTests", dependencies: ["Emit", "Metrics", "ReportCore"]),
    .testTarget(name: "EndToEndTests", dependencies: ["agcom-report"]),
  ],
  swiftLanguageModes: [.v6]
)
