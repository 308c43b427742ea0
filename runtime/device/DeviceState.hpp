// What a poplar::Device is inside: its target, its manager id and, for the
// simulated hardware devices DeviceManager hands out, the IPUs it owns while
// attached.
#ifndef TESSEL_RUNTIME_DEVICE_DEVICESTATE_HPP
#define TESSEL_RUNTIME_DEVICE_DEVICESTATE_HPP

#include <poplar/Target.hpp>

namespace tessel {

struct DeviceState {
  poplar::Target target;
  unsigned id = 0;
  /// Hardware devices own IPUs [firstIPU, firstIPU + numIPUs) of the
  /// simulated machine while attached; other devices share nothing.
  bool exclusive = false;
  unsigned firstIPU = 0;
  unsigned numIPUs = 0;
  /// This object holds the attachment.
  bool attached = false;

  DeviceState(poplar::Target target, unsigned id)
      : target(std::move(target)), id(id) {}
  DeviceState(const DeviceState &) = delete;
  DeviceState &operator=(const DeviceState &) = delete;
  /// Releases the IPUs if still attached.
  ~DeviceState();
};

} // namespace tessel

#endif
