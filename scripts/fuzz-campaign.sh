#!/usr/bin/env bash
# A long fuzzing campaign over the libFuzzer targets of build-asan
# (docs/hardening.md). Each target runs RUNS inputs (or SECONDS seconds,
# whichever ends first), starting from its seed corpus and from what earlier
# campaigns found in $WORK/<target>; crash inputs land in
# $WORK/<target>/crash-*. Prints the executions each target made.
#   TARGETS  default: option_flags executable codelet_archive poplar_opt popc
#   RUNS     inputs per target (default 1000000)
#   SECONDS_PER_TARGET  time cap per target (default 3600)
#   WORK     default build-asan/fuzz-campaign
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
targets=${TARGETS:-option_flags executable codelet_archive poplar_opt popc}
runs=${RUNS:-1000000}
seconds=${SECONDS_PER_TARGET:-3600}
work=${WORK:-$root/build-asan/fuzz-campaign}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allow_user_poisoning=0}
status=0
for t in $targets; do
  mkdir -p "$work/$t"
  log=$work/$t.log
  "$root/build-asan/tests/fuzz/fuzz_$t" -runs="$runs" -max_total_time="$seconds" \
    -rss_limit_mb=4096 -timeout=60 -print_final_stats=1 \
    -artifact_prefix="$work/$t/" "$work/$t" "$root/tests/fuzz/corpus/$t" \
    >"$log" 2>&1 || status=1
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  echo "$t: ${executions:-?} executions$(grep -q -E '^==[0-9]+==ERROR|^SUMMARY' "$log" && echo ', FAILED: see '"$log")"
done
exit $status
