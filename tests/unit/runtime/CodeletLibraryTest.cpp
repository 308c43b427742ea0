// Loading codelet objects: the errors for objects and codelets that do not
// match the executable, and the process-wide cache.
#include "TestCodelets.hpp"

#include "runtime/sim/CodeletLibrary.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

using namespace runtime_test;
using namespace poplar;
using tessel::abi::VertexBase;
using tessel::sim::CodeletLibrary;

namespace {

/// An image of one object and one codelet of it.
tessel::exe::ExecutableImage oneCodelet(tessel::exe::NativeObject object,
                                        const std::string &name,
                                        VertexBase base, bool returnsBool) {
  Device device = modelDevice(2);
  ImageBuilder b(device.getTarget());
  b.codelet(name, b.object(std::move(object)), base, returnsBool);
  return b.image;
}

std::string loadError(const tessel::exe::ExecutableImage &image) {
  try {
    CodeletLibrary library(image);
  } catch (const graph_object_load_error &e) {
    return e.what();
  }
  FAIL("the codelet library loaded a bad image");
  return "";
}

} // namespace

TEST_CASE("Codelets resolve to their object's table entries",
          "[runtime][codelets]") {
  auto image = oneCodelet(testObject("compute.cpp"), "SumVertex",
                          VertexBase::Vertex, true);
  image.codelets.push_back({"ScaleMultiVertex",
                            0,
                            std::uint8_t(VertexBase::MultiVertex),
                            false,
                            false,
                            {}});
  CodeletLibrary library(image);
  CHECK(std::string(library.codelet(0).name) == "SumVertex");
  CHECK(library.codelet(1).base == VertexBase::MultiVertex);
  CHECK(library.codelet(1).run != nullptr);
}

TEST_CASE("A codelet missing from its object is a load error naming both",
          "[runtime][codelets]") {
  tessel::exe::NativeObject object = testObject("compute.cpp");
  std::string source = object.source;
  std::string error =
      loadError(oneCodelet(object, "NoSuchVertex", VertexBase::Vertex, true));
  CHECK_THAT(error, Catch::Contains("'" + source + "'") &&
                        Catch::Contains("no codelet 'NoSuchVertex'") &&
                        Catch::Contains("SumVertex") &&
                        Catch::Contains("rebuild the codelets with the popc "
                                        "of this Tessel version"));
}

TEST_CASE("A codelet whose base or return type differs is a load error",
          "[runtime][codelets]") {
  tessel::exe::NativeObject object = testObject("compute.cpp");
  CHECK_THAT(
      loadError(oneCodelet(object, "SumVertex", VertexBase::MultiVertex, true)),
      Catch::Contains("codelet 'SumVertex' is a Vertex in the codelet "
                      "object, but the executable runs it as a "
                      "MultiVertex"));
  CHECK_THAT(
      loadError(oneCodelet(object, "SumVertex", VertexBase::Vertex, false)),
      Catch::Contains("codelet 'SumVertex' returns bool in the codelet "
                      "object, but the executable expects void"));
}

TEST_CASE("Objects popc did not build or of another ABI are refused",
          "[runtime][codelets]") {
  CHECK_THAT(loadError(oneCodelet(
                 objectFromFile(TESSEL_TEST_WRONG_ABI_OBJECT, "old.cpp"),
                 "SumVertex", VertexBase::Vertex, true)),
             Catch::Contains("Failed to load graph object 'old.cpp'") &&
                 Catch::Contains("codelet ABI version " +
                                 std::to_string(tessel::abi::kAbiVersion + 98) +
                                 ", but this runtime runs version " +
                                 std::to_string(tessel::abi::kAbiVersion)) &&
                 Catch::Contains("rebuild the codelets"));
  CHECK_THAT(loadError(oneCodelet(
                 objectFromFile(TESSEL_TEST_NO_TABLE_OBJECT, "plain.cpp"),
                 "SumVertex", VertexBase::Vertex, true)),
             Catch::Contains("'plain.cpp'") &&
                 Catch::Contains("does not export tessel_codelet_table"));
  std::vector<std::uint8_t> notElf{'n', 'o', 't', ' ', 'E', 'L', 'F'};
  tessel::exe::NativeObject garbage{
      notElf, tessel::codelets::Sha256::hexOf(notElf.data(), notElf.size()),
      "garbage.cpp"};
  CHECK_THAT(
      loadError(oneCodelet(garbage, "SumVertex", VertexBase::Vertex, true)),
      Catch::Contains("'garbage.cpp'") &&
          Catch::Contains("the codelet object does not load"));
}

TEST_CASE("An object whose bytes do not match its hash is never mapped",
          "[runtime][codelets]") {
  tessel::exe::NativeObject damaged = testObject("compute.cpp");
  damaged.sharedObject[damaged.sharedObject.size() / 2] ^= 0x40;
  damaged.source = "damaged.cpp";
  std::uint64_t before = CodeletLibrary::objectsLoaded();
  CHECK_THAT(
      loadError(oneCodelet(damaged, "SumVertex", VertexBase::Vertex, true)),
      Catch::Contains("'damaged.cpp'") && Catch::Contains("bytes hash to") &&
          Catch::Contains("not its stored content hash"));
  CHECK(CodeletLibrary::objectsLoaded() == before);
}

TEST_CASE("Two objects claiming one content hash are refused",
          "[runtime][codelets]") {
  tessel::exe::NativeObject real = testObject("compute.cpp");
  CodeletLibrary first(oneCodelet(real, "SumVertex", VertexBase::Vertex, true));
  tessel::exe::NativeObject impostor =
      objectFromFile(TESSEL_TEST_NO_TABLE_OBJECT, "impostor.cpp");
  impostor.contentHash = real.contentHash;
  CHECK_THAT(
      loadError(oneCodelet(impostor, "SumVertex", VertexBase::Vertex, true)),
      Catch::Contains("'impostor.cpp'") &&
          Catch::Contains("not its stored content hash") &&
          Catch::Contains("already loaded") && Catch::Contains("damaged"));
}

TEST_CASE("An object is loaded once per process however many engines use it",
          "[runtime][codelets]") {
  // cached.cpp is loaded by this test only.
  auto image = oneCodelet(testObject("cached.cpp"), "CopyVertex",
                          VertexBase::Vertex, false);
  std::uint64_t before = CodeletLibrary::objectsLoaded();
  CodeletLibrary first(image);
  CHECK(CodeletLibrary::objectsLoaded() == before + 1);
  CodeletLibrary second(image);
  CHECK(CodeletLibrary::objectsLoaded() == before + 1);
  CHECK(&first.codelet(0) == &second.codelet(0));
  Device device = modelDevice(2);
  for (int i = 0; i < 2; ++i) {
    Engine engine(tessel::ExecutableAccess::make(image));
    engine.load(device);
  }
  CHECK(CodeletLibrary::objectsLoaded() == before + 1);
}

TEST_CASE("Engine::load reports codelet load errors", "[runtime][codelets]") {
  Device device = modelDevice(2);
  ImageBuilder b(device.getTarget());
  b.codelet("Missing", b.object(testObject("compute.cpp")), VertexBase::Vertex,
            true);
  b.program(b.sequence({}));
  Engine engine = b.engine();
  CHECK_THROWS_AS(engine.load(device), graph_object_load_error);
  CHECK_THROWS_WITH(engine.load(device),
                    Catch::Contains("no codelet 'Missing'"));
}
