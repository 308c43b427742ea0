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
  bool isInteger;
  bool deviceSupported; // may be the element type of a tensor
};

/// Throws poplar::type_error for an invalid type.
const TypeInfo &typeInfo(const poplar::Type &type);
/// The type whose toString() is `name`; throws poplar::type_error otherwise.
poplar::Type typeFromName(const std::string &name);

/// Converts `n` host values of `hostType` at src into `deviceType` values at
/// dst, as a C++ static_cast would (HALF rounds to nearest even; BOOL is 0 or
/// 1).
void convertHostToDevice(const poplar::Type &hostType, const void *src,
                         const poplar::Type &deviceType, void *dst,
                         std::size_t n);

/// Reads device value `i` of `type` at `data` as a double (exact for every
/// device type except 64-bit integers beyond 2^53).
double deviceValueAsDouble(const poplar::Type &type, const void *data,
                           std::size_t i);

} // namespace tessel

#endif
