#!/usr/bin/env bash
# The README's second command: builds everything and runs the whole test
# suite (Catch2 unit and end-to-end tests, lit/FileCheck compiler tests, the
# install test).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh > /dev/null
cmake --preset release -DTESSEL_WERROR=ON > /dev/null
cmake --build --preset release
ctest --preset release -j2 "$@"
