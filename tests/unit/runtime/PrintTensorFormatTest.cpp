// PrintTensor rendering details beyond the end-to-end cases.
#include "runtime/engine/PrintTensorFormat.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

using namespace poplar;
using poplar::program::PrintTensorFmt;

namespace {
template <class T> std::vector<std::uint8_t> bytesOf(std::vector<T> v) {
  std::vector<std::uint8_t> b(v.size() * sizeof(T));
  std::memcpy(b.data(), v.data(), b.size());
  return b;
}
} // namespace

TEST_CASE("Special float values print as nan and inf", "[runtime][print]") {
  CHECK(tessel::formatTensor("x", FLOAT, {3},
                             bytesOf<float>({NAN, INFINITY, -INFINITY}),
                             PrintTensorFmt()) == "x: [ nan  inf -inf]\n");
}

TEST_CASE("Scalars, empty tensors and fixed notation", "[runtime][print]") {
  CHECK(tessel::formatTensor("s", INT, {}, bytesOf<int>({42}),
                             PrintTensorFmt()) == "s: 42\n");
  CHECK(tessel::formatTensor("e", INT, {0}, {}, PrintTensorFmt()) == "e: []\n");
  PrintTensorFmt fixed(1000, 3, 75, 2, PrintTensorFmt::Fixed);
  CHECK(tessel::formatTensor("f", FLOAT, {2}, bytesOf<float>({1.5f, -10.0f}),
                             fixed) == "f: [  1.50 -10.00]\n");
  PrintTensorFmt sci(1000, 3, 75, 3, PrintTensorFmt::Scientific);
  CHECK(tessel::formatTensor("g", FLOAT, {1}, bytesOf<float>({12345.0f}),
                             sci) == "g: [1.23e+04]\n");
}

TEST_CASE("Unsigned and large integers print exactly", "[runtime][print]") {
  CHECK(tessel::formatTensor(
            "u", UNSIGNED_INT, {2}, bytesOf<unsigned>({4000000000u, 7}),
            PrintTensorFmt()) == "u: [4000000000          7]\n");
}
