#!/usr/bin/env bash
# Mutation testing (STYLE.md "Tests": a test earns its place by failing when the rule it
# names is broken). Breaks the rules of SPEC.md one at a time in a scratch copy of the
# repository and checks that the tests guarding each rule fail.
#
#   scripts/mutation.sh             every mutation
#   scripts/mutation.sh IDTable     only those whose file or description matches (grep -E)
#
# The copy lives in $MUTATION_SCRATCH (default /tmp/agcom-mutation/repo), outside the
# repository; it is refreshed with rsync (no .build*, no Package.resolved, no .git) and
# keeps its own build between runs, so only the first run builds from scratch. Each
# mutation is an exact-text replacement that must match exactly once (a list that no
# longer matches the code fails loudly), followed by an incremental
# `swift build --build-tests` and `swift test --skip-build --filter <the rule's suites>`.
# Killed: the tests fail. Survived: they pass. A mutation that does not compile is an
# error in this list, not a kill. Prints one line per mutation and `killed K/N`; exits
# non-zero when any mutation survives. Logs: $MUTATION_SCRATCH/../logs/.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${MUTATION_SCRATCH:-/tmp/agcom-mutation/repo}"
logs="$(dirname "$scratch")/logs"
selection="${1:-}"

files=() filters=() originals=() replacements=() descriptions=()

# m FILE FILTER ORIGINAL REPLACEMENT DESCRIPTION
# FILTER is a `swift test --filter` regular expression naming the suites that guard the rule.
m() {
  files+=("$1") filters+=("$2") originals+=("$3") replacements+=("$4") descriptions+=("$5")
}

# --- ATT (SPEC §4) ---------------------------------------------------------------------
m Sources/Metrics/ActivationTime.swift 'ActivationTimeTests' \
  'onTime = completed <= agreed' 'onTime = completed < agreed' \
  'ATT: completed on the agreed date is on time (<= → <)'
m Sources/Metrics/ActivationTime.swift 'ActivationTimeTests' \
  'onTime = days <= limit' 'onTime = days < limit' \
  'ATT: completed in exactly the contract days is on time (<= → <)'
m Sources/Metrics/ActivationTime.swift 'ActivationTimeTests' \
  'if order.exclusion != 0 {' 'if order.exclusion == UInt32.max {' \
  'ATT: an order with an exclusion code leaves the population'

# --- RIP -------------------------------------------------------------------------------
m Sources/Metrics/RepairTime.swift 'RepairTimeTests' \
  'onTime = solarMinutes - suspended <= Int64(hours) * 60' \
  'onTime = solarMinutes - suspended < Int64(hours) * 60' \
  'RIP: repaired in exactly H solar hours is on time (<= → <)'
m Sources/Metrics/RepairTime.swift 'RepairTimeTests' \
  'onTime = solarMinutes - suspended <= Int64(hours) * 60' 'onTime = solarMinutes <= Int64(hours) * 60' \
  'RIP: the hours deadline is met net of suspended minutes'
m Sources/Metrics/RepairTime.swift 'RepairTimeTests' \
  'onTime = resolvedOn <= rules.calendar.workingDay(' 'onTime = resolvedOn < rules.calendar.workingDay(' \
  'RIP: repaired on the N-th working day is on time (<= → <)'
m Sources/Metrics/RepairTime.swift 'RepairTimeTests' \
  'let duration = max(0, clockMinutes - suspended)' 'let duration = max(0, clockMinutes)' \
  'RIP: suspended minutes are subtracted from the duration'
m Sources/Metrics/RepairTime.swift 'RepairTimeTests' \
  'let duration = max(0, clockMinutes - suspended)' 'let duration = abs(clockMinutes - suspended)' \
  'RIP: the duration net of suspension is never below 0'
m Sources/Metrics/RepairTime.swift 'RepairTimeTests' \
  'if ticket.exclusion != 0 {' 'if ticket.exclusion == UInt32.max {' \
  'RIP: a fault with an exclusion code leaves the population'

# --- REC -------------------------------------------------------------------------------
m Sources/Metrics/ComplaintResolution.swift 'ComplaintResolutionTests' \
  'if days <= termDays { tally.onTime += 1 }' 'if days < termDays { tally.onTime += 1 }' \
  'REC: resolved on the 30th day is on time (<= → <)'
