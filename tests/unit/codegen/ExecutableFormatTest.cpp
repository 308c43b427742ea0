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

// The header layout of docs/executable-format.md: 32 fixed bytes, then
// five 28-byte directory entries (tag, offset, size, checksum).
constexpr std::size_t kDirectory = 32, kEntryBytes = 28, kNumSections = 5;
enum SectionIndex { Writer, Target, Tables, Codelets, Roots };

std::uint64_t getU64(const std::string &bytes, std::size_t at) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i)
    v = (v << 8) | std::uint8_t(bytes[at + std::size_t(i)]);
  return v;
}

void putU64(std::string &bytes, std::size_t at, std::uint64_t v) {
  for (int i = 0; i < 8; ++i)
    bytes[at + i] = char((v >> (8 * i)) & 0xff);
}

std::size_t sectionOffset(const std::string &bytes, SectionIndex s) {
  return std::size_t(getU64(bytes, kDirectory + s * kEntryBytes + 4));
}

/// Recomputes every section checksum and the header checksum, so a test can
/// reach the parser behind them with a deliberately wrong field.
void reseal(std::string &bytes) {
  for (std::size_t i = 0; i < kNumSections; ++i) {
    std::size_t entry = kDirectory + i * kEntryBytes;
    std::uint64_t offset = getU64(bytes, entry + 4);
    std::uint64_t size = getU64(bytes, entry + 12);
    if (offset <= bytes.size() && size <= bytes.size() - offset)
      putU64(bytes, entry + 20, checksum(bytes.data() + offset, size));
  }
  std::string header = bytes.substr(0, kDirectory + kNumSections * kEntryBytes);
  putU64(header, 24, 0);
  putU64(bytes, 24, checksum(header.data(), header.size()));
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
  CHECK(bytes.substr(8, 4) == std::string("\x07\x00\x00\x00", 4));
  CHECK(bytes.substr(12, 4) == std::string("\x05\x00\x00\x00", 4));
  CHECK(getU64(bytes, 16) == bytes.size());
  // The writer section comes first, right after the directory, and holds
  // the package hash.
  std::string hash = poplar::packageHash();
  CHECK(sectionOffset(bytes, Writer) ==
        kDirectory + kNumSections * kEntryBytes);
  CHECK(getU64(bytes, kDirectory + 12) == hash.size());
  CHECK(bytes.substr(sectionOffset(bytes, Writer), hash.size()) == hash);
  std::size_t end = 0;
  for (std::size_t i = 0; i < kNumSections; ++i) {
    std::size_t entry = kDirectory + i * kEntryBytes;
    CHECK(std::uint8_t(bytes[entry]) == i + 1); // the section tag
    if (i > 0)
      CHECK(getU64(bytes, entry + 4) == end);
    end = std::size_t(getU64(bytes, entry + 4) + getU64(bytes, entry + 12));
  }
  CHECK(end == bytes.size());
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
  newer[8] = 8;
  CHECK_THROWS_WITH(imageOf(newer),
                    Contains("found executable format version 8") &&
                        Contains("this Tessel reads version 7") &&
                        Contains("recompile"));
  std::string otherBuild = bytes;
  otherBuild[sectionOffset(bytes, Writer)] ^= 0x20; // the package hash
  reseal(otherBuild);
  CHECK_THROWS_WITH(imageOf(otherBuild), Contains("written by Tessel package"));
  CHECK_NOTHROW(imageOf(otherBuild, /*checkHash=*/false));
}

TEST_CASE("Corrupt counts fail without allocating what they claim",
          "[codegen][format]") {
  std::string bytes = bytesOf(sampleImage());
  std::size_t tables = sectionOffset(bytes, Tables);
  std::string huge = bytes;
  putU64(huge, tables, 1ull << 40);
  reseal(huge);
  CHECK_THROWS_WITH(imageOf(huge), Contains("section 'tables'") &&
                                       Contains("memory image count of "
                                                "1099511627776 is more than"));
  // A plausible length far beyond the data (the first memory image's byte
  // count, after its tile and address).
  std::string farTooLong = bytes;
  putU64(farTooLong, tables + 16, 4000000000ull);
  reseal(farTooLong);
  CHECK_THROWS_WITH(imageOf(farTooLong),
                    Contains("byte count of 4000000000 is more than"));
}

