// A serialized Executable with a real codelet, damaged in many ways with
// fixed seeds: every damaged file must be refused with a typed poplar error
// or (never expected, since every byte is checksummed) run correctly. A
// signal or a wrong answer fails the test.
#include "Harness.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <sstream>

using namespace poplar;
using namespace poplar::program;

namespace {

const std::string codelets = TESSEL_E2E_CODELETS "/vertices.cpp";
constexpr unsigned kTiles = 2;

/// Sums each tile's half of `in` with SumVertex, then copies the sums to
/// `out` reversed.
std::string serializedSums(const Target &target) {
  Graph graph(target);
  graph.addCodelets(codelets);
  Tensor in = graph.addVariable(FLOAT, {kTiles, 8}, "in");
  Tensor sums = graph.addVariable(FLOAT, {kTiles}, "sums");
  Tensor out = graph.addVariable(FLOAT, {kTiles}, "out");
  ComputeSet cs = graph.addComputeSet("sum");
  for (unsigned tile = 0; tile < kTiles; ++tile) {
    graph.setTileMapping(in[tile], tile);
    graph.setTileMapping(sums[tile], tile);
    graph.setTileMapping(out[tile], tile);
    VertexRef v = graph.addVertex(cs, "SumVertex",
                                  {{"in", in[tile]}, {"out", sums[tile]}});
    graph.setTileMapping(v, tile);
  }
  graph.createHostWrite("in", in);
  graph.createHostRead("out", out);
  Executable exe =
      compileGraph(graph, {Sequence{Execute(cs), Copy(sums.reverse(0), out)}});
  std::ostringstream file;
  exe.serialize(file);
  return file.str();
}

const std::vector<float> kInput = {1, 2,  3,  4,  5,  6,  7,  8,
                                   9, 10, 11, 12, 13, 14, 15, 16};
const std::vector<float> kExpected = {100, 36};

/// Loads and runs `bytes`; the output on success. Throws what Tessel throws.
std::vector<float> run(const std::string &bytes, Device &device) {
  std::istringstream file(bytes);
  Engine engine(Executable::deserialize(file));
  engine.load(device);
  engine.writeTensor("in", kInput.data(), kInput.data() + kInput.size());
  engine.run();
  std::vector<float> out(kTiles);
  engine.readTensor("out", out.data(), out.data() + out.size());
  return out;
}

struct Outcomes {
  unsigned parseErrors = 0, otherPoplarErrors = 0, correct = 0;
};

/// Runs one damaged file: a typed error or the right answer, nothing else.
void tryDamaged(const std::string &bytes, Device &device, Outcomes &o) {
  try {
    std::vector<float> out = run(bytes, device);
    CHECK(out == kExpected);
    ++o.correct;
  } catch (const parse_error &) {
    ++o.parseErrors;
  } catch (const poplar_error &) {
    ++o.otherPoplarErrors;
  }
}

} // namespace

TEST_CASE("Damaged executables are refused, never crash or answer wrongly",
          "[e2e][executable][integrity]") {
  Device device = e2e::modelDevice(kTiles);
  const std::string good = serializedSums(device.getTarget());
  REQUIRE(run(good, device) == kExpected);

  Outcomes outcomes;
  std::mt19937_64 random(12);
  std::uniform_int_distribution<std::size_t> position(0, good.size() - 1);
  std::uniform_int_distribution<int> flip(1, 255);
  constexpr unsigned kSingleBytes = 1500, kBursts = 300;
  for (unsigned i = 0; i < kSingleBytes; ++i) {
    std::string damaged = good;
    std::size_t at = position(random);
    damaged[at] = char(damaged[at] ^ flip(random));
    INFO("single byte mutation " << i << " at byte " << at);
    tryDamaged(damaged, device, outcomes);
  }
  // Bursts: up to 16 random bytes overwritten at one place.
  for (unsigned i = 0; i < kBursts; ++i) {
    std::string damaged = good;
    std::size_t at = position(random);
    std::size_t length = 1 + random() % 16;
    bool changed = false;
    for (std::size_t k = at; k < std::min(good.size(), at + length); ++k) {
      char byte = char(random());
      changed |= byte != damaged[k];
      damaged[k] = byte;
    }
    if (!changed)
      continue;
    INFO("burst " << i << " at byte " << at);
    tryDamaged(damaged, device, outcomes);
  }
  WARN("of " << kSingleBytes << " single-byte and " << kBursts
             << " burst mutations of a " << good.size()
             << "-byte executable: " << outcomes.parseErrors << " parse_error, "
             << outcomes.otherPoplarErrors << " other poplar errors, "
             << outcomes.correct << " ran correctly");
  // The checksums leave no byte inert.
  CHECK(outcomes.correct == 0);
  CHECK(outcomes.otherPoplarErrors == 0);
}

TEST_CASE("Truncated executables are parse_errors naming what was cut",
          "[e2e][executable][integrity]") {
  Device device = e2e::modelDevice(kTiles);
  const std::string good = serializedSums(device.getTarget());
  std::mt19937_64 random(14);
  for (int i = 0; i < 200; ++i) {
    std::size_t length = std::size_t(random() % good.size());
    INFO("truncated to " << length << " of " << good.size());
    CHECK_THROWS_AS(run(good.substr(0, length), device), parse_error);
  }
  CHECK_THROWS_WITH(run(good.substr(0, good.size() - 1), device),
                    Catch::Contains("section 'roots'") &&
                        Catch::Contains("truncated"));
  std::string newer = good;
  newer[8] = char(newer[8] + 1);
  CHECK_THROWS_WITH(run(newer, device),
                    Catch::Contains("found executable format version 8") &&
                        Catch::Contains("recompile"));
}
