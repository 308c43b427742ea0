// What a poplar::Device is inside: its target, its manager id, and the
// process-wide attachment table that lets one Device object at a time own
// each simulated hardware device.
#ifndef TESSEL_RUNTIME_DEVICE_DEVICESTATE_HPP
#define TESSEL_RUNTIME_DEVICE_DEVICESTATE_HPP

#include <poplar/Target.hpp>

namespace tessel {

struct DeviceState {
  poplar::Target target;
  unsigned id = 0;
  /// This object holds the attachment of `id`.
  mutable bool attached = false;
  ~DeviceState();
};

} // namespace tessel

#endif
