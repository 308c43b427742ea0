// The smaller Graph and Engine calls of Poplar SDK 3.x (issue 13 part 6):
// metadata variables, the replication index, reorderToSimplify,
// findUnbroadcastTensor, vertex field limits, raw half initial values and
// device timestamps, each checked against what the host expects.
#include "Harness.hpp"

#include <poplar/HalfFloat.hpp>

#include "ErrorOf.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <numeric>
#include <sstream>

using namespace poplar;
using namespace poplar::program;
using tessel_test::errorOf;

namespace {

const std::string codelets = TESSEL_E2E_CODELETS "/vertices.cpp";

/// The tile of each element of `t`, in element order.
std::vector<unsigned> tilesOf(const Graph &graph, const Tensor &t) {
  std::vector<unsigned> tiles(t.numElements(), ~0u);
  const auto mapping = graph.getTileMapping(t, false);
  for (unsigned tile = 0; tile < mapping.size(); ++tile)
    for (const Interval &i : mapping[tile])
      for (std::size_t e = i.begin(); e < i.end(); ++e)
        tiles[e] = tile;
  return tiles;
}

} // namespace

TEST_CASE("addVariable with metadata makes a quarter variable and refuses "
          "types without metadata",
          "[e2e][graph][odds]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor md = graph.addVariable(QUARTER_METADATA, {}, "md");
  Tensor q = graph.addVariable(QUARTER, md, {2, 3}, "q");
  CHECK(q.elementType() == QUARTER);
  CHECK(q.shape() == std::vector<std::size_t>{2, 3});
  CHECK_FALSE(q.hasMetadata());
  Tensor lin =
      graph.addVariable(QUARTER, md, {64}, VariableMappingMethod::LINEAR, "l");
  CHECK(graph.getTileMapping(lin).size() == 4);
  CHECK_FALSE(graph.getTileMapping(lin)[0].empty());

  CHECK_THAT(errorOf<tensor_metadata_error>(
                 [&] { graph.addVariable(FLOAT, md, {2}, "f"); }),
             Catch::Contains("type float has no metadata") &&
                 Catch::Contains("addVariable(type, shape)"));
  Tensor notMd = graph.addVariable(UNSIGNED_CHAR, {}, "u8");
  CHECK_THAT(errorOf<tensor_metadata_error>(
                 [&] { graph.addVariable(QUARTER, notMd, {2}, "q2"); }),
             Catch::Contains("one quarter_metadata element"));
  CHECK_THAT(errorOf<tensor_metadata_error>(
                 [&] { graph.addVariable(QUARTER, Tensor(), {2}, "q3"); }),
             Catch::Contains("empty"));
}

TEST_CASE("The replication index constant is 0 on a single replica",
          "[e2e][graph][odds]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  Tensor index = graph.addReplicationIndexConstant("replica");
  CHECK(index.elementType() == UNSIGNED_INT);
  CHECK(index.rank() == 0);
  unsigned value = 99;
  CHECK(index.getConstantValue(&value));
  CHECK(value == 0);
  graph.setTileMapping(index, 2);
  Tensor out = graph.addVariable(UNSIGNED_INT, {}, "out");
  graph.setTileMapping(out, 1);
  graph.createHostWrite("out.in", out);
  graph.createHostRead("out", out);
  Engine engine(graph, Copy(index, out));
  engine.load(device);
  unsigned seeded = 7, result = 7;
  engine.writeTensor("out.in", &seeded, &seeded + 1);
  engine.run(0);
  engine.readTensor("out", &result, &result + 1);
  CHECK(result == 0);
}

