// poplar::DataStreamType.
#ifndef POPLAR_DATASTREAMTYPE_HPP
#define POPLAR_DATASTREAMTYPE_HPP

namespace poplar {

enum class DataStreamType {
  HostToDeviceFIFO,
  DeviceToHostFIFO,
  HostToDeviceBuffer,
  DeviceToHostBuffer
};

} // namespace poplar

#endif