m Sources/Metrics/ComplaintResolution.swift 'ComplaintResolutionTests' \
  'if ticket.exclusion != 0 {' 'if ticket.exclusion == UInt32.max {' \
  'REC: a complaint with an exclusion code leaves the population'

# --- GUA, FAT, ACC ---------------------------------------------------------------------
m Sources/Metrics/FaultRate.swift 'FaultRateTests' \
  'where ticket.kind == .fault && ticket.effective {' \
  'where ticket.kind == .fault && ticket.effective && ticket.exclusion == 0 {' \
  'GUA: a fault with an exclusion code stays in the numerator'
m Sources/Metrics/BillingDisputes.swift 'BillingDisputeTests' \
  'return ticket.kind == .complaint && ticket.category == .billing' \
  'return ticket.kind == .complaint && ticket.category == .billing && ticket.exclusion == 0' \
  'FAT: a billing complaint with an exclusion code stays in the numerator'
m Sources/Metrics/BillingDisputes.swift 'BillingDisputeTests' \
  '(!foundedOnly || ticket.outcome == .founded)' \
  '(!foundedOnly || (ticket.outcome == .founded && ticket.exclusion == 0))' \
  'ACC: a founded complaint with an exclusion code stays in the numerator'
m Sources/Metrics/BillingDisputes.swift 'BillingDisputeTests' \
  'if invoice == 0 || complaints[Int(invoice)] == 1 {' 'if invoice == 0 || complaints[Int(invoice)] >= 1 {' \
  'FAT: an invoice disputed twice counts once (distinct invoice_id)'
m Sources/Metrics/BillingDisputes.swift 'BillingDisputeTests' \
  'if invoice == 0 || complaints[Int(invoice)] == 1 {' 'if complaints[Int(invoice)] == 1 {' \
  'FAT: each complaint without invoice_id is an invoice of its own'

# --- Percentiles, rounding, targets, thresholds ----------------------------------------
m Sources/Metrics/Histogram.swift 'HistogramTests' \
  'let rank = (k * count + 99) / 100' 'let rank = (k * count) / 100' \
  'nearest rank: ⌈k·n/100⌉, not ⌊k·n/100⌋'
m Sources/Metrics/Histogram.swift 'HistogramTests' \
  'let rank = (k * count + 99) / 100' 'let rank = (k * count + 100) / 100' \
  'nearest rank: ⌈k·n/100⌉, not ⌊k·n/100⌋ + 1'
m Sources/ReportCore/ExactDecimal.swift 'RoundingTests' \
  'let roundUp = remainder >= denominator - remainder' 'let roundUp = remainder > denominator - remainder' \
  'rounding is half-up (>= → >: half-down)'
m Sources/ReportCore/ExactDecimal.swift 'ReaderQuirkTests' \
  'Int64(numerator).multipliedFullWidth(by: d) > n' 'Int64(numerator).multipliedFullWidth(by: d) >= n' \
  'reject threshold: a share at the threshold is not over it (> → >=)'
m Sources/ReportCore/Catalogue.swift 'TargetTests' \
  'return self == .atLeast ? comparison >= 0 : comparison <= 0' \
  'return self == .atLeast ? comparison > 0 : comparison <= 0' \
  'targets: ON_TIME equal to its target is met (>= → >)'
m Sources/ReportCore/Catalogue.swift 'TargetTests' \
  'return self == .atLeast ? comparison >= 0 : comparison <= 0' \
  'return self == .atLeast ? comparison >= 0 : comparison < 0' \
  'targets: a percentile equal to its target is met (<= → <)'
m Sources/ReportCore/Catalogue.swift 'TargetTests' \
  'return self == .atLeast ? comparison >= 0 : comparison <= 0' \
  'return self != .atLeast ? comparison >= 0 : comparison <= 0' \
  'targets: the direction (ON_TIME at least, percentiles and rates at most)'

# --- Time and calendar (SPEC §3) -------------------------------------------------------
m Sources/ReportCore/TimeZoneTable.swift 'TimeZoneTableTests' \
  'let threshold = instant + Int64(max(offsets[index], offsets[index + 1]))' \
  'let threshold = instant + Int64(min(offsets[index], offsets[index + 1]))' \
  'DST: a fold time is its first occurrence, a gap time moves forward (max → min)'
