// Host values to device values and back, by the rules in TypeTable.hpp. Every
// conversion is spelled out so none relies on behaviour C++ leaves undefined
// (such as an out-of-range float to int cast).
#include "compiler/core/Half.hpp"
#include "compiler/core/TypeTable.hpp"

#include <poplar/exceptions.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

using namespace poplar;

namespace tessel {

namespace {

static_assert(std::numeric_limits<float>::is_iec559 &&
                  std::numeric_limits<double>::is_iec559,
              "float conversions assume IEEE 754 binary32 and binary64");
static_assert(sizeof(long) == 8 && sizeof(bool) == 1,
              "the type table's LONG and BOOL sizes assume an LP64 host");

/// One value, held exactly in the widest type of its kind.
struct HostValue {
  enum Kind { Float, Signed, Unsigned } kind;
  double f = 0;
  std::int64_t i = 0;
  std::uint64_t u = 0;
};

HostValue floatValue(double f) { return {HostValue::Float, f, 0, 0}; }
HostValue signedValue(std::int64_t i) { return {HostValue::Signed, 0, i, 0}; }
HostValue unsignedValue(std::uint64_t u) {
  return {HostValue::Unsigned, 0, 0, u};
}

template <class T> T load(const void *base, std::size_t k) {
  T x;
  std::memcpy(&x, static_cast<const unsigned char *>(base) + k * sizeof(T),
              sizeof(T));
  return x;
}

template <class T> void store(void *base, std::size_t k, T x) {
  std::memcpy(static_cast<unsigned char *>(base) + k * sizeof(T), &x,
              sizeof(T));
}

HostValue readValue(const Type &type, const void *src, std::size_t k) {
  switch (type.getId()) {
  case BOOL.getId(): // any non-zero byte is true
    return signedValue(load<std::uint8_t>(src, k) != 0);
  case CHAR.getId(): // CHAR is signed in the type table, on every host
  case SIGNED_CHAR.getId():
    return signedValue(load<signed char>(src, k));
  case UNSIGNED_CHAR.getId():
  case QUARTER_METADATA.getId():
    return unsignedValue(load<unsigned char>(src, k));
  case SHORT.getId():
    return signedValue(load<std::int16_t>(src, k));
  case UNSIGNED_SHORT.getId():
    return unsignedValue(load<std::uint16_t>(src, k));
  case INT.getId():
    return signedValue(load<std::int32_t>(src, k));
  case UNSIGNED_INT.getId():
    return unsignedValue(load<std::uint32_t>(src, k));
  case LONG.getId():
  case LONGLONG.getId():
    return signedValue(load<std::int64_t>(src, k));
  case UNSIGNED_LONG.getId():
  case UNSIGNED_LONGLONG.getId():
    return unsignedValue(load<std::uint64_t>(src, k));
  case HALF.getId():
    return floatValue(halfToFloat(load<std::uint16_t>(src, k)));
  case FLOAT.getId():
    return floatValue(load<float>(src, k));
  case DOUBLE.getId():
    return floatValue(load<double>(src, k));
  default:
    throw type_error("cannot read values of type '" +
                     std::string(typeInfo(type).name) +
                     "': QUARTER values need their QUARTER_METADATA scale");
  }
}

/// Truncates toward zero and saturates; NaN gives 0.
template <class Int> Int saturate(double f) {
  if (std::isnan(f))
    return 0;
  const double t = std::trunc(f);
  if (t <= static_cast<double>(std::numeric_limits<Int>::lowest()))
    return std::numeric_limits<Int>::lowest();
  // max() rounds up to a power of two as a double, so >= catches it.
  if (t >= static_cast<double>(std::numeric_limits<Int>::max()))
    return std::numeric_limits<Int>::max();
  return static_cast<Int>(t);
}

template <class Int> Int toInteger(const HostValue &v) {
  switch (v.kind) {
  case HostValue::Float:
    return saturate<Int>(v.f);
  case HostValue::Unsigned:
    return static_cast<Int>(v.u);
  case HostValue::Signed:
    break;
  }
  return static_cast<Int>(v.i);
}

float toFloat(const HostValue &v) {
  switch (v.kind) {
  case HostValue::Float:
    return static_cast<float>(v.f); // IEEE: nearest even, overflow to inf
  case HostValue::Unsigned:
    return static_cast<float>(v.u);
  case HostValue::Signed:
    break;
  }
  return static_cast<float>(v.i);
}

std::uint16_t toHalf(const HostValue &v) {
  // Integers of 2^53 or more round when made doubles, but they are far
  // beyond the largest half (65504) and become infinity either way.
  switch (v.kind) {
  case HostValue::Float:
    return doubleToHalf(v.f);
  case HostValue::Unsigned:
    return doubleToHalf(static_cast<double>(v.u));
  case HostValue::Signed:
    break;
  }
  return doubleToHalf(static_cast<double>(v.i));
}

bool toBool(const HostValue &v) {
  switch (v.kind) {
  case HostValue::Float:
    return v.f != 0; // NaN is not zero
  case HostValue::Unsigned:
    return v.u != 0;
  case HostValue::Signed:
    break;
  }
  return v.i != 0;
}

void writeValue(const Type &type, const HostValue &v, void *dst,
                std::size_t k) {
  switch (type.getId()) {
  case BOOL.getId():
    return store<std::uint8_t>(dst, k, toBool(v));
  case CHAR.getId():
  case SIGNED_CHAR.getId():
    return store(dst, k, toInteger<std::int8_t>(v));
  case UNSIGNED_CHAR.getId():
  case QUARTER_METADATA.getId():
    return store(dst, k, toInteger<std::uint8_t>(v));
  case SHORT.getId():
    return store(dst, k, toInteger<std::int16_t>(v));
  case UNSIGNED_SHORT.getId():
    return store(dst, k, toInteger<std::uint16_t>(v));
  case INT.getId():
    return store(dst, k, toInteger<std::int32_t>(v));
  case UNSIGNED_INT.getId():
    return store(dst, k, toInteger<std::uint32_t>(v));
  case LONGLONG.getId():
    return store(dst, k, toInteger<std::int64_t>(v));
  case UNSIGNED_LONGLONG.getId():
    return store(dst, k, toInteger<std::uint64_t>(v));
  case HALF.getId():
    return store(dst, k, toHalf(v));
  case FLOAT.getId():
    return store(dst, k, toFloat(v));
  default:
    break;
  }
  const TypeInfo &info = typeInfo(type);
  if (type == QUARTER)
    throw type_error("cannot convert host values to 'quarter': QUARTER "
                     "values need a QUARTER_METADATA scale and format");
  throw type_error(std::string("cannot convert host values to '") + info.name +
                   "': it is not a device type");
}

} // namespace

void convertHostToDevice(const Type &hostType, const void *src,
                         const Type &deviceType, void *dst, std::size_t n) {
  // Check both types even when there is nothing to convert, so a wrong
  // type is reported on the first call, not the first non-empty one.
  typeInfo(hostType);
  if (!typeInfo(deviceType).deviceSupported || deviceType == QUARTER)
    writeValue(deviceType, HostValue{}, nullptr, 0); // throws the reason
  if (hostType == QUARTER)
    readValue(hostType, nullptr, 0); // throws the reason
  for (std::size_t k = 0; k < n; ++k)
    writeValue(deviceType, readValue(hostType, src, k), dst, k);
}

double deviceValueAsDouble(const Type &type, const void *data, std::size_t i) {
  HostValue v = readValue(type, data, i);
  switch (v.kind) {
  case HostValue::Float:
    return v.f;
  case HostValue::Unsigned:
    return static_cast<double>(v.u);
  case HostValue::Signed:
    break;
  }
  return static_cast<double>(v.i);
}

} // namespace tessel