TEST_CASE("reorderToSimplify groups elements by tile and variable and "
          "permutes the others the same way",
          "[e2e][graph][odds]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor a = graph.addVariable(INT, {8}, "a");
  Tensor b = graph.addVariable(INT, {8}, "b");
  // a's elements alternate between tiles 1 and 0.
  for (unsigned i = 0; i < 8; ++i)
    graph.setTileMapping(a[i], 1 - i % 2);
  graph.setTileMapping(b, 3);
  // t = a interleaved in reverse: a[7], a[6], ..., a[0].
  Tensor t = a.reverse(0);
  Tensor other = b;
  Tensor third = graph.addVariable(INT, {2, 4}, "c");
  graph.setTileMapping(third, 0);
  const Tensor thirdBefore = third;
  graph.reorderToSimplify(&t, {&other, &third});
  // Tile 0 holds a[1], a[3], a[5], a[7]; tile 1 a[0], a[2], ...: each tile's
  // elements in variable order.
  std::vector<Tensor> expectT;
  for (std::size_t i : {1, 3, 5, 7, 0, 2, 4, 6})
    expectT.push_back(a.slice(i, i + 1));
  CHECK(t == concat(expectT));
  // t was a[7-i]; the element now first (a[1]) was at position 6.
  const std::vector<std::size_t> from = {6, 4, 2, 0, 7, 5, 3, 1};
  std::vector<Tensor> expectOther, expectThird;
  for (std::size_t i : from) {
    expectOther.push_back(b[i].expand({0}));
    expectThird.push_back(thirdBefore.flatten()[i].expand({0}));
  }
  CHECK(other == concat(expectOther));
  CHECK(third == concat(expectThird));
  const std::vector<unsigned> tiles = tilesOf(graph, t);
  CHECK(tiles == std::vector<unsigned>{0, 0, 0, 0, 1, 1, 1, 1});

  // Already simple: nothing moves.
  Tensor whole = b;
  graph.reorderToSimplify(&whole, {}, false);
  CHECK(whole == b);

  CHECK_THAT(errorOf<index_error>([&] {
               Tensor x = a;
               Tensor shorter = b.slice(0, 4);
               graph.reorderToSimplify(&x, {&shorter});
             }),
             Catch::Contains("has 4 elements but") &&
                 Catch::Contains("needs the same number"));
  CHECK_THAT(
      errorOf<index_error>([&] { graph.reorderToSimplify(nullptr, {}); }),
      Catch::Contains("null pointer"));
}

TEST_CASE("findUnbroadcastTensor undoes broadcast dimensions",
          "[e2e][graph][odds]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor x = graph.addVariable(FLOAT, {1, 5}, "x");
  Tensor wide = x.broadcast(3, 0);
  REQUIRE(wide.shape() == std::vector<std::size_t>{3, 5});
  Tensor found = graph.findUnbroadcastTensor(wide);
  CHECK(found.shape() == std::vector<std::size_t>{1, 5});
  CHECK(found == x);

  Tensor col = graph.addVariable(FLOAT, {4, 1}, "col");
  Tensor both = col.broadcast(6, 1).expand({0}).broadcast(2, 0);
  REQUIRE(both.shape() == std::vector<std::size_t>{2, 4, 6});
  Tensor colFound = graph.findUnbroadcastTensor(both);
  CHECK(colFound.shape() == std::vector<std::size_t>{1, 4, 1});
  CHECK(colFound.flatten() == col.flatten());

  // Nothing broadcast: the tensor itself.
  Tensor plain = graph.addVariable(FLOAT, {3, 2}, "plain");
  CHECK(graph.findUnbroadcastTensor(plain) == plain);
  // Equal-looking but different elements are not a broadcast.
  Tensor twoRows = concat(x, graph.addVariable(FLOAT, {1, 5}, "y"));
  CHECK(graph.findUnbroadcastTensor(twoRows).shape() ==
        std::vector<std::size_t>{2, 5});
}

TEST_CASE("Vertex field limits come from each field's kind and type",
          "[e2e][graph][odds]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  graph.addCodelets(codelets);
  const unsigned maxCount = std::numeric_limits<std::uint32_t>::max();
  CHECK(graph.getMaxFieldDim("SumVertex", "in", 0) == maxCount);
  CHECK(graph.getMaxFieldDim("RowSums", "rows", 1) == maxCount);
  CHECK(graph.getMaxFieldDim("SumOfVectors", "ins", 0) == maxCount);
  CHECK(graph.getMaxVertexFieldValue("Gather", "bias") ==
        double(std::numeric_limits<std::uint32_t>::max()));
  CHECK(graph.getMaxVertexFieldValue("Accumulate", "total") ==
        double(std::numeric_limits<std::int32_t>::max()));
  CHECK(graph.getMaxVertexFieldValue("HalfAxpy", "a") == 65504.0);
  CHECK(graph.getMaxVertexFieldValue("SumVertex", "in") ==
        double(std::numeric_limits<float>::max()));

  CHECK(graph.getMaxVertexFieldValueAs<std::uint64_t>("Gather", "bias") ==
        std::numeric_limits<std::uint32_t>::max());
  CHECK(graph.getMaxVertexFieldValueAs<std::int64_t>("HalfAxpy", "a") == 65504);
  CHECK_THAT(errorOf<overflow_error>([&] {
               graph.getMaxVertexFieldValueAs<std::int64_t>("SumVertex", "in");
             }),
             Catch::Contains("holds float") &&
                 Catch::Contains("not exactly representable"));
  CHECK_THAT(
      errorOf<index_error>([&] { graph.getMaxFieldDim("RowSums", "rows", 2); }),
      Catch::Contains("has 2 dimensions, so dimIndex 2"));
  CHECK_THAT(errorOf<index_error>(
                 [&] { graph.getMaxFieldDim("SumVertex", "out", 0); }),
             Catch::Contains("has 0 dimensions"));
  CHECK_THAT(errorOf<unknown_vertex_type>(
                 [&] { graph.getMaxFieldDim("NoSuchVertex", "in", 0); }),
             Catch::Contains("'NoSuchVertex' is not defined"));
  CHECK_THAT(errorOf<unknown_field>(
                 [&] { graph.getMaxVertexFieldValue("SumVertex", "missing"); }),
             Catch::Contains("no field 'missing'") &&
                 Catch::Contains("'in', 'out'"));
}

