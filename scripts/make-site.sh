#!/usr/bin/env bash
# Generates a site from the acceptance input: the reports 2025-H1, 2025-H2, 2025, 2026-H1
# and 2026-H2 run into one output directory OUT (default out/site), the last one prepared
# before its semester ends, so provisional. Uses the built debug executable (swift build).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out/site}"
binary="${AGCOM_REPORT:-.build/debug/agcom-report}"
rm -rf "$out"
for run in 2025-H1:2025-07-15 2025-H2:2026-01-15 2025:2026-01-20 2026-H1:2026-07-15 2026-H2:2026-12-20; do
  "$binary" run --config samples/acceptance.yaml --input Tests/Fixtures/acceptance/input \
    --period "${run%%:*}" --report-date "${run##*:}" --output "$out" 2>/dev/null
done
echo "$out"
