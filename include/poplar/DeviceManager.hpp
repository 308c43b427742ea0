// poplar::DeviceManager: lists the (simulated) IPU devices of this machine.
#ifndef POPLAR_DEVICEMANAGER_HPP
#define POPLAR_DEVICEMANAGER_HPP

#include <poplar/Device.hpp>
#include <poplar/OptionFlags.hpp>
#include <poplar/TargetType.hpp>
#include <poplar/exceptions.hpp>

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

/// Tessel simulates an IPU-POD64: 64 ipu2 IPUs. As on a real system, device
/// ids 0-63 are the single IPUs, then come the groups of 2 (ids 64-95), 4
/// (96-111), 8 (112-119), 16 (120-123), 32 (124-125) and all 64 (126); a
/// group of n IPUs starts at an IPU number divisible by n. Devices that share
/// an IPU cannot be attached at the same time.
class DeviceManager {
public:
  DeviceManager();
  static DeviceManager createDeviceManager();

  /// The number of devices (127).
  std::size_t getNumDevices() const;
  /// Every device, in id order. Tessel's devices take no options: any
  /// option is invalid_option.
  std::vector<Device> getDevices(const OptionFlags &opts = {}) const;
  /// The devices of `requiredNumIPUs` IPUs, in id order. For TargetType::IPU
  /// these are simulated ipu2 devices and requiredNumIPUs must be 1, 2, 4,
  /// 8, 16, 32 or 64; for IPU_MODEL they are IPUModel("ipu2") devices of the
  /// same ids and sizes; for CPU, one CPU device of that many IPUs.
  std::vector<Device> getDevices(TargetType type, unsigned requiredNumIPUs,
                                 const OptionFlags &opts = {}) const;
  /// The simulated IPU device with this id.
  Device getDevice(unsigned deviceManagerId,
                   const OptionFlags &opts = {}) const;
  /// The ids of the devices of `numChildDeviceIpus` IPUs whose IPUs all
  /// belong to device `parentId` (none if they are not smaller).
  std::vector<unsigned>
  getChildDeviceIds(unsigned parentId, unsigned numChildDeviceIpus = 1) const;
};

} // namespace poplar

#endif
