// Running codelets popc compiled, as the runtime runs them: vertex state in
// a fake tile memory, exact results, the cycle count the instrumentation
// keeps, the cycle budget and the store checks.
#include "tests/popc/PopcTestSupport.hpp"

#include <poplar/HalfFloat.hpp>

#include <catch2/catch.hpp>

#include <thread>

using namespace tessel::codelets;
using popctest::codelet;
using popctest::LoadedCodelets;
using popctest::ScratchDir;
using popctest::TileMemory;
using tessel::abi::RunContext;
using tessel::abi::RunStatus;

namespace {

CodeletArchive compile(const std::string &source,
                       const std::string &level = "-O3") {
  ScratchDir dir;
  const ProcessResult result =
      popctest::runPopc({level, codelet(source), "-o", dir / "out.gp"});
  INFO(result.output);
  REQUIRE(result.exitStatus == 0);
  return readArchiveFile(dir / "out.gp");
}

/// Sums `count` floats 0, 1, 2, ... with SumVertex; returns the context.
RunContext runSum(const LoadedCodelets &codelets, unsigned count,
                  float *sum = nullptr) {
  TileMemory tile;
  std::vector<float> values(count);
  for (unsigned i = 0; i < count; ++i)
    values[i] = float(i) + 0.25f;
  const std::uint32_t in = tile.place(values);
  const std::uint32_t out = tile.place(std::vector<float>{-1.0f});
  const RunContext context =
      tile.run(codelets.vertex("SumVertex"), tile.words({in, count, out}));
  if (sum)
    *sum = tile.read<float>(out);
  return context;
}

} // namespace

TEST_CASE("A vertex computes its exact result and counts cycles",
          "[execution]") {
  const CodeletArchive archive = compile("sum.cpp");
  ScratchDir dir;
  LoadedCodelets codelets(archive, dir);
  CHECK(codelets.abiVersion == tessel::abi::kAbiVersion);
  float sum = 0;
  const RunContext first = runSum(codelets, 16, &sum);
  CHECK(first.status == RunStatus::Ok);
  CHECK(first.result == 1);
  float expected = 0;
  for (unsigned i = 0; i < 16; ++i)
    expected += float(i) + 0.25f;
  CHECK(sum == expected);
  CHECK(first.cycles > 16);
  CHECK(runSum(codelets, 16).cycles == first.cycles);
  CHECK(runSum(codelets, 4).cycles < first.cycles);
  CHECK(runSum(codelets, 64).cycles > first.cycles);
}

TEST_CASE("Cycle counts do not depend on the thread", "[execution]") {
  const CodeletArchive archive = compile("sum.cpp");
  ScratchDir dir;
  LoadedCodelets codelets(archive, dir);
  const std::uint64_t alone = runSum(codelets, 100).cycles;
  std::vector<std::uint64_t> cycles(4);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < cycles.size(); ++t)
    threads.emplace_back([&, t] {
      for (int repeat = 0; repeat < 50; ++repeat)
        cycles[t] = runSum(codelets, 100).cycles;
    });
  for (std::thread &t : threads)
    t.join();
  for (std::uint64_t c : cycles)
    CHECK(c == alone);
}

TEST_CASE("Unoptimised code costs more cycles", "[execution]") {
  const CodeletArchive fast = compile("sum.cpp", "-O3");
  const CodeletArchive slow = compile("sum.cpp", "-O0");
  ScratchDir dir;
  LoadedCodelets fastCodelets(fast, dir);
  ScratchDir otherDir;
  LoadedCodelets slowCodelets(slow, otherDir);
  float fastSum = 0, slowSum = 0;
  const RunContext a = runSum(fastCodelets, 32, &fastSum);
  const RunContext b = runSum(slowCodelets, 32, &slowSum);
  CHECK(fastSum == slowSum);
  CHECK(b.cycles > a.cycles);
}

