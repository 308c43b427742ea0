// Conversions between host floats and device types, chiefly IEEE half.
#ifndef POPLAR_TYPECONVERSION_HPP
#define POPLAR_TYPECONVERSION_HPP

#include <poplar/ArrayRef.hpp>
#include <poplar/Target.hpp>
#include <poplar/Type.hpp>

#include <cstddef>

namespace poplar {

/// Writes src converted to device type `dstType` into dst: HALF and FLOAT
/// round to nearest, ties to even (overflow gives infinity); integer types
/// truncate toward zero and saturate (NaN gives 0); BOOL is 0 or 1. QUARTER,
/// LONG and UNSIGNED_LONG throw poplar::type_error. The Target is accepted
/// for Poplar compatibility; conversions are the same on every target.
void convertToDeviceType(const Type &dstType, const Target &target,
                         ArrayRef<float> src, void *dst);
void convertToDeviceType(const Type &dstType, const Target &target,
                         ArrayRef<double> src, void *dst);
void convertToDeviceType(const Type &dstType, ArrayRef<float> src, void *dst);
void convertToDeviceType(const Type &dstType, ArrayRef<double> src, void *dst);
/// Reads dst.size() device values of type `srcType` from src into dst, which
/// must be writable memory of the caller's (exact for every type except
/// 64-bit integers, which round to nearest even).
void convertFromDeviceType(const Type &srcType, const Target &target,
                           const void *src, ArrayRef<float> dst);
void convertFromDeviceType(const Type &srcType, const Target &target,
                           const void *src, ArrayRef<double> dst);
void convertFromDeviceType(const Type &srcType, const void *src,
                           ArrayRef<float> dst);
void convertFromDeviceType(const Type &srcType, const void *src,
                           ArrayRef<double> dst);

// The older copy*DeviceHalf* functions are declared in Target.hpp, where
// Poplar has them.

} // namespace poplar

#endif
