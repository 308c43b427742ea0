// poplar::convertToDeviceType / convertFromDeviceType and the deprecated
// half copy helpers, all through the type table.
#include <poplar/TypeConversion.hpp>

#include "compiler/core/TypeTable.hpp"

#include <poplar/exceptions.hpp>

namespace poplar {

static void checkConvertible(const Type &type) {
  const tessel::TypeInfo &info = tessel::typeInfo(type);
  if (!info.deviceSupported || type == QUARTER || type == QUARTER_METADATA)
    throw type_error(std::string("cannot convert host values to device "
                                 "type ") +
                     info.name);
}

void convertToDeviceType(const Type &dstType, ArrayRef<float> src, void *dst) {
  checkConvertible(dstType);
  tessel::convertHostToDevice(FLOAT, src.data(), dstType, dst, src.size());
}

void convertToDeviceType(const Type &dstType, ArrayRef<double> src, void *dst) {
  checkConvertible(dstType);
  tessel::convertHostToDevice(DOUBLE, src.data(), dstType, dst, src.size());
}

void convertToDeviceType(const Type &dstType, const Target &,
                         ArrayRef<float> src, void *dst) {
  convertToDeviceType(dstType, src, dst);
}

void convertToDeviceType(const Type &dstType, const Target &,
                         ArrayRef<double> src, void *dst) {
  convertToDeviceType(dstType, src, dst);
}

void convertFromDeviceType(const Type &srcType, const void *src,
                           ArrayRef<float> dst) {
  checkConvertible(srcType);
  auto *out = const_cast<float *>(dst.data());
  for (std::size_t i = 0; i < dst.size(); ++i)
    out[i] = static_cast<float>(tessel::deviceValueAsDouble(srcType, src, i));
}

void convertFromDeviceType(const Type &srcType, const void *src,
                           ArrayRef<double> dst) {
  checkConvertible(srcType);
  auto *out = const_cast<double *>(dst.data());
  for (std::size_t i = 0; i < dst.size(); ++i)
    out[i] = tessel::deviceValueAsDouble(srcType, src, i);
}

void convertFromDeviceType(const Type &srcType, const Target &, const void *src,
                           ArrayRef<float> dst) {
  convertFromDeviceType(srcType, src, dst);
}

void convertFromDeviceType(const Type &srcType, const Target &, const void *src,
                           ArrayRef<double> dst) {
  convertFromDeviceType(srcType, src, dst);
}

void copyFloatToDeviceHalf(const Target &, const float *src, void *dst,
                           std::size_t numElements) {
  convertToDeviceType(HALF, ArrayRef<float>(src, numElements), dst);
}

void copyDeviceHalfToFloat(const Target &, const void *src, float *dst,
                           std::size_t numElements) {
  convertFromDeviceType(HALF, src, ArrayRef<float>(dst, numElements));
}

void copyDoubleToDeviceHalf(const Target &, const double *src, void *dst,
                            std::size_t numElements) {
  convertToDeviceType(HALF, ArrayRef<double>(src, numElements), dst);
}

void copyDeviceHalfToDouble(const Target &, const void *src, double *dst,
                            std::size_t numElements) {
  convertFromDeviceType(HALF, src, ArrayRef<double>(dst, numElements));
}

} // namespace poplar
