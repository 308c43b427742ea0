#!/usr/bin/env bash
# The sanitizer stages (docs/hardening.md): builds build-asan (ASan+UBSan,
# with the libFuzzer targets) and build-tsan (ThreadSanitizer, the threaded
# tests only), runs the whole suite under ASan+UBSan, the tests labelled
# "threads" under TSan, and each fuzz target for FUZZ_RUNS inputs over its
# seed corpus. Prints each stage's wall time. Separate from the normal
# build: nothing here touches build/.
#   JOBS       parallel build and test jobs (default 2)
#   FUZZ_RUNS  inputs per fuzz target (default 2000)
#   STAGES     any of "asan tsan fuzz" (default all three)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=${JOBS:-2}
fuzz_runs=${FUZZ_RUNS:-2000}
stages=${STAGES:-asan tsan fuzz}
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(dirname "$root")}

timings=()
stage() { # stage <name> <command...>: runs and times one stage
  local name=$1 start=$SECONDS
  shift
  echo "=== $name"
  "$@"
  timings+=("$(printf '%-12s %5ss' "$name" $((SECONDS - start)))")
}

asan_tree() {
  cmake --preset asan -DTESSEL_FUZZ_SMOKE_RUNS="$fuzz_runs" >/dev/null
  cmake --build build-asan -j"$jobs"
}
asan_tests() {
  # The fuzz smoke runs are their own stage below.
  ctest --preset asan -j"$jobs" -LE fuzz
}
tsan_tree() {
  cmake --preset tsan >/dev/null
  cmake --build build-tsan -j"$jobs" --target tessel_threaded_tests popc
}
tsan_tests() { ctest --preset tsan -j"$jobs"; }
fuzz_smoke() { ctest --preset asan -j"$jobs" -L fuzz; }

for s in $stages; do
  case $s in
  asan)
    stage asan-build asan_tree
    stage asan-test asan_tests
    ;;
  tsan)
    stage tsan-build tsan_tree
    stage tsan-test tsan_tests
    ;;
  fuzz)
    [[ " $stages " == *" asan "* ]] || stage asan-build asan_tree
    stage fuzz-smoke fuzz_smoke
    ;;
  *) echo "unknown stage $s (asan, tsan, fuzz)" >&2; exit 2 ;;
  esac
done
echo "=== wall time per stage"
printf '%s\n' "${timings[@]}"
