// Execute runs compute sets: real codelets (compiled by popc from
// codelets/compute.cpp) on hand-built images, their results, flags, cycles,
// host-thread independence, and the errors of vertices that misbehave.
#include "TestCodelets.hpp"

#include "runtime/sim/CodeletLibrary.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>

using namespace runtime_test;
using namespace poplar;
using tessel::abi::VertexBase;
using tessel::exe::VertexDesc;

namespace {

/// The codelets of compute.cpp, in one object.
struct ComputeCodelets {
  explicit ComputeCodelets(ImageBuilder &b) {
    std::uint32_t o = b.object(testObject("compute.cpp"));
    sum = b.codelet("SumVertex", o, VertexBase::Vertex, true);
    scale = b.codelet("ScaleMultiVertex", o, VertexBase::MultiVertex, false);
    flag = b.codelet("FlagVertex", o, VertexBase::Vertex, true);
    increment = b.codelet("IncrementVertex", o, VertexBase::Vertex, false);
    supervisor =
        b.codelet("SupervisorIncrement", o, VertexBase::SupervisorVertex, true);
    stray = b.codelet("StrayStore", o, VertexBase::Vertex, false);
    spin = b.codelet("Spin", o, VertexBase::Vertex, false);
  }
  std::uint32_t sum, scale, flag, increment, supervisor, stray, spin;
};

/// Tile `tile` sums 8 floats (i / 2 + tile) at address 0 into address 64;
/// its state is at 128.
VertexDesc sumOnTile(ImageBuilder &b, std::uint32_t codelet, std::uint32_t tile,
                     std::uint32_t id) {
  std::vector<float> in;
  for (int i = 0; i < 8; ++i)
    in.push_back(float(i) / 2 + float(tile));
  b.initial(tile, 0, in);
  vertexState(b, tile, 128, {0, 8, 64});
  return {id, tile, codelet, 128, -1};
}

/// A "sums" host read handle of the float at 64 on each of `tiles` tiles.
void readSums(ImageBuilder &b, std::uint32_t tiles) {
  std::vector<tessel::exe::MemoryPiece> pieces;
  for (std::uint32_t t = 0; t < tiles; ++t)
    pieces.push_back({t, 64, 4});
  b.hostRead("sums", b.layout("sums", FLOAT, {tiles}, pieces));
}

template <class T>
std::vector<T> read(Engine &engine, const std::string &handle, std::size_t n) {
  std::vector<T> values(n);
  engine.readTensor(handle, values.data(), values.data() + n);
  return values;
}

/// The counted cycles of SumVertex over 8 floats, run outside any engine.
std::uint64_t countedSumCycles(const tessel::exe::ExecutableImage &image,
                               std::uint32_t codelet) {
  tessel::sim::CodeletLibrary library(image);
  std::vector<std::uint8_t> tile(1024);
  for (int i = 0; i < 8; ++i) {
    float x = float(i) / 2;
    std::memcpy(tile.data() + 4 * i, &x, 4);
  }
  std::uint32_t state[] = {0, 8, 64};
  std::memcpy(tile.data() + 128, state, sizeof state);
  tessel::abi::RunContext ctx{};
  ctx.tileBase = tile.data();
  ctx.tileBytes = std::uint32_t(tile.size());
  ctx.stateAddress = 128;
  ctx.cycleBudget = 1 << 20;
  library.codelet(codelet).run(&ctx);
  REQUIRE(ctx.status == tessel::abi::RunStatus::Ok);
  return ctx.cycles;
}

} // namespace

TEST_CASE("A sum vertex on each of four tiles writes each tile's sum",
          "[runtime][compute]") {
  Device device = modelDevice(4);
  ImageBuilder b(device.getTarget());
  ComputeCodelets c(b);
  std::vector<VertexDesc> vertices;
  for (std::uint32_t t = 0; t < 4; ++t)
    vertices.push_back(sumOnTile(b, c.sum, t, 10 + t));
  readSums(b, 4);
  b.program(b.execute(b.computeSet("sums", vertices)));
  Engine engine = b.engine();
  engine.load(device);
  engine.run(0);
  // 0 + 0.5 + ... + 3.5 = 14, plus 8 x the tile number: exact in float.
  CHECK(read<float>(engine, "sums", 4) ==
        std::vector<float>{14.0f, 22.0f, 30.0f, 38.0f});
  // Each tile runs one vertex on worker 0: 6 x its counted cycles, then an
  // internal sync.
  std::uint64_t counted = countedSumCycles(b.image, c.sum);
  CHECK(counted > 8); // at least one add per element
  CHECK(engine.getCycleCount() == 6 * counted + 30);
}

