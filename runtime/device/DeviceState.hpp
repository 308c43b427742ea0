// What a poplar::Device is inside: its target, its manager id and, for the
// simulated hardware devices DeviceManager hands out, the IPUs it owns while
// attached.
#ifndef TESSEL_RUNTIME_DEVICE_DEVICESTATE_HPP
#define TESSEL_RUNTIME_DEVICE_DEVICESTATE_HPP

#include <poplar/Device.hpp>
#include <poplar/Target.hpp>

#include <atomic>
#include <cstdint>
#include <memory>

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
  /// The engine whose program and memories the device holds (an
  /// EngineImpl's id; 0: none), and how often the device was detached.
  /// An engine loaded before another engine's load or a detach no longer
  /// owns the device.
  std::atomic<std::uint64_t> loadedEngine{0};
  std::atomic<std::uint64_t> detachCount{0};

  DeviceState(poplar::Target target, unsigned id)
      : target(std::move(target)), id(id) {}
  DeviceState(const DeviceState &) = delete;
  DeviceState &operator=(const DeviceState &) = delete;
  /// Releases the IPUs if still attached.
  ~DeviceState();
};

/// The state behind a poplar::Device, for the engine that loads onto it.
struct DeviceAccess {
  static const std::shared_ptr<DeviceState> &
  state(const poplar::Device &device) {
    return device.state;
  }
};

} // namespace tessel

#endif