TEST_CASE("Every damaged byte is a parse_error, caught by a checksum",
          "[codegen][format]") {
  const std::string bytes = bytesOf(sampleImage());
  for (std::size_t at = 0; at < bytes.size(); ++at)
    for (unsigned char flip : {0x01, 0x80, 0xff}) {
      std::string damaged = bytes;
      damaged[at] = char(damaged[at] ^ flip);
      INFO("byte " << at << " of " << bytes.size() << " xor " << int(flip));
      CHECK_THROWS_AS(imageOf(damaged), poplar::parse_error);
    }
  std::string section = bytes;
  section[sectionOffset(bytes, Roots) + 3] ^= 0x10;
  CHECK_THROWS_WITH(imageOf(section), Contains("section 'roots'") &&
                                          Contains("has checksum") &&
                                          Contains("corrupted"));
  std::string header = bytes;
  header[kDirectory + Tables * kEntryBytes + 12] ^= 0x01; // tables' size
  CHECK_THROWS_WITH(imageOf(header), Contains("the header checksum"));
}

TEST_CASE("The directory is checked against the file it describes",
          "[codegen][format]") {
  const std::string bytes = bytesOf(sampleImage());
  std::string gap = bytes;
  putU64(gap, kDirectory + Codelets * kEntryBytes + 4,
         sectionOffset(bytes, Codelets) + 1);
  reseal(gap);
  CHECK_THROWS_WITH(imageOf(gap), Contains("section 'codelets'") &&
                                      Contains("right after the previous"));
  std::string pastEnd = bytes;
  putU64(pastEnd, kDirectory + Roots * kEntryBytes + 12, 1ull << 40);
  reseal(pastEnd);
  CHECK_THROWS_WITH(imageOf(pastEnd),
                    Contains("section 'roots'") && Contains("ends past the"));
  std::string shortFile = bytes;
  putU64(shortFile, 16, bytes.size() + 8);
  reseal(shortFile);
  CHECK_THROWS_WITH(imageOf(shortFile), Contains("the sections end at byte"));
  std::string tag = bytes;
  tag[kDirectory + Target * kEntryBytes] = 9;
  reseal(tag);
  CHECK_THROWS_WITH(imageOf(tag), Contains("has tag 9, expected 2"));
  // A section whose parse ends early: the roots section one byte longer
  // than its fields, the file's size to match.
  std::string longer = bytes + std::string(1, '\0');
  putU64(longer, kDirectory + Roots * kEntryBytes + 12,
         getU64(bytes, kDirectory + Roots * kEntryBytes + 12) + 1);
  putU64(longer, 16, longer.size());
  reseal(longer);
  CHECK_THROWS_WITH(imageOf(longer),
                    Contains("section 'roots'") &&
                        Contains("1 bytes are left over after its last field"));
}

