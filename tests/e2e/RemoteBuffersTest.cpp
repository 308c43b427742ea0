// Remote buffers: rows in streaming memory, written and read by the host
// (Engine::copyToRemoteBuffer / copyFromRemoteBuffer) and by programs
// (program::Copy with and without an offset tensor).
#include "ErrorOf.hpp"
#include "Harness.hpp"

#include <popops/ElementWise.hpp>
#include <popops/codelets.hpp>

#include <catch2/catch.hpp>

#include <numeric>

using namespace poplar;
using namespace poplar::program;
using tessel_test::errorOf;

namespace {

constexpr std::size_t kRow = 4;
constexpr std::size_t kRepeats = 3;

/// A weight cache: the host fills `weights`; the program copies the row
/// the host chose into `w`, scales it by `x` and writes the product to row
/// `slot` of `products`.
struct WeightCache {
  Device device = e2e::modelDevice(2);
  Graph graph{device.getTarget()};
  RemoteBuffer weights =
      graph.addRemoteBuffer("weights", FLOAT, kRow, kRepeats);
  RemoteBuffer products =
      graph.addRemoteBuffer("products", FLOAT, kRow, kRepeats);
  Sequence program;

  WeightCache() {
    popops::addCodelets(graph);
    Tensor w = graph.addVariable(FLOAT, {kRow}, "w");
    Tensor x = graph.addVariable(FLOAT, {kRow}, "x");
    Tensor row = graph.addVariable(UNSIGNED_INT, {1}, "row");
    Tensor slot = graph.addVariable(UNSIGNED_INT, {1}, "slot");
    graph.setTileMapping(w, 0);
    graph.setTileMapping(x, 1);
    graph.setTileMapping(row, 0);
    graph.setTileMapping(slot, 1);
    graph.createHostWrite("x", x);
    graph.createHostWrite("row", row);
    graph.createHostWrite("slot", slot);
    program.add(Copy(weights, w, row, "fetch"));
    Tensor y = popops::mul(graph, w, x, program, "scale");
    program.add(Copy(y, products, slot, "store"));
  }
};

std::vector<float> rowOf(std::size_t r) {
  std::vector<float> v(kRow);
  std::iota(v.begin(), v.end(), float(10 * r + 1));
  return v;
}

} // namespace

TEST_CASE("A remote buffer reports what addRemoteBuffer was given",
          "[e2e][remote]") {
  Device device = e2e::modelDevice(1);
  Graph graph(device.getTarget());
  RemoteBuffer b = graph.addRemoteBuffer("b", HALF, 8, 5, true, true);
  CHECK(b.handle() == "b");
  CHECK(b.elementType() == HALF);
  CHECK(b.numElements() == 8);
  CHECK(b.getRepeats() == 5);
  CHECK(b.isRearrangeOnHost());
  CHECK(b.isOptimisedForMemory());
  CHECK(b.getHostToIpuStream().type() == DataStreamType::HostToDeviceBuffer);
  CHECK(b.getIpuToHostStream().type() == DataStreamType::DeviceToHostBuffer);
  RemoteBuffer d = graph.addRemoteBuffer("d", FLOAT, 2);
  CHECK(d.getRepeats() == 1);
  CHECK_FALSE(d.isRearrangeOnHost());
  CHECK_FALSE(d.isOptimisedForMemory());
  CHECK(b == b);
  CHECK(b != d);
}

