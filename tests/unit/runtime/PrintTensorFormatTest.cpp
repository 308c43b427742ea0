// PrintTensor rendering, character for character: ranks 0 to 3, every
// element type, negative numbers, mixed magnitudes, NaN and infinities,
// summarised tensors, wrapping, and custom formats.
#include "runtime/engine/PrintTensorFormat.hpp"

#include "compiler/core/Half.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <numeric>

using namespace poplar;
using poplar::program::PrintTensorFmt;

namespace {

template <class T> std::vector<std::uint8_t> bytesOf(std::vector<T> v) {
  std::vector<std::uint8_t> b(v.size() * sizeof(T));
  if (!b.empty())
    std::memcpy(b.data(), v.data(), b.size());
  return b;
}

template <class T>
std::string show(const Type &type, std::vector<std::uint64_t> shape,
                 std::vector<T> values, PrintTensorFmt fmt = {}) {
  return tessel::formatTensor("x", type, shape, bytesOf(values), fmt);
}

std::vector<int> range(int first, int count) {
  std::vector<int> v(count);
  std::iota(v.begin(), v.end(), first);
  return v;
}

/// "a<sep>b<sep>...": the numbers first..last joined.
std::string joined(int first, int last, char sep) {
  std::string s;
  for (int i = first; i <= last; ++i)
    s += (i == first ? "" : std::string(1, sep)) + std::to_string(i);
  return s;
}

} // namespace

TEST_CASE("1-D floats show 8 significant digits", "[runtime][print]") {
  CHECK(show<float>(FLOAT, {4}, {1.0f, 1.5f, 2.0f, 2.5f}) ==
        "x: [1.0000000 1.5000000 2.0000000 2.5000000]\n");
  CHECK(show<float>(FLOAT, {2}, {0.0f, -0.0f}) ==
        "x: [ 0.0000000 -0.0000000]\n");
}

TEST_CASE("Elements are padded to the widest", "[runtime][print]") {
  CHECK(show<float>(FLOAT, {3}, {-1.5f, 20.25f, 0.5f}) ==
        "x: [-1.5000000  20.250000 0.50000000]\n");
  CHECK(show<int>(INT, {4}, {0, 1, 2, 3}) == "x: [0 1 2 3]\n");
  CHECK(show<int>(INT, {4}, {-5, 10, 200, 3}) == "x: [ -5  10 200   3]\n");
}

TEST_CASE("Integers of every width print exactly", "[runtime][print]") {
  CHECK(show<unsigned>(UNSIGNED_INT, {2}, {4000000000u, 7}) ==
        "x: [4000000000          7]\n");
  CHECK(show<std::int16_t>(SHORT, {2}, {-32768, 7}) == "x: [-32768      7]\n");
  CHECK(show<std::uint16_t>(UNSIGNED_SHORT, {1}, {65535}) == "x: [65535]\n");
  CHECK(show<std::int8_t>(CHAR, {2}, {-1, 65}) == "x: [-1 65]\n");
  CHECK(show<std::int8_t>(SIGNED_CHAR, {1}, {-128}) == "x: [-128]\n");
  CHECK(show<std::uint8_t>(UNSIGNED_CHAR, {1}, {255}) == "x: [255]\n");
  CHECK(show<long long>(LONGLONG, {2},
                        {-9223372036854775807LL - 1, 9007199254740993LL}) ==
        "x: [-9223372036854775808     9007199254740993]\n");
  CHECK(show<unsigned long long>(UNSIGNED_LONGLONG, {1},
                                 {18446744073709551615ull}) ==
        "x: [18446744073709551615]\n");
}

TEST_CASE("Bools print as 0 and 1", "[runtime][print]") {
  CHECK(show<std::uint8_t>(BOOL, {4}, {1, 0, 1, 2}) == "x: [1 0 1 1]\n");
}

TEST_CASE("Quarters, which need metadata, print their raw bits",
          "[runtime][print]") {
  CHECK(show<std::uint8_t>(QUARTER, {2}, {0x80, 7}) == "x: [128   7]\n");
}

TEST_CASE("Halves print through float", "[runtime][print]") {
  std::vector<std::uint16_t> h = {tessel::floatToHalf(0.5f),
                                  tessel::floatToHalf(-2.0f),
                                  tessel::floatToHalf(3.25f)};
  CHECK(show(HALF, {3}, h) == "x: [0.50000000 -2.0000000  3.2500000]\n");
  // 0.1 is 0.0999755859375 in half precision.
  CHECK(show<std::uint16_t>(HALF, {1}, {tessel::floatToHalf(0.1f)}) ==
        "x: [0.099975586]\n");
}

