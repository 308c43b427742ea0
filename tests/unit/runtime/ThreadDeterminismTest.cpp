// Results and cycle counts do not depend on the number of host threads: the
// same image run with 1, 2 and 7 threads leaves the same tensors and the
// same cycle count.
#include "ImageBuilder.hpp"

#include <catch2/catch.hpp>

#include <numeric>
#include <random>

using namespace runtime_test;
using namespace poplar;

namespace {

struct Outcome {
  std::vector<float> values;
  std::uint64_t cycles;
};

/// 16 tiles each hold 64 Ki floats of `data`. Program 0 runs eight
/// exchanges of thousands of random transfers (some writing the same bytes)
/// and a staged rotation of every tile's block to the next tile.
ImageBuilder shuffleImage(const Target &target) {
  const std::uint32_t tiles = 16, block = 64 * 1024 * 4;
  ImageBuilder b(target);
  std::vector<tessel::exe::MemoryPiece> pieces;
  for (std::uint32_t t = 0; t < tiles; ++t)
    pieces.push_back({t, 0, block});
  std::uint32_t data =
      b.layout("data", FLOAT, {std::uint64_t(tiles) * block / 4}, pieces);
  b.hostWrite("in", data);
  b.hostRead("out", data);
  std::mt19937 random(7);
  std::vector<std::uint32_t> steps;
  for (int s = 0; s < 8; ++s) {
    std::vector<Transfer> transfers;
    for (int i = 0; i < 4000; ++i) {
      std::uint32_t words = 1 + random() % 64;
      std::uint32_t src = 4 * std::uint32_t(random() % (block / 8));
      std::uint32_t dst =
          block / 2 + 4 * std::uint32_t(random() % (block / 8 - 64));
      transfers.push_back({std::uint32_t(random() % tiles), src,
                           std::uint32_t(random() % tiles), dst, 4 * words});
    }
    steps.push_back(b.exchange(std::move(transfers)));
  }
  std::vector<Transfer> rotation;
  for (std::uint32_t t = 0; t < tiles; ++t)
    rotation.push_back({t, 0, (t + 1) % tiles, 0, block});
  steps.push_back(b.exchange(std::move(rotation), true));
  b.program(b.sequence(steps));
  return b;
}

Outcome runWith(unsigned threads) {
  Device device = modelDevice(16);
  ImageBuilder b = shuffleImage(device.getTarget());
  Engine engine = b.engine({{"tessel.hostThreads", std::to_string(threads)}});
  engine.load(device);
  std::vector<float> in(16 * 64 * 1024), out(in.size());
  std::iota(in.begin(), in.end(), 0.0f);
  engine.writeTensor("in", in.data(), in.data() + in.size());
  engine.run();
  engine.readTensor("out", out.data(), out.data() + out.size());
  return {out, engine.getCycleCount()};
}

} // namespace

TEST_CASE("1, 2 and 7 host threads give identical results and cycles",
          "[runtime][determinism]") {
  Outcome one = runWith(1), two = runWith(2), seven = runWith(7);
  CHECK(one.values == two.values);
  CHECK(one.values == seven.values);
  CHECK(one.cycles == two.cycles);
  CHECK(one.cycles == seven.cycles);
  CHECK(one.cycles > 0);
  // The rotation moved tile 15's untouched first element to tile 0.
  CHECK(one.values[0] == float(15 * 64 * 1024));
}
