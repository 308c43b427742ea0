#!/usr/bin/env bash
# Installs the SDK into a scratch prefix and builds a user program against it
# twice: with plain `g++ ... -lpoplar -lpopops -lpoplin -lpopnn -lpoputil`,
# and as a CMake project using find_package(Tessel). Both must run and print
# the right answer. (libpoprand arrives with the codelet libraries.) Usage: check-install.sh <build-dir> <src-dir>
set -euo pipefail
build="$1"
src="$2"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" > /dev/null
libs="-lpoplar"
for lib in popops poplin popnn poputil; do
  if [ -e "$prefix/lib/lib$lib.so" ]; then libs="$libs -l$lib"; else
    echo "missing lib$lib.so in the install" >&2; exit 1; fi
done
g++ -std=c++17 "$src/consumer/main.cpp" -I"$prefix/include" -L"$prefix/lib" \
  -Wl,-rpath,"$prefix/lib" $libs -o "$prefix/by-hand"
"$prefix/by-hand" | grep -q "sum of copies: 10"
cmake -S "$src/consumer" -B "$prefix/cmake-build" -G Ninja \
  -DCMAKE_PREFIX_PATH="$prefix" > /dev/null
cmake --build "$prefix/cmake-build" > /dev/null
"$prefix/cmake-build/consumer" | grep -q "sum of copies: 10"
echo "install check passed"
