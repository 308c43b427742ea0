// poplar::convertToDeviceType / convertFromDeviceType and the deprecated
// half copy functions, all through the type table's conversions.
#include <poplar/TypeConversion.hpp>

#include "compiler/core/TypeTable.hpp"

#include <poplar/exceptions.hpp>

namespace poplar {

namespace {

/// Throws type_error, naming `function`, unless `type` is a device type
/// whose values convert without metadata.
void checkConvertible(const Type &type, const char *function) {
  if (!type.isValid())
    throw type_error(std::string(function) +
                     ": the device type is invalid (a default-constructed "
                     "poplar::Type)");
  if (type == QUARTER)
    throw type_error(std::string(function) +
                     ": 'quarter' values need a QUARTER_METADATA scale and "
                     "format, so they cannot be converted on their own");
  tessel::checkDeviceType(type, function);
}

template <class Host>
void toDevice(const Type &dstType, ArrayRef<Host> src, void *dst) {
  checkConvertible(dstType, "convertToDeviceType");
  tessel::convertHostToDevice(equivalent_device_type<Host>().value, src.data(),
                              dstType, dst, src.size());
}

// ArrayRef is a read-only view in Poplar's signature; the caller passes its
// own writable array.
void fromDevice(const Type &srcType, const void *src, ArrayRef<float> dst) {
  checkConvertible(srcType, "convertFromDeviceType");
  // Straight to float: going through double would round 64-bit integers
  // twice.
  tessel::convertHostToDevice(srcType, src, FLOAT,
                              const_cast<float *>(dst.data()), dst.size());
}

void fromDevice(const Type &srcType, const void *src, ArrayRef<double> dst) {
  checkConvertible(srcType, "convertFromDeviceType");
  auto *out = const_cast<double *>(dst.data());
  for (std::size_t i = 0; i < dst.size(); ++i)
    out[i] = tessel::deviceValueAsDouble(srcType, src, i);
}

} // namespace

void convertToDeviceType(const Type &dstType, ArrayRef<float> src, void *dst) {
  toDevice(dstType, src, dst);
}

void convertToDeviceType(const Type &dstType, ArrayRef<double> src, void *dst) {
  toDevice(dstType, src, dst);
}

void convertToDeviceType(const Type &dstType, const Target &,
                         ArrayRef<float> src, void *dst) {
  toDevice(dstType, src, dst);
}

void convertToDeviceType(const Type &dstType, const Target &,
                         ArrayRef<double> src, void *dst) {
  toDevice(dstType, src, dst);
}

void convertFromDeviceType(const Type &srcType, const void *src,
                           ArrayRef<float> dst) {
  fromDevice(srcType, src, dst);
}

void convertFromDeviceType(const Type &srcType, const void *src,
                           ArrayRef<double> dst) {
  fromDevice(srcType, src, dst);
}

void convertFromDeviceType(const Type &srcType, const Target &, const void *src,
                           ArrayRef<float> dst) {
  fromDevice(srcType, src, dst);
}

void convertFromDeviceType(const Type &srcType, const Target &, const void *src,
                           ArrayRef<double> dst) {
  fromDevice(srcType, src, dst);
}

void copyFloatToDeviceHalf(const Target &, const float *src, void *dst,
                           std::size_t numElements) {
  toDevice(HALF, ArrayRef<float>(src, numElements), dst);
}

void copyDeviceHalfToFloat(const Target &, const void *src, float *dst,
                           std::size_t numElements) {
  fromDevice(HALF, src, ArrayRef<float>(dst, numElements));
}

void copyDoubleToDeviceHalf(const Target &, const double *src, void *dst,
                            std::size_t numElements) {
  toDevice(HALF, ArrayRef<double>(src, numElements), dst);
}

void copyDeviceHalfToDouble(const Target &, const void *src, double *dst,
                            std::size_t numElements) {
  fromDevice(HALF, src, ArrayRef<double>(dst, numElements));
}

} // namespace poplar
