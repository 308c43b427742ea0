// The type table and host-to-device value conversion.
#include "compiler/core/TypeTable.hpp"

#include "compiler/core/Half.hpp"

#include <poplar/exceptions.hpp>

#include <cstdint>
#include <cstring>
#include <ostream>

namespace tessel {

// Rows are indexed by poplar::Type ids (include/poplar/Type.hpp).
static const TypeInfo kTypes[] = {
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

const TypeInfo &typeInfo(const poplar::Type &type) {
  if (type.getId() == 0 || type.getId() >= kNumTypes)
    throw poplar::type_error(
        "invalid element type (a default-constructed poplar::Type); use one "
        "of the type constants such as poplar::FLOAT");
  return kTypes[type.getId()];
}

poplar::Type typeFromName(const std::string &name) {
  for (unsigned id = 1; id < kNumTypes; ++id)
    if (name == kTypes[id].name)
      return poplar::Type(id);
  throw poplar::type_error("unknown element type name '" + name + "'");
}

namespace {

/// One host value as the widest type that holds it exactly.
struct HostValue {
  bool isFloat;
  double f;
  long long i;
  unsigned long long u;
  bool isUnsigned;
};

HostValue readHost(const poplar::Type &type, const void *src, std::size_t k) {
  const auto *p = static_cast<const unsigned char *>(src);
  const unsigned size = typeInfo(type).size;
  p += k * size;
  HostValue v{false, 0, 0, 0, false};
  auto load = [&](auto tag) {
    decltype(tag) x;
    std::memcpy(&x, p, sizeof x);
    return x;
  };
  switch (type.getId()) {
  case 1:
    v.i = load(bool());
    break;
  case 2:
    v.i = load(char());
    break;
  case 3:
    v.i = load((unsigned char)0);
    break;
  case 4:
    v.i = load((signed char)0);
    break;
  case 5:
    v.i = load(short());
    break;
  case 6:
    v.i = load((unsigned short)0);
    break;
  case 7:
    v.i = load(int());
    break;
  case 8:
    v.i = load(0u);
    break;
  case 9:
  case 11:
    v.i = load(0ll);
    break;
  case 10:
  case 12:
    v.u = load(0ull);
    v.isUnsigned = true;
    break;
  case 15:
    v.isFloat = true;
    v.f = halfToFloat(load(std::uint16_t()));
    break;
  case 16:
    v.isFloat = true;
    v.f = load(0.0f);
    break;
  case 17:
    v.isFloat = true;
    v.f = load(0.0);
    break;
  default:
    throw poplar::type_error(std::string("cannot convert values of type ") +
                             typeInfo(type).name);
  }
  return v;
}

template <class T> T castTo(const HostValue &v) {
  if (v.isFloat)
    return static_cast<T>(v.f);
  if (v.isUnsigned)
    return static_cast<T>(v.u);
  return static_cast<T>(v.i);
}

void writeDevice(const poplar::Type &type, const HostValue &v, void *dst,
                 std::size_t k) {
  auto *p = static_cast<unsigned char *>(dst) + k * typeInfo(type).size;
  auto store = [&](auto x) { std::memcpy(p, &x, sizeof x); };
  switch (type.getId()) {
  case 1:
    store(static_cast<std::uint8_t>(castTo<bool>(v)));
    break;
  case 2:
    store(castTo<char>(v));
    break;
  case 3:
  case 14:
    store(castTo<unsigned char>(v));
    break;
  case 4:
    store(castTo<signed char>(v));
    break;
  case 5:
    store(castTo<short>(v));
    break;
  case 6:
    store(castTo<unsigned short>(v));
    break;
  case 7:
    store(castTo<int>(v));
    break;
  case 8:
    store(castTo<unsigned>(v));
    break;
  case 11:
    store(castTo<long long>(v));
    break;
  case 12:
    store(castTo<unsigned long long>(v));
    break;
  case 15:
    store(v.isFloat ? doubleToHalf(v.f)
                    : doubleToHalf(v.isUnsigned ? double(v.u) : double(v.i)));
    break;
  case 16:
    store(castTo<float>(v));
    break;
  default:
    throw poplar::type_error(std::string("cannot convert values to type ") +
                             typeInfo(type).name + " on the device");
  }
}

} // namespace

void convertHostToDevice(const poplar::Type &hostType, const void *src,
                         const poplar::Type &deviceType, void *dst,
                         std::size_t n) {
  for (std::size_t k = 0; k < n; ++k)
    writeDevice(deviceType, readHost(hostType, src, k), dst, k);
}

double deviceValueAsDouble(const poplar::Type &type, const void *data,
                           std::size_t i) {
  HostValue v = readHost(type, data, i);
  if (v.isFloat)
    return v.f;
  return v.isUnsigned ? double(v.u) : double(v.i);
}

} // namespace tessel

namespace poplar {

std::string Type::toString() const {
  return id < tessel::kNumTypes ? tessel::kTypes[id].name : "<invalid>";
}

bool Type::isFloatingPoint() const {
  return id < tessel::kNumTypes && tessel::kTypes[id].isFloatingPoint;
}

bool Type::requiresMetadata() const { return *this == QUARTER; }

std::ostream &operator<<(std::ostream &os, const Type &t) {
  return os << t.toString();
}

} // namespace poplar
