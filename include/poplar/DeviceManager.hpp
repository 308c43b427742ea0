// poplar::DeviceManager: lists the (simulated) IPU devices of this machine.
#ifndef POPLAR_DEVICEMANAGER_HPP
#define POPLAR_DEVICEMANAGER_HPP

#include <poplar/Device.hpp>
#include <poplar/OptionFlags.hpp>
#include <poplar/TargetType.hpp>

#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace poplar {

/// Tessel simulates a machine with 16 ipu2 IPUs. Device ids 0-15 are single
/// IPUs, 16-23 pairs, 24-27 groups of four, 28-29 of eight, 30 all sixteen.
class DeviceManager {
public:
  DeviceManager();
  static DeviceManager createDeviceManager();

  std::size_t getNumDevices() const;
  std::vector<Device> getDevices(const OptionFlags &opts = {}) const;
  /// Every device of `requiredNumIPUs` IPUs of the given type. For
  /// TargetType::IPU, requiredNumIPUs is 1, 2, 4, 8 or 16.
  std::vector<Device> getDevices(TargetType type, unsigned requiredNumIPUs,
                                 const OptionFlags &opts = {}) const;
  Device getDevice(unsigned deviceManagerId,
                   const OptionFlags &opts = {}) const;
  std::vector<unsigned>
  getChildDeviceIds(unsigned parentId, unsigned numChildDeviceIpus = 1) const;
};

} // namespace poplar

#endif
