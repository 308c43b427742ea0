// The .gp archive format: round trips, and the parse_error for every way a
// file can be damaged or foreign; linking archives; choosing an object for a
// target.
#include "compiler/codelets/CodeletArchive.hpp"
#include "compiler/codelets/CodeletCache.hpp"
#include "compiler/codelets/Sha256.hpp"

#include "tests/popc/PopcTestSupport.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace tessel::codelets;
using tessel::abi::Direction;
using tessel::abi::FieldKind;
using tessel::abi::VertexBase;

namespace {

NativeObject makeObject(const std::string &bytes, const std::string &source,
                        std::vector<std::string> targets) {
  NativeObject object;
  object.targets = std::move(targets);
  object.sharedObject.assign(bytes.begin(), bytes.end());
  object.contentHash = hashSharedObject(object.sharedObject);
  object.source = source;
  return object;
}

CodeletArchive sampleArchive() {
  CodeletArchive a;
  a.objects.push_back(makeObject("\x7f"
                                 "ELF first",
                                 "a.cpp", {"cpu", "ipu2"}));
  a.objects.push_back(makeObject("second object", "b.cpp c.c", {"ipu21"}));
  VertexMeta sum;
  sum.name = "SumVertex";
  sum.base = VertexBase::Vertex;
  sum.returnsBool = true;
  sum.object = 0;
  sum.fields.push_back(
      {"in", FieldKind::EdgeVector, Direction::Input, 1, false, "float", 4, 4});
  sum.fields.push_back(
      {"out", FieldKind::Edge, Direction::Output, 0, false, "float", 4, 4});
  VertexMeta tmpl;
  tmpl.name = "ns::Tmpl<half,true>";
  tmpl.base = VertexBase::MultiVertex;
  tmpl.returnsBool = false;
  tmpl.object = 1;
  tmpl.fields.push_back({"lists", FieldKind::EdgeVectorList, Direction::InOut,
                         3, true, "half", 2, 8});
  tmpl.fields.push_back({"n", FieldKind::Scalar, Direction::None, 0, false,
                         "unsigned int", 4, 4});
  VertexMeta empty;
  empty.name = "Supervised";
  empty.base = VertexBase::SupervisorVertex;
  a.vertices = {sum, tmpl, empty};
  return a;
}

std::string serialise(const CodeletArchive &a) {
  std::ostringstream out;
  writeArchive(a, out);
  return out.str();
}

CodeletArchive parse(const std::string &bytes,
                     const std::string &where = "test.gp") {
  std::istringstream in(bytes);
  return readArchive(in, where);
}

void requireSame(const FieldMeta &a, const FieldMeta &b) {
  CHECK(a.name == b.name);
  CHECK(a.kind == b.kind);
  CHECK(a.direction == b.direction);
  CHECK(a.layout == b.layout);
  CHECK(a.interleaved == b.interleaved);
  CHECK(a.elementType == b.elementType);
  CHECK(a.elementBytes == b.elementBytes);
  CHECK(a.minAlign == b.minAlign);
}

void requireSame(const CodeletArchive &a, const CodeletArchive &b) {
  REQUIRE(a.objects.size() == b.objects.size());
  for (std::size_t i = 0; i < a.objects.size(); ++i) {
    CHECK(a.objects[i].targets == b.objects[i].targets);
    CHECK(a.objects[i].sharedObject == b.objects[i].sharedObject);
    CHECK(a.objects[i].contentHash == b.objects[i].contentHash);
    CHECK(a.objects[i].source == b.objects[i].source);
  }
  REQUIRE(a.vertices.size() == b.vertices.size());
  for (std::size_t i = 0; i < a.vertices.size(); ++i) {
    const VertexMeta &x = a.vertices[i], &y = b.vertices[i];
    CHECK(x.name == y.name);
    CHECK(x.base == y.base);
    CHECK(x.returnsBool == y.returnsBool);
    CHECK(x.object == y.object);
    REQUIRE(x.fields.size() == y.fields.size());
    for (std::size_t f = 0; f < x.fields.size(); ++f)
      requireSame(x.fields[f], y.fields[f]);
  }
}

/// The message of the parse_error reading `bytes` throws.
std::string parseFailure(const std::string &bytes) {
  try {
    parse(bytes);
  } catch (const poplar::parse_error &e) {
    return e.what();
  }
  FAIL("reading the damaged archive did not throw parse_error");
  return "";
}

void setWord(std::string &bytes, std::size_t offset, std::uint32_t value) {
  for (int i = 0; i < 4; ++i)
    bytes[offset + std::size_t(i)] = char((value >> (8 * i)) & 0xff);
}

} // namespace