m Sources/ReportCore/WorkingCalendar.swift 'WorkingCalendarTests' \
  'if year >= saintFrancisFirstYear {' 'if year > saintFrancisFirstYear {' \
  'holidays: 4 October is a holiday in 2026'
m Sources/ReportCore/WorkingCalendar.swift 'WorkingCalendarTests' \
  'static let saintFrancisFirstYear = 2026' 'static let saintFrancisFirstYear = 2025' \
  'holidays: 4 October is not a holiday before 2026'
m Sources/ReportCore/WorkingCalendar.swift 'WorkingCalendarTests' \
  'let easterMonday = easterSunday(year: year).adding(days: 1)' \
  'let easterMonday = easterSunday(year: year).adding(days: 0)' \
  'holidays: Easter Monday (dropped)'

# --- De-duplication (SPEC §2.2) --------------------------------------------------------
m Sources/Ingest/Deduplicator.swift 'DeduplicationTests' \
  'stamp: updatedAt ?? Int64.min' 'stamp: updatedAt ?? Int64.max' \
  'dedup: a row without updated_at is older than any with one (Int64.min → Int64.max)'
m Sources/Ingest/IDTable.swift 'DeduplicationTests' \
  'if stamp >= entries[index].stamp {' 'if stamp > entries[index].stamp {' \
  'dedup: on a tie the row read last wins (>= → >)'
m Sources/Ingest/IDTable.swift 'DeduplicationTests' \
  'if stamp >= entries[index].stamp {' 'if stamp <= entries[index].stamp {' \
  'dedup: the latest updated_at wins (>= → <=)'
m Sources/Ingest/IDTable.swift 'DeduplicationTests' \
  'key.baseAddress! + 16, key.count - 16) == 0' 'key.baseAddress! + 16, key.count - 16) != 0' \
  'dedup: two rows with the same id longer than 16 bytes fold'
m Sources/Ingest/IDTable.swift 'DeduplicationTests' \
  '(short.length <= 16 || overflowEquals(index, key))' '(short.length <= 64 || overflowEquals(index, key))' \
  'dedup: ids longer than 16 bytes sharing their first 16 do not fold'

# --- Reading (SPEC §2) -----------------------------------------------------------------
m Sources/Ingest/FieldParsing.swift 'ReaderQuirkTests' \
  'if bytes[index] != UInt8(ascii: "0") { return nil }' 'if bytes[index] == UInt8(ascii: "-") { return nil }' \
  'numbers: a whole number with a non-zero fraction (60,5) is rejected'
m Sources/Ingest/FieldParsing.swift 'ReaderQuirkTests' \
  'if digits == 0 || (grouped && digitsInGroup != 3) { return nil }' 'if digits == 0 { return nil }' \
  'numbers: a thousands group must have three digits (1.44 with a decimal comma is rejected)'
m Sources/Ingest/RecordSinks.swift 'ReaderQuirkTests' \
  $'try monthlyRows.claim(key, at: fields.row.line, file: file)\n    activeLines[key] = lines' \
  'activeLines[key] = lines' \
  'census: a second row for the same month and dimensions is rejected'
m Sources/Ingest/RecordSinks.swift 'ReaderQuirkTests' \
  $'try monthlyRows.claim(key, at: fields.row.line, file: file)\n      count(key, type: .invoice, amount: amount)' \
  'count(key, type: .invoice, amount: amount)' \
  'monthly invoices: a second row for the same month and dimensions is rejected'
m Sources/Ingest/RecordSinks.swift 'ReaderQuirkTests' \
  'count(key, type: .invoice, amount: amount)' 'count(key, type: .invoice, amount: 1)' \
  'monthly invoices: a row counts its issued invoices, not one'
m Sources/Ingest/FileGlob.swift 'ReaderQuirkTests' \
  'if compiled.contains(where: {' 'if compiled.prefix(1).contains(where: {' \
  'globs: the files of every pattern are read, not only the first'
m Sources/Ingest/FileGlob.swift 'ReaderQuirkTests' \
  'where matches(pattern: rest, path: path[start...]) {' \
  'where start > path.startIndex && matches(pattern: rest, path: path[start...]) {' \
  'globs: ** spans zero components'
m Sources/Ingest/FileGlob.swift 'ReaderQuirkTests' \
  'for start in path.indices.lowerBound...path.indices.upperBound' \
  'for start in path.indices.lowerBound...min(path.indices.lowerBound + 1, path.indices.upperBound)' \
  'globs: ** spans more than one component'
