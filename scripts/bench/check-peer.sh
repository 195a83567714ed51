#!/usr/bin/env bash
# Shows that the DuckDB peer (scripts/bench/duckdb-peer.py) computes what `agcom-report run`
# computes, so that the benchmarks compare equal work (issue 14, target 1):
#  1. its results-<P>.csv on the acceptance data equal expected/results-<P>.csv byte for byte
#     for the four acceptance reports (2025, 2025-H1, 2026-H2, 2026), and, with calls and
#     surveys (--care), expected/care/results-<P>.csv;
#  2. its Europe/Rome rule (SPEC §3: fold → first occurrence, gap → moved forward) gives the
#     same instant as Python's zoneinfo for every local quarter hour of 2024-2028.
# Exits 1 on the first difference, printing it.
#
#   bash scripts/bench/check-peer.sh [ACCEPTANCE_DIR]   (default Tests/Fixtures/acceptance)
set -euo pipefail
cd "$(dirname "$0")/../.."
acceptance=${1:-Tests/Fixtures/acceptance}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 -c 'import duckdb; print("DuckDB", duckdb.__version__)'
status=0
for period in 2025 2025-H1 2026-H2 2026; do
  for variant in base care; do
    if [ "$variant" = base ]; then flag=""; expected="$acceptance/expected/results-$period.csv"
    else flag="--care"; expected="$acceptance/expected/care/results-$period.csv"; fi
    python3 scripts/bench/duckdb-peer.py "$acceptance/input" "$period" $flag --output "$out/$variant-$period.csv"
    if cmp -s "$out/$variant-$period.csv" "$expected"; then
      echo "  $variant $period: $(($(wc -l <"$expected") - 1)) rows equal to $expected"
    else
      echo "  $variant $period: DIFFERS from $expected" >&2
      diff "$out/$variant-$period.csv" "$expected" | head -20 >&2
      status=1
    fi
  done
done
python3 - <<'PY' || status=1
import datetime, duckdb, importlib.util, zoneinfo
spec = importlib.util.spec_from_file_location("peer", "scripts/bench/duckdb-peer.py")
peer = importlib.util.module_from_spec(spec); spec.loader.exec_module(peer)
db = duckdb.connect(); db.execute(peer.MACROS)
rows = db.execute("""SELECT t, utc_seconds(t) FROM range(TIMESTAMP '2024-01-01', TIMESTAMP '2029-01-01',
                     INTERVAL 15 MINUTE) r(t)""").fetchall()
rome = zoneinfo.ZoneInfo("Europe/Rome")
bad = [(t, s) for t, s in rows if int(t.replace(tzinfo=rome, fold=0).timestamp()) != s]
print(f"  Europe/Rome: {len(rows)} local quarter hours, {len(bad)} different from zoneinfo")
raise SystemExit(1 if bad else 0)
PY
exit $status