TEST_CASE("A MultiVertex runs compute(w) once on each of the six workers",
          "[runtime][compute]") {
  Device device = modelDevice(2);
  ImageBuilder b(device.getTarget());
  ComputeCodelets c(b);
  std::vector<float> data;
  for (int i = 0; i < 20; ++i)
    data.push_back(float(i));
  b.initial(1, 0, data);
  b.initial(1, 96, std::vector<float>{3.0f});
  vertexState(b, 1, 128, {0, 20, 96});
  b.hostRead("data", b.tensor("data", FLOAT, {20}, 1, 0));
  // fixedCycles 10 applies to each worker's run: every worker carries 10.
  b.program(b.execute(b.computeSet("scale", {{5, 1, c.scale, 128, 10}})));
  Engine engine = b.engine();
  engine.load(device);
  engine.run(0);
  std::vector<float> expected;
  for (float x : data)
    expected.push_back(3 * x);
  CHECK(read<float>(engine, "data", 20) == expected);
  CHECK(engine.getCycleCount() == 6 * 10 + 30);
}

TEST_CASE("Execute sets its flag when every vertex returns true",
          "[runtime][compute]") {
  Device device = modelDevice(2);
  auto runFlag = [&](std::vector<int> flagInputs, bool withVoid,
                     std::uint8_t initial) {
    ImageBuilder b(device.getTarget());
    ComputeCodelets c(b);
    std::vector<VertexDesc> vertices;
    std::uint32_t id = 0;
    for (std::size_t i = 0; i < flagInputs.size(); ++i) {
      auto tile = std::uint32_t(i % 2), at = std::uint32_t(16 * (i / 2));
      b.initial(tile, at, std::vector<int>{flagInputs[i]});
      vertexState(b, tile, 512 + at, {at});
      vertices.push_back({id++, tile, c.flag, 512 + at, -1});
    }
    if (withVoid) {
      vertexState(b, 1, 1024, {1200});
      vertexState(b, 1, 1032, {1100, 6, 1136});
      b.initial(1, 1136, std::vector<float>{1.0f});
      vertices.push_back({id++, 1, c.increment, 1024, -1});
      vertices.push_back({id++, 1, c.scale, 1032, -1});
    }
    std::stable_sort(vertices.begin(), vertices.end(),
                     [](const VertexDesc &x, const VertexDesc &y) {
                       return x.tile < y.tile;
                     });
    std::uint32_t flag = b.tensor("flag", BOOL, {}, 0, 2000);
    b.initial(0, 2000, std::vector<std::uint8_t>{initial});
    b.hostRead("flag", flag);
    b.program(b.execute(b.computeSet("flags", vertices), int(flag)));
    Engine engine = b.engine();
    engine.load(device);
    engine.run(0);
    return read<std::uint8_t>(engine, "flag", 1)[0];
  };
  CHECK(runFlag({1, 5, -2}, false, 0) == 1);
  CHECK(runFlag({1, 5, 0, 1}, false, 1) == 0);
  CHECK(runFlag({0}, true, 1) == 0);
  // void compute() counts as true, for a Vertex and a MultiVertex alike.
  CHECK(runFlag({}, true, 0) == 1);
  CHECK(runFlag({7}, true, 0) == 1);
}

