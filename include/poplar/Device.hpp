// poplar::Device: a machine a compiled graph can be loaded onto (a simulated
// IPU, an IPUModel, or the CPU).
#ifndef POPLAR_DEVICE_HPP
#define POPLAR_DEVICE_HPP

#include <poplar/OptionFlags.hpp>
#include <poplar/Target.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tessel {
struct DeviceState;
}

namespace poplar {

class Device {
public:
  /// An invalid device; getTarget() on it throws.
  Device();
  Device(Device &&) noexcept;
  Device &operator=(Device &&) noexcept;
  Device(const Device &) = delete;
  Device &operator=(const Device &) = delete;
  ~Device();

  unsigned getId() const;
  const Target &getTarget() const;
  /// Claims the device for this object; false if another Device object of
  /// the same id holds it.
  bool attach() const;
  bool isAttached() const;
  void detach() const;
  void reset() const;
  bool supportsRemoteBuffers() const;
  bool hasGateway() const;
  std::vector<int> getNumaTopology() const;
  std::vector<unsigned> getDriverVersion() const;
  std::string getAttribute(const std::string &name) const;
  std::map<std::string, std::string> getAttributes() const;

  /// A device with the same IPUs but only `tilesPerIPU` tiles on each.
  Device createVirtualDevice(unsigned tilesPerIPU);

  static Device createCPUDevice(unsigned numIPUs = 1);
  static Device createSimulatorDevice(const Target &target,
                                      const OptionFlags &opts = {});

  /// Tessel internal: a device of `target` with manager id `id`.
  Device(const Target &target, unsigned id);

private:
  std::shared_ptr<tessel::DeviceState> state;
};

} // namespace poplar

#endif
