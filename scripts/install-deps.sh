#!/usr/bin/env bash
# Installs the Debian 12 packages Tessel builds with (LLVM/MLIR 19, clang 19
# with its sanitizer and libFuzzer runtimes, Catch2, CLI11, nlohmann_json,
# ccache, ninja, chromium for the report viewer's headless browser test,
# and GNU time for bench/ir-attribute-cost.sh's peak-RSS readings). Safe to
# run again.
set -euo pipefail
packages=(
  cmake ninja-build ccache g++ python3 time
  llvm-19-dev libmlir-19-dev mlir-19-tools llvm-19-tools
  clang-19 libclang-19-dev libclang-rt-19-dev
  catch2 libcli11-dev nlohmann-json3-dev
  chromium
)
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
echo "All build dependencies are installed."
