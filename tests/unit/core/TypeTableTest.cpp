// The type table: Poplar's names, device sizes and kinds for every type,
// invalid types, equivalent_device_type, and hashing.
#include "compiler/core/TypeTable.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <sstream>
#include <unordered_set>

using namespace tessel;
using namespace poplar;

namespace {
struct Row {
  Type type;
  const char *name;
  unsigned size;
  bool isFloat;
  bool isSigned;
  bool device;
};
const Row kRows[] = {
    {BOOL, "bool", 1, false, false, true},
    {CHAR, "char", 1, false, true, true},
    {UNSIGNED_CHAR, "unsigned char", 1, false, false, true},
    {SIGNED_CHAR, "signed char", 1, false, true, true},
    {SHORT, "short", 2, false, true, true},
    {UNSIGNED_SHORT, "unsigned short", 2, false, false, true},
    {INT, "int", 4, false, true, true},
    {UNSIGNED_INT, "unsigned int", 4, false, false, true},
    {LONG, "long", 8, false, true, false},
    {UNSIGNED_LONG, "unsigned long", 8, false, false, false},
    {LONGLONG, "long long", 8, false, true, true},
    {UNSIGNED_LONGLONG, "unsigned long long", 8, false, false, true},
    {QUARTER, "quarter", 1, true, true, true},
    {QUARTER_METADATA, "quarter_metadata", 1, false, false, true},
    {HALF, "half", 2, true, true, true},
    {FLOAT, "float", 4, true, true, true},
    {DOUBLE, "double", 8, true, true, false},
};

template <class T> Type deviceTypeOf() {
  return equivalent_device_type<T>().value;
}
} // namespace

TEST_CASE("Every type has Poplar's name, device size and kind",
          "[core][types]") {
  for (const Row &r : kRows) {
    INFO(r.name);
    CHECK(r.type.isValid());
    CHECK(r.type.toString() == r.name);
    CHECK(typeFromName(r.name) == r.type);
    const TypeInfo &info = typeInfo(r.type);
    CHECK(info.size == r.size);
    CHECK(info.alignment == r.size);
    CHECK(info.isFloatingPoint == r.isFloat);
    CHECK(r.type.isFloatingPoint() == r.isFloat);
    CHECK(info.isSigned == r.isSigned);
    CHECK(info.isInteger == (!r.isFloat && r.type != QUARTER_METADATA));
    CHECK(info.deviceSupported == r.device);
    CHECK(r.type.requiresMetadata() == (r.type == QUARTER));
    std::ostringstream os;
    os << r.type;
    CHECK(os.str() == r.name);
  }
}

TEST_CASE("An invalid type is named and still a usable key", "[core][types]") {
  Type invalid;
  CHECK_FALSE(invalid.isValid());
  CHECK(invalid.toString() == "<invalid>");
  CHECK_FALSE(invalid.isFloatingPoint());
  CHECK(Type(99).toString() == "<invalid>");
  CHECK(invalid < BOOL);
  CHECK(invalid != BOOL);
  std::map<Type, int> byType{{invalid, 0}, {FLOAT, 1}, {HALF, 2}};
  CHECK(byType.at(Type()) == 0);
  CHECK(byType.at(FLOAT) == 1);
  std::unordered_set<Type> set{FLOAT, HALF, FLOAT, invalid};
  CHECK(set.size() == 3);
  CHECK(std::hash<Type>()(FLOAT) == FLOAT.hash());
  CHECK(FLOAT.hash() != HALF.hash());
  CHECK_THROWS_AS(typeInfo(invalid), type_error);
  CHECK_THROWS_WITH(typeInfo(Type(99)), Catch::Contains("<invalid>"));
  CHECK_THROWS_WITH(typeFromName("complex"),
                    Catch::Contains("'complex'") && Catch::Contains("float"));
}

TEST_CASE("equivalent_device_type maps every host type to its Type",
          "[core][types]") {
  CHECK(deviceTypeOf<bool>() == BOOL);
  CHECK(deviceTypeOf<char>() == CHAR);
  CHECK(deviceTypeOf<unsigned char>() == UNSIGNED_CHAR);
  CHECK(deviceTypeOf<signed char>() == SIGNED_CHAR);
  CHECK(deviceTypeOf<short>() == SHORT);
  CHECK(deviceTypeOf<unsigned short>() == UNSIGNED_SHORT);
  CHECK(deviceTypeOf<int>() == INT);
  CHECK(deviceTypeOf<unsigned>() == UNSIGNED_INT);
  CHECK(deviceTypeOf<long>() == LONG);
  CHECK(deviceTypeOf<unsigned long>() == UNSIGNED_LONG);
  CHECK(deviceTypeOf<long long>() == LONGLONG);
  CHECK(deviceTypeOf<unsigned long long>() == UNSIGNED_LONGLONG);
  CHECK(deviceTypeOf<float>() == FLOAT);
  CHECK(deviceTypeOf<double>() == DOUBLE);
  // Host values are read with the table's sizes.
  CHECK(typeInfo(deviceTypeOf<long>()).size == sizeof(long));
  CHECK(typeInfo(deviceTypeOf<double>()).size == sizeof(double));
  CHECK(typeInfo(deviceTypeOf<unsigned short>()).size ==
        sizeof(unsigned short));
  static_assert(equivalent_device_type<int>().value == INT,
                "usable in constant expressions");
}

TEST_CASE("checkDeviceType names a type tensors cannot have", "[core][types]") {
  CHECK_NOTHROW(checkDeviceType(HALF, "addVariable"));
  CHECK_THROWS_AS(checkDeviceType(LONG, "addVariable"), type_error);
  CHECK_THROWS_WITH(checkDeviceType(LONG, "addVariable"),
                    Catch::Contains("addVariable") &&
                        Catch::Contains("'long'") &&
                        Catch::Contains("INT or LONGLONG"));
  CHECK_THROWS_WITH(checkDeviceType(UNSIGNED_LONG, "x"),
                    Catch::Contains("UNSIGNED_INT or UNSIGNED_LONGLONG"));
  CHECK_THROWS_WITH(checkDeviceType(DOUBLE, "x"),
                    Catch::Contains("FLOAT or HALF"));
  CHECK_THROWS_AS(checkDeviceType(Type(), "x"), type_error);
}
