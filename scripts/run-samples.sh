#!/usr/bin/env bash
# The README's main command: installs what is missing, builds, then runs the pipeline on
# the bundled samples — the annual report 2025 into out/2025/ — and prints its results.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product agcom-report
.build/release/agcom-report run --config samples/operator.yaml --input samples/input \
  --period 2025 --report-date 2026-01-15 --output out "$@"
echo "results: out/2025/results-2025.csv" >&2
head -40 out/2025/results-2025.csv
