// The Executable file format: field-exact round trips, a fixed little-endian
// encoding, and parse_errors (never crashes or huge allocations) for
// truncated, corrupted, foreign and other-version files.
#include "SampleImage.hpp"

#include <poplar/Executable.hpp>
#include <poplar/Graph.hpp>
#include <poplar/exceptions.hpp>

#include <cstring>
#include <sstream>

using namespace codegen_test;
using Catch::Contains;

namespace {

std::string bytesOf(const ExecutableImage &image) {
  std::ostringstream out;
  serialize(image, out);
  return out.str();
}

ExecutableImage imageOf(const std::string &bytes, bool checkHash = true) {
  std::istringstream in(bytes);
  return deserialize(in, checkHash);
}

/// Offset of the first table count after the header (magic, version, hash,
/// target).
std::size_t headerSize(const std::string &bytes) {
  std::size_t at = 12;
  for (int field = 0; field < 2; ++field) {
    std::uint64_t length = 0;
    std::memcpy(&length, bytes.data() + at, 8); // little-endian host
    at += 8 + length;
  }
  return at;
}

void putU64(std::string &bytes, std::size_t at, std::uint64_t v) {
  for (int i = 0; i < 8; ++i)
    bytes[at + i] = char((v >> (8 * i)) & 0xff);
}

} // namespace

TEST_CASE("Serialized images deserialize equal, field by field",
          "[codegen][format]") {
  ExecutableImage image = sampleImage();
  ExecutableImage back = imageOf(bytesOf(image));
  requireEqual(image, back);
  CHECK(bytesOf(back) == bytesOf(image));
}

TEST_CASE("An empty image round-trips", "[codegen][format]") {
  ExecutableImage image;
  image.target = poplar::Target::createIPUTarget(1, 1, "ipu1");
  requireEqual(image, imageOf(bytesOf(image)));
}

TEST_CASE("The encoding is little-endian with a fixed header",
          "[codegen][format]") {
  std::string bytes = bytesOf(sampleImage());
  CHECK(bytes.substr(0, 8) == "TESSELEX");
  // The format version as four little-endian bytes.
  CHECK(bytes.substr(8, 4) == std::string("\x03\x00\x00\x00", 4));
  std::string hash = poplar::packageHash();
  CHECK(bytes.substr(12, 8) ==
        std::string(1, char(hash.size())) + std::string(7, '\0'));
  CHECK(bytes.substr(20, hash.size()) == hash);
}

TEST_CASE("Every truncation of a file is a parse_error", "[codegen][format]") {
  std::string bytes = bytesOf(sampleImage());
  for (std::size_t length = 0; length < bytes.size(); ++length) {
    INFO("truncated to " << length << " of " << bytes.size() << " bytes");
    CHECK_THROWS_AS(imageOf(bytes.substr(0, length)), poplar::parse_error);
  }
}

TEST_CASE("Foreign files and other versions are refused by name",
          "[codegen][format]") {
  std::string bytes = bytesOf(sampleImage());
  CHECK_THROWS_WITH(imageOf("#!/bin/sh\necho hello\n"),
                    Contains("expected it to start with \"TESSELEX\"") &&
                        Contains("found \"#!/bin/s\""));
  std::string newer = bytes;
  newer[8] = 7;
  CHECK_THROWS_WITH(imageOf(newer),
                    Contains("found executable format version 7") &&
                        Contains("this Tessel reads version 3") &&
                        Contains("recompile"));
  std::string otherBuild = bytes;
  otherBuild[20] ^= 0x20; // first character of the package hash
  CHECK_THROWS_WITH(imageOf(otherBuild), Contains("written by Tessel package"));
  CHECK_NOTHROW(imageOf(otherBuild, /*checkHash=*/false));
}

TEST_CASE("Corrupt counts fail without allocating what they claim",
          "[codegen][format]") {
  std::string bytes = bytesOf(sampleImage());
  std::size_t tables = headerSize(bytes);
  std::string huge = bytes;
  putU64(huge, tables, 1ull << 40);
  CHECK_THROWS_WITH(imageOf(huge),
                    Contains("implausible") && Contains("memory image count"));
  // A plausible length far beyond the data (the first memory image's byte
  // count, after its tile and address): the read ends, cheaply.
  std::string farTooLong = bytes;
  putU64(farTooLong, tables + 16, 4000000000ull);
  CHECK_THROWS_WITH(imageOf(farTooLong),
                    Contains("the stream ended while reading byte data"));
}

TEST_CASE("Corrupt values are parse_errors naming what was expected",
          "[codegen][format]") {
  ExecutableImage image = sampleImage();
  std::string good = bytesOf(image);
  // The last node's kind byte sits right after the previous tables; find
  // it by serializing an image whose last node is an unknown kind.
  image.nodes.back().kind = NodeKind(200);
  std::string badKind = bytesOf(image);
  CHECK_THROWS_WITH(imageOf(badKind),
                    Contains("expected a control node kind") &&
                        Contains("200"));
  // A flag byte other than 0 or 1.
  image = sampleImage();
  std::string flagged = bytesOf(image);
  std::size_t at = flagged.find("copy x");
  REQUIRE(at != std::string::npos);
  flagged[at - 9] = 5; // the sourcesOverlapDestinations byte before the name
  CHECK_THROWS_WITH(imageOf(flagged), Contains("expected a boolean"));
  // An index that points nowhere is caught by validation.
  image = sampleImage();
  image.hostAccesses[1].layout = 9;
  CHECK_THROWS_WITH(imageOf(bytesOf(image)),
                    Contains("invalid executable: layout 9 of 3"));
  CHECK(imageOf(good).nodes.size() == sampleImage().nodes.size());
}

TEST_CASE("poplar::Executable serializes its image", "[codegen][format]") {
  poplar::Executable exe = tessel::ExecutableAccess::make(sampleImage());
  std::ostringstream out;
  exe.serialize(out);
  CHECK(out.str() == bytesOf(sampleImage()));
  std::istringstream in(out.str());
  poplar::Executable back = poplar::Executable::deserialize(in);
  requireEqual(tessel::ExecutableAccess::image(back), sampleImage());
  poplar::Executable moved = std::move(back);
  CHECK_THROWS_WITH(tessel::ExecutableAccess::image(back),
                    Contains("moved from"));
}
