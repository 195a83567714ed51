#!/usr/bin/env bash
# Fuzzing: builds agcom-fuzz under libFuzzer and AddressSanitizer, replays the saved
# reproducers, then fuzzes the CSV reader and/or the configuration loader.
#
#   bash scripts/fuzz.sh [SECONDS] [reader|config|all]     (defaults: 60 s each, all)
#
# SECONDS is per harness; the harnesses run one after the other (one fuzzing process at a
# time). Seeds: fuzz/corpus/<harness>/ (committed). New corpus entries go to
# fuzz-out/<harness>/corpus/, crashes, timeouts and leaks to fuzz-out/<harness>/, the log
# to fuzz-out/<harness>/fuzz.log (fuzz-out/ is git-ignored). Prints executions, exec/s,
# coverage and findings per harness; exits 1 when a harness found something.
# A finding is replayed in a normal build with
#   AGCOM_FUZZ_HARNESS=reader swift run agcom-fuzz fuzz-out/reader/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
which=${2:-all}
case "$which" in
  reader | config) harnesses=("$which") ;;
  all) harnesses=(reader config) ;;
  *) echo "usage: $0 [SECONDS] [reader|config|all]" >&2; exit 64 ;;
esac

bash scripts/setup.sh
# A debug build (assertions, -enable-testing) optimized with -O: twice the executions per
# second of -Onone. C code (libcsv, Yams' libyaml) is neither instrumented nor sanitized.
swift build -c debug --product agcom-fuzz --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING -Xswiftc -O
fuzzer=.build-fuzz/debug/agcom-fuzz
if ! nm "$fuzzer" | grep ' T LLVMFuzzerRunDriver$' >/dev/null; then
  echo "fuzz: $fuzzer is not linked with libFuzzer" >&2
  exit 70
fi

# Swift's runtime keeps metadata caches for the life of the process: LeakSanitizer would
# report them after the first input. Leaks are out of scope; memory errors are not.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
# libFuzzer and ASan print the stack of a crash; Swift's backtracer would spend seconds
# symbolicating it again.
export SWIFT_BACKTRACE=enable=no
status=0
summaries=()
for harness in "${harnesses[@]}"; do
  out=fuzz-out/$harness
  mkdir -p "$out/corpus"
  export AGCOM_FUZZ_HARNESS=$harness
  if compgen -G "fuzz/regressions/$harness/*" >/dev/null; then
    echo "fuzz: $harness: replaying fuzz/regressions/$harness/" >&2
    "$fuzzer" fuzz/regressions/"$harness"/* >"$out/regressions.log" 2>&1 || {
      echo "fuzz: $harness: a saved reproducer fails again; see $out/regressions.log" >&2
      status=1
      continue
    }
  fi
  before=$(find "$out" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'leak-*' \
    -o -name 'oom-*' \) | wc -l)
  echo "fuzz: $harness: fuzzing for $seconds s; log in $out/fuzz.log" >&2
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: ASan's shadow memory included.
  "$fuzzer" "$out/corpus" "fuzz/corpus/$harness" -dict="fuzz/$harness.dict" \
    -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="$out/" -print_final_stats=1 >"$out/fuzz.log" 2>&1 || true
  after=$(find "$out" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'leak-*' \
    -o -name 'oom-*' \) | wc -l)
  final=$(grep -E '^#[0-9]+' "$out/fuzz.log" | tail -1 || true)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/fuzz.log")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/fuzz.log")
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$final")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$final")
  corpus=$(sed -n 's/.* corp: \([^ ]*\).*/\1/p' <<<"$final")  # entries/size kept by libFuzzer
  found=$((after - before))
  summaries+=("$(printf '%-6s %4s s  %9s execs  %6s exec/s  cov %5s  ft %6s  corpus %11s  findings %s' \
    "$harness" "$seconds" "${runs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "$corpus" "$found")")
  if ((found > 0)) || grep -q -E '^==[0-9]+==.*(ERROR|deadly signal)|Fatal error' "$out/fuzz.log"; then
    echo "fuzz: $harness: FINDING — see $out/fuzz.log and $out/crash-*" >&2
    grep -E 'Fatal error|^==[0-9]+==|^SUMMARY|Test unit written' "$out/fuzz.log" | head -5 >&2 || true
    status=1
  fi
done
printf '%s\n' "${summaries[@]}"
exit "$status"
