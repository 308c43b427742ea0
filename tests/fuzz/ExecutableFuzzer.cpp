// libFuzzer target: poplar::Executable::deserialize, and the dump of what
// it accepts, on arbitrary bytes.
// Every input must end in a parsed Executable or a poplar::poplar_error;
// anything else (a signal, a sanitizer report, another exception) is a bug.
//
// Random bytes almost never pass the header and section checksums, so for
// inputs whose first byte is even the target first rewrites the file size
// and every checksum the directory names (as a writer would), letting the
// mutations reach the section parsers and the image validation.
#include "compiler/codegen/ExecutableImage.hpp"

#include <poplar/Executable.hpp>
#include <poplar/exceptions.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

namespace {

// docs/executable-format.md: the header and its directory.
constexpr std::size_t kHeaderBytes = 172;
constexpr std::size_t kFileSizeAt = 16;
constexpr std::size_t kHeaderChecksumAt = 24;
constexpr std::size_t kDirectoryAt = 32;
constexpr std::size_t kEntryBytes = 28;
constexpr std::size_t kSections = 5;

std::uint64_t getLittle(const std::string &bytes, std::size_t at) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < 8; ++i)
    v |= std::uint64_t(std::uint8_t(bytes[at + i])) << (8 * i);
  return v;
}

void putLittle(std::string &bytes, std::size_t at, std::uint64_t v) {
  for (std::size_t i = 0; i < 8; ++i)
    bytes[at + i] = char(std::uint8_t(v >> (8 * i)));
}

void refreshChecksums(std::string &file) {
  if (file.size() < kHeaderBytes)
    return;
  putLittle(file, kFileSizeAt, file.size());
  for (std::size_t s = 0; s < kSections; ++s) {
    const std::size_t entry = kDirectoryAt + s * kEntryBytes;
    const std::uint64_t offset = getLittle(file, entry + 4);
    const std::uint64_t size = getLittle(file, entry + 12);
    if (offset <= file.size() && size <= file.size() - offset)
      putLittle(file, entry + 20,
                tessel::exe::checksum(file.data() + offset, size));
  }
  putLittle(file, kHeaderChecksumAt, 0);
  putLittle(file, kHeaderChecksumAt,
            tessel::exe::checksum(file.data(), kHeaderBytes));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data,
                                      std::size_t size) {
  if (size == 0)
    return -1;
  const bool refresh = data[0] % 2 == 0;
  std::string file(reinterpret_cast<const char *>(data) + 1, size - 1);
  if (refresh)
    refreshChecksums(file);
  std::istringstream in(file);
  try {
    poplar::Executable exe =
        poplar::Executable::deserialize(in, /*checkPackageHash=*/false);
    // What was accepted must serialize and read back: the reader may not
    // accept an image the writer cannot reproduce.
    std::stringstream again;
    exe.serialize(again);
    poplar::Executable::deserialize(again, false);
    // The dump walks every accepted field and each program's tree
    // (poplar-translate --executable-to-text), so it must not fail.
    std::istringstream text(file);
    std::ostringstream listing;
    tessel::exe::dump(text, listing, /*checkPackageHash=*/false);
  } catch (const poplar::poplar_error &) {
  }
  return 0;
}