TEST_CASE("Every field kind binds to vertex state", "[execution]") {
  const CodeletArchive archive = compile("field_kinds.cpp");
  ScratchDir dir;
  LoadedCodelets codelets(archive, dir);
  TileMemory tile;
  using poplar::half;
  const std::uint32_t data = tile.place(std::vector<half>(8, half(1.0f)));
  const std::uint32_t in0 = tile.place(std::vector<float>{0.5f, 2.25f});
  const std::uint32_t ins = tile.words({in0, 2});
  const std::uint32_t row0 = tile.place(std::vector<int>{7, 8, 9});
  const std::uint32_t row1 = tile.place(std::vector<int>{1, 2});
  const std::uint32_t lists = tile.words({row0, 3, row1, 2});
  const std::uint32_t product = tile.place(std::vector<half>{half(0.0f)});
  const std::uint32_t offsets = tile.words({3, 5});
  const std::uint32_t total0 = tile.place(std::vector<int>{0});
  const std::uint32_t total1 = tile.place(std::vector<int>{0});
  const std::uint32_t totals = tile.words({total0, 1, total1, 1});
  float scale = 4.0f;
  std::uint32_t scaleBits;
  std::memcpy(&scaleBits, &scale, 4);
  const std::uint32_t state = tile.words({data, 8, 8, ins, 1, lists, 2, product,
                                          offsets, 2, totals, 2, scaleBits});
  for (unsigned worker = 0; worker < 6; ++worker) {
    const RunContext context =
        tile.run(codelets.vertex("EveryKind"), state, 100000, worker);
    REQUIRE(context.status == RunStatus::Ok);
    CHECK(context.result == 1); // compute() returns void
  }
  for (unsigned i = 0; i < 8; ++i)
    CHECK(float(tile.read<half>(data + 2 * i)) == 2.5f);
  CHECK(float(tile.read<half>(product)) == 6.0f);
  CHECK(tile.read<int>(total0) == 7 + 2 + 2);
  CHECK(tile.read<int>(total1) == 9 + 5);

  const std::uint32_t out = tile.place(std::vector<int>{0});
  const RunContext supervised =
      tile.run(codelets.vertex("Supervised"), tile.words({out}));
  CHECK(supervised.status == RunStatus::Ok);
  CHECK(supervised.result == 1);
  CHECK(tile.read<int>(out) == 42);
}

TEST_CASE("A vertex that never stops ends when its budget runs out",
          "[execution]") {
  const CodeletArchive archive = compile("behaviour.cpp");
  ScratchDir dir;
  LoadedCodelets codelets(archive, dir);
  TileMemory tile;
  const std::uint32_t stop = tile.place(std::vector<unsigned>{0});
  const std::uint32_t out = tile.place(std::vector<unsigned>(4, 0));
  const std::uint32_t state = tile.words({stop, out, 4});
  const RunContext first = tile.run(codelets.vertex("Spin"), state, 2000);
  CHECK(first.status == RunStatus::BudgetExceeded);
  CHECK(first.cycles > 2000);
  CHECK(first.cycles < 2100);
  CHECK(tile.run(codelets.vertex("Spin"), state, 2000).cycles == first.cycles);
  CHECK(tile.run(codelets.vertex("Spin"), state, 50000).cycles > 50000);
}

TEST_CASE("A budget stop after a fault on the same thread reports no fault "
          "address",
          "[execution]") {
  const CodeletArchive archive = compile("counting.cpp");
  ScratchDir dir;
  LoadedCodelets codelets(archive, dir);
  TileMemory tile;
  const std::uint32_t in = tile.place(std::vector<int>{3, 14, 9});
  const std::uint32_t out = tile.place(std::vector<int>(4, -1));
  tile.place(std::vector<int>(4, -7)); // what the shift overwrites
  // Mixed with shift 1 stores one past `out`.
  const RunContext fault =
      tile.run(codelets.vertex("Mixed"), tile.words({in, 3, out, 4, 0, 1}));
  REQUIRE(fault.status == RunStatus::BadStore);
  REQUIRE(fault.faultAddress != 0);
  const RunContext stopped =
      tile.run(codelets.vertex("Mixed"), tile.words({in, 3, out, 4, 0, 0}), 0);
  CHECK(stopped.status == RunStatus::BudgetExceeded);
  CHECK(stopped.faultAddress == 0);
  CHECK(stopped.faultBytes == 0);
}