TEST_CASE("A weight cache: the host fills rows, the program scales the row "
          "an offset picks and stores it where another offset says",
          "[e2e][remote]") {
  WeightCache cache;
  Engine engine(cache.graph, cache.program);
  engine.load(cache.device);
  for (std::size_t r = 0; r < kRepeats; ++r)
    engine.copyToRemoteBuffer(rowOf(r).data(), "weights", r);
  std::vector<float> x{1, -2, 0.5f, 3};
  engine.writeTensor("x", x.data(), x.data() + x.size());
  for (unsigned step = 0; step < kRepeats; ++step) {
    unsigned row = (step + 1) % kRepeats, slot = step;
    engine.writeTensor("row", &row, &row + 1);
    engine.writeTensor("slot", &slot, &slot + 1);
    engine.run();
  }
  for (unsigned step = 0; step < kRepeats; ++step) {
    std::vector<float> got(kRow), expected = rowOf((step + 1) % kRepeats);
    for (std::size_t i = 0; i < kRow; ++i)
      expected[i] *= x[i];
    engine.copyFromRemoteBuffer("products", got.data(), step);
    CHECK(got == expected);
  }
  // The weights are untouched by the program.
  std::vector<float> w(kRow);
  engine.copyFromRemoteBuffer("weights", w.data(), 2);
  CHECK(w == rowOf(2));
}

TEST_CASE("An offset tensor of several elements moves several rows, and a "
          "copy without one uses row 0",
          "[e2e][remote]") {
  Device device = e2e::modelDevice(2);
  Graph graph(device.getTarget());
  RemoteBuffer buf = graph.addRemoteBuffer("buf", INT, 2, 4);
  Tensor t = graph.addVariable(INT, {3, 2}, "t");
  Tensor first = graph.addVariable(INT, {2}, "first");
  Tensor offsets = graph.addConstant<unsigned>(UNSIGNED_INT, {3}, {3, 0, 3});
  Tensor back = graph.addConstant<unsigned>(UNSIGNED_INT, {2}, {1, 2});
  graph.setTileMapping(t.slice(0, 2), 0);
  graph.setTileMapping(t.slice(2, 3), 1);
  graph.setTileMapping(first, 1);
  graph.setTileMapping(offsets, 0);
  graph.setTileMapping(back, 1);
  graph.createHostRead("t", t);
  graph.createHostRead("first", first);
  Sequence prog{Copy(buf, t, offsets), Copy(buf, first),
                Copy(t.slice(0, 2), buf, back)};
  Engine engine(graph, prog);
  engine.load(device);
  for (unsigned r = 0; r < 4; ++r) {
    int row[2] = {int(r * 10), int(r * 10 + 1)};
    engine.copyToRemoteBuffer(row, "buf", r);
  }
  engine.run();
  std::vector<int> got(6), head(2);
  engine.readTensor("t", got.data(), got.data() + got.size());
  engine.readTensor("first", head.data(), head.data() + head.size());
  CHECK(got == std::vector<int>{30, 31, 0, 1, 30, 31});
  CHECK(head == std::vector<int>{0, 1});
  int row1[2], row2[2];
  engine.copyFromRemoteBuffer("buf", row1, 1);
  engine.copyFromRemoteBuffer("buf", row2, 2);
  CHECK(std::vector<int>(row1, row1 + 2) == std::vector<int>{30, 31});
  CHECK(std::vector<int>(row2, row2 + 2) == std::vector<int>{0, 1});
}

TEST_CASE("Remote buffer copies are charged by streaming-memory bandwidth",
          "[e2e][remote]") {
  auto cyclesFor = [](std::size_t n) {
    Device device = e2e::modelDevice(1);
    Graph graph(device.getTarget());
    RemoteBuffer buf = graph.addRemoteBuffer("buf", FLOAT, n);
    Tensor t = graph.addVariable(FLOAT, {n}, "t");
    graph.setTileMapping(t, 0);
    Engine engine(graph, Copy(buf, t));
    engine.load(device);
    engine.run();
    return engine.getCycleCount();
  };
  std::uint64_t small = cyclesFor(16), large = cyclesFor(16 * 1024);
  CHECK(large > small);
}

