#!/usr/bin/env bash
# Ingestion benchmark (issue #2): agcom-report's reader against libcsv's raw speed and
# against DuckDB on the same generated orders file, in one run.
#
#   bash scripts/bench-ingest.sh [MB] [RUNS]      (defaults: 200 MB, 5 runs)
#
# Prints, per contender, the best of RUNS wall-clock times and the throughput in MB/s,
# the ratios, and agcom-report's peak memory on a 1x and a 2x file with the same ids
# (memory must not grow with the file size). Data goes to bench-data/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-200}
runs=${2:-5}

bash scripts/setup.sh
command -v cc >/dev/null || { echo "bench: a C compiler is needed" >&2; exit 69; }
python3 -c "import duckdb" 2>/dev/null || pip install -q duckdb
swift build -c release --product agcom-report >/dev/null
mkdir -p bench-data
cc -O2 -o bench-data/libcsv-raw scripts/bench/libcsv-raw.c -lcsv

one=bench-data/ingest-${mb}
two=bench-data/ingest-$((mb * 2))
[ -f "$one/orders/orders.csv" ] || python3 scripts/bench/gen-input.py "$one" --mb "$mb"
[ -f "$two/orders/orders.csv" ] || python3 scripts/bench/gen-input.py "$two" --mb $((mb * 2))
file="$one/orders/orders.csv"
bytes=$(stat -c %s "$file")

best() { sort -g | head -1; }
now() { date +%s.%N; }
raw_times=(); ours_times=(); duck1_times=(); duck2_times=()
for ((run = 1; run <= runs; run++)); do
  raw_times+=("$(bench-data/libcsv-raw "$file" | awk '{print $4}')")
  start=$(now)
  .build/release/agcom-report check --config samples/acceptance.yaml --input "$one" >/dev/null
  ours_times+=("$(echo "$(now) - $start" | bc -l)")
  duck1_times+=("$(python3 scripts/bench/duckdb-ingest.py "$file" 1 | awk '{print $3}')")
  duck2_times+=("$(python3 scripts/bench/duckdb-ingest.py "$file" 2 | awk '{print $3}')")
done
raw=$(printf '%s\n' "${raw_times[@]}" | best)
ours=$(printf '%s\n' "${ours_times[@]}" | best)
duck1=$(printf '%s\n' "${duck1_times[@]}" | best)
duck2=$(printf '%s\n' "${duck2_times[@]}" | best)

rss() { /usr/bin/time -f '%M' .build/release/agcom-report check --config samples/acceptance.yaml --input "$1" 2>&1 >/dev/null | tail -1; }
rss_one=$(rss "$one")
rss_two=$(rss "$two")

mbps() { echo "scale=1; $bytes / 1000000 / $1" | bc -l; }
ratio() { echo "scale=2; $1 / $2" | bc -l; }
echo "orders file: $file ($(echo "scale=1; $bytes / 1000000" | bc) MB, best of $runs runs, wall clock)"
printf '  %-34s %8.3f s  %7s MB/s\n' "libcsv raw (no-op callbacks, 1 core)" "$raw" "$(mbps "$raw")"
printf '  %-34s %8.3f s  %7s MB/s\n' "agcom-report check" "$ours" "$(mbps "$ours")"
printf '  %-34s %8.3f s  %7s MB/s\n' "DuckDB 1 thread" "$duck1" "$(mbps "$duck1")"
printf '  %-34s %8.3f s  %7s MB/s\n' "DuckDB 2 threads" "$duck2" "$(mbps "$duck2")"
echo "  agcom-report / libcsv raw throughput: $(ratio "$raw" "$ours")   (target >= 0.5)"
echo "  agcom-report / DuckDB 1 thread:       $(ratio "$duck1" "$ours")"
echo "  agcom-report / DuckDB 2 threads:      $(ratio "$duck2" "$ours")"
echo "peak memory: ${rss_one} KB on ${mb} MB, ${rss_two} KB on $((mb * 2)) MB (same ids)"