TEST_CASE("fixedCycles replace counted cycles in the worker schedule",
          "[runtime][compute][cycles]") {
  Device device = modelDevice(2);
  ImageBuilder b(device.getTarget());
  ComputeCodelets c(b);
  std::vector<VertexDesc> vertices;
  // Tile 0: eight vertices of 10, 20, ..., 80 cycles, then a supervisor of
  // 100. Workers 0-5 take 10-60; 70 joins worker 0 (80), 80 joins worker 1
  // (100): 6 x 100 + 100 = 700. Tile 1: one vertex of 50, 6 x 50 = 300.
  for (std::uint32_t i = 0; i < 8; ++i) {
    vertexState(b, 0, 256 + 4 * i, {4 * i});
    vertices.push_back({i, 0, c.increment, 256 + 4 * i, 10 * (i + 1)});
  }
  vertexState(b, 0, 320, {64});
  vertices.push_back({8, 0, c.supervisor, 320, 100});
  vertexState(b, 1, 256, {0});
  vertices.push_back({9, 1, c.increment, 256, 50});
  b.hostRead("counters", b.tensor("counters", UNSIGNED_INT, {17}, 0, 0));
  b.program(b.execute(b.computeSet("schedule", vertices)));
  Engine engine = b.engine();
  engine.load(device);
  engine.run(0);
  CHECK(engine.getCycleCount() == 700 + 30);
  std::vector<unsigned> counters = read<unsigned>(engine, "counters", 17);
  CHECK(counters == std::vector<unsigned>{1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
                                          0, 0, 0, 1});
  std::ostringstream summary;
  engine.printProfileSummary(summary, {{"showExecutionSteps", "true"}});
  CHECK_THAT(summary.str(),
             Catch::Contains("compute                      1 steps") &&
                 Catch::Contains("Compute sets:\n    schedule") &&
                 Catch::Contains("730 cycles (700 compute, 30 sync)") &&
                 Catch::Contains("1 (10 vertices, 7 codelets)"));
}

namespace {

/// Every tile of 16: two sums, a MultiVertex scale and three increments.
std::pair<std::vector<std::uint8_t>, std::uint64_t>
runBusyTiles(unsigned threads) {
  Device device = modelDevice(16);
  ImageBuilder b(device.getTarget());
  ComputeCodelets c(b);
  std::vector<VertexDesc> vertices;
  std::uint32_t id = 0;
  for (std::uint32_t t = 0; t < 16; ++t) {
    std::vector<float> values;
    for (std::uint32_t i = 0; i < 40 + 7 * t; ++i)
      values.push_back(float(i * (t + 1)) / 8);
    b.initial(t, 0, values);
    b.initial(t, 2048, std::vector<float>{1.5f});
    vertexState(b, t, 4096, {0, 40 + 7 * t, 1024});
    vertexState(b, t, 4112, {4, 20 + t, 1028});
    vertexState(b, t, 4128, {0, 40 + 7 * t, 2048});
    for (std::uint32_t k = 0; k < 3; ++k)
      vertexState(b, t, 4160 + 4 * k, {1032 + 4 * k});
    vertices.push_back({id++, t, c.sum, 4096, -1});
    vertices.push_back({id++, t, c.scale, 4128, -1});
    vertices.push_back({id++, t, c.sum, 4112, -1});
    for (std::uint32_t k = 0; k < 3; ++k)
      vertices.push_back({id++, t, c.increment, 4160 + 4 * k, -1});
  }
  std::vector<tessel::exe::MemoryPiece> pieces;
  for (std::uint32_t t = 0; t < 16; ++t)
    pieces.push_back({t, 0, 2048});
  b.hostRead("all", b.layout("all", UNSIGNED_CHAR, {16 * 2048}, pieces));
  std::uint32_t cs = b.computeSet("busy", vertices);
  b.program(b.counted(NodeKind::Repeat, 3, {b.execute(cs)}));
  Engine engine = b.engine({{"tessel.hostThreads", std::to_string(threads)}});
  engine.load(device);
  engine.run(0);
  return {read<std::uint8_t>(engine, "all", 16 * 2048), engine.getCycleCount()};
}

} // namespace

TEST_CASE("Compute sets give the same memory and cycles on 1 and 4 threads",
          "[runtime][compute]") {
  auto one = runBusyTiles(1);
  auto four = runBusyTiles(4);
  CHECK(one.first == four.first);
  CHECK(one.second == four.second);
  // The increments ran three times on every tile.
  unsigned counter;
  std::memcpy(&counter, one.first.data() + 15 * 2048 + 1040, 4);
  CHECK(counter == 3);
  CHECK(one.second > 3 * 30);
}

