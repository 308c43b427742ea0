#!/usr/bin/env bash
# Regenerates the fuzz targets' seed corpora in tests/fuzz/corpus/ from the
# repository's own test inputs (docs/hardening.md):
#   poplar_opt       each `// -----` split of tests/lit/**/*.mlir, its first
#                    byte choosing the pass of the directory it came from
#   popc             the small test codelet sources
#   option_flags     engine option JSON as the tests spell it
#   executable,      written by tessel_fuzz_make_seeds (built in the asan
#   codelet_archive  tree) from a copy and a codelet program
# Usage: scripts/fuzz-seeds.sh [build dir, default build-asan]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-asan}
corpus=$root/tests/fuzz/corpus

rm -rf "$corpus"
mkdir -p "$corpus"/{poplar_opt,popc,option_flags}

python3 - "$root" "$corpus/poplar_opt" <<'PY'
import hashlib, pathlib, sys
root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
# Byte 0..6: the pass alone, in PoplarOptFuzzer.cpp's order; 7: the pipeline.
passes = ["verify", "complete-tile-mapping", "plan-vertex-exchange",
          "lower-copies-to-exchange", "schedule-supersteps",
          "allocate-tile-memory", "lower-to-tile"]
for f in sorted((root / "tests/lit").rglob("*.mlir")):
    d = f.parent.name
    choice = passes.index(d) if d in passes else len(passes)
    for i, part in enumerate(f.read_text().split("// -----")):
        body = "\n".join(l for l in part.splitlines()
                         if not l.lstrip().startswith("// RUN"))
        if not body.strip():
            continue
        data = bytes([choice]) + body.encode()
        (out / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)
PY

for f in "$root"/tests/popc/codelets/*.cpp "$root"/tests/e2e/codelets/*.cpp; do
  # No .cpp suffix, so that no source-tree glob takes a seed for code.
  if [ "$(wc -c <"$f")" -le 4096 ]; then
    cp "$f" "$corpus/popc/$(basename "$f" .cpp)"
  fi
done

i=0
while IFS= read -r json; do
  printf '%s' "$json" >"$corpus/option_flags/seed$i.json"
  i=$((i + 1))
done <<'JSON'
{"debug": {"instrument": true, "trace": {"level": 2}}, "name": "x"}
{"debug.instrument": false}
{"debug.instrumen": false}
{"autoReport.all": "true", "autoReport.directory": "./report"}
{"opt.maxCompilationThreads": 0, "tessel.hostThreads": "4"}
{"debug.retainDebugInformation": "false", "debug.allowOutOfMemory": true}
{"tessel.hostThreads": "18446744073709551616"}
{"a": [1]}
{"x": {"y": null}}
JSON

"$build/tests/fuzz/tessel_fuzz_make_seeds" "$corpus" \
  "$root/tests/e2e/codelets/vertices.cpp"
du -sh "$corpus"/*
