#!/usr/bin/env bash
# The README's first command: installs the dependencies, builds and installs
# the SDK (to /usr/local unless TESSEL_PREFIX says otherwise), then compiles
# the demo with plain `g++ -std=c++17 demo.cpp -lpoplar -lpoputil` against the
# installed SDK and runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
prefix="${TESSEL_PREFIX:-/usr/local}"
sudo=""
if [ "$(id -u)" != 0 ] && [ ! -w "$prefix" ]; then sudo="sudo"; fi
cmake --preset release -DCMAKE_INSTALL_PREFIX="$prefix" > /dev/null
cmake --build --preset release
$sudo cmake --install build > /dev/null
if [ "$prefix" = /usr/local ]; then $sudo ldconfig; fi
mkdir -p build/demo
g++ -std=c++17 examples/demo.cpp -I"$prefix/include" -L"$prefix/lib" \
  -Wl,-rpath,"$prefix/lib" -lpoplar -lpoputil -o build/demo/demo
./build/demo/demo