TEST_CASE("A stray store's error names its vertex and tile and compute set",
          "[runtime][compute][errors]") {
  Device device = modelDevice(4);
  ImageBuilder b(device.getTarget());
  ComputeCodelets c(b);
  std::vector<VertexDesc> vertices{sumOnTile(b, c.sum, 0, 1),
                                   sumOnTile(b, c.sum, 1, 2)};
  // Tile 2's vertex writes out[6], two words past its 4-word vector at 256,
  // where a sentinel sits.
  b.initial(2, 256, std::vector<unsigned>{0, 0, 0, 0, 0, 0, 0xdeadbeef});
  vertexState(b, 2, 512, {256, 4, 6});
  vertices.push_back({21, 2, c.stray, 512, -1});
  readSums(b, 2);
  b.hostRead("tile2", b.tensor("tile2", UNSIGNED_INT, {7}, 2, 256));
  b.program(b.execute(b.computeSet("stray", vertices)));
  Engine engine = b.engine();
  engine.load(device);
  try {
    engine.run(0);
    FAIL("the stray store was not caught");
  } catch (const application_runtime_error &e) {
    CHECK_THAT(e.what(),
               Catch::Contains("vertex 21 (codelet 'StrayStore') of compute "
                               "set 'stray' on tile 2 stored 4 bytes at tile "
                               "address 0x118 outside its Output/InOut "
                               "fields"));
  }
  // The store was stopped before it wrote; the store before it was not.
  CHECK(read<unsigned>(engine, "tile2", 7) ==
        std::vector<unsigned>{7, 0, 0, 0, 0, 0, 0xdeadbeef});
  // The other tiles finished their own work.
  CHECK(read<float>(engine, "sums", 2) == std::vector<float>{14.0f, 22.0f});
}

TEST_CASE("A store aimed at the next tile's memory is stopped",
          "[runtime][compute][errors]") {
  Device device = modelDevice(4);
  const std::uint32_t tileBytes = device.getTarget().getBytesPerTile();
  ImageBuilder b(device.getTarget());
  ComputeCodelets c(b);
  // Tile memories are one host mapping, tile after tile: out.data() +
  // tileBytes / 4 words is address 256 of tile 3.
  vertexState(b, 2, 512, {256, 4, tileBytes / 4});
  b.initial(3, 256, std::vector<unsigned>{0x12345678});
  b.hostRead("tile3", b.tensor("tile3", UNSIGNED_INT, {1}, 3, 256));
  b.program(b.execute(b.computeSet("reach", {{4, 2, c.stray, 512, -1}})));
  Engine engine = b.engine({{"tessel.hostThreads", "4"}});
  engine.load(device);
  CHECK_THROWS_WITH(engine.run(0),
                    Catch::Contains("vertex 4 (codelet 'StrayStore') of "
                                    "compute set 'reach' on tile 2 stored 4 "
                                    "bytes at address 0x100 of tile 3, "
                                    "another tile's memory, outside its "
                                    "Output/InOut fields"));
  CHECK(read<unsigned>(engine, "tile3", 1)[0] == 0x12345678);
}

TEST_CASE("When several tiles fail the lowest tile's error is reported",
          "[runtime][compute][errors]") {
  Device device = modelDevice(4);
  ImageBuilder b(device.getTarget());
  ComputeCodelets c(b);
  std::vector<VertexDesc> vertices;
  for (std::uint32_t t : {1u, 2u, 3u}) {
    vertexState(b, t, 512, {256, 4, 8});
    vertices.push_back({t, t, c.stray, 512, -1});
  }
  b.program(b.execute(b.computeSet("many", vertices)));
  Engine engine = b.engine({{"tessel.hostThreads", "4"}});
  engine.load(device);
  for (int attempt = 0; attempt < 5; ++attempt)
    CHECK_THROWS_WITH(engine.run(0),
                      Catch::Contains("vertex 1 (codelet 'StrayStore') of "
                                      "compute set 'many' on tile 1 "));
}