TEST_CASE("Remote buffer misuse is a typed error naming the buffer",
          "[e2e][remote][errors]") {
  Device device = e2e::modelDevice(1);
  Graph graph(device.getTarget());
  RemoteBuffer buf = graph.addRemoteBuffer("cache", FLOAT, 4, 2);
  Tensor t = graph.addVariable(FLOAT, {4}, "t");
  Tensor wrongType = graph.addVariable(INT, {4}, "ints");
  Tensor wrongSize = graph.addVariable(FLOAT, {5}, "five");
  Tensor signedOffset = graph.addVariable(INT, {1}, "signed");
  graph.setTileMapping(t, 0);

  SECTION("a duplicate handle") {
    CHECK_THAT(errorOf<graph_object_creation_error>(
                   [&] { graph.addRemoteBuffer("cache", FLOAT, 1); }),
               Catch::Contains("'cache'") && Catch::Contains("already used"));
    CHECK_THAT(errorOf<graph_object_creation_error>(
                   [&] { graph.addHostToDeviceFIFO("cache", FLOAT, 1); }),
               Catch::Contains("'cache'"));
  }
  SECTION("no elements or no repeats") {
    CHECK_THAT(errorOf<graph_object_creation_error>(
                   [&] { graph.addRemoteBuffer("empty", FLOAT, 4, 0); }),
               Catch::Contains("'empty'") && Catch::Contains("0 repeats"));
  }
  SECTION("a tensor of another type") {
    CHECK_THAT(errorOf<type_error>([&] { Copy(buf, wrongType); }),
               Catch::Contains("'cache'") && Catch::Contains("float") &&
                   Catch::Contains("ints"));
  }
  SECTION("a tensor of another size") {
    CHECK_THAT(errorOf<control_program_error>([&] { Copy(wrongSize, buf); }),
               Catch::Contains("'cache'") && Catch::Contains("5 elements") &&
                   Catch::Contains("hold 4"));
  }
  SECTION("an offset that is not unsigned int") {
    CHECK_THAT(errorOf<type_error>([&] { Copy(buf, t, signedOffset); }),
               Catch::Contains("'cache'") && Catch::Contains("unsigned int"));
  }
  SECTION("a default-constructed buffer") {
    CHECK_THAT(errorOf<control_program_error>([&] { Copy(RemoteBuffer(), t); }),
               Catch::Contains("addRemoteBuffer"));
  }
}

TEST_CASE("Out-of-range rows fail at run time or on the host, naming the "
          "buffer, the row and the repeats",
          "[e2e][remote][errors]") {
  Device device = e2e::modelDevice(1);
  Graph graph(device.getTarget());
  RemoteBuffer buf = graph.addRemoteBuffer("cache", FLOAT, 4, 2);
  Tensor t = graph.addVariable(FLOAT, {4}, "t");
  Tensor offset = graph.addVariable(UNSIGNED_INT, {1}, "offset");
  graph.setTileMapping(t, 0);
  graph.setTileMapping(offset, 0);
  graph.createHostWrite("offset", offset);
  Engine engine(graph, Copy(buf, t, offset));
  engine.load(device);
  unsigned bad = 2;
  engine.writeTensor("offset", &bad, &bad + 1);
  CHECK_THAT(errorOf<application_runtime_error>([&] { engine.run(); }),
             Catch::Contains("'cache'") && Catch::Contains("row 2") &&
                 Catch::Contains("2 repeats"));
  unsigned good = 1;
  engine.writeTensor("offset", &good, &good + 1);
  engine.run(); // the engine still runs after the failed copy

  float row[4] = {};
  CHECK_THAT(
      errorOf<index_error>([&] { engine.copyToRemoteBuffer(row, "cache", 2); }),
      Catch::Contains("'cache'") && Catch::Contains("repeat 2") &&
          Catch::Contains("2 repeats"));
  CHECK_THAT(errorOf<index_error>(
                 [&] { engine.copyFromRemoteBuffer("cache", row, 7); }),
             Catch::Contains("repeat 7"));
  CHECK_THAT(errorOf<index_error>(
                 [&] { engine.copyFromRemoteBuffer("nope", row, 0); }),
             Catch::Contains("'nope'") && Catch::Contains("'cache'"));
  CHECK_THAT(errorOf<index_error>(
                 [&] { engine.copyToRemoteBuffer(row, "cache", 0, 1); }),
             Catch::Contains("replica 1"));
}
