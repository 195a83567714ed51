// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "agcom-report",
  platforms: [.macOS(.v15)],  // Synchronization.Mutex
  products: [
    .executable(name: "agcom-report", targets: ["agcom-report"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    // libcsv (Debian libcsv-dev). No pkg-config file exists, so the modulemap links it.
    .systemLibrary(name: "CLibCSV", path: "Sources/CLibCSV"),

    // libxml2 (Debian libxml2-dev): flags only — include path and link — for CXMLWriter.
    .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0"),

    // The only code that includes libxml2's headers: XML writing and XSD validation behind
    // prefixed C functions (`cxml_*`) and opaque pointers.
    .target(name: "CXMLWriter", dependencies: ["CLibXML2"]),

    // The only code that includes libxlsxwriter's headers (Debian libxlsxwriter-dev, in the
    // default include path): the workbook behind `cxlsx_*` functions and an opaque pointer.
    .target(name: "CXLSXWriter", linkerSettings: [.linkedLibrary("xlsxwriter")]),

    // Atomic exchange of two directories (renameat2), for all-or-nothing report output.
    .target(name: "CFileSystem"),

    // Shared vocabulary: the indicator catalogue, the source schema, civil dates, the
    // time-zone table, the working calendar, date patterns, records and the audit trail.
    .target(name: "ReportCore"),

    // The YAML configuration, resolved once into typed values: operator, time zone, calendar,
    // sources with compiled date patterns, indicators, targets, labels.
    .target(
      name: "Configuration",
      dependencies: ["ReportCore", .product(name: "Yams", package: "Yams")]
    ),

    // Stage 1: CSV exports → validated, de-duplicated records and rejects.
    .target(
      name: "Ingest",
      dependencies: [
        "CLibCSV", "ReportCore", "Configuration", .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),

    // Stage 2: records → exact indicators in the report model.
    .target(name: "Metrics", dependencies: ["Configuration", "ReportCore"]),

    // Stage 3: the report model and the audit trail → XML, the Italian CSV, the results CSV,
    // the web page, the rejects and the manifest, and the output directory they replace
    // all at once.
    .target(
      name: "Emit",
      dependencies: [
        "Metrics", "Configuration", "ReportCore", "CXMLWriter", "CXLSXWriter", "CFileSystem",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),

    // The thin command-line front end.
    .executableTarget(
      name: "agcom-report",
      dependencies: [
        "Ingest", "Metrics", "Emit", "Configuration", "ReportCore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // Fuzz harnesses of the CSV reader and the configuration loader (scripts/fuzz.sh builds
    // them under libFuzzer with -DFUZZING); a normal build replays saved inputs.
    .executableTarget(
      name: "agcom-fuzz",
      dependencies: [
        "Ingest", "Configuration", "ReportCore", .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),

    .testTarget(name: "ReportCoreTests", dependencies: ["ReportCore"]),
    .testTarget(name: "ConfigurationTests", dependencies: ["Configuration"]),
    .testTarget(
      name: "IngestTests",
      dependencies: [
        "Ingest", "Configuration", "ReportCore", .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .testTarget(name: "MetricsTests", dependencies: ["Metrics", "Configuration", "ReportCore"]),
    .testTarget(
      name: "EmitTests", dependencies: ["Emit", "Metrics", "Ingest", "Configuration", "ReportCore"]),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["agcom-report", .product(name: "Crypto", package: "swift-crypto")],
      exclude: ["Golden"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
