#!/usr/bin/env bash
# Ingestion benchmark (issues 2 and 10): agcom-report's reader against libcsv's raw speed and
# against DuckDB, on one large orders file and on one large calls file, in one run.
#
#   bash scripts/bench-ingest.sh [MB] [RUNS] [CALLS]   (defaults: 200 MB, 5 runs, 3000000 calls)
#
# The orders file is MB megabytes of canonical orders (400,000 ids, each repeated with later
# updated_at, see gen-input.py); the calls file holds CALLS calls in one contact-centre
# export (a tenth of the national operator's 30 M a year by default, about 340 MB), read
# with samples/acceptance-care.yaml. Every contender is timed the same way: the whole
# process, start-up included (for DuckDB: Python, the import and the connection), wall clock,
# with the page cache warm (each file is read once before timing). The contenders alternate
# run by run; the script prints the median and the best of RUNS, MB/s on the median, the
# ratios on the medians, DuckDB's own time for the work alone (its query, without start-up),
# the load average, and agcom-report's peak memory on a 1x and a 2x orders file with the same
# ids (memory must not grow with the file size). Data goes to bench-data/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-200}
runs=${2:-5}
calls=${3:-3000000}

bash scripts/setup.sh
bash scripts/bench/setup-duckdb.sh
command -v cc >/dev/null || { echo "bench: a C compiler is needed" >&2; exit 69; }
swift build -c release --product agcom-report >/dev/null
mkdir -p bench-data
cc -O2 -o bench-data/libcsv-raw scripts/bench/libcsv-raw.c -lcsv

one=bench-data/ingest-${mb}
two=bench-data/ingest-$((mb * 2))
care=bench-data/ingest-calls-${calls}
[ -f "$one/orders/orders.csv" ] || python3 scripts/bench/gen-input.py "$one" --mb "$mb"
[ -f "$two/orders/orders.csv" ] || python3 scripts/bench/gen-input.py "$two" --mb $((mb * 2))
[ -f "$care/calls/calls.csv" ] || python3 scripts/bench/gen-input.py "$care" --mb 0.01 --calls "$calls"
orders="$one/orders/orders.csv"
callfile="$care/calls/calls.csv"
cat "$orders" "$callfile" >/dev/null   # warm the page cache

bin=.build/release/agcom-report
log=bench-data/ingest-times.tsv
: >"$log"
# whole-process wall-clock seconds of a command (its output discarded)
seconds() { /usr/bin/time -f '%e' -o bench-data/time.txt "$@" >/dev/null 2>&1 && cat bench-data/time.txt; }
# A contender that fails (a stale input, say) stops the benchmark instead of leaving a blank time.
record() {
  [ -n "$3" ] || { echo "bench: $1 $2 failed; run it by hand to see why (regenerate stale inputs: rm -r bench-data/ingest-*)" >&2; exit 1; }
  printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$log"
}
load=$(cut -d' ' -f1 /proc/loadavg)
for ((run = 1; run <= runs; run++)); do
  record orders raw "$(seconds bench-data/libcsv-raw "$orders")"
  record orders agcom "$(seconds "$bin" check --config samples/acceptance.yaml --input "$one")"
  record orders duck1 "$(seconds python3 scripts/bench/duckdb-ingest.py "$orders" 1)"
  record orders duck2 "$(seconds python3 scripts/bench/duckdb-ingest.py "$orders" 2)"
  record orders duck2work "$(python3 scripts/bench/duckdb-ingest.py "$orders" 2 | awk '{print $3}')"
  record calls raw "$(seconds bench-data/libcsv-raw "$callfile")"
  record calls agcom "$(seconds "$bin" check --config samples/acceptance-care.yaml --input "$care")"
  record calls duck1 "$(seconds python3 scripts/bench/duckdb-ingest.py "$callfile" 1)"
  record calls duck2 "$(seconds python3 scripts/bench/duckdb-ingest.py "$callfile" 2)"
  record calls duck2work "$(python3 scripts/bench/duckdb-ingest.py "$callfile" 2 | awk '{print $3}')"
done
load_after=$(cut -d' ' -f1 /proc/loadavg)

rss() { /usr/bin/time -f '%M' -o bench-data/time.txt "$bin" check --config samples/acceptance.yaml --input "$1" >/dev/null 2>&1 && cat bench-data/time.txt; }
rss_one=$(rss "$one")
rss_two=$(rss "$two")
python3 - "$log" "$(stat -c %s "$orders")" "$(stat -c %s "$callfile")" "$runs" "$load" "$load_after" <<'PY'
import statistics, sys, duckdb
log, sizes, runs = sys.argv[1], {"orders": int(sys.argv[2]), "calls": int(sys.argv[3])}, sys.argv[4]
times = {}
for line in open(log):
    file, contender, value = line.split()
    times.setdefault((file, contender), []).append(float(value))
names = {"raw": "libcsv raw (no-op callbacks, 1 core)", "agcom": "agcom-report check",
         "duck1": "DuckDB, 1 thread", "duck2": "DuckDB, 2 threads"}
print(f"whole processes, wall clock, page cache warm, {runs} alternating runs; DuckDB {duckdb.__version__};"
      f" load average {sys.argv[5]} before, {sys.argv[6]} after")
for file in ("orders", "calls"):
    mb = sizes[file] / 1e6
    print(f"{file} file: {mb:.1f} MB")
    median = {c: statistics.median(times[(file, c)]) for c in names}
    for contender, name in names.items():
        values = times[(file, contender)]
        print(f"  {name:38s} median {median[contender]:7.3f} s  best {min(values):7.3f} s  {mb / median[contender]:6.0f} MB/s")
    work = statistics.median(times[(file, "duck2work")])
    print(f"  {'DuckDB, 2 threads, its query alone':38s} median {work:7.3f} s                  {mb / work:6.0f} MB/s")
    print(f"  agcom-report / libcsv raw throughput: {median['raw'] / median['agcom']:.2f}   (target >= 0.65)")
    print(f"  agcom-report / DuckDB 1 thread:       {median['duck1'] / median['agcom']:.2f}")
    print(f"  agcom-report / DuckDB 2 threads:      {median['duck2'] / median['agcom']:.2f}")
PY
echo "peak memory of check: ${rss_one} KB on ${mb} MB, ${rss_two} KB on $((mb * 2)) MB (same ids)"