TEST_CASE("An archive reads back as it was written", "[archive]") {
  const CodeletArchive original = sampleArchive();
  const std::string bytes = serialise(original);
  CHECK(bytes.compare(0, 8, "TESSELGP") == 0);
  requireSame(parse(bytes), original);
  CHECK(serialise(parse(bytes)) == bytes);
}

TEST_CASE("An empty archive round trips", "[archive]") {
  const CodeletArchive read = parse(serialise(CodeletArchive{}));
  CHECK(read.vertices.empty());
  CHECK(read.objects.empty());
}

TEST_CASE("Every truncation of an archive is a parse_error naming the file",
          "[archive]") {
  const std::string bytes = serialise(sampleArchive());
  for (std::size_t length = 0; length < bytes.size(); ++length) {
    const std::string message = parseFailure(bytes.substr(0, length));
    INFO("length " << length << ": " << message);
    CHECK(message.find("'test.gp'") != std::string::npos);
    if (length == 0)
      CHECK(message.find("empty") != std::string::npos);
    else if (length < 8)
      CHECK(message.find("not a .gp codelet archive") != std::string::npos);
    else
      CHECK(message.find("truncated") != std::string::npos);
  }
}

TEST_CASE("A flipped byte anywhere in the payload or checksum is corruption",
          "[archive]") {
  const std::string bytes = serialise(sampleArchive());
  for (std::size_t at = 24; at < bytes.size(); at += 7) {
    std::string damaged = bytes;
    damaged[at] = char(damaged[at] ^ 0x20);
    const std::string message = parseFailure(damaged);
    INFO("byte " << at << ": " << message);
    CHECK(message.find("corrupted") != std::string::npos);
  }
}

TEST_CASE("Bytes after the checksum are corruption", "[archive]") {
  CHECK_THAT(parseFailure(serialise(sampleArchive()) + "x"),
             Catch::Contains("unexpected bytes after the payload checksum"));
}

TEST_CASE("A foreign file is not a .gp archive", "[archive]") {
  CHECK_THAT(parseFailure("\x7f"
                          "ELF\2\1\1 this is a shared object, not "
                          "an archive"),
             Catch::Contains("'test.gp': not a .gp codelet archive"));
  CHECK_THAT(parseFailure("TESSELEX an executable"),
             Catch::Contains("does not start with \"TESSELGP\""));
}

TEST_CASE("Another format version is refused with both versions named",
          "[archive]") {
  std::string bytes = serialise(sampleArchive());
  setWord(bytes, 8, 2);
  const std::string message = parseFailure(bytes);
  CHECK_THAT(message, Catch::Contains(".gp format version 2"));
  CHECK_THAT(message, Catch::Contains("reads version 1"));
}

TEST_CASE("Another codelet ABI version is refused", "[archive]") {
  std::string bytes = serialise(sampleArchive());
  setWord(bytes, 12, 7);
  const std::string message = parseFailure(bytes);
  CHECK_THAT(message, Catch::Contains("codelet ABI version 7"));
  CHECK_THAT(message, Catch::Contains("recompile"));
}

TEST_CASE("A huge payload length fails as truncation, not allocation",
          "[archive]") {
  std::string bytes = serialise(sampleArchive());
  setWord(bytes, 16, 0xffffffffu);
  setWord(bytes, 20, 0x7fffffffu);
  CHECK_THAT(parseFailure(bytes), Catch::Contains("truncated"));
}

TEST_CASE("An unreadable archive file is a file_load_error naming it",
          "[archive]") {
  popctest::ScratchDir dir;
  const std::string missing = dir / "missing.gp";
  try {
    readArchiveFile(missing);
    FAIL("no error");
  } catch (const poplar::file_load_error &e) {
    CHECK_THAT(e.what(), Catch::Contains(missing));
  }
  const std::string written = dir / "ok.gp";
  popctest::writeFile(written, serialise(sampleArchive()));
  requireSame(readArchiveFile(written), sampleArchive());
  popctest::writeFile(written, "garbage");
  CHECK_THROWS_WITH(readArchiveFile(written), Catch::Contains(written));
}

TEST_CASE("Linking archives renumbers objects and keeps every vertex",
          "[archive]") {
  CodeletArchive first = sampleArchive();
  CodeletArchive second;
  second.objects.push_back(makeObject("third", "d.cpp", {"cpu"}));
  VertexMeta other;
  other.name = "Other";
  other.object = 0;
  second.vertices.push_back(other);
  const CodeletArchive linked = linkArchives({first, second});
  REQUIRE(linked.objects.size() == 3);
  REQUIRE(linked.vertices.size() == 4);
  CHECK(linked.vertices[3].name == "Other");
  CHECK(linked.vertices[3].object == 2);
  CHECK(linked.objects[2].source == "d.cpp");
  CHECK(linked.vertices[1].object == 1);
}

