// poplar::DeviceManager over a simulated machine of 16 ipu2 IPUs: ids 0-15
// are single IPUs, then groups of 2, 4, 8 and 16 as on an IPU-POD16.
#include <poplar/DeviceManager.hpp>
#include <poplar/IPUModel.hpp>
#include <poplar/exceptions.hpp>

namespace poplar {

namespace {

constexpr unsigned kMachineIPUs = 16;

struct DeviceSlot {
  unsigned id;
  unsigned numIPUs;
  unsigned firstIPU;
};

const std::vector<DeviceSlot> &slots() {
  static const std::vector<DeviceSlot> all = [] {
    std::vector<DeviceSlot> s;
    unsigned id = 0;
    for (unsigned size = 1; size <= kMachineIPUs; size *= 2)
      for (unsigned first = 0; first < kMachineIPUs; first += size)
        s.push_back({id++, size, first});
    return s;
  }();
  return all;
}

Device makeDevice(const DeviceSlot &slot) {
  return Device(Target::createIPUTarget(slot.numIPUs, "ipu2"), slot.id);
}

} // namespace

DeviceManager::DeviceManager() = default;

DeviceManager DeviceManager::createDeviceManager() { return DeviceManager(); }

std::size_t DeviceManager::getNumDevices() const { return slots().size(); }

std::vector<Device> DeviceManager::getDevices(const OptionFlags &) const {
  std::vector<Device> devices;
  for (const DeviceSlot &slot : slots())
    devices.push_back(makeDevice(slot));
  return devices;
}

std::vector<Device> DeviceManager::getDevices(TargetType type,
                                              unsigned requiredNumIPUs,
                                              const OptionFlags &) const {
  std::vector<Device> devices;
  if (type == TargetType::CPU) {
    devices.push_back(Device::createCPUDevice(requiredNumIPUs));
    return devices;
  }
  bool valid = requiredNumIPUs >= 1 && requiredNumIPUs <= kMachineIPUs &&
               (requiredNumIPUs & (requiredNumIPUs - 1)) == 0;
  if (!valid)
    throw invalid_machine_model(
        "getDevices: no device has " + std::to_string(requiredNumIPUs) +
        " IPUs; the simulated machine offers devices of 1, 2, 4, 8 or 16 "
        "IPUs");
  for (const DeviceSlot &slot : slots()) {
    if (slot.numIPUs != requiredNumIPUs)
      continue;
    if (type == TargetType::IPU) {
      devices.push_back(makeDevice(slot));
    } else {
      IPUModel model("ipu2");
      model.numIPUs = slot.numIPUs;
      devices.push_back(model.createDevice({}, false, slot.id));
    }
  }
  return devices;
}

Device DeviceManager::getDevice(unsigned deviceManagerId,
                                const OptionFlags &) const {
  if (deviceManagerId >= slots().size())
    throw invalid_machine_model("getDevice: device id " +
                                std::to_string(deviceManagerId) +
                                " does not exist; ids 0 to " +
                                std::to_string(slots().size() - 1) + " do");
  return makeDevice(slots()[deviceManagerId]);
}

std::vector<unsigned>
DeviceManager::getChildDeviceIds(unsigned parentId,
                                 unsigned numChildDeviceIpus) const {
  if (parentId >= slots().size())
    throw invalid_machine_model("getChildDeviceIds: device id " +
                                std::to_string(parentId) + " does not exist");
  const DeviceSlot &parent = slots()[parentId];
  std::vector<unsigned> children;
  for (const DeviceSlot &slot : slots())
    if (slot.numIPUs == numChildDeviceIpus && slot.id != parent.id &&
        slot.firstIPU >= parent.firstIPU &&
        slot.firstIPU + slot.numIPUs <= parent.firstIPU + parent.numIPUs)
      children.push_back(slot.id);
  return children;
}

} // namespace poplar
