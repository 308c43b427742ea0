// What codegen writes into the Executable for compiled graphs: supersteps of
// byte transfers, deduplicated layouts, control node trees, initial memory,
// placements, and memory shared between temporaries that never live at the
// same time (checked by running the result).
#include "compiler/codegen/ExecutableImage.hpp"

#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>

using namespace poplar;
using namespace poplar::program;
using namespace tessel::exe;

namespace {

IPUModel smallModel() {
  IPUModel model("ipu2");
  model.tilesPerIPU = 4;
  return model;
}

ExecutableImage compiled(const Graph &graph,
                         const std::vector<Program> &programs) {
  Executable exe = compileGraph(graph, programs);
  return std::move(tessel::ExecutableAccess::image(exe));
}

const ControlNode &root(const ExecutableImage &image, unsigned program) {
  return image.nodes.at(image.programs.at(program));
}

std::vector<const VariablePlacement *> placementsOf(const ExecutableImage &i,
                                                    const std::string &name) {
  std::vector<const VariablePlacement *> found;
  for (const VariablePlacement &p : i.placements)
    if (p.name == name)
      found.push_back(&p);
  return found;
}

} // namespace

TEST_CASE("Independent copies become one superstep of byte transfers",
          "[codegen][emit]") {
  Graph graph(smallModel().createTarget());
  Tensor a = graph.addVariable(FLOAT, {8}, "a");
  Tensor b = graph.addVariable(FLOAT, {8}, "b");
  graph.setTileMapping(a, 0);
  graph.setTileMapping(b, 1);
  graph.createHostWrite("a", a);
  graph.createHostRead("b", b);
  Sequence prog{Copy(a.slice(0, 4), b.slice(0, 4)),
                Copy(a.slice(4, 8), b.slice(4, 8))};
  ExecutableImage image = compiled(graph, {prog});
  REQUIRE(image.exchanges.size() == 1);
  const ExchangeStep &step = image.exchanges[0];
  CHECK_FALSE(step.sourcesOverlapDestinations);
  // The halves continue each other on both tiles: one 32-byte transfer.
  REQUIRE(step.transfers.size() == 1);
  CHECK(step.transfers[0].srcTile == 0);
  CHECK(step.transfers[0].dstTile == 1);
  CHECK(step.transfers[0].numBytes == 32);
  const ControlNode &seq = root(image, 0);
  REQUIRE(seq.children.size() == 1);
  CHECK(image.nodes[seq.children[0]].kind == NodeKind::Exchange);
}

TEST_CASE("A copy onto itself is marked for read-before-write",
          "[codegen][emit]") {
  Graph graph(smallModel().createTarget());
  Tensor a = graph.addVariable(INT, {8}, "a");
  graph.setTileMapping(a, 2);
  graph.createHostWrite("a", a);
  ExecutableImage image = compiled(graph, {Copy(a.slice(0, 6), a.slice(2, 8))});
  REQUIRE(image.exchanges.size() == 1);
  CHECK(image.exchanges[0].sourcesOverlapDestinations);
}

TEST_CASE("Identical layouts are stored once", "[codegen][emit]") {
  Graph graph(smallModel().createTarget());
  Tensor x = graph.addVariable(HALF, {2, 3}, "x");
  graph.setTileMapping(x, 1);
  graph.createHostRead("x", x);
  ExecutableImage image = compiled(
      graph, {Sequence{PrintTensor("first", x), PrintTensor("second", x)}});
  REQUIRE(image.prints.size() == 2);
  REQUIRE(image.layouts.size() == 1);
  CHECK(image.prints[0].layout == 0);
  CHECK(image.prints[1].layout == 0);
  CHECK(image.hostAccesses.at(0).layout == 0);
  const TensorLayout &l = image.layouts[0];
  CHECK(l.typeName == "half");
  CHECK(l.elementBytes == 2);
  CHECK(l.shape == std::vector<std::uint64_t>{2, 3});
  REQUIRE(l.pieces.size() == 1);
  CHECK(l.pieces[0].tile == 1);
  CHECK(l.pieces[0].numBytes == 12);
}

