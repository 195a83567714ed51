#!/usr/bin/env bash
# Pipeline benchmark (issue #3): the whole `run` (ingest + metrics + results) against
# `check` (ingest only) on the same data, `run --records` (issue #15: every record behind the
# figures, about 144 MB here) against `run`, and the peak memory of `run` with 1x and 4x
# invoice rows (memory must not grow with the number of invoices). The three commands
# alternate, so that a busy machine slows them alike.
#
#   bash scripts/bench-run.sh [ORDERS_MB] [INVOICES] [RUNS]   (defaults: 100, 1000000, 3)
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-100}
invoices=${2:-1000000}
runs=${3:-3}

bash scripts/setup.sh
swift build -c release --product agcom-report >/dev/null
one=bench-data/run-${mb}-${invoices}
four=bench-data/run-${mb}-$((invoices * 4))
[ -f "$one/invoices/invoices.csv" ] || python3 scripts/bench/gen-input.py "$one" --mb "$mb" --invoices "$invoices" --tickets 300000
[ -f "$four/invoices/invoices.csv" ] || python3 scripts/bench/gen-input.py "$four" --mb "$mb" --invoices $((invoices * 4)) --tickets 300000

bin=.build/release/agcom-report
check() { "$bin" check --config samples/acceptance.yaml --input "$1" >/dev/null 2>&1; }
run() { "$bin" run --config samples/acceptance.yaml --input "$1" --period 2025 --output bench-data/out --report-date 2026-01-15 >/dev/null 2>&1; }
seconds() { /usr/bin/time -f '%e' "$@" 2>&1 >/dev/null | tail -1; }
best() { sort -g | head -1; }
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

check_times=(); run_times=(); records_times=()
for ((i = 1; i <= runs; i++)); do
  check_times+=("$(seconds "$bin" check --config samples/acceptance.yaml --input "$one")")
  run_times+=("$(seconds "$bin" run --config samples/acceptance.yaml --input "$one" --period 2025 --output bench-data/out --report-date 2026-01-15)")
  records_times+=("$(seconds "$bin" run --config samples/acceptance.yaml --input "$one" --period 2025 --output bench-data/out-records --report-date 2026-01-15 --records)")
done
c=$(printf '%s\n' "${check_times[@]}" | best)
r=$(printf '%s\n' "${run_times[@]}" | best)
w=$(printf '%s\n' "${records_times[@]}" | best)
cm=$(printf '%s\n' "${check_times[@]}" | median)
rm_=$(printf '%s\n' "${run_times[@]}" | median)
wm=$(printf '%s\n' "${records_times[@]}" | median)
rss() { /usr/bin/time -f '%M' "$bin" run --config samples/acceptance.yaml --input "$1" --period 2025 --output bench-data/out --report-date 2026-01-15 2>&1 >/dev/null | tail -1; }
echo "input: $one ($(du -sm "$one" | cut -f1) MB; $runs alternating runs, whole processes, wall clock, page cache warm; load $(cut -d' ' -f1 /proc/loadavg))"
echo "  check (ingest only):               best ${c} s, median ${cm} s"
echo "  run --period 2025 (whole pipeline): best ${r} s, median ${rm_} s"
echo "  run / check: best $(echo "scale=2; $r / $c" | bc -l), median $(echo "scale=2; $rm_ / $cm" | bc -l)   (target <= 1.2)"
echo "  run --period 2025 --records:        best ${w} s, median ${wm} s   ($(du -sm bench-data/out-records/2025/records | cut -f1) MB of records)"
echo "  run --records / run: best $(echo "scale=2; $w / $r" | bc -l), median $(echo "scale=2; $wm / $rm_" | bc -l)   (target <= 1.3)"
"$bin" run --config samples/acceptance.yaml --input "$one" --period 2025 --output bench-data/out --report-date 2026-01-15 --record-timings >/dev/null 2>&1
echo "  stages of one more run (manifest.json timings; the indicators overlap ingestion):"
python3 -c 'import json, sys; t = json.load(open(sys.argv[1]))["timings"]; print("   ", ", ".join(f"{k} {v:.3f} s" for k, v in sorted(t.items())))' bench-data/out/2025/manifest.json
echo "peak memory of run: $(rss "$one") KB with ${invoices} invoices, $(rss "$four") KB with $((invoices * 4))"
