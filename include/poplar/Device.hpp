// poplar::Device: a machine a compiled graph can be loaded onto (a simulated
// IPU from DeviceManager, an IPUModel, or the CPU).
#ifndef POPLAR_DEVICE_HPP
#define POPLAR_DEVICE_HPP

#include <poplar/OptionFlags.hpp>
#include <poplar/Target.hpp>
#include <poplar/exceptions.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tessel {
struct DeviceState;
struct DeviceAccess;
} // namespace tessel

namespace poplar {

class Device {
public:
  /// An invalid device; everything but isAttached() throws on it.
  Device();
  Device(Device &&) noexcept;
  /// Detaches this device first if it is attached.
  Device &operator=(Device &&) noexcept;
  Device(const Device &) = delete;
  Device &operator=(const Device &) = delete;
  /// Detaches the device if it is attached.
  ~Device();

  /// The DeviceManager id (0 for devices not from a DeviceManager).
  unsigned getId() const;
  const Target &getTarget() const;
  /// Claims the device for this object. Simulated hardware devices
  /// (TargetType::IPU, from DeviceManager) are held by one Device object at
  /// a time in the process, and a device of several IPUs also excludes
  /// every device sharing one of them: attach() returns false while another
  /// object holds any of its IPUs. IPUModel, CPU and simulator devices
  /// always attach. Attaching an attached device returns true.
  bool attach() const;
  bool isAttached() const;
  /// Releases the device (no effect if it is not attached).
  void detach() const;
  /// Returns the device to its power-on state. A simulated device keeps no
  /// state between engines (each Engine owns its tile memories), so only
  /// the validity of the device is checked.
  void reset() const;
  /// False: the simulator has no Streaming Memory for remote buffers.
  bool supportsRemoteBuffers() const;
  /// The target's gateway mode (IPU-Machine gateway).
  bool hasGateway() const;
  /// The NUMA node of each IPU of the device (all 0 in simulation).
  std::vector<int> getNumaTopology() const;
  /// The simulated driver's version: Tessel's version.
  void getDriverVersion(unsigned &major, unsigned &minor,
                        unsigned &point) const;
  /// One attribute of getAttributes(); throws poplar_error naming the
  /// attributes there are if `name` is not one of them.
  std::string getAttribute(const std::string &name) const;
  /// "id", "type", "ipu architecture", "num ipus", "tiles per ipu",
  /// "memory per tile", "clock", "driver version", "simulated".
  std::map<std::string, std::string> getAttributes() const;

  /// A device with the same IPUs (and id) but only `tilesPerIPU` tiles on
  /// each, for graphs that use part of each IPU.
  Device createVirtualDevice(unsigned tilesPerIPU);

  static Device createCPUDevice(unsigned numIPUs = 1);
  /// A device that simulates `target` (of any type) and always attaches.
  /// Tessel's simulator takes no options: any option is invalid_option.
  static Device createSimulatorDevice(const Target &target,
                                      const OptionFlags &opts = {});

  /// Tessel internal: a device of `target` with manager id `id` that
  /// always attaches.
  Device(const Target &target, unsigned id);
  /// Tessel internal: a device over the given state.
  explicit Device(std::shared_ptr<tessel::DeviceState> state);

private:
  friend struct tessel::DeviceAccess;
  std::shared_ptr<tessel::DeviceState> state;
};

} // namespace poplar

#endif
