// THE type table: one row per poplar::Type, and the Type methods that read
// it.
#include "compiler/core/TypeTable.hpp"

#include <poplar/exceptions.hpp>

#include <ostream>

namespace tessel {

namespace {

// Rows are indexed by poplar::Type ids (include/poplar/Type.hpp). Sizes and
// alignments are the IPU's (POPLAR_API.md section 2.1); LONG and
// UNSIGNED_LONG are 64-bit host types the device does not support, and
// DOUBLE is a host-only source of values.
const TypeInfo kTypes[] = {
    // name, size, align, float, signed, integer, device
    {"<invalid>", 0, 1, false, false, false, false},
    {"bool", 1, 1, false, false, true, true},
    {"char", 1, 1, false, true, true, true},
    {"unsigned char", 1, 1, false, false, true, true},
    {"signed char", 1, 1, false, true, true, true},
    {"short", 2, 2, false, true, true, true},
    {"unsigned short", 2, 2, false, false, true, true},
    {"int", 4, 4, false, true, true, true},
    {"unsigned int", 4, 4, false, false, true, true},
    {"long", 8, 8, false, true, true, false},
    {"unsigned long", 8, 8, false, false, true, false},
    {"long long", 8, 8, false, true, true, true},
    {"unsigned long long", 8, 8, false, false, true, true},
    {"quarter", 1, 1, true, true, false, true},
    {"quarter_metadata", 1, 1, false, false, false, true},
    {"half", 2, 2, true, true, false, true},
    {"float", 4, 4, true, true, false, true},
    {"double", 8, 8, true, true, false, false},
};
constexpr unsigned kNumTypes = sizeof(kTypes) / sizeof(kTypes[0]);
static_assert(kNumTypes == poplar::DOUBLE.getId() + 1,
              "every poplar::Type constant needs a row");

bool inTable(const poplar::Type &type) {
  return type.getId() != 0 && type.getId() < kNumTypes;
}

} // namespace

const TypeInfo &typeInfo(const poplar::Type &type) {
  if (!inTable(type))
    throw poplar::type_error(
        "invalid element type '" + type.toString() +
        "' (a default-constructed poplar::Type); use one of the type "
        "constants such as poplar::FLOAT");
  return kTypes[type.getId()];
}

poplar::Type typeFromName(const std::string &name) {
  for (unsigned id = 1; id < kNumTypes; ++id)
    if (name == kTypes[id].name)
      return poplar::Type(id);
  throw poplar::type_error("unknown element type name '" + name +
                           "'; the names are those Type::toString() gives, "
                           "such as 'float' or 'unsigned int'");
}

void checkDeviceType(const poplar::Type &type, const std::string &where) {
  const TypeInfo &info = typeInfo(type);
  if (!info.deviceSupported)
    throw poplar::type_error(where + ": element type '" + info.name +
                             "' is not supported on the IPU; use " +
                             (info.isFloatingPoint ? "FLOAT or HALF"
                              : info.isSigned      ? "INT or LONGLONG"
                                                   : "UNSIGNED_INT or "
                                                     "UNSIGNED_LONGLONG"));
}

} // namespace tessel

namespace poplar {

std::string Type::toString() const {
  return tessel::inTable(*this) ? tessel::kTypes[id].name : "<invalid>";
}

bool Type::isFloatingPoint() const {
  return tessel::inTable(*this) && tessel::kTypes[id].isFloatingPoint;
}

bool Type::requiresMetadata() const { return *this == QUARTER; }

std::ostream &operator<<(std::ostream &os, const Type &t) {
  return os << t.toString();
}

} // namespace poplar
