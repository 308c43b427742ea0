#!/usr/bin/env bash
# Installs the SDK into a scratch prefix and builds a user program against it
# twice: with plain `g++ ... -lpoplar -lpopops -lpoplin -lpopnn -lpoputil
# -lpoprand`, and as a CMake project using find_package(Tessel). Both must run
# and print the right answers, including numbers from poprand's codelets,
# which libpoprand carries inside it, and from a user codelet compiled by the
# installed popc (at run time, and ahead of time into a .gp).
# Usage: check-install.sh <build-dir> <src-dir>
set -euo pipefail
build="$1"
src="$2"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" > /dev/null
# popc compiles its glue against the installed internal headers (and would
# quietly fall back to the source tree without them); the public folders
# hold none of them.
test -f "$prefix/include/tessel/internal/CodeletGlue.hpp" || {
  echo "tessel/internal/CodeletGlue.hpp is not installed" >&2; exit 1; }
if grep -rlE "^namespace tessel::(abi|dev)" "$prefix/include" |
    grep -v "/include/tessel/internal/"; then
  echo "public headers above define Tessel's codelet internals" >&2; exit 1
fi
libs="-lpoplar"
for lib in popops poplin popnn poputil poprand; do
  if [ -e "$prefix/lib/lib$lib.so" ]; then libs="$libs -l$lib"; else
    echo "missing lib$lib.so in the install" >&2; exit 1; fi
done
g++ -std=c++17 "$src/consumer/main.cpp" -I"$prefix/include" -L"$prefix/lib" \
  -Wl,-rpath,"$prefix/lib" $libs -o "$prefix/by-hand"
check_output() {
  local output
  output="$("$1")"
  grep -q "sum of copies: 10" <<< "$output"
  grep -q "uniform in range: 1000" <<< "$output"
  grep -q "popops sum: 24750" <<< "$output"
}
check_output "$prefix/by-hand"
# A codelet source compiled at run time by the installed popc (found beside
# libpoplar; an empty cache forces the compile), and a .gp from popc's CLI.
export TESSEL_CODELET_CACHE="$prefix/codelet-cache"
unset TESSEL_POPC
"$prefix/by-hand" "$src/consumer/triple.cpp" | grep -q "sum of tripled copies: 30"
"$prefix/bin/popc" -O2 "$src/consumer/triple.cpp" -o "$prefix/triple.gp"
"$prefix/by-hand" "$prefix/triple.gp" | grep -q "sum of tripled copies: 30"
# The installed compiler tools run from the prefix: a tile module through
# codegen to an Executable file and back to text.
cat > "$prefix/one.mlir" <<'MLIR'
tile.executable attributes {num_tiles = 1, bytes_per_tile = 64, tile_bytes_used = array<i64: 0>} {
  tile.program 0 {
    tile.abort "installed"
  }
}
MLIR
"$prefix/bin/poplar-opt" "$prefix/one.mlir" |
  "$prefix/bin/poplar-translate" --tile-to-executable |
  "$prefix/bin/poplar-translate" --executable-to-text |
  grep -q 'Abort "installed"'
cmake -S "$src/consumer" -B "$prefix/cmake-build" -G Ninja \
  -DCMAKE_PREFIX_PATH="$prefix" > /dev/null
cmake --build "$prefix/cmake-build" > /dev/null
check_output "$prefix/cmake-build/consumer"
echo "install check passed"
