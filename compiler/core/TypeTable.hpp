// THE type table: size, alignment and kind of every poplar::Type, and
// conversion of host values into device representations. Everything that
// needs a type's size asks here.
#ifndef TESSEL_COMPILER_CORE_TYPETABLE_HPP
#define TESSEL_COMPILER_CORE_TYPETABLE_HPP

#include <poplar/Type.hpp>

#include <cstddef>
#include <string>

namespace tessel {

struct TypeInfo {
  const char *name;   // poplar::Type::toString()
  unsigned size;      // bytes on the device (or host, for DOUBLE)
  unsigned alignment; // bytes
  bool isFloatingPoint;
  bool isSigned;
  bool isInteger;       // BOOL counts as an integer
  bool deviceSupported; // may be the element type of a tensor
};

/// Throws poplar::type_error for an invalid type.
const TypeInfo &typeInfo(const poplar::Type &type);
/// The type whose toString() is `name`; throws poplar::type_error otherwise.
poplar::Type typeFromName(const std::string &name);
/// Throws poplar::type_error, starting with `where` and naming a supported
/// alternative, unless tensors may have elements of `type` (LONG,
/// UNSIGNED_LONG and DOUBLE may not).
void checkDeviceType(const poplar::Type &type, const std::string &where);

/// Converts `n` host values of `hostType` at src into `deviceType` values at
/// dst. Host types are every arithmetic type (DOUBLE included); device types
/// are every device-supported type except QUARTER, whose values need
/// metadata. The rules, all exact and deterministic:
///  - to HALF and FLOAT: round to nearest, ties to even (one rounding, also
///    from DOUBLE and 64-bit integers); overflow gives infinity;
///  - float to integer: truncate toward zero, saturate at the type's limits,
///    NaN gives 0;
///  - integer to integer: keep the low bits (two's complement), as a C++
///    cast does;
///  - to BOOL: 0 for zero, else 1 (NaN gives 1).
/// Throws poplar::type_error naming the type for anything else.
void convertHostToDevice(const poplar::Type &hostType, const void *src,
                         const poplar::Type &deviceType, void *dst,
                         std::size_t n);

/// Reads device value `i` of `type` at `data` as a double (exact for every
/// device type except 64-bit integers beyond 2^53).
double deviceValueAsDouble(const poplar::Type &type, const void *data,
                           std::size_t i);

} // namespace tessel

#endif
