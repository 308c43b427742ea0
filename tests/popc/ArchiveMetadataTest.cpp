// A .gp whose metadata disagrees with its code is refused when an engine
// loads it: the compiler plans exchanges and hazards from the metadata, the
// code binds fields by its own table, so a mismatch would run silently
// wrong.
#include "compiler/codelets/CodeletArchive.hpp"

#include "tests/popc/PopcTestSupport.hpp"

#include <poplar/Engine.hpp>
#include <poplar/Graph.hpp>
#include <poplar/IPUModel.hpp>
#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

using namespace tessel::codelets;
using tessel::abi::Direction;

namespace {

const char *const kTwice = R"(#include <poplar/Vertex.hpp>
class Twice : public poplar::Vertex {
public:
  poplar::Input<poplar::Vector<int>> in;
  poplar::Output<poplar::Vector<int>> out;
  void compute() {
    for (unsigned i = 0; i < in.size(); ++i)
      out[i] = 2 * in[i];
  }
};
)";

/// Builds and runs in -> Twice -> out with the codelets of `gpPath`;
/// returns what out holds.
std::vector<int> runTwice(const std::string &gpPath) {
  poplar::IPUModel model;
  model.tilesPerIPU = 4;
  poplar::Device device = model.createDevice();
  poplar::Graph graph(device.getTarget());
  graph.addCodelets(gpPath);
  poplar::Tensor in = graph.addVariable(poplar::INT, {4}, "in");
  poplar::Tensor out = graph.addVariable(poplar::INT, {4}, "out");
  graph.setTileMapping(in, 0);
  graph.setTileMapping(out, 0);
  poplar::ComputeSet cs = graph.addComputeSet("twice");
  poplar::VertexRef v =
      graph.addVertex(cs, "Twice", {{"in", in}, {"out", out}});
  graph.setTileMapping(v, 0);
  graph.createHostWrite("in", in);
  graph.createHostRead("out", out);
  poplar::Engine engine(graph, poplar::program::Execute(cs));
  engine.load(device);
  std::vector<int> input = {1, -2, 3, 40}, result(4);
  engine.writeTensor("in", input.data(), input.data() + input.size());
  engine.run(0);
  engine.readTensor("out", result.data(), result.data() + result.size());
  return result;
}

void writeArchiveFile(const CodeletArchive &archive, const std::string &path) {
  std::ofstream out(path, std::ios::binary);
  writeArchive(archive, out);
}

} // namespace

TEST_CASE("A .gp whose field direction was relabelled is refused by name",
          "[archive][errors]") {
  const CodeletArchive archive =
      compileCodeletSource("", kTwice, "", "", nullptr);
  const std::string good = "archive_metadata_good.gp";
  const std::string relabelled = "archive_metadata_relabelled.gp";
  writeArchiveFile(archive, good);
  CHECK(runTwice(good) == std::vector<int>{2, -4, 6, 80});

  // The checksum is rewritten too: only the metadata lies.
  CodeletArchive edited = archive;
  REQUIRE(edited.vertices.size() == 1);
  REQUIRE(edited.vertices[0].fields.size() == 2);
  REQUIRE(edited.vertices[0].fields[1].direction == Direction::Output);
  edited.vertices[0].fields[1].direction = Direction::Input;
  writeArchiveFile(edited, relabelled);
  CHECK_THROWS_AS(runTwice(relabelled), poplar::graph_object_load_error);
  CHECK_THROWS_WITH(runTwice(relabelled),
                    Catch::Contains("codelet 'Twice'") &&
                        Catch::Contains("field 1 ('out')") &&
                        Catch::Contains("is Output in the codelet object") &&
                        Catch::Contains("compiled for Input") &&
                        Catch::Contains("metadata does not match its code"));
  std::remove(good.c_str());
  std::remove(relabelled.c_str());
}
