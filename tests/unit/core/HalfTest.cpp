// IEEE binary16 conversion: exhaustive round trips, every rounding tie from
// float and from double, overflow, subnormals and NaN.
#include "compiler/core/Half.hpp"

#include <poplar/HalfFloat.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

using namespace tessel;

namespace {
bool isHalfNan(std::uint16_t h) {
  return (h & 0x7c00) == 0x7c00 && (h & 0x3ff);
}
} // namespace

TEST_CASE("Every half survives a round trip through float", "[core][half]") {
  for (unsigned bits = 0; bits < 65536; ++bits) {
    INFO("bits " << bits);
    const std::uint16_t h = static_cast<std::uint16_t>(bits);
    const float f = halfToFloat(h);
    if (isHalfNan(h)) {
      REQUIRE(std::isnan(f));
      REQUIRE(isHalfNan(floatToHalf(f)));
      REQUIRE((floatToHalf(f) & 0x8000) == (h & 0x8000));
    } else {
      REQUIRE(floatToHalf(f) == h);
      REQUIRE(doubleToHalf(static_cast<double>(f)) == h);
    }
  }
}

TEST_CASE("Every tie between two halves rounds to the even one",
          "[core][half]") {
  // For each pair of adjacent finite positive halves, the midpoint is exact
  // in float and double; it must go to the even neighbour, and the nearest
  // values either side of it to the nearer neighbour.
  for (unsigned bits = 0; bits < 0x7bff; ++bits) {
    INFO("bits " << bits);
    const std::uint16_t lo = static_cast<std::uint16_t>(bits);
    const std::uint16_t hi = static_cast<std::uint16_t>(bits + 1);
    const std::uint16_t even = (lo & 1) ? hi : lo;
    const double mid =
        (static_cast<double>(halfToFloat(lo)) + halfToFloat(hi)) / 2;
    const float midF = static_cast<float>(mid);
    REQUIRE(static_cast<double>(midF) == mid);
    REQUIRE(floatToHalf(midF) == even);
    REQUIRE(floatToHalf(std::nextafter(midF, 0.0f)) == lo);
    REQUIRE(floatToHalf(std::nextafter(midF, INFINITY)) == hi);
    REQUIRE(doubleToHalf(mid) == even);
    REQUIRE(doubleToHalf(std::nextafter(mid, 0.0)) == lo);
    REQUIRE(doubleToHalf(std::nextafter(mid, INFINITY)) == hi);
    REQUIRE(doubleToHalf(-mid) == (even | 0x8000));
  }
}

TEST_CASE("Float to half handles the edges of the range", "[core][half]") {
  CHECK(floatToHalf(1.0f) == 0x3c00);
  CHECK(floatToHalf(-2.0f) == 0xc000);
  CHECK(floatToHalf(65504.0f) == 0x7bff);
  CHECK(floatToHalf(65519.99f) == 0x7bff);
  CHECK(floatToHalf(65520.0f) == 0x7c00); // the tie above 65504 overflows
  CHECK(floatToHalf(1e30f) == 0x7c00);
  CHECK(floatToHalf(-INFINITY) == 0xfc00);
  CHECK(floatToHalf(0x1p-14f) == 0x0400); // smallest normal
  CHECK(floatToHalf(0x1p-24f) == 0x0001); // smallest subnormal
  CHECK(floatToHalf(0x1p-25f) == 0x0000); // tie with zero: even is zero
  CHECK(floatToHalf(0x1.8p-25f) == 0x0001);
  CHECK(floatToHalf(0x1p-30f) == 0x0000);
  CHECK(floatToHalf(-0x1p-30f) == 0x8000); // keeps the sign of zero
  CHECK(floatToHalf(-0.0f) == 0x8000);
  CHECK(floatToHalf(0x1p-149f) == 0x0000); // float subnormals vanish
  CHECK(isHalfNan(floatToHalf(NAN)));
  CHECK(isHalfNan(floatToHalf(-NAN)));
  // A NaN whose payload lies only in the low bits stays a NaN.
  float lowPayload;
  std::uint32_t bits = 0x7f800001u;
  std::memcpy(&lowPayload, &bits, 4);
  CHECK(isHalfNan(floatToHalf(lowPayload)));
  CHECK(halfToFloat(0x0001) == 0x1p-24f);
  CHECK(halfToFloat(0x03ff) == 0x1.ff8p-15f);
  CHECK(halfToFloat(0x7c00) == INFINITY);
  CHECK(std::signbit(halfToFloat(0x8000)));
}

TEST_CASE("Double to half rounds once, not twice", "[core][half]") {
  // Just above the tie between 1 and 1 + 2^-10: rounding to float first
  // would land on the tie itself and then go to even (1.0).
  CHECK(doubleToHalf(1.0 + 0x1p-11 + 0x1p-40) == 0x3c01);
  CHECK(doubleToHalf(1.0 + 0x1p-11 - 0x1p-40) == 0x3c00);
  CHECK(doubleToHalf(2.5) == floatToHalf(2.5f));
  CHECK(doubleToHalf(1e300) == 0x7c00);
  CHECK(doubleToHalf(-1e300) == 0xfc00);
  CHECK(doubleToHalf(1e-300) == 0x0000);
  CHECK(doubleToHalf(0x1p-25 + 0x1p-60) == 0x0001); // above the zero tie
  CHECK(doubleToHalf(65519.999999) == 0x7bff);
  CHECK(isHalfNan(doubleToHalf(std::nan(""))));
}

TEST_CASE("The device half converts every value as the host does",
          "[core][half]") {
  for (unsigned bits = 0; bits < 65536; ++bits) {
    INFO("bits " << bits);
    const std::uint16_t h = static_cast<std::uint16_t>(bits);
    const float device = float(poplar::half::fromBits(h));
    const float host = halfToFloat(h);
    std::uint32_t deviceBits, hostBits;
    std::memcpy(&deviceBits, &device, 4);
    std::memcpy(&hostBits, &host, 4);
    if (isHalfNan(h))
      REQUIRE(std::isnan(device));
    else
      REQUIRE(deviceBits == hostBits);
    REQUIRE(poplar::half(device).toBits() == floatToHalf(host));
  }
}