TEST_CASE("Control programs become trees of control nodes", "[codegen][emit]") {
  Graph graph(smallModel().createTarget());
  Tensor flag = graph.addVariable(BOOL, {}, "flag");
  Tensor which = graph.addVariable(INT, {}, "which");
  graph.setTileMapping(flag, 0);
  graph.setTileMapping(which, 3);
  graph.createHostWrite("flag", flag);
  graph.createHostWrite("which", which);
  Function f = graph.addFunction(Sync(SyncType::INTERNAL));
  Sequence body{Call(f), If(flag, Sync(SyncType::INTERNAL), Sequence{}),
                Switch(which, {{3, Call(f)}, {9, Sequence{}}})};
  ExecutableImage image = compiled(graph, {Repeat(5, body), Sequence{}});
  REQUIRE(image.programs.size() == 2);
  REQUIRE(image.functions.size() == 1);
  const ControlNode &top = root(image, 0);
  REQUIRE(top.children.size() == 1);
  const ControlNode &repeat = image.nodes[top.children[0]];
  CHECK(repeat.kind == NodeKind::Repeat);
  CHECK(repeat.count == 5);
  const ControlNode &seq = image.nodes[repeat.children.at(0)];
  REQUIRE(seq.children.size() == 3);
  CHECK(image.nodes[seq.children[0]].kind == NodeKind::Call);
  const ControlNode &ifNode = image.nodes[seq.children[1]];
  CHECK(ifNode.kind == NodeKind::If);
  CHECK(image.layouts[ifNode.layout].typeName == "bool");
  const ControlNode &sw = image.nodes[seq.children[2]];
  CHECK(sw.kind == NodeKind::Switch);
  CHECK(sw.caseValues == std::vector<std::int32_t>{3, 9});
  CHECK(sw.children.size() == 3);
  CHECK(image.nodes[image.functions[0]].kind == NodeKind::Sequence);
  CHECK(root(image, 1).children.empty());
}

TEST_CASE("Constants become initial memory on their tiles", "[codegen][emit]") {
  Graph graph(smallModel().createTarget());
  std::vector<int> values{1, -2, 256};
  Tensor k = graph.addConstant<int>(INT, {3}, values);
  graph.setTileMapping(k, 2);
  Tensor out = graph.addVariable(INT, {3}, "out");
  graph.setTileMapping(out, 0);
  graph.createHostRead("out", out);
  ExecutableImage image = compiled(graph, {Copy(k, out)});
  REQUIRE(image.initialMemory.size() == 1);
  const InitialData &d = image.initialMemory[0];
  CHECK(d.tile == 2);
  CHECK(d.bytes == std::vector<std::uint8_t>{1, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff,
                                             0, 1, 0, 0});
}

TEST_CASE("Placements and bytes used describe every tile", "[codegen][emit]") {
  Graph graph(smallModel().createTarget());
  Tensor c = graph.addVariable(CHAR, {3}, "c");
  Tensor w = graph.addVariable(FLOAT, {6}, "w");
  graph.setTileMapping(c, 1);
  graph.setTileMapping(w.slice(0, 2), 1);
  graph.setTileMapping(w.slice(2, 6), 3);
  graph.createHostWrite("c", c);
  graph.createHostWrite("w", w);
  ExecutableImage image = compiled(graph, {Sequence{}});
  CHECK(image.tileBytesUsed == std::vector<std::uint32_t>{0, 12, 0, 16});
  auto ws = placementsOf(image, "w");
  REQUIRE(ws.size() == 2);
  CHECK(ws[0]->tile == 1);
  CHECK(ws[0]->address == 4); // aligned after the 3 chars
  CHECK(ws[0]->numBytes == 8);
  CHECK(ws[1]->tile == 3);
  CHECK(ws[1]->numBytes == 16);
}

