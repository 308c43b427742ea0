// poplar::DeviceManager over a simulated IPU-POD64: single IPUs first, then
// aligned groups of 2, 4, ... 64 IPUs, numbered as on a real system.
#include "runtime/device/DeviceState.hpp"

#include <poplar/DeviceManager.hpp>
#include <poplar/IPUModel.hpp>
#include <poplar/exceptions.hpp>

namespace poplar {

namespace {

constexpr unsigned kMachineIPUs = 64;
constexpr const char *kValidSizes = "1, 2, 4, 8, 16, 32 or 64";

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

bool isValidSize(unsigned numIPUs) {
  return numIPUs >= 1 && numIPUs <= kMachineIPUs &&
         (numIPUs & (numIPUs - 1)) == 0;
}

void checkNoOptions(const OptionFlags &opts, const char *function) {
  if (opts.size() != 0)
    throw invalid_option(std::string("DeviceManager::") + function +
                         ": unknown device option '" + opts.begin()->first +
                         "'; Tessel's simulated devices take no options");
}

const DeviceSlot &slotOf(unsigned id, const char *function) {
  if (id >= slots().size())
    throw invalid_machine_model(std::string("DeviceManager::") + function +
                                ": device id " + std::to_string(id) +
                                " does not exist; the simulated IPU-POD64 has "
                                "ids 0 to " +
                                std::to_string(slots().size() - 1));
  return slots()[id];
}

Device hardwareDevice(const DeviceSlot &slot) {
  auto state = std::make_shared<tessel::DeviceState>(
      Target::createIPUTarget(slot.numIPUs, "ipu2"), slot.id);
  state->exclusive = true;
  state->firstIPU = slot.firstIPU;
  state->numIPUs = slot.numIPUs;
  return Device(std::move(state));
}

Device modelDevice(const DeviceSlot &slot) {
  IPUModel model("ipu2");
  model.numIPUs = slot.numIPUs;
  return model.createDevice({}, false, slot.id);
}

} // namespace

DeviceManager::DeviceManager() = default;

DeviceManager DeviceManager::createDeviceManager() { return DeviceManager(); }

std::size_t DeviceManager::getNumDevices() const { return slots().size(); }

std::vector<Device> DeviceManager::getDevices(const OptionFlags &opts) const {
  checkNoOptions(opts, "getDevices");
  std::vector<Device> devices;
  for (const DeviceSlot &slot : slots())
    devices.push_back(hardwareDevice(slot));
  return devices;
}

std::vector<Device> DeviceManager::getDevices(TargetType type,
                                              unsigned requiredNumIPUs,
                                              const OptionFlags &opts) const {
  checkNoOptions(opts, "getDevices");
  std::vector<Device> devices;
  if (type == TargetType::CPU) {
    devices.push_back(Device::createCPUDevice(requiredNumIPUs));
    return devices;
  }
  if (!isValidSize(requiredNumIPUs))
    throw invalid_machine_model(
        "DeviceManager::getDevices: no device has " +
        std::to_string(requiredNumIPUs) +
        " IPUs; the simulated IPU-POD64 has devices of " + kValidSizes +
        " IPUs");
  for (const DeviceSlot &slot : slots())
    if (slot.numIPUs == requiredNumIPUs)
      devices.push_back(type == TargetType::IPU ? hardwareDevice(slot)
                                                : modelDevice(slot));
  return devices;
}

Device DeviceManager::getDevice(unsigned deviceManagerId,
                                const OptionFlags &opts) const {
  checkNoOptions(opts, "getDevice");
  return hardwareDevice(slotOf(deviceManagerId, "getDevice"));
}

std::vector<unsigned>
DeviceManager::getChildDeviceIds(unsigned parentId,
                                 unsigned numChildDeviceIpus) const {
  const DeviceSlot &parent = slotOf(parentId, "getChildDeviceIds");
  if (!isValidSize(numChildDeviceIpus))
    throw invalid_machine_model(
        "DeviceManager::getChildDeviceIds: no device has " +
        std::to_string(numChildDeviceIpus) + " IPUs; child devices have " +
        kValidSizes + " IPUs");
  std::vector<unsigned> children;
  if (numChildDeviceIpus >= parent.numIPUs)
    return children;
  for (const DeviceSlot &slot : slots())
    if (slot.numIPUs == numChildDeviceIpus &&
        slot.firstIPU >= parent.firstIPU &&
        slot.firstIPU + slot.numIPUs <= parent.firstIPU + parent.numIPUs)
      children.push_back(slot.id);
  return children;
}

} // namespace poplar
