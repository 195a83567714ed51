#!/usr/bin/env bash
# The README's main command: installs what is missing, builds, and checks the bundled
# samples (later: runs the whole pipeline on them).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product agcom-report
.build/release/agcom-report check --config samples/operator.yaml --input samples/input "$@"
