#!/usr/bin/env bash
# The README's main command: installs what is missing, builds, then runs the pipeline on
# the bundled samples — the annual report 2025 into out/2025/ — checks its three report
# models (servizi, assistenza, reclami) against the schema and prints the year's headline
# figures.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product agcom-report
.build/release/agcom-report run --config samples/operator.yaml --input samples/input \
  --period 2025 --report-date 2026-01-15 --output out "$@"
echo "the report models, each its own document (XML and CSV), validated:" >&2
.build/release/agcom-report validate out/2025/resoconto-servizi-2025.xml \
  out/2025/resoconto-assistenza-2025.xml out/2025/resoconto-reclami-2025.xml
echo "results: out/2025/results-2025.csv — every indicator, the year's whole population (TOT):" >&2
head -1 out/2025/results-2025.csv
grep -E '^2025,2025,[^,]+,[^,]+,TOT,' out/2025/results-2025.csv
