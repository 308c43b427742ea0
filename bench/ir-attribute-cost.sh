#!/usr/bin/env bash
# What one MLIR attribute per record would cost against one flat list per op
# (docs/compiler-internals.md, "Transfers"): writes a module holding N
# seven-field transfer records as one `array<i64>` and as an array of N
# `array<i64>` attributes, and reports poplar-opt's peak RSS and wall time
# for parsing and printing each (and for an empty list, the fixed cost).
# Usage: bench/ir-attribute-cost.sh [build dir, default build] [N, default 1000000]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
n=${2:-1000000}
opt=$build/tools/poplar-opt/poplar-opt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" "$n" <<'PY'
import sys
work, n = sys.argv[1], int(sys.argv[2])
head = ('module attributes {poplar.target = {arch = "ipu2", target_type = '
        '"IPU_MODEL", num_ipus = 1 : i64, tiles_per_ipu = 1472 : i64, '
        'bytes_per_tile = 638976 : i64, requires_tile_mapping = false}} {\n')
records = [(i % 1472, 0, i, (i * 7) % 1472, 1, i, 1) for i in range(n)]
def module(name, value):
    with open(f"{work}/{name}.mlir", "w") as f:
        f.write(head + '  "bench.holder"() {transfers = ' + value +
                '} : () -> ()\n}\n')
module("empty", "array<i64>")
module("flat", "array<i64: " +
       ", ".join(", ".join(map(str, r)) for r in records) + ">")
module("per-record", "[" + ", ".join(
    "array<i64: " + ", ".join(map(str, r)) + ">" for r in records) + "]")
PY

echo "$n transfer records, poplar-opt parse + print:"
for form in empty flat per-record; do
  /usr/bin/time -f "  $form: %M KB peak RSS, %e s" \
    "$opt" --allow-unregistered-dialect "$work/$form.mlir" -o /dev/null
done