TEST_CASE("NaN and infinities print as numpy does", "[runtime][print]") {
  CHECK(show<float>(FLOAT, {3}, {NAN, INFINITY, -INFINITY}) ==
        "x: [ nan  inf -inf]\n");
  CHECK(show<float>(FLOAT, {2}, {1.0f, NAN}) == "x: [1.0000000       nan]\n");
}

TEST_CASE("Mixed magnitudes switch the whole tensor to scientific",
          "[runtime][print]") {
  CHECK(show<float>(FLOAT, {2}, {1e10f, 1.0f}) ==
        "x: [1.0000000e+10 1.0000000e+00]\n");
  // 2^-16 and 2^-30 are exact floats; 8 digits show their true values.
  CHECK(show<float>(FLOAT, {2}, {0x1p-16f, 1.0f}) ==
        "x: [1.5258789e-05 1.0000000e+00]\n");
  CHECK(show<float>(FLOAT, {2}, {1.0f, 1500.0f}) ==
        "x: [1.0000000e+00 1.5000000e+03]\n");
  // Within three orders of magnitude and below 1e8: fixed, with a point.
  CHECK(show<float>(FLOAT, {2}, {12345678.0f, 99999.0f}) ==
        "x: [12345678. 99999.000]\n");
  CHECK(show<float>(FLOAT, {3}, {0.0f, NAN, 0x1p-30f}) ==
        "x: [0.0000000e+00           nan 9.3132257e-10]\n");
}

TEST_CASE("Scalars and empty tensors", "[runtime][print]") {
  CHECK(show<int>(INT, {}, {42}) == "x: 42\n");
  CHECK(show<float>(FLOAT, {}, {2.5f}) == "x: 2.5000000\n");
  CHECK(show<int>(INT, {0}, {}) == "x: []\n");
  CHECK(show<int>(INT, {3, 0}, {}) == "x: []\n");
}

TEST_CASE("2-D tensors print a row a line", "[runtime][print]") {
  CHECK(show<unsigned>(UNSIGNED_INT, {2, 3}, {1, 2, 3, 40, 50, 60}) ==
        "x: [\n"
        "  [ 1  2  3]\n"
        "  [40 50 60]\n"
        "]\n");
}

