#!/usr/bin/env bash
# National-scale benchmark (issue 14, target 2): a year shaped like the national operator's,
# scaled by FRACTION (F), against the DuckDB peer computing the same annual results.
#
#   bash scripts/bench-national.sh [FRACTION] [RUNS]   (defaults: 0.05, 5)
#
# Generates (once, into bench-data/) the year at F and at 2F with scripts/bench/gen-national.py:
# monthly files per source, 4 M x F orders, 3 M x F tickets, 240 M x F invoice rows, 30 M x F
# calls and their surveys (about 0.85 GB at F = 0.05). At each size it first checks that
# `agcom-report run --period 2025` (release build, samples/acceptance-care.yaml) and
# scripts/bench/duckdb-peer.py --care (2 threads) write the same results-2025.csv - otherwise
# the comparison is void and the script fails - then times RUNS alternating runs of each.
#
# How it measures: each contender is timed the same way, as a whole process (start-up, Python
# and DuckDB's import included for the peer), wall clock and peak resident memory from
# /usr/bin/time -v, with the page cache warm (the input is read once before timing, and the
# machine's free memory is printed to show it stays cached). Both write their results file.
# It prints, per size and contender, the median and the best of the runs, MB/s of input on the
# median, peak memory (median), user+system CPU time (median), the load average before the
# runs (the machine is shared: wall-clock figures are noisy, CPU time much less so), the
# ratios run / DuckDB, and the projection to F = 1 from the two sizes (wall, CPU and memory
# as a + b x F; CPU / 2 is the wall time two idle cores would need at best), with the growth
# from F to 2F (linear or better when time and memory at most double).
# SUMMARY_ONLY=1 prints the summary of the last measurement again without measuring.
set -euo pipefail
cd "$(dirname "$0")/.."
fraction=${1:-0.05}
runs=${2:-5}
double=$(python3 -c "print(2 * $fraction)")

bash scripts/setup.sh
bash scripts/bench/setup-duckdb.sh
command -v /usr/bin/time >/dev/null || { echo "bench: /usr/bin/time is needed (apt-get install time)" >&2; exit 69; }
swift build -c release --product agcom-report >/dev/null
bin=.build/release/agcom-report
mkdir -p bench-data
for f in "$fraction" "$double"; do
  dir=bench-data/national-$f
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    echo "generating $dir ..." >&2
    python3 scripts/bench/gen-national.py "$dir" --fraction "$f"
    touch "$dir/.complete"
  fi
done

log=bench-data/national-times.tsv
# SUMMARY_ONLY=1 prints the summary of the runs already in the log, measuring nothing.
[ -n "${SUMMARY_ONLY:-}" ] || : >"$log"
# One measured run: appends "size contender wall_s peak_kb cpu_s load" to the log.
measure() {
  local size=$1 contender=$2; shift 2
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -v -o bench-data/time.txt "$@" >/dev/null 2>bench-data/stderr.txt || {
    echo "bench: $contender failed:" >&2; cat bench-data/stderr.txt >&2; exit 1; }
  python3 - "$size" "$contender" "$load" >>"$log" <<'PY'
import re, sys
text = open("bench-data/time.txt").read()
def field(name): return re.search(re.escape(name) + r": (.*)", text).group(1).strip()
wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
seconds = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
print(sys.argv[1], sys.argv[2], f"{seconds:.2f}", field("Maximum resident set size (kbytes)"), f"{cpu:.2f}", sys.argv[3], sep="\t")
PY
}