TEST_CASE("A vertex that never ends stops at the cycle budget",
          "[runtime][compute][errors]") {
  Device device = modelDevice(2);
  ImageBuilder b(device.getTarget());
  ComputeCodelets c(b);
  vertexState(b, 1, 64, {0});
  b.hostRead("counter", b.tensor("counter", UNSIGNED_INT, {}, 1, 0));
  b.program(b.execute(b.computeSet("endless", {{3, 1, c.spin, 64, -1}})));
  SECTION("with a budget from the engine options") {
    Engine engine = b.engine({{"tessel.vertexCycleBudget", "100000"}});
    engine.load(device);
    CHECK_THROWS_AS(engine.run(0), application_runtime_error);
    CHECK_THROWS_WITH(
        engine.run(0),
        Catch::Contains("vertex 3 (codelet 'Spin') of compute set 'endless' "
                        "on tile 1 ran past its budget of 100000 counted "
                        "cycles") &&
            Catch::Contains("raise the engine option "
                            "tessel.vertexCycleBudget"));
    unsigned counter = read<unsigned>(engine, "counter", 1)[0];
    CHECK(counter > 1000);
    CHECK(counter < 100000);
  }
  SECTION("with the default budget of 2^32 cycles") {
    Engine engine = b.engine();
    engine.load(device);
    auto start = std::chrono::steady_clock::now();
    CHECK_THROWS_WITH(engine.run(0),
                      Catch::Contains("budget of 4294967296 counted cycles"));
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    WARN("the default budget stopped an endless vertex after " << seconds
                                                               << " s");
  }
}

TEST_CASE("The vertex cycle budget option must be a positive count",
          "[runtime][compute][options]") {
  Device device = modelDevice(2);
  ImageBuilder b(device.getTarget());
  b.program(b.sequence({}));
  for (const char *bad : {"0", "-5", "lots", "", "18446744073709551616"}) {
    CHECK_THROWS_AS(b.engine({{"tessel.vertexCycleBudget", bad}}),
                    invalid_option);
    CHECK_THROWS_WITH(b.engine({{"tessel.vertexCycleBudget", bad}}),
                      Catch::Contains("tessel.vertexCycleBudget") &&
                          Catch::Contains(std::string("'") + bad + "'"));
  }
  CHECK_NOTHROW(
      b.engine({{"tessel.vertexCycleBudget", "18446744073709551615"}}));
}

TEST_CASE("Vertex state the codelet cannot bind is an internal error",
          "[runtime][compute][errors]") {
  Device device = modelDevice(2);
  ImageBuilder b(device.getTarget());
  ComputeCodelets c(b);
  // The input vector would run past the end of the tile.
  const std::uint32_t end = device.getTarget().getBytesPerTile();
  vertexState(b, 0, 64, {end - 8, 100, 0});
  b.program(b.execute(b.computeSet("broken", {{2, 0, c.sum, 64, -1}})));
  Engine engine = b.engine();
  engine.load(device);
  try {
    engine.run(0);
    FAIL("the bad state was not caught");
  } catch (const application_runtime_error &) {
    FAIL("a bad state is not the application's fault");
  } catch (const poplar::runtime_error &e) {
    CHECK_THAT(e.what(), Catch::Contains("internal error: vertex 2 (codelet "
                                         "'SumVertex') of compute set "
                                         "'broken' on tile 0") &&
                             Catch::Contains("0x40"));
  }
}

TEST_CASE("An Execute flag must be an integer scalar",
          "[runtime][compute][errors]") {
  Device device = modelDevice(2);
  ImageBuilder b(device.getTarget());
  ComputeCodelets c(b);
  std::uint32_t flag = b.tensor("ratio", FLOAT, {}, 0, 0);
  b.program(b.execute(b.computeSet("none", {}), int(flag)));
  CHECK_THROWS_AS(b.engine(), type_error);
  CHECK_THROWS_WITH(b.engine(), Catch::Contains("the flag of an Execute") &&
                                    Catch::Contains("'ratio'"));
}

TEST_CASE("An empty compute set costs one sync", "[runtime][compute]") {
  Device device = modelDevice(2);
  ImageBuilder b(device.getTarget());
  std::uint32_t flag = b.tensor("flag", BOOL, {}, 0, 0);
  b.hostRead("flag", flag);
  b.program(b.execute(b.computeSet("empty", {}), int(flag)));
  Engine engine = b.engine();
  engine.load(device);
  engine.run(0);
  CHECK(engine.getCycleCount() == 30);
  CHECK(read<std::uint8_t>(engine, "flag", 1)[0] == 1);
}