TEST_CASE("Temporaries that never live at once share memory and still "
          "compute the right values",
          "[codegen][emit]") {
  IPUModel model = smallModel();
  Device device = model.createDevice();
  Graph graph(device.getTarget());
  const std::size_t n = 100;
  auto variable = [&](const char *name) {
    Tensor t = graph.addVariable(INT, {n}, name);
    graph.setTileMapping(t, 0);
    return t;
  };
  Tensor in1 = variable("in1"), in2 = variable("in2");
  Tensor out1 = variable("out1"), out2 = variable("out2");
  Tensor t1 = variable("t1"), t2 = variable("t2");
  graph.createHostWrite("in1", in1);
  graph.createHostWrite("in2", in2);
  graph.createHostRead("out1", out1);
  graph.createHostRead("out2", out2);
  // The sync keeps in2 -> t2 out of t1 -> out1's superstep: within one
  // superstep t1 is still being read while t2 is written.
  Sequence prog{Copy(in1, t1), Copy(t1, out1), Sync(SyncType::INTERNAL),
                Copy(in2, t2), Copy(t2, out2)};
  Executable exe = compileGraph(graph, {prog});
  const ExecutableImage &image = tessel::ExecutableAccess::image(exe);
  auto p1 = placementsOf(image, "t1"), p2 = placementsOf(image, "t2");
  REQUIRE(p1.size() == 1);
  REQUIRE(p2.size() == 1);
  CHECK(p1[0]->address == p2[0]->address);
  CHECK(image.tileBytesUsed[0] == 5 * n * 4);

  Engine engine(std::move(exe));
  engine.load(device);
  std::vector<int> a(n), b(n), r1(n), r2(n);
  std::iota(a.begin(), a.end(), 0);
  std::iota(b.begin(), b.end(), 1000);
  engine.writeTensor("in1", a.data(), a.data() + n);
  engine.writeTensor("in2", b.data(), b.data() + n);
  engine.run(0);
  engine.readTensor("out1", r1.data(), r1.data() + n);
  engine.readTensor("out2", r2.data(), r2.data() + n);
  CHECK(r1 == a);
  CHECK(r2 == b);
}

TEST_CASE("A value read in every iteration of a loop keeps its bytes for "
          "the whole loop",
          "[codegen][emit]") {
  IPUModel model = smallModel();
  Device device = model.createDevice();
  Graph graph(device.getTarget());
  const std::size_t n = 16;
  auto variable = [&](const char *name) {
    Tensor t = graph.addVariable(INT, {n}, name);
    graph.setTileMapping(t, 1);
    return t;
  };
  Tensor x = variable("x"), z = variable("z");
  Tensor y = variable("y"), w = variable("w");
  Tensor keep = variable("keep"), tmp = variable("tmp");
  graph.createHostWrite("x", x);
  graph.createHostWrite("z", z);
  graph.createHostRead("y", y);
  graph.createHostRead("w", w);
  // keep is written before the loop and read at the start of each
  // iteration; tmp lives later within one iteration. Ending keep's lifetime
  // at its last read in program order would let tmp take its bytes, and the
  // second iteration would copy z's values into y.
  Sync sync(SyncType::INTERNAL);
  Sequence body{Copy(keep, y), sync, Copy(z, tmp), sync, Copy(tmp, w)};
  Sequence prog{Copy(x, keep), Repeat(3, body)};
  Executable exe = compileGraph(graph, {prog});
  const ExecutableImage &image = tessel::ExecutableAccess::image(exe);
  CHECK(placementsOf(image, "keep")[0]->address !=
        placementsOf(image, "tmp")[0]->address);

  Engine engine(std::move(exe));
  engine.load(device);
  std::vector<int> xs(n), zs(n), ys(n), ws(n);
  std::iota(xs.begin(), xs.end(), 1);
  std::iota(zs.begin(), zs.end(), 500);
  engine.writeTensor("x", xs.data(), xs.data() + n);
  engine.writeTensor("z", zs.data(), zs.data() + n);
  engine.run(0);
  engine.readTensor("y", ys.data(), ys.data() + n);
  engine.readTensor("w", ws.data(), ws.data() + n);
  CHECK(ys == xs);
  CHECK(ws == zs);
}