for f in "$fraction" "$double"; do
  [ -z "${SUMMARY_ONLY:-}" ] || break
  dir=bench-data/national-$f
  cat "$dir"/*/*.csv >/dev/null   # warm the page cache
  "$bin" run --config samples/acceptance-care.yaml --input "$dir" --period 2025 --output "bench-data/national-out-$f" \
    --report-date 2026-01-15 >/dev/null 2>bench-data/stderr.txt
  python3 scripts/bench/duckdb-peer.py "$dir" 2025 --care --threads 2 --output "bench-data/national-peer-$f.csv"
  if ! cmp -s "bench-data/national-out-$f/2025/results-2025.csv" "bench-data/national-peer-$f.csv"; then
    echo "bench: at F = $f the peer's results differ from agcom-report's: the comparison is void" >&2
    diff "bench-data/national-out-$f/2025/results-2025.csv" "bench-data/national-peer-$f.csv" | head -20 >&2
    exit 1
  fi
  echo "F = $f: results-2025.csv equal ($(($(wc -l <"bench-data/national-peer-$f.csv") - 1)) rows)" >&2
  for ((i = 1; i <= runs; i++)); do
    measure "$f" run "$bin" run --config samples/acceptance-care.yaml --input "$dir" --period 2025 \
      --output "bench-data/national-out-$f" --report-date 2026-01-15
    measure "$f" duckdb python3 scripts/bench/duckdb-peer.py "$dir" 2025 --care --threads 2 \
      --output "bench-data/national-peer-$f.csv"
  done
done

python3 - "$log" "$fraction" "$double" "$runs" <<'PY'
import os, statistics, sys, duckdb
log, f1, f2, runs = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
rows = [line.split("\t") for line in open(log).read().splitlines()]
def size(f):
    directory = f"bench-data/national-{sys.argv[2] if f == f1 else sys.argv[3]}"
    return sum(os.path.getsize(os.path.join(d, n)) for d, _, names in os.walk(directory) for n in names if n.endswith(".csv"))
def stats(f, contender):
    sel = [r for r in rows if float(r[0]) == f and r[1] == contender]
    wall = [float(r[2]) for r in sel]
    return {"median": statistics.median(wall), "best": min(wall), "rss": statistics.median(int(r[3]) for r in sel) / 1024,
            "cpu": statistics.median(float(r[4]) for r in sel), "load": (min(float(r[5]) for r in sel), max(float(r[5]) for r in sel))}
with open("/proc/meminfo") as meminfo:
    free = {l.split(":")[0]: int(l.split()[1]) for l in meminfo}
print(f"DuckDB {duckdb.__version__} (2 threads) vs agcom-report run --period 2025, {runs} alternating runs each;")
print(f"whole processes, wall clock, page cache warm (input read before; {free['MemAvailable'] // 1048576} GiB available)")
result = {}
for f in (f1, f2):
    mb = size(f) / 1e6
    print(f"F = {f:g}: {mb:.0f} MB of CSV")
    for contender in ("run", "duckdb"):
        s = stats(f, contender)
        result[(f, contender)] = s
        print(f"  {contender:7s} median {s['median']:6.2f} s  best {s['best']:6.2f} s  {mb / s['median']:6.0f} MB/s"
              f"  peak {s['rss']:6.0f} MB  cpu {s['cpu']:6.2f} s  load {s['load'][0]:.1f}-{s['load'][1]:.1f}")
    r, d = result[(f, "run")], result[(f, "duckdb")]
    print(f"  run / DuckDB: wall median {r['median'] / d['median']:.2f}, best {r['best'] / d['best']:.2f},"
          f" cpu {r['cpu'] / d['cpu']:.2f}, memory {r['rss'] / d['rss']:.2f}   (target <= 0.5)")
national = size(f2) / f2 / 1e6
print(f"projection to F = 1 ({national / 1000:.1f} GB), as a + b x F from F = {f1:g} and {f2:g}:")
for contender in ("run", "duckdb"):
    a, b = result[(f1, contender)], result[(f2, contender)]
    def project(key):
        slope = (b[key] - a[key]) / (f2 - f1)
        return a[key] + slope * (1 - f1), b[key] / a[key]
    t, tg = project("median")
    c, cg = project("cpu")
    m, mg = project("rss")
    print(f"  {contender:7s} wall {t:6.0f} s ({national / t:4.0f} MB/s), cpu {c:6.0f} s (at best {c / 2:5.0f} s"
          f" on two idle cores, {national / (c / 2):4.0f} MB/s), peak {m / 1024:5.2f} GiB;"
          f" growth F->2F: wall x{tg:.2f}, cpu x{cg:.2f}, memory x{mg:.2f}")
print("targets: the national year in <= 30 s (>= 400 MB/s) with peak memory <= 1.5 GiB; run <= 0.5 x DuckDB")
PY
