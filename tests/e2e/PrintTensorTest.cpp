// PrintTensor output compared character for character: 1-D, 2-D, int,
// float, half, bool, summarised tensors of more than 1000 elements, and
// custom formats.
#include "Harness.hpp"

#include <poplar/TypeConversion.hpp>

#include <catch2/catch.hpp>

#include <numeric>
#include <sstream>

using namespace poplar;
using namespace poplar::program;

namespace {

/// Writes `values` (host type T) into a new variable of `type` and shape,
/// prints it with `print` and returns what the engine printed.
template <class T>
std::string printed(const Type &type, std::vector<std::size_t> shape,
                    const std::vector<T> &values,
                    const std::function<Program(Tensor)> &print) {
  Device device = e2e::modelDevice(2);
  Graph graph(device.getTarget());
  Tensor t = graph.addVariable(type, shape, "t");
  graph.setTileMapping(t, 1);
  graph.createHostWrite("t", t);
  Engine engine(graph, print(t));
  std::ostringstream out;
  engine.setPrintTensorStream(out);
  engine.load(device);
  engine.writeTensor("t", values.data(), values.data() + values.size());
  engine.run();
  return out.str();
}

Program titled(const Tensor &t) { return PrintTensor("name", t); }

} // namespace

TEST_CASE("A 1-D float tensor prints with 8 significant digits",
          "[e2e][print]") {
  CHECK(printed<float>(FLOAT, {4}, {1.0f, 1.5f, 2.0f, 2.5f}, titled) ==
        "name: [1.0000000 1.5000000 2.0000000 2.5000000]\n");
}

TEST_CASE("Elements are padded to the widest one", "[e2e][print]") {
  CHECK(printed<int>(INT, {4}, {0, 1, 2, 3}, titled) == "name: [0 1 2 3]\n");
  CHECK(printed<int>(INT, {4}, {-5, 10, 200, 3}, titled) ==
        "name: [ -5  10 200   3]\n");
  CHECK(printed<float>(FLOAT, {3}, {-1.5f, 20.25f, 0.5f}, titled) ==
        "name: [-1.5000000  20.250000 0.50000000]\n");
}

TEST_CASE("A 2-D tensor prints one row a line", "[e2e][print]") {
  CHECK(printed<unsigned>(UNSIGNED_INT, {2, 3}, {1, 2, 3, 40, 50, 60},
                          titled) == "name: [\n"
                                     "  [ 1  2  3]\n"
                                     "  [40 50 60]\n"
                                     "]\n");
}

TEST_CASE("A 3-D tensor nests its rows", "[e2e][print]") {
  std::vector<int> v(8);
  std::iota(v.begin(), v.end(), 0);
  CHECK(printed<int>(INT, {2, 2, 2}, v, titled) == "name: [\n"
                                                   "  [\n"
                                                   "    [0 1]\n"
                                                   "    [2 3]\n"
                                                   "  ]\n"
                                                   "  [\n"
                                                   "    [4 5]\n"
                                                   "    [6 7]\n"
                                                   "  ]\n"
                                                   "]\n");
}

TEST_CASE("Half and bool tensors print their values", "[e2e][print]") {
  std::vector<std::uint16_t> halves(3);
  convertToDeviceType(HALF, ArrayRef<float>{0.5f, -2.0f, 3.25f}, halves.data());
  CHECK(printed<std::uint16_t>(HALF, {3}, halves, titled) ==
        "name: [0.50000000 -2.0000000  3.2500000]\n");
  CHECK(printed<unsigned char>(BOOL, {3}, {1, 0, 1}, titled) ==
        "name: [1 0 1]\n");
}

TEST_CASE("More than 1000 elements print summarised", "[e2e][print]") {
  std::vector<int> v(2000);
  std::iota(v.begin(), v.end(), 0);
  CHECK(printed<int>(INT, {2000}, v, titled) ==
        "name: [   0    1    2 ... 1997 1998 1999]\n");
  CHECK(printed<int>(INT, {100, 20}, v, titled) ==
        "name: [\n"
        "  [   0    1    2 ...   17   18   19]\n"
        "  [  20   21   22 ...   37   38   39]\n"
        "  [  40   41   42 ...   57   58   59]\n"
        "  ...\n"
        "  [1940 1941 1942 ... 1957 1958 1959]\n"
        "  [1960 1961 1962 ... 1977 1978 1979]\n"
        "  [1980 1981 1982 ... 1997 1998 1999]\n"
        "]\n");
}

TEST_CASE("Long rows wrap at the line width", "[e2e][print]") {
  std::vector<int> v(30);
  std::iota(v.begin(), v.end(), 100);
  // Each element takes 3 characters plus a separator; lines stop at 75.
  CHECK(printed<int>(INT, {30}, v, titled) ==
        "name: [100 101 102 103 104 105 106 107 108 109 110 111 112 113 114 "
        "115 116\n"
        "       117 118 119 120 121 122 123 124 125 126 127 128 129]\n");
}

TEST_CASE("A custom format changes brackets, separator and summary",
          "[e2e][print]") {
  std::vector<int> v(10);
  std::iota(v.begin(), v.end(), 0);
  PrintTensorFmt fmt(5, 2, 75, 8, PrintTensorFmt::Auto, ',', '<', '>');
  CHECK(printed<int>(INT, {10}, v, [&](Tensor t) {
          return PrintTensor("name", t, fmt);
        }) == "name: <0,1,...,8,9>\n");
  CHECK(printed<int>(INT, {10}, v, [&](Tensor t) {
          return PrintTensor("name", t, PrintTensorFmt::disableFormatting());
        }) == "name: [0 1 2 3 4 5 6 7 8 9]\n");
}

TEST_CASE("Without a title PrintTensor names the variable", "[e2e][print]") {
  CHECK(printed<int>(INT, {2}, {7, 8},
                     [](Tensor t) { return PrintTensor(t); }) == "t: [7 8]\n");
}
