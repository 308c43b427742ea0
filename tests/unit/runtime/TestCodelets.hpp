// The runtime tests' codelets: sources in codelets/ compiled with the build
// tree's popc at test time (kept in a compile cache in the build tree, so
// only the first test to need one pays for popc), and the hand-made shared
// objects in objects/ that popc would never build.
#ifndef TESSEL_TESTS_UNIT_RUNTIME_TESTCODELETS_HPP
#define TESSEL_TESTS_UNIT_RUNTIME_TESTCODELETS_HPP

#include "ImageBuilder.hpp"

#include "compiler/codelets/CodeletArchive.hpp"
#include "compiler/codelets/Sha256.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace runtime_test {

/// The archive popc makes of codelets/<file>, compiled once per process.
inline const tessel::codelets::CodeletArchive &
testCodelets(const std::string &file) {
  static std::map<std::string, tessel::codelets::CodeletArchive> compiled;
  auto found = compiled.find(file);
  if (found != compiled.end())
    return found->second;
  setenv("TESSEL_POPC", TESSEL_TEST_POPC, 1);
  setenv("TESSEL_CODELET_CACHE", TESSEL_TEST_CODELET_CACHE, 1);
  return compiled[file] = tessel::codelets::compileCodeletSource(
             std::string(TESSEL_TEST_CODELETS) + "/" + file, "", "", "",
             nullptr);
}

/// The only native object of codelets/<file>, as an executable holds it.
inline tessel::exe::NativeObject testObject(const std::string &file) {
  const tessel::codelets::NativeObject &o = testCodelets(file).objects.at(0);
  return {o.sharedObject, o.contentHash, o.source};
}

/// A shared object built by CMake from objects/, named `source`.
inline tessel::exe::NativeObject objectFromFile(const std::string &path,
                                                const std::string &source) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot read " + path);
  std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in),
                                  std::istreambuf_iterator<char>()};
  // The runtime checks the hash before loading, so it is the real one.
  return {bytes, tessel::codelets::Sha256::hexOf(bytes.data(), bytes.size()),
          source};
}

/// Vertex state words (CodeletABI.hpp) written at `address` of `tile`.
inline void vertexState(ImageBuilder &b, std::uint32_t tile,
                        std::uint32_t address,
                        const std::vector<std::uint32_t> &words) {
  b.initial(tile, address, words);
  auto &used = b.image.tileBytesUsed[tile];
  used = std::max(used, address + std::uint32_t(4 * words.size()));
}

} // namespace runtime_test

#endif
