// The type table: names, sizes, and host-to-device conversion.
#include "compiler/core/TypeTable.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <cstdint>

using namespace tessel;
using namespace poplar;

TEST_CASE("Types have Poplar's names and device sizes", "[core][types]") {
  struct Row {
    Type type;
    const char *name;
    unsigned size;
  };
  for (Row r :
       {Row{BOOL, "bool", 1}, Row{CHAR, "char", 1}, Row{SHORT, "short", 2},
        Row{HALF, "half", 2}, Row{INT, "int", 4},
        Row{UNSIGNED_INT, "unsigned int", 4}, Row{FLOAT, "float", 4},
        Row{LONGLONG, "long long", 8}, Row{QUARTER, "quarter", 1}}) {
    INFO(r.name);
    CHECK(r.type.toString() == r.name);
    CHECK(typeInfo(r.type).size == r.size);
    CHECK(typeFromName(r.name) == r.type);
  }
  CHECK(FLOAT.isFloatingPoint());
  CHECK_FALSE(INT.isFloatingPoint());
  CHECK(Type().toString() == "<invalid>");
  CHECK_FALSE(typeInfo(LONG).deviceSupported);
  CHECK_THROWS_AS(typeInfo(Type()), type_error);
  CHECK_THROWS_WITH(typeFromName("complex"), Catch::Contains("complex"));
}

TEST_CASE("Host values convert like a C++ cast", "[core][types]") {
  float f[3] = {2.75f, -1.5f, 1e10f};
  int i[3];
  convertHostToDevice(FLOAT, f, INT, i, 2);
  CHECK(i[0] == 2);
  CHECK(i[1] == -1);
  int b[3] = {0, 5, -1};
  std::uint8_t bools[3];
  convertHostToDevice(INT, b, BOOL, bools, 3);
  CHECK(bools[0] == 0);
  CHECK(bools[1] == 1);
  CHECK(bools[2] == 1);
  double d = 0.1;
  std::uint16_t h;
  convertHostToDevice(DOUBLE, &d, HALF, &h, 1);
  CHECK(h == 0x2e66);
  CHECK(deviceValueAsDouble(HALF, &h, 0) == Approx(0.0999755859375));
}