TEST_CASE("setInitialValueHalf sets raw half bits of fields and tensors",
          "[e2e][graph][odds]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  graph.addCodelets(codelets);
  Tensor x = graph.addVariable(HALF, {3}, "x");
  Tensor y = graph.addVariable(HALF, {3}, "y");
  graph.setTileMapping(x, 0);
  graph.setTileMapping(y, 0);
  graph.setInitialValueHalf(x, std::uint16_t(0x4000));    // 2.0 everywhere
  graph.setInitialValueHalf(y, {0x3c00, 0x0000, 0xbc00}); // 1, 0, -1
  ComputeSet cs = graph.addComputeSet("axpy");
  VertexRef v = graph.addVertex(cs, "HalfAxpy", {{"x", x}, {"y", y}}, 0);
  graph.setInitialValueHalf(v["a"], std::uint16_t(0x3e00)); // 1.5
  graph.createHostRead("y", y);
  Engine engine(graph, Execute(cs));
  engine.load(device);
  engine.run(0);
  std::vector<std::uint16_t> bits(3);
  engine.readTensor("y", bits.data(), bits.data() + bits.size());
  // y = 1.5 * 2 + y + 0.25
  CHECK(bits == std::vector<std::uint16_t>{half(4.25f).toBits(),
                                           half(3.25f).toBits(),
                                           half(2.25f).toBits()});

  VertexRef w = graph.addVertex(cs, "Accumulate");
  CHECK_THAT(errorOf<type_error>(
                 [&] { graph.setInitialValueHalf(w["times"], 0x3c00); }),
             Catch::Contains("the field holds unsigned int"));
  CHECK_THAT(errorOf<type_error>([&] {
               graph.setInitialValueHalf(graph.addVariable(FLOAT, {2}), 1);
             }),
             Catch::Contains("need a HALF tensor"));
  CHECK_THAT(errorOf<graph_connection_error>([&] {
               graph.setInitialValueHalf(v["a"], {0x3c00, 0x3c00});
             }),
             Catch::Contains("2 values were given"));
}

TEST_CASE("Engine timestamps measure the device cycles between them",
          "[e2e][engine][odds]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  Tensor a = graph.addVariable(FLOAT, {64}, "a");
  Tensor b = graph.addVariable(FLOAT, {64}, "b");
  graph.setTileMapping(a, 0);
  graph.setTileMapping(b, 3);
  Engine engine(graph, Copy(a, b));
  engine.load(device);
  Engine::TimerTimePoint start = engine.getTimeStamp();
  CHECK(start.cycles() == engine.getCycleCount());
  engine.run(0);
  Engine::TimerTimePoint end = engine.getTimeStamp();
  const std::uint64_t cycles = end.cycles() - start.cycles();
  CHECK(cycles > 0);
  CHECK(end.cycles() == engine.getCycleCount());
  const std::string report = engine.reportTiming(start, end);
  CHECK_THAT(report, Catch::StartsWith(std::to_string(cycles) + " cycles (") &&
                         Catch::Contains(" us at ") &&
                         Catch::EndsWith(" MHz)"));
  CHECK(engine.reportTiming(end, end).rfind("0 cycles (0.000 us", 0) == 0);
  CHECK_THAT(errorOf<overflow_error>([&] { engine.reportTiming(end, start); }),
             Catch::Contains("before the start"));
}

TEST_CASE("Programs compare equal to their copies only",
          "[e2e][program][odds]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor a = graph.addVariable(INT, {2}, "a");
  Tensor b = graph.addVariable(INT, {2}, "b");
  Copy copy(a, b);
  Program asProgram = copy;
  Copy again = copy;
  CHECK(asProgram == copy);
  CHECK(again == copy);
  CHECK_FALSE(asProgram != copy);
  // The same copy built twice is another program.
  CHECK(Copy(a, b) != copy);
  Sequence seq{copy};
  Program before = seq;
  CHECK(before == seq);
  seq.add(Copy(b, a));
  CHECK(before != seq);
  CHECK(Program() == Program());
  CHECK(Program() != Sequence());
}

