#!/usr/bin/env bash
# Installs the pinned DuckDB of scripts/bench/requirements.txt when the installed one differs.
set -euo pipefail
cd "$(dirname "$0")"
wanted=$(sed -n 's/^duckdb==//p' requirements.txt)
have=$(python3 -c 'import duckdb; print(duckdb.__version__)' 2>/dev/null || true)
[ "$have" = "$wanted" ] && exit 0
echo "bench: installing duckdb $wanted (found '${have:-none}')" >&2
python3 -m pip install -q -r requirements.txt