TEST_CASE("Linking the same vertex twice names both sources", "[archive]") {
  CodeletArchive first = sampleArchive();
  CodeletArchive second;
  second.objects.push_back(makeObject("again", "again.cpp", {"cpu"}));
  VertexMeta duplicate;
  duplicate.name = "ns::Tmpl<half,true>";
  second.vertices.push_back(duplicate);
  try {
    linkArchives({first, second});
    FAIL("no error");
  } catch (const poplar::link_error &e) {
    const std::string message = e.what();
    CHECK_THAT(message, Catch::Contains("'ns::Tmpl<half,true>'"));
    CHECK_THAT(message, Catch::Contains("b.cpp c.c"));
    CHECK_THAT(message, Catch::Contains("again.cpp"));
  }
}

TEST_CASE("The object for a target is found, or the error lists the targets",
          "[archive]") {
  const CodeletArchive a = sampleArchive();
  CHECK(&objectForTarget(a, a.vertices[0], "ipu2") == &a.objects[0]);
  CHECK(&objectForTarget(a, a.vertices[1], "ipu21") == &a.objects[1]);
  try {
    objectForTarget(a, a.vertices[0], "ipu1");
    FAIL("no error");
  } catch (const poplar::graph_object_load_error &e) {
    CHECK_THAT(e.what(), Catch::Contains("cpu,ipu2"));
    CHECK_THAT(e.what(), Catch::Contains("not for ipu1"));
    CHECK_THAT(e.what(), Catch::Contains("SumVertex"));
  }
}

TEST_CASE("Content hashes are SHA-256", "[archive]") {
  CHECK(Sha256::hexOf("abc", 3) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256::hexOf("", 0) ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const std::string twoBlocks =
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  CHECK(Sha256::hexOf(twoBlocks.data(), twoBlocks.size()) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  const std::vector<std::uint8_t> bytes{'a', 'b', 'c'};
  CHECK(hashSharedObject(bytes) == Sha256::hexOf("abc", 3));
  // An empty vector's data() may be null; hashing it is still defined (the
  // fuzz campaign found memcpy given the null pointer, under UBSan).
  CHECK(hashSharedObject(std::vector<std::uint8_t>()) == Sha256::hexOf("", 0));
  CHECK(Sha256::hexOf(nullptr, 0) == Sha256::hexOf("", 0));
}

TEST_CASE("SHA-256 digests are the same with and without SHA instructions",
          "[archive]") {
  INFO("this host has SHA instructions: " << Sha256::usesShaExtensions());
  std::vector<std::uint8_t> bytes(70000);
  std::uint32_t seed = 12345;
  for (std::uint8_t &b : bytes) {
    seed = seed * 1664525u + 1013904223u;
    b = std::uint8_t(seed >> 24);
  }
  // Every length around the block and padding boundaries, then large ones.
  std::vector<std::size_t> lengths;
  for (std::size_t n = 0; n <= 200; ++n)
    lengths.push_back(n);
  lengths.insert(lengths.end(), {4095, 4096, 4097, 65536, bytes.size()});
  for (std::size_t n : lengths) {
    INFO("length " << n);
    const Sha256::Digest portable =
        Sha256::of(bytes.data(), n, Sha256::Implementation::Portable);
    REQUIRE(Sha256::of(bytes.data(), n) == portable);
    // Fed in uneven pieces, so partial blocks meet whole ones.
    Sha256 pieces;
    for (std::size_t at = 0, step = 1; at < n; at += step, step = step * 3 % 97)
      pieces.update(bytes.data() + at, std::min(step, n - at));
    REQUIRE(pieces.finish() == portable);
  }
  // A known digest of a long message: one million 'a's (FIPS 180-2, B.3).
  const std::string million(1000000, 'a');
  for (auto implementation :
       {Sha256::Implementation::Fastest, Sha256::Implementation::Portable})
    CHECK(Sha256::hex(
              Sha256::of(million.data(), million.size(), implementation)) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("Make dependency files are read with escapes and continuations",
          "[archive]") {
  const std::string text = "out.gp: a.cpp /inc/with\\ space.hpp \\\n"
                           "  b.hpp \\\n  cost$$.hpp\n";
  CHECK(parseDependencyFile(text) ==
        std::vector<std::string>{"a.cpp", "/inc/with space.hpp", "b.hpp",
                                 "cost$.hpp"});
}
