// libFuzzer target: the .gp codelet archive reader (readArchive), linking
// and per-target object lookup, on arbitrary bytes. Every input must end in
// an archive or a poplar::poplar_error.
//
// For inputs whose first byte is even the rest is taken as the archive's
// payload and wrapped in a valid header and SHA-256 (docs/codelets.md), so
// mutations reach the metadata and object parsers past the checksum.
#include "compiler/codelets/CodeletArchive.hpp"
#include "compiler/codelets/Sha256.hpp"

#include <poplar/exceptions.hpp>
#include <tessel/internal/CodeletABI.hpp>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

namespace {

void appendLittle(std::string &out, std::uint64_t v, int numBytes) {
  for (int i = 0; i < numBytes; ++i)
    out.push_back(char(std::uint8_t(v >> (8 * i))));
}

std::string wrapPayload(const std::string &payload) {
  std::string file = "TESSELGP";
  appendLittle(file, tessel::codelets::kArchiveFormatVersion, 4);
  appendLittle(file, tessel::abi::kAbiVersion, 4);
  appendLittle(file, payload.size(), 8);
  file += payload;
  const tessel::codelets::Sha256::Digest digest =
      tessel::codelets::Sha256::of(payload.data(), payload.size());
  file.append(reinterpret_cast<const char *>(digest.data()), digest.size());
  return file;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data,
                                      std::size_t size) {
  using namespace tessel::codelets;
  if (size == 0)
    return -1;
  std::string bytes(reinterpret_cast<const char *>(data) + 1, size - 1);
  if (data[0] % 2 == 0)
    bytes = wrapPayload(bytes);
  std::istringstream in(bytes);
  try {
    const CodeletArchive archive = readArchive(in, "<fuzz>");
    for (const VertexMeta &v : archive.vertices)
      for (const char *target : {"cpu", "ipu2"}) {
        try {
          objectForTarget(archive, v, target);
        } catch (const poplar::poplar_error &) {
        }
      }
    // Written back, the archive reads the same; linked with itself, every
    // vertex is defined twice.
    std::stringstream again;
    writeArchive(archive, again);
    readArchive(again, "<fuzz rewritten>");
    linkArchives({archive, archive});
  } catch (const poplar::poplar_error &) {
  }
  return 0;
}
