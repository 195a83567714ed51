#!/usr/bin/env bash
# Before/after benchmark of a change: the release binary of BASE (a git revision) against
# the working tree's, on the same inputs, in alternating runs (A B A B …), so that the
# machine's noise hits both alike.
#
#   bash scripts/bench-ab.sh BASE [RUNS]      (default: 9 runs of each)
#
# Times `check` on the 200 MB orders file of scripts/bench-ingest.sh and `run --period 2025`
# on the 174 MB input of scripts/bench-run.sh (generated when missing), whole processes,
# start-up included, page cache warm (one untimed run each first). Prints the median and
# the best wall-clock and user CPU seconds of each, and after/before ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: bench-ab.sh BASE [RUNS]}
runs=${2:-9}

bash scripts/setup.sh
mkdir -p bench-data
[ -d bench-data/ab-base ] || git worktree add --detach bench-data/ab-base "$base" >/dev/null
git -C bench-data/ab-base checkout -q --detach "$base"
(cd bench-data/ab-base && swift build -c release --product agcom-report >/dev/null)
swift build -c release --product agcom-report >/dev/null
before=bench-data/ab-base/.build/release/agcom-report
after=.build/release/agcom-report

ingest=bench-data/ingest-200
pipeline=bench-data/run-100-1000000
[ -f "$ingest/orders/orders.csv" ] || python3 scripts/bench/gen-input.py "$ingest" --mb 200
[ -f "$pipeline/invoices/invoices.csv" ] ||
  python3 scripts/bench/gen-input.py "$pipeline" --mb 100 --invoices 1000000 --tickets 300000

check_args=(check --config samples/acceptance.yaml --input "$ingest")
run_args=(run --config samples/acceptance.yaml --input "$pipeline" --period 2025 --output bench-data/ab-out
  --report-date 2026-01-15)
# "wall user" of one whole process: measure BINARY TASK.
measure() {
  local args="${2}_args[@]"
  /usr/bin/time -f '%e %U' "$1" "${!args}" 2>&1 >/dev/null | tail -1
}

declare -A wall user
for task in check run; do
  for binary in before after; do
    measure "${!binary}" "$task" >/dev/null  # warm the page cache
    wall[$task-$binary]=""
    user[$task-$binary]=""
  done
  for ((i = 1; i <= runs; i++)); do
    for binary in before after; do
      read -r w u <<<"$(measure "${!binary}" "$task")"
      wall[$task-$binary]+="$w "
      user[$task-$binary]+="$u "
    done
  done
done

median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
best() { tr ' ' '\n' | grep . | sort -g | head -1; }
echo "before: $base ($(git rev-parse --short "$base")), after: working tree ($(git rev-parse --short HEAD)); $runs alternating runs each"
for task in check run; do
  for kind in wall user; do
    declare -n times=$kind
    b=$(echo "${times[$task-before]}" | median)
    a=$(echo "${times[$task-after]}" | median)
    printf '  %-5s %-4s median %6.3f → %6.3f s (after/before %.3f); best %6.3f → %6.3f s\n' "$task" "$kind" \
      "$b" "$a" "$(echo "$a / $b" | bc -l)" \
      "$(echo "${times[$task-before]}" | best)" "$(echo "${times[$task-after]}" | best)"
  done
done