TEST_CASE("outputVertexGraph and outputComputeGraph draw what programs run",
          "[e2e][graph][odds]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  graph.addCodelets(codelets);
  Tensor in = graph.addVariable(FLOAT, {2, 5}, "in");
  Tensor sums = graph.addVariable(FLOAT, {2}, "sums");
  Tensor data = graph.addVariable(FLOAT, {4}, "data");
  graph.setTileMapping(in, 0);
  graph.setTileMapping(sums, 1);
  graph.setTileMapping(data, 2);
  ComputeSet sum = graph.addComputeSet("sum");
  graph.addVertex(sum, "SumVertex", {{"in", in[0]}, {"out", sums[0]}}, 1);
  graph.addVertex(sum, "SumVertex", {{"in", in[1]}, {"out", sums[1]}}, 1);
  ComputeSet scale = graph.addComputeSet("scale");
  VertexRef s = graph.addVertex(scale, "ScaleInPlace", {{"data", data}}, 2);
  graph.setInitialValue(s["scale"], 2.0f);

  std::ostringstream all, onlySum, sets;
  graph.outputVertexGraph(all);
  graph.outputVertexGraph(onlySum, {Sequence{Execute(sum)}});
  graph.outputComputeGraph(sets, {Execute(scale), Execute(sum)});
  CHECK(onlySum.str() ==
        "digraph vertices {\n"
        "  v0 [label=\"SumVertex\\ntile 1\"];\n"
        "  v1 [label=\"SumVertex\\ntile 1\"];\n"
        "  var0 [shape=box, label=\"in\\nfloat {2,5}\"];\n"
        "  var1 [shape=box, label=\"sums\\nfloat {2}\"];\n"
        "  var0 -> v0;\n  v0 -> var1;\n  var0 -> v1;\n  v1 -> var1;\n"
        "}\n");
  CHECK_THAT(all.str(),
             Catch::Contains("v2 [label=\"ScaleInPlace\\ntile 2\"]") &&
                 Catch::Contains("var2 -> v2;\n  v2 -> var2;"));
  CHECK(sets.str() ==
        "digraph computeSets {\n"
        "  cs0 [shape=ellipse, label=\"sum\\n2 vertices\"];\n"
        "  cs1 [shape=ellipse, label=\"scale\\n1 vertices\"];\n"
        "  var0 [shape=box, label=\"in\\nfloat {2,5}\"];\n"
        "  var1 [shape=box, label=\"sums\\nfloat {2}\"];\n"
        "  var2 [shape=box, label=\"data\\nfloat {4}\"];\n"
        "  var0 -> cs0;\n  cs0 -> var1;\n  var2 -> cs1;\n  cs1 -> var2;\n"
        "}\n");
}

TEST_CASE("serializeTensors and deserializeTensors rebuild the same views",
          "[e2e][graph][odds]") {
  for (SerializationFormat format :
       {SerializationFormat::JSON, SerializationFormat::Binary}) {
    Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
    Tensor a = graph.addVariable(INT, {3, 4}, "a");
    Tensor b = graph.addVariable(HALF, {6}, "b");
    Tensor c = graph.addConstant<int>(INT, {2}, {5, 6}, "c");
    std::vector<Tensor> originals = {a.transpose(),
                                     b.slice(1, 5).reshape({2, 2}),
                                     concat(a[2].slice(0, 2), c)};
    std::stringstream text;
    graph.serializeTensors(text, originals, format);

    Graph other(Target::createIPUTarget(1, 4, "ipu2"));
    other.addVariable(FLOAT, {7}, "unrelated");
    std::vector<Tensor> back = other.deserializeTensors(text, format);
    REQUIRE(back.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
      CHECK(back[i].shape() == originals[i].shape());
      CHECK(back[i].elementType() == originals[i].elementType());
    }
    // The same views of the new variables: serializing them again gives
    // the same document, and they overlap as the originals do.
    std::stringstream again;
    other.serializeTensors(again, back, format);
    std::stringstream first;
    graph.serializeTensors(first, originals, format);
    CHECK(again.str() == first.str());
    CHECK(back[0].intersectsWith(back[2]));
    CHECK_FALSE(back[1].intersectsWith(back[0]));
    CHECK(back[0].getVarRegions().size() == 12);
  }

  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  std::stringstream garbage("not json");
  CHECK_THAT(errorOf<parse_error>([&] {
               graph.deserializeTensors(garbage, SerializationFormat::JSON);
             }),
             Catch::Contains("the input is not JSON"));
  std::stringstream wrong(
      R"({"format":"tessel-tensors","version":1,)"
      R"("variables":[{"type":"int","shape":[2],"name":"v"}],)"
      R"("tensors":[{"type":"int","shape":[3],"regions":[[0,0,3]]}]})");
  CHECK_THAT(errorOf<parse_error>([&] {
               graph.deserializeTensors(wrong, SerializationFormat::JSON);
             }),
             Catch::Contains("names elements its variable lacks"));
}