m Sources/Ingest/CSVFileReader.swift 'ReaderQuirkTests' \
  'if terminator == 0x0A && afterCR {' 'if afterCR {' \
  'line numbers: a blank line after a lone CR counts'
m Sources/Ingest/CSVFileReader.swift 'ReaderQuirkTests' \
  $'} else if previous == 0x0D {\n        breaks += 1' $'} else if previous == 0x0A {\n        breaks += 1' \
  'line numbers: a lone CR inside a quoted field counts one line'

# ----------------------------------------------------------------------------------------

# Occurrences of $2 in file $1 (exact text, newlines included).
occurrences() {
  python3 -c 'import sys; print(open(sys.argv[1], encoding="utf-8").read().count(sys.argv[2]))' "$1" "$2"
}

# Replaces the one occurrence of $2 with $3 in file $1.
replace() {
  python3 -c '
import sys
path, old, new = sys.argv[1:4]
text = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(text.replace(old, new, 1))' "$1" "$2" "$3"
}

selected=()
for i in "${!files[@]}"; do
  if [ -z "$selection" ] || printf '%s %s\n' "${files[$i]}" "${descriptions[$i]}" | grep -Eq -- "$selection"; then
    selected+=("$i")
  fi
done
[ ${#selected[@]} -gt 0 ] || { echo "mutation: nothing matches '$selection'" >&2; exit 2; }

# Every original text must match exactly once, before anything is built.
stale=0
for i in "${selected[@]}"; do
  count=$(occurrences "$root/${files[$i]}" "${originals[$i]}")
  if [ "$count" != 1 ]; then
    echo "mutation: '${originals[$i]}' occurs $count times in ${files[$i]} (${descriptions[$i]})" >&2
    stale=1
  fi
done
[ "$stale" = 0 ] || { echo "mutation: the list no longer matches the code; update scripts/mutation.sh" >&2; exit 2; }

mkdir -p "$scratch" "$logs"
bash "$root/scripts/setup.sh"
if ! command -v rsync >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  echo "mutation: installing rsync" >&2
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq rsync >/dev/null
fi
rsync -a --delete --exclude '.build*' --exclude 'Package.resolved' --exclude '.git' "$root/" "$scratch/"
cd "$scratch"
started=$SECONDS

echo "mutation: building the scratch copy in $scratch" >&2
swift build --build-tests >"$logs/build.log" 2>&1 || {
  echo "mutation: the unmutated copy does not build (see $logs/build.log)" >&2
  exit 2
}

# The unmutated tests must pass, and every filter must select some tests.
for filter in $(for i in "${selected[@]}"; do echo "${filters[$i]}"; done | sort -u); do
  if ! swift test --skip-build --filter "$filter" >"$logs/baseline-${filter//[^A-Za-z0-9]/_}.log" 2>&1; then
    echo "mutation: the tests '$filter' fail without any mutation (see $logs/baseline-${filter//[^A-Za-z0-9]/_}.log)" >&2
    exit 2
  fi
  if grep -q "Test run with 0 tests" "$logs/baseline-${filter//[^A-Za-z0-9]/_}.log"; then
    echo "mutation: the filter '$filter' selects no test" >&2
    exit 2
  fi
done

backup="$logs/original"
current=""
restore() { [ -z "$current" ] || cp "$backup" "$scratch/$current"; }
trap restore EXIT

killed=0 total=0 invalid=0
for i in "${selected[@]}"; do
  file="${files[$i]}"
  log="$logs/$(printf '%02d' "$i").log"
  cp "$file" "$backup"
  current="$file"
  replace "$file" "${originals[$i]}" "${replacements[$i]}"
  total=$((total + 1))
  if ! swift build --build-tests >"$log" 2>&1; then
    verdict="INVALID"  # does not compile: fix the list
    invalid=$((invalid + 1))
  elif timeout 900 swift test --skip-build --filter "${filters[$i]}" >>"$log" 2>&1; then
    verdict="SURVIVED"
  else
    verdict="killed"
    killed=$((killed + 1))
  fi
  cp "$backup" "$file"
  current=""
  printf '%-8s %s: %s\n' "$verdict" "$file" "${descriptions[$i]}"
done

echo "mutation: $((SECONDS - started)) s (build and tests included)" >&2
echo "killed $killed/$total"
[ "$killed" = "$total" ]