TEST_CASE("A cycle with two entries is stopped by the budget too",
          "[execution]") {
  for (const char *level : {"-O0", "-O3"}) {
    INFO(level);
    const CodeletArchive archive = compile("behaviour.cpp", level);
    ScratchDir dir;
    LoadedCodelets codelets(archive, dir);
    TileMemory tile;
    const std::uint32_t zero = tile.place(std::vector<unsigned>{0});
    const std::uint32_t one = tile.place(std::vector<unsigned>{1});
    const std::uint32_t out = tile.place(std::vector<unsigned>(4, 0));
    for (std::uint32_t start : {zero, one}) {
      const RunContext context = tile.run(
          codelets.vertex("Tangled"), tile.words({start, zero, out, 4}), 3000);
      CHECK(context.status == RunStatus::BudgetExceeded);
      CHECK(context.cycles < 3100);
    }
    CHECK(tile.run(codelets.vertex("Tangled"), tile.words({one, one, out, 4}))
              .status == RunStatus::Ok);
  }
}

TEST_CASE("A loop the optimiser deleted ends as over budget, not a crash",
          "[execution]") {
  for (const char *level : {"-O0", "-O2"}) {
    INFO(level);
    const CodeletArchive archive = compile("behaviour.cpp", level);
    ScratchDir dir;
    LoadedCodelets codelets(archive, dir);
    TileMemory tile;
    const std::uint32_t x = tile.place(std::vector<unsigned>{0});
    CHECK(tile.run(codelets.vertex("Forever"), tile.words({x}), 1000).status ==
          RunStatus::BudgetExceeded);
  }
}

TEST_CASE("A store past an Output is a BadStore at its address",
          "[execution]") {
  const CodeletArchive archive = compile("behaviour.cpp");
  ScratchDir dir;
  LoadedCodelets codelets(archive, dir);
  TileMemory tile;
  const std::uint32_t out = tile.place(std::vector<int>(4, -1));
  const std::uint32_t guard = tile.place(std::vector<int>(4, -1));
  const RunContext bad =
      tile.run(codelets.vertex("Overrun"), tile.words({out, 4, 2}));
  CHECK(bad.status == RunStatus::BadStore);
  CHECK(bad.faultAddress == tile.hostAddress(out + 16));
  CHECK(bad.faultBytes == 4);
  CHECK(tile.read<int>(out + 12) == 30);
  CHECK(tile.read<int>(guard) == -1);

  const RunContext good =
      tile.run(codelets.vertex("Overrun"), tile.words({out, 4, 0}));
  CHECK(good.status == RunStatus::Ok);
  CHECK(good.faultAddress == 0);
}

TEST_CASE("Stores to the vertex's own state and stack are allowed",
          "[execution]") {
  for (const char *level : {"-O0", "-O3"}) {
    INFO(level);
    const CodeletArchive archive = compile("behaviour.cpp", level);
    ScratchDir dir;
    LoadedCodelets codelets(archive, dir);
    TileMemory tile;
    const std::uint32_t out = tile.place(std::vector<int>{0});
    const RunContext context =
        tile.run(codelets.vertex("LocalWrites"), tile.words({out, 0}));
    CHECK(context.status == RunStatus::Ok);
    CHECK(tile.read<int>(out) == 225 + 5);
  }
}

TEST_CASE("Vertex state outside the tile is BadState", "[execution]") {
  const CodeletArchive archive = compile("sum.cpp");
  ScratchDir dir;
  LoadedCodelets codelets(archive, dir);
  TileMemory tile(4096);
  const auto &sum = codelets.vertex("SumVertex");
  CHECK(tile.run(sum, 3).status == RunStatus::BadState);
  CHECK(tile.run(sum, 8192).status == RunStatus::BadState);
  const std::uint32_t out = tile.place(std::vector<float>{0});
  CHECK(tile.run(sum, tile.words({4000, 100, out})).status ==
        RunStatus::BadState);
}

TEST_CASE("printf from C++ and C goes to the context's print sink",
          "[execution][print]") {
  ScratchDir dir;
  const ProcessResult result =
      popctest::runPopc({codelet("printing.cpp"), codelet("printing_helper.c"),
                         "-o", dir / "out.gp"});
  INFO(result.output);
  REQUIRE(result.exitStatus == 0);
  LoadedCodelets codelets(readArchiveFile(dir / "out.gp"), dir);
  TileMemory tile;
  const std::uint32_t in = tile.place(std::vector<int>{41});
  std::string printed;
  const RunContext context = tile.run(codelets.vertex("PrintingVertex"),
                                      tile.words({in}), 1000000, 0, &printed);
  CHECK(context.status == RunStatus::Ok);
  CHECK(printed == "in is 41\nfrom C 42\n");
}
