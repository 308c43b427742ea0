// IEEE binary16 conversion: exhaustive round trips and rounding edge cases.
#include "compiler/core/Half.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

using namespace tessel;

TEST_CASE("Every half survives a round trip through float", "[core][half]") {
  for (unsigned bits = 0; bits < 65536; ++bits) {
    float f = halfToFloat(std::uint16_t(bits));
    std::uint16_t back = floatToHalf(f);
    bool isNan = (bits & 0x7c00) == 0x7c00 && (bits & 0x3ff);
    if (isNan) {
      REQUIRE(std::isnan(f));
      REQUIRE(((back & 0x7c00) == 0x7c00 && (back & 0x3ff)));
    } else {
      INFO("bits " << bits);
      REQUIRE(back == bits);
    }
  }
}

TEST_CASE("Float to half rounds to nearest, ties to even", "[core][half]") {
  CHECK(floatToHalf(1.0f) == 0x3c00);
  CHECK(floatToHalf(1.0f + 0x1p-11f) == 0x3c00);     // tie, even stays
  CHECK(floatToHalf(1.0f + 3 * 0x1p-11f) == 0x3c02); // tie, odd rounds up
  CHECK(floatToHalf(1.0f + 0x1p-11f + 0x1p-20f) == 0x3c01);
  CHECK(floatToHalf(65504.0f) == 0x7bff);
  CHECK(floatToHalf(65519.0f) == 0x7bff);
  CHECK(floatToHalf(65520.0f) == 0x7c00); // rounds up to infinity
  CHECK(floatToHalf(-INFINITY) == 0xfc00);
  CHECK(floatToHalf(0x1p-24f) == 0x0001); // smallest subnormal
  CHECK(floatToHalf(0x1p-25f) == 0x0000); // tie to even: zero
  CHECK(floatToHalf(0x1.8p-25f) == 0x0001);
  CHECK(floatToHalf(-0.0f) == 0x8000);
  CHECK(std::isnan(halfToFloat(floatToHalf(NAN))));
}

TEST_CASE("Double to half rounds once, not twice", "[core][half]") {
  // Just above the tie between 1 and 1 + 2^-10: a float would round this to
  // the tie itself and then to even (1.0); the right answer rounds up.
  double justAbove = 1.0 + 0x1p-11 + 0x1p-40;
  CHECK(doubleToHalf(justAbove) == 0x3c01);
  CHECK(doubleToHalf(1.0 + 0x1p-11 - 0x1p-40) == 0x3c00);
  CHECK(doubleToHalf(2.5) == floatToHalf(2.5f));
}
