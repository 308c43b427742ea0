// libFuzzer target: popc's front end on arbitrary codelet source. Each
// input is written to a file and goes through what popc does before it
// compiles: vertex discovery with libclang (parse, vertex classes, field
// type checks) and glue generation for what was found. The native compile
// (clang++ to bitcode, instrumentation, link) is left out: at a second or
// more per input it is too slow to fuzz, and it is clang's own code; the
// popc unit and e2e tests run it. A PopcError is popc's normal answer to bad
// source; a crash or a sanitizer report is a bug.
#include "tools/popc/GlueGenerator.hpp"
#include "tools/popc/NativeBuild.hpp"
#include "tools/popc/PopcError.hpp"
#include "tools/popc/VertexDiscovery.hpp"

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <unistd.h>

namespace {

const std::string &sourcePath() {
  static const std::string path =
      "/tmp/tessel-popc-fuzz-" + std::to_string(getpid()) + ".cpp";
  return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data,
                                      std::size_t size) {
  using namespace tessel::popc;
  {
    std::ofstream out(sourcePath(), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(data), std::streamsize(size));
  }
  static const Toolchain toolchain = locateToolchain();
  try {
    Discovery found = discoverVertices(
        sourcePath(), frontendArguments(PopcOptions{}, toolchain, false));
    std::vector<SourceVertices> sources{
        {"fuzz.cpp", std::move(found.vertices)}};
    generateGlue(sources, 0, /*definesRuntime=*/true);
  } catch (const PopcError &) {
  }
  return 0;
}
