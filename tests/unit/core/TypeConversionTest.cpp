// The public conversion API: convertToDeviceType / convertFromDeviceType
// with and without a Target, the deprecated half copies, and their errors.
#include <poplar/Target.hpp>
#include <poplar/TypeConversion.hpp>
#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

using namespace poplar;

TEST_CASE("Floats and doubles convert to device halves and back",
          "[core][typeconversion]") {
  const Target target = Target::createIPUTarget("ipu2");
  std::vector<float> in{1.0f, 0.1f, 65504.0f, 1e6f, -2.5f};
  std::vector<std::uint16_t> halves(in.size());
  convertToDeviceType(HALF, target, in, halves.data());
  CHECK(halves ==
        std::vector<std::uint16_t>{0x3c00, 0x2e66, 0x7bff, 0x7c00, 0xc100});
  std::vector<std::uint16_t> again(in.size());
  convertToDeviceType(HALF, in, again.data());
  CHECK(again == halves);
  std::vector<float> out(in.size());
  convertFromDeviceType(HALF, target, halves.data(), out);
  CHECK(out[0] == 1.0f);
  CHECK(out[1] == 0.0999755859375f);
  CHECK(out[3] == INFINITY);
  std::vector<double> outD(2);
  convertFromDeviceType(HALF, halves.data(), outD);
  CHECK(outD == std::vector<double>{1.0, 0.0999755859375});
  std::vector<double> inD{1.0 + 0x1p-11 + 0x1p-40};
  std::uint16_t h = 0;
  convertToDeviceType(HALF, target, inD, &h);
  CHECK(h == 0x3c01);
}

TEST_CASE("Other device types convert too", "[core][typeconversion]") {
  std::vector<float> in{2.9f, -1e20f};
  std::int32_t ints[2];
  convertToDeviceType(INT, in, ints);
  CHECK(ints[0] == 2);
  CHECK(ints[1] == INT32_MIN);
  std::vector<double> back(2);
  convertFromDeviceType(INT, ints, back);
  CHECK(back == std::vector<double>{2, double(INT32_MIN)});
  std::int64_t big = (1LL << 53) + 1;
  float f = 0;
  convertFromDeviceType(LONGLONG, &big, ArrayRef<float>(&f, 1));
  CHECK(f == 9007199254740992.0f); // one rounding, from the integer
}

TEST_CASE("The deprecated half copies still work", "[core][typeconversion]") {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  const Target target = Target::createCPUTarget();
  float in[2] = {1.5f, -0.0f};
  std::uint16_t h[2];
  copyFloatToDeviceHalf(target, in, h, 2);
  CHECK(h[0] == 0x3e00);
  CHECK(h[1] == 0x8000);
  float out[2];
  copyDeviceHalfToFloat(target, h, out, 2);
  CHECK(out[0] == 1.5f);
  CHECK(std::signbit(out[1]));
  double inD[1] = {3.0};
  copyDoubleToDeviceHalf(target, inD, h, 1);
  CHECK(h[0] == 0x4200);
  double outD[1];
  copyDeviceHalfToDouble(target, h, outD, 1);
  CHECK(outD[0] == 3.0);
#pragma GCC diagnostic pop
}

TEST_CASE("Conversion errors name the function and the type",
          "[core][typeconversion]") {
  std::vector<float> in{1.0f};
  std::uint8_t out[8];
  CHECK_THROWS_AS(convertToDeviceType(QUARTER, in, out), type_error);
  CHECK_THROWS_WITH(convertToDeviceType(QUARTER, in, out),
                    Catch::Contains("convertToDeviceType") &&
                        Catch::Contains("QUARTER_METADATA"));
  CHECK_THROWS_WITH(convertToDeviceType(LONG, in, out),
                    Catch::Contains("convertToDeviceType") &&
                        Catch::Contains("'long'"));
  CHECK_THROWS_WITH(convertToDeviceType(Type(), in, out),
                    Catch::Contains("invalid"));
  std::vector<float> dst(1);
  CHECK_THROWS_WITH(convertFromDeviceType(DOUBLE, out, dst),
                    Catch::Contains("convertFromDeviceType") &&
                        Catch::Contains("'double'"));
}
