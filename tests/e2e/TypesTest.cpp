// Variables and constants of every device type the foundation supports,
// moved between tiles and read back bit-exactly.
#include "Harness.hpp"

#include <poplar/TypeConversion.hpp>

#include <catch2/catch.hpp>

#include <cstdint>

using namespace poplar;
using namespace poplar::program;

namespace {

/// Copies a constant of `values` (host type T, device type `type`) to a
/// variable on another tile and reads the variable back as Host elements.
template <class Host, class T>
std::vector<Host> roundTrip(const Type &type, const std::vector<T> &values) {
  Device device = e2e::modelDevice(2);
  Graph graph(device.getTarget());
  Tensor c = graph.addConstant<T>(type, {values.size()}, values, "c");
  graph.setTileMapping(c, 0);
  Tensor v = graph.addVariable(type, {values.size()}, "v");
  graph.setTileMapping(v, 1);
  graph.createHostRead("v", v);
  Engine engine(graph, Copy(c, v));
  engine.load(device);
  engine.run();
  std::vector<Host> out(values.size());
  engine.readTensor("v", out.data(), out.data() + out.size());
  return out;
}

} // namespace

TEST_CASE("Constants of each type reach another tile unchanged",
          "[e2e][types]") {
  CHECK(roundTrip<float>(FLOAT, std::vector<float>{1.5f, -0.0f, 3e38f}) ==
        std::vector<float>{1.5f, -0.0f, 3e38f});
  CHECK(roundTrip<int>(INT, std::vector<int>{-7, 0, 2147483647}) ==
        std::vector<int>{-7, 0, 2147483647});
  CHECK(roundTrip<unsigned>(UNSIGNED_INT,
                            std::vector<unsigned>{4000000000u, 1}) ==
        std::vector<unsigned>{4000000000u, 1});
  CHECK(roundTrip<short>(SHORT, std::vector<short>{-32768, 12345}) ==
        std::vector<short>{-32768, 12345});
  CHECK(roundTrip<char>(CHAR, std::vector<char>{'a', -5, 0}) ==
        std::vector<char>{'a', -5, 0});
  // bool constants from ints: nonzero becomes 1.
  CHECK(roundTrip<std::uint8_t>(BOOL, std::vector<int>{0, 2, 1}) ==
        std::vector<std::uint8_t>{0, 1, 1});
  // float values into an int constant convert like a C++ cast.
  CHECK(roundTrip<int>(INT, std::vector<float>{2.75f, -1.5f}) ==
        std::vector<int>{2, -1});
}

TEST_CASE("HALF constants hold IEEE binary16 bits rounded to nearest even",
          "[e2e][types][half]") {
  // 1.0 = 0x3c00, -2.0 = 0xc000, 65504 (max) = 0x7bff, 1 + 2^-11 ties to
  // even (1.0), 1 + 3*2^-11 ties up to 1 + 2^-9 = 0x3c02, 1e6 overflows.
  std::vector<float> values{
      1.0f, -2.0f, 65504.0f, 1.0f + 0x1p-11f, 1.0f + 3 * 0x1p-11f, 1e6f};
  CHECK(roundTrip<std::uint16_t>(HALF, values) ==
        std::vector<std::uint16_t>{0x3c00, 0xc000, 0x7bff, 0x3c00, 0x3c02,
                                   0x7c00});
}

// The deprecated half helpers are part of the API programs use; this test
// keeps them working.
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif

TEST_CASE("Half tensors written and read as device halves", "[e2e][half]") {
  Device device = e2e::modelDevice(2);
  const Target &target = device.getTarget();
  Graph graph(target);
  Tensor h = graph.addVariable(HALF, {4}, "h");
  Tensor g = graph.addVariable(HALF, {4}, "g");
  graph.setTileMapping(h, 0);
  graph.setTileMapping(g, 1);
  graph.createHostWrite("h", h);
  graph.createHostRead("g", g);
  Engine engine(graph, Copy(h.reverse(0), g));
  engine.load(device);
  std::vector<float> in{0.5f, -1.25f, 1024.0f, 0.099975586f};
  std::vector<std::uint16_t> raw(4), back(4);
  copyFloatToDeviceHalf(target, in.data(), raw.data(), 4);
  engine.writeTensor("h", raw.data(), raw.data() + 4);
  engine.run();
  engine.readTensor("g", back.data(), back.data() + 4);
  std::vector<float> out(4);
  copyDeviceHalfToFloat(target, back.data(), out.data(), 4);
  CHECK(out == std::vector<float>{0.099975586f, 1024.0f, -1.25f, 0.5f});
}

TEST_CASE("setInitialValue fills a variable before the first run",
          "[e2e][types]") {
  Device device = e2e::modelDevice(2);
  Graph graph(device.getTarget());
  Tensor v = graph.addVariable(FLOAT, {2, 2}, "v");
  graph.setTileMapping(v, 1);
  graph.setInitialValue(v[0], 2.5f);
  graph.setInitialValue<float>(v[1], std::vector<float>{-1.0f, 7.0f});
  graph.createHostRead("v", v);
  Engine engine(graph, Sequence{});
  engine.load(device);
  engine.run();
  std::vector<float> out(4);
  engine.readTensor("v", out.data(), out.data() + 4);
  CHECK(out == std::vector<float>{2.5f, 2.5f, -1.0f, 7.0f});
}

TEST_CASE("Scalar constants broadcast a single value", "[e2e][types]") {
  Device device = e2e::modelDevice(2);
  Graph graph(device.getTarget());
  Tensor c = graph.addConstant(UNSIGNED_INT, {5}, 9u);
  graph.setTileMapping(c, 0);
  Tensor v = graph.addVariable(UNSIGNED_INT, {5}, "v");
  graph.setTileMapping(v, 1);
  graph.createHostRead("v", v);
  unsigned constantValue = 0;
  CHECK(c.getConstantValue(&constantValue));
  CHECK(constantValue == 9u);
  Engine engine(graph, Copy(c, v));
  engine.load(device);
  engine.run();
  std::vector<unsigned> out(5);
  engine.readTensor("v", out.data(), out.data() + 5);
  CHECK(out == std::vector<unsigned>(5, 9u));
}
