// Host-to-device value conversion: rounding, saturation, wrapping, BOOL,
// HALF from every kind of source, and the errors for types it cannot do.
#include "compiler/core/TypeTable.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>

using namespace tessel;
using namespace poplar;

namespace {
/// One host value converted to one device value of type D.
template <class D, class H> D convert(H value, const Type &deviceType) {
  D out{};
  convertHostToDevice(equivalent_device_type<H>().value, &value, deviceType,
                      &out, 1);
  return out;
}
} // namespace

TEST_CASE("Floats become integers by truncating and saturating",
          "[core][conversion]") {
  CHECK(convert<std::int32_t>(2.75f, INT) == 2);
  CHECK(convert<std::int32_t>(-2.75f, INT) == -2);
  CHECK(convert<std::int32_t>(-0.7, INT) == 0);
  CHECK(convert<std::int32_t>(1e10f, INT) ==
        std::numeric_limits<std::int32_t>::max());
  CHECK(convert<std::int32_t>(-1e10f, INT) ==
        std::numeric_limits<std::int32_t>::min());
  CHECK(convert<std::int32_t>(INFINITY, INT) ==
        std::numeric_limits<std::int32_t>::max());
  CHECK(convert<std::int32_t>(NAN, INT) == 0);
  CHECK(convert<std::uint32_t>(-5.5f, UNSIGNED_INT) == 0);
  CHECK(convert<std::uint8_t>(300.0, UNSIGNED_CHAR) == 255);
  CHECK(convert<std::int8_t>(-300.0, SIGNED_CHAR) == -128);
  CHECK(convert<std::int16_t>(40000.0f, SHORT) == 32767);
  CHECK(convert<std::uint64_t>(1e20, UNSIGNED_LONGLONG) ==
        std::numeric_limits<std::uint64_t>::max());
  CHECK(convert<std::int64_t>(-1e19, LONGLONG) ==
        std::numeric_limits<std::int64_t>::min());
  CHECK(convert<std::int64_t>(9007199254740993.0, LONGLONG) ==
        9007199254740992); // the double itself is 2^53
}

TEST_CASE("Integers keep their low bits like a C++ cast",
          "[core][conversion]") {
  CHECK(convert<std::int16_t>(70000, SHORT) == 4464);
  CHECK(convert<std::uint8_t>(-1, UNSIGNED_CHAR) == 255);
  CHECK(convert<std::uint32_t>(-1LL, UNSIGNED_INT) == 0xffffffffu);
  CHECK(convert<std::int32_t>(4000000000u, INT) == -294967296);
  CHECK(convert<std::int64_t>(-5L, LONGLONG) == -5);
  CHECK(convert<std::uint64_t>(std::numeric_limits<unsigned long>::max(),
                               UNSIGNED_LONGLONG) ==
        std::numeric_limits<std::uint64_t>::max());
  CHECK(convert<std::int32_t>(static_cast<signed char>(-5), INT) == -5);
  CHECK(convert<std::int32_t>(static_cast<char>(-5), INT) == -5);
  CHECK(convert<std::uint8_t>(7, QUARTER_METADATA) == 7);
}

TEST_CASE("BOOL is 0 for zero and 1 for anything else", "[core][conversion]") {
  CHECK(convert<std::uint8_t>(0, BOOL) == 0);
  CHECK(convert<std::uint8_t>(5, BOOL) == 1);
  CHECK(convert<std::uint8_t>(-1, BOOL) == 1);
  CHECK(convert<std::uint8_t>(0.0, BOOL) == 0);
  CHECK(convert<std::uint8_t>(-0.0f, BOOL) == 0);
  CHECK(convert<std::uint8_t>(0.25f, BOOL) == 1);
  CHECK(convert<std::uint8_t>(NAN, BOOL) == 1);
  // A host bool byte other than 0 or 1 still reads as true.
  std::uint8_t odd = 2;
  std::int32_t out = 0;
  convertHostToDevice(BOOL, &odd, INT, &out, 1);
  CHECK(out == 1);
  CHECK(convert<std::int32_t>(true, INT) == 1);
}

TEST_CASE("HALF and FLOAT round once, to nearest even", "[core][conversion]") {
  CHECK(convert<std::uint16_t>(0.1, HALF) == 0x2e66);
  CHECK(convert<std::uint16_t>(65504, HALF) == 0x7bff);
  CHECK(convert<std::uint16_t>(65519u, HALF) == 0x7bff);
  CHECK(convert<std::uint16_t>(65520LL, HALF) == 0x7c00);
  CHECK(convert<std::uint16_t>(-70000, HALF) == 0xfc00);
  CHECK(convert<std::uint16_t>(2049, HALF) == 0x6800); // tie: 2048 is even
  CHECK(convert<std::uint16_t>(2051, HALF) == 0x6802); // tie: 2052 is even
  CHECK(convert<std::uint16_t>(std::numeric_limits<std::uint64_t>::max(),
                               HALF) == 0x7c00);
  CHECK(convert<float>(16777217, FLOAT) == 16777216.0f);
  CHECK(convert<float>(16777219LL, FLOAT) == 16777220.0f);
  CHECK(convert<float>(1e39, FLOAT) == INFINITY);
  CHECK(convert<float>(0.1, FLOAT) == 0.1f);
  CHECK(std::isnan(convert<float>(std::nan(""), FLOAT)));
  CHECK(convert<float>(std::numeric_limits<std::uint64_t>::max(), FLOAT) ==
        18446744073709551616.0f);
}

TEST_CASE("Device values read back as doubles", "[core][conversion]") {
  std::uint16_t h = 0x3e00; // 1.5
  CHECK(deviceValueAsDouble(HALF, &h, 0) == 1.5);
  std::int16_t shorts[2] = {-3, 7};
  CHECK(deviceValueAsDouble(SHORT, shorts, 1) == 7);
  std::uint32_t u = 4000000000u;
  CHECK(deviceValueAsDouble(UNSIGNED_INT, &u, 0) == 4e9);
  std::uint8_t b = 1;
  CHECK(deviceValueAsDouble(BOOL, &b, 0) == 1);
  std::int64_t big = -(1LL << 40);
  CHECK(deviceValueAsDouble(LONGLONG, &big, 0) == -1099511627776.0);
  float f = -0.0f;
  CHECK(std::signbit(deviceValueAsDouble(FLOAT, &f, 0)));
}

TEST_CASE("Conversions the device cannot do name the type",
          "[core][conversion]") {
  float f = 1;
  std::uint8_t out[8];
  CHECK_THROWS_AS(convertHostToDevice(FLOAT, &f, QUARTER, out, 1), type_error);
  CHECK_THROWS_WITH(convertHostToDevice(FLOAT, &f, QUARTER, out, 1),
                    Catch::Contains("QUARTER_METADATA"));
  CHECK_THROWS_WITH(convertHostToDevice(FLOAT, &f, LONG, out, 1),
                    Catch::Contains("'long'") &&
                        Catch::Contains("not a device type"));
  CHECK_THROWS_WITH(convertHostToDevice(FLOAT, &f, DOUBLE, out, 0),
                    Catch::Contains("'double'"));
  CHECK_THROWS_AS(convertHostToDevice(Type(), &f, FLOAT, out, 1), type_error);
  CHECK_THROWS_AS(convertHostToDevice(FLOAT, &f, Type(), out, 0), type_error);
  CHECK_THROWS_WITH(convertHostToDevice(QUARTER, out, FLOAT, &f, 0),
                    Catch::Contains("'quarter'"));
  CHECK_THROWS_AS(deviceValueAsDouble(QUARTER, out, 0), type_error);
}