TEST_CASE("A codelet object that does not match its hash is refused",
          "[codegen][format]") {
  ExecutableImage image = sampleImage();
  image.objects[0].sharedObject[5] = 7;
  CHECK_THROWS_WITH(
      imageOf(bytesOf(image)),
      Contains("section 'codelets': codelet object 0 (sum.cpp)") &&
          Contains("stores content hash"));
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
  reseal(flagged);
  CHECK_THROWS_WITH(imageOf(flagged), Contains("expected a boolean"));
  // An index that points nowhere is caught by validation.
  image = sampleImage();
  image.hostAccesses[1].layout = 9;
  CHECK_THROWS_WITH(imageOf(bytesOf(image)),
                    Contains("invalid executable: layout 9 of 4"));
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

TEST_CASE("Host functions and their calls round-trip", "[codegen][format]") {
  ExecutableImage image = withHostFunction(sampleImage());
  ExecutableImage back = imageOf(bytesOf(image));
  requireEqual(image, back);
  CHECK(back.nodes.back().kind == NodeKind::HostFunctionCall);
  CHECK(bytesOf(back) == bytesOf(image));
}

namespace {

std::string dumpOf(const std::string &bytes) {
  std::istringstream in(bytes);
  std::ostringstream out;
  dump(in, out);
  return out.str();
}

} // namespace

TEST_CASE("The dump lists every section's fields and each program's tree",
          "[codegen][format][dump]") {
  ExecutableImage image = withHostFunction(sampleImage());
  image.layouts[0].debugName = "x\"\n";
  image.initialMemory[0].bytes.assign(70, 0xab);
  std::string text = dumpOf(bytesOf(image));
  // Header and directory, then each section's entry above its fields.
  CHECK_THAT(text, Contains("executable format 7: "));
  CHECK_THAT(text, Contains("section writer: offset 172 size "));
  CHECK_THAT(text, Contains("\n  package \"" + poplar::packageHash() + "\"\n"));
  CHECK_THAT(text, Contains("\n  target_type \"IPU\"\n  arch \"ipu2\"\n"
                            "  num_ipus 1\n  tiles_per_ipu 2\n"));
  // Strings escape quotes and control bytes; long blobs are cut at 64.
  CHECK_THAT(text, Contains("debug_name \"x\\22\\0A\""));
  CHECK_THAT(text,
             Contains("memory image 0: tile 1 address 40 bytes 70 [ab ab"));
  CHECK_THAT(text, Contains(" ab ...]\n"));
  // Records of records are indented under their owner, with a count.
  CHECK_THAT(text, Contains("\n  exchanges 1\n    exchange 0: transfers 2 "
                            "sources_overlap_destinations true debug_name "
                            "\"copy x\"\n      transfer 0: src_tile 0 "
                            "src_address 0 dst_tile 1 dst_address 16 "
                            "num_bytes 4\n"));
  CHECK_THAT(text, Contains("print 0: title \"x now\" layout 0 "
                            "summarise_threshold 5 edge_items 2 "
                            "max_line_width 40 digits 3 float_format Fixed "
                            "separator ',' open_bracket '(' close_bracket "
                            "')'\n"));
  CHECK_THAT(text, Contains("control node 11: kind Switch children [8, 9, "
                            "10] case_values [-3, 2147483647] count 0"));
  CHECK_THAT(text, Contains("codelet object 0: shared_object 6 [7f 45 4c 46 "
                            "00 ff] content_hash \""));
  CHECK_THAT(text, Contains("codelet 1: name \"ns::Scale<half,2>\" object 0 "
                            "base 1 returns_bool false has_fields false "
                            "fields 0\n"));
  CHECK_THAT(text, Contains("vertex 1: id 1 tile 1 codelet 1 state_address "
                            "20 fixed_cycles 120\n"));
  CHECK_THAT(text, Contains("host function call 0: function 0 input_layouts "
                            "[0, 1] output_layouts [2]\n"));
  CHECK_THAT(text, Contains("\n  programs [15, 16]\n  functions [17]\n"
                            "  tile_bytes_used [61, 44]\n"));
  CHECK_THAT(text, Contains("placement 2: name \"counter\" tile 1 address 8 "
                            "num_bytes 4 category variable live_from -1 "
                            "live_to -1\n"));
  // The trees: labels for the children that play a part.
  CHECK_THAT(text, Contains("program 0:\n"
                            "  Sequence\n"
                            "    StreamToDevice stream 0 \"in\" layout 0\n"
                            "    Exchange 0 \"copy x\" transfers 2 "
                            "sources_overlap_destinations\n"
                            "    Repeat count 1099511627776\n"
                            "      Exchange 0 \"copy x\" transfers 2 "
                            "sources_overlap_destinations\n"
                            "    RepeatWhileTrue predicate layout 1\n"
                            "      cond: StreamToDevice stream 0 \"in\" "
                            "layout 0\n"
                            "      body: Print 0 \"x now\" layout 0\n"
                            "    Switch control layout 1\n"
                            "      default: RepeatWhileFalse predicate "
                            "layout 1\n"));
  CHECK_THAT(text, Contains("      case -3: If predicate layout 1\n"
                            "        then: Print 0 \"x now\" layout 0\n"
                            "        else: Sync EXTERNAL\n"
                            "      case 2147483647: AbortOnCondition "
                            "predicate layout 1 \"counter was set\"\n"
                            "    Call function 0\n"
                            "    Execute compute_set 0 \"sums\" vertices 3 "
                            "flag layout 1\n"
                            "    ErrorWithTensor layout 2 \"bad value\"\n"
                            "program 1:\n"
                            "  Sequence\n"
                            "    Loop\n"
                            "      Abort \"stop here\"\n"
                            "function 0:\n"
                            "  Sequence\n"
                            "    StreamFromDevice stream 1 \"out\" layout 0\n"
                            "    Sync EXTERNAL\n"));
}

TEST_CASE("The dump refuses what the reader refuses",
          "[codegen][format][dump]") {
  std::string bytes = bytesOf(sampleImage());
  bytes[bytes.size() - 3] ^= 1;
  CHECK_THROWS_AS(dumpOf(bytes), poplar::parse_error);
  CHECK_THROWS_WITH(dumpOf("not an executable"),
                    Contains("is not a Tessel executable"));
}