TEST_CASE("3-D tensors nest their rows", "[runtime][print]") {
  CHECK(show(INT, {2, 2, 2}, range(0, 8)) == "x: [\n"
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

TEST_CASE("More than 1000 elements are summarised", "[runtime][print]") {
  CHECK(show(INT, {2000}, range(0, 2000)) ==
        "x: [   0    1    2 ... 1997 1998 1999]\n");
  CHECK(show(INT, {100, 20}, range(0, 2000)) ==
        "x: [\n"
        "  [   0    1    2 ...   17   18   19]\n"
        "  [  20   21   22 ...   37   38   39]\n"
        "  [  40   41   42 ...   57   58   59]\n"
        "  ...\n"
        "  [1940 1941 1942 ... 1957 1958 1959]\n"
        "  [1960 1961 1962 ... 1977 1978 1979]\n"
        "  [1980 1981 1982 ... 1997 1998 1999]\n"
        "]\n");
  // Exactly 1000 elements are not summarised.
  std::string full = show(INT, {1000}, range(0, 1000));
  CHECK(full.find("...") == std::string::npos);
  CHECK(full.find(" 999]") != std::string::npos);
}

TEST_CASE("Summarised 3-D tensors elide blocks, rows and columns",
          "[runtime][print]") {
  std::string s = show(INT, {10, 10, 20}, range(0, 2000));
  CHECK(s.rfind("x: [\n  [\n    [   0    1    2 ...   17   18   19]\n", 0) ==
        0);
  CHECK(s.find("\n    ...\n") != std::string::npos);
  CHECK(s.find("\n  ...\n") != std::string::npos);
  CHECK(s.find("[1980 1981 1982 ... 1997 1998 1999]\n  ]\n]\n") !=
        std::string::npos);
  // Only the edge values are analysed and padded: 3 blocks of 3 rows of
  // 6 values on each side.
  CHECK(s.find(" 100 ") == std::string::npos);
}

TEST_CASE("Long rows wrap at the line width under the first element",
          "[runtime][print]") {
  CHECK(show(INT, {30}, range(100, 30)) == "x: [" + joined(100, 117, ' ') +
                                               "\n    " +
                                               joined(118, 129, ' ') + "]\n");
  PrintTensorFmt narrow(1000, 3, 30);
  CHECK(show(INT, {2, 20}, range(100, 40), narrow) ==
        "x: [\n"
        "  [100 101 102 103 104 105 106\n"
        "   107 108 109 110 111 112 113\n"
        "   114 115 116 117 118 119]\n"
        "  [120 121 122 123 124 125 126\n"
        "   127 128 129 130 131 132 133\n"
        "   134 135 136 137 138 139]\n"
        "]\n");
  PrintTensorFmt unlimited(1000, 3, 0);
  CHECK(show(INT, {30}, range(100, 30), unlimited) ==
        "x: [" + joined(100, 129, ' ') + "]\n");
}

TEST_CASE("Custom brackets and separators", "[runtime][print]") {
  PrintTensorFmt fmt(5, 2, 75, 8, PrintTensorFmt::Auto, ',', '<', '>');
  CHECK(show(INT, {10}, range(0, 10), fmt) == "x: <0,1,...,8,9>\n");
  PrintTensorFmt semi(1000, 3, 75, 8, PrintTensorFmt::Auto, ';', '(', ')');
  CHECK(show(INT, {2, 2}, range(0, 4), semi) == "x: (\n  (0;1)\n  (2;3)\n)\n");
  // A separator other than a space stays at the end of a wrapped line.
  PrintTensorFmt comma(1000, 3, 75, 8, PrintTensorFmt::Auto, ',');
  CHECK(show(INT, {30}, range(100, 30), comma) ==
        "x: [" + joined(100, 116, ',') + ",\n    " + joined(117, 129, ',') +
            "]\n");
}

TEST_CASE("Explicit float formats and digits", "[runtime][print]") {
  PrintTensorFmt fixed(1000, 3, 75, 2, PrintTensorFmt::Fixed);
  CHECK(show<float>(FLOAT, {2}, {1.5f, -10.0f}, fixed) ==
        "x: [  1.50 -10.00]\n");
  PrintTensorFmt sci(1000, 3, 75, 3, PrintTensorFmt::Scientific);
  CHECK(show<float>(FLOAT, {2}, {12345.0f, -0.5f}, sci) ==
        "x: [ 1.23e+04 -5.00e-01]\n");
  PrintTensorFmt four(1000, 3, 75, 4);
  CHECK(show<float>(FLOAT, {2}, {3.14159f, 123.0f}, four) ==
        "x: [3.142 123.0]\n");
  CHECK(show<float>(FLOAT, {2}, {1234.25f, 5.0f}, four) ==
        "x: [1234. 5.000]\n");
  PrintTensorFmt none(1000, 3, 75, 8, PrintTensorFmt::None);
  CHECK(show<float>(FLOAT, {3}, {1.5f, 20.25f, 1e10f}, none) ==
        "x: [1.5000000 20.250000 1.0000000e+10]\n");
  PrintTensorFmt shortest(1000, 3, 75, 0);
  CHECK(show<float>(FLOAT, {3}, {0.1f, 1.5f, 100.0f}, shortest) ==
        "x: [0.1 1.5 100]\n");
}

TEST_CASE("disableFormatting prints everything unpadded on one line",
          "[runtime][print]") {
  PrintTensorFmt plain = PrintTensorFmt::disableFormatting();
  CHECK(show(INT, {10}, range(0, 10), plain) == "x: [0 1 2 3 4 5 6 7 8 9]\n");
  CHECK(show<int>(INT, {3}, {-5, 10, 200}, plain) == "x: [-5 10 200]\n");
  CHECK(show<float>(FLOAT, {2}, {1.5f, 20.25f}, plain) ==
        "x: [1.5000000 20.250000]\n");
  std::string all = show(INT, {2000}, range(0, 2000), plain);
  CHECK(all == "x: [" + joined(0, 1999, ' ') + "]\n");
}

TEST_CASE("Values alone and unsupported types", "[runtime][print][errors]") {
  CHECK(tessel::formatTensorValues(INT, {3}, bytesOf<int>({1, 2, 3}),
                                   PrintTensorFmt(), 0) == "[1 2 3]");
  CHECK_THROWS_AS(tessel::formatTensor("d", DOUBLE, {1}, bytesOf<double>({1}),
                                       PrintTensorFmt()),
                  type_error);
  CHECK_THROWS_WITH(tessel::formatTensor("x", INT, {3}, bytesOf<int>({1, 2}),
                                         PrintTensorFmt()),
                    Catch::Contains("8 bytes") &&
                        Catch::Contains("3 int elements"));
}
