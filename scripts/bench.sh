#!/usr/bin/env bash
# The benchmark suite (issue 11): builds Release, runs every benchmark in
# bench/, prints the combined table and writes every row to
# build/bench/results.json.
#   scripts/bench.sh            full sizes (minutes; the docs/performance.md
#                               baseline)
#   scripts/bench.sh --short    small sizes, seconds: the CI mode (ctest
#                               label bench); no thresholds, but a benchmark
#                               whose results are wrong still fails
#   --no-build                  use the existing build (ctest passes this)
#   --build-dir DIR             the build directory (default: build)
#   --results FILE              where the rows go (default:
#                               DIR/bench/results.json)
# Benchmarks run under `nice -n 5`: the machine is usually shared.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=()
build=1
buildDir=build
results=
while [[ $# -gt 0 ]]; do
  case "$1" in
  --short) mode=(--short) ;;
  --no-build) build=0 ;;
  --build-dir)
    buildDir="$2"
    shift
    ;;
  --results)
    results="$2"
    shift
    ;;
  *)
    echo "scripts/bench.sh: unknown argument '$1' (--short, --no-build," \
      "--build-dir DIR, --results FILE)" >&2
    exit 2
    ;;
  esac
  shift
done

benches=(compile_scale_bench simspeed_bench foundation_scale elementwise_bench
  reduce_bench matvec_bench matmul_bench conv_bench)
if [[ $build == 1 ]]; then
  cmake --preset release > /dev/null
  nice -n 5 cmake --build "$buildDir" -j2 --target "${benches[@]}" bench_table
fi

results="${results:-$buildDir/bench/results.json}"
rm -f "$results"
log="${results%.json}.log"
: > "$log"
start=$SECONDS
for bench in "${benches[@]}"; do
  echo "== $bench ${mode[*]}" | tee -a "$log"
  # Each benchmark's own report goes to the log; its table lines are printed
  # again below with everyone's.
  if ! nice -n 5 "$buildDir/bench/$bench" "${mode[@]}" --json "$results" \
    >> "$log" 2>&1; then
    echo "scripts/bench.sh: $bench FAILED; its output:" >&2
    sed -n "/^== $bench/,\$p" "$log" >&2
    exit 1
  fi
done
echo
"$buildDir/bench/bench_table" "$results"
echo
echo "$((SECONDS - start)) s; rows in $results, full output in $log"
