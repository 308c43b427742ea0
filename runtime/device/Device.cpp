// poplar::Device: targets, factories and attachment. Hardware devices (from
// DeviceManager) may be attached by one Device object at a time in a process,
// as real IPUs are; model and CPU devices always attach.
#include "runtime/device/DeviceState.hpp"

#include "compiler/core/TargetParameters.hpp"

#include <poplar/Device.hpp>
#include <poplar/exceptions.hpp>

#include <mutex>
#include <set>

using namespace poplar;

namespace tessel {

namespace {
std::mutex attachMutex;
std::set<unsigned> &attachedIds() {
  static std::set<unsigned> ids;
  return ids;
}
/// Model and CPU devices are not shared hardware: any number may attach.
bool isExclusive(const DeviceState &s) {
  return s.target.getTargetType() == TargetType::IPU;
}
} // namespace

DeviceState::~DeviceState() {
  if (attached && isExclusive(*this)) {
    std::lock_guard<std::mutex> lock(attachMutex);
    attachedIds().erase(id);
  }
}

} // namespace tessel

namespace poplar {

Device::Device() = default;
Device::Device(Device &&) noexcept = default;
Device &Device::operator=(Device &&) noexcept = default;
Device::~Device() = default;

Device::Device(const Target &target, unsigned id)
    : state(std::make_shared<tessel::DeviceState>()) {
  state->target = target;
  state->id = id;
}

static const tessel::DeviceState &
checked(const std::shared_ptr<tessel::DeviceState> &state) {
  if (!state)
    throw poplar_error("the Device is not valid (default constructed); get "
                       "one from IPUModel::createDevice or DeviceManager");
  return *state;
}

unsigned Device::getId() const { return checked(state).id; }
const Target &Device::getTarget() const { return checked(state).target; }

bool Device::attach() const {
  const tessel::DeviceState &s = checked(state);
  if (s.attached)
    return true;
  if (tessel::isExclusive(s)) {
    std::lock_guard<std::mutex> lock(tessel::attachMutex);
    if (!tessel::attachedIds().insert(s.id).second)
      return false;
  }
  s.attached = true;
  return true;
}

bool Device::isAttached() const { return state && state->attached; }

void Device::detach() const {
  const tessel::DeviceState &s = checked(state);
  if (!s.attached)
    return;
  if (tessel::isExclusive(s)) {
    std::lock_guard<std::mutex> lock(tessel::attachMutex);
    tessel::attachedIds().erase(s.id);
  }
  s.attached = false;
}

void Device::reset() const { checked(state); }
bool Device::supportsRemoteBuffers() const { return false; }
bool Device::hasGateway() const { return false; }
std::vector<int> Device::getNumaTopology() const { return {0}; }
std::vector<unsigned> Device::getDriverVersion() const { return {0, 1, 0}; }

std::string Device::getAttribute(const std::string &name) const {
  auto attributes = getAttributes();
  auto it = attributes.find(name);
  if (it == attributes.end())
    throw poplar_error("Device attribute '" + name +
                       "' does not exist; getAttributes() lists them");
  return it->second;
}

std::map<std::string, std::string> Device::getAttributes() const {
  const Target &t = getTarget();
  return {{"type", toString(t.getTargetType())},
          {"arch", t.getTargetArchString()},
          {"numIPUs", std::to_string(t.getNumIPUs())},
          {"tilesPerIPU", std::to_string(t.getTilesPerIPU())},
          {"id", std::to_string(getId())},
          {"simulated", "true"}};
}

Device Device::createVirtualDevice(unsigned tilesPerIPU) {
  const Target &t = getTarget();
  if (tilesPerIPU == 0 || tilesPerIPU > t.getTilesPerIPU())
    throw poplar_error("createVirtualDevice: " + std::to_string(tilesPerIPU) +
                       " tiles per IPU requested; the device has " +
                       std::to_string(t.getTilesPerIPU()));
  tessel::TargetParams p = tessel::targetParams(t);
  p.tilesPerIPU = tilesPerIPU;
  return Device(tessel::makeTarget(p), getId());
}

Device Device::createCPUDevice(unsigned numIPUs) {
  return Device(Target::createCPUTarget(false, numIPUs), 0);
}

Device Device::createSimulatorDevice(const Target &target,
                                     const OptionFlags &opts) {
  return Device(target, 0);
}

} // namespace poplar
