// poplar::Device: targets, factories, attributes and attachment. Simulated
// hardware devices hold their IPUs exclusively while attached, as real IPUs
// are; model, CPU and simulator devices share nothing and always attach.
#include "compiler/core/TargetParameters.hpp"
#include "runtime/device/DeviceState.hpp"
#include "runtime/device/IPUAttachments.hpp"

#include <poplar/Device.hpp>
#include <poplar/exceptions.hpp>

#include <sstream>

using namespace poplar;

namespace tessel {

DeviceState::~DeviceState() {
  if (attached && exclusive)
    releaseIPUs(firstIPU, numIPUs);
}

} // namespace tessel

namespace poplar {

namespace {

tessel::DeviceState &checked(const std::shared_ptr<tessel::DeviceState> &s,
                             const char *function) {
  if (!s)
    throw poplar_error(std::string("Device::") + function +
                       ": the Device is not valid (default constructed or "
                       "moved from); get one from IPUModel::createDevice, "
                       "DeviceManager::getDevices or Device::createCPUDevice");
  return *s;
}

std::string formatClock(double hertz) {
  std::ostringstream os;
  os << hertz / 1e6 << " MHz";
  return os.str();
}

} // namespace

Device::Device() = default;
Device::Device(Device &&) noexcept = default;
Device &Device::operator=(Device &&) noexcept = default;
Device::~Device() = default;

Device::Device(const Target &target, unsigned id)
    : state(std::make_shared<tessel::DeviceState>(target, id)) {
  target.params(); // an invalid target throws here, not on first use
}

Device::Device(std::shared_ptr<tessel::DeviceState> s) : state(std::move(s)) {
  checked(state, "Device");
}

unsigned Device::getId() const { return checked(state, "getId").id; }

const Target &Device::getTarget() const {
  return checked(state, "getTarget").target;
}

bool Device::attach() const {
  tessel::DeviceState &s = checked(state, "attach");
  if (s.attached)
    return true;
  if (s.exclusive && !tessel::claimIPUs(s.firstIPU, s.numIPUs))
    return false;
  s.attached = true;
  return true;
}

bool Device::isAttached() const { return state && state->attached; }

void Device::detach() const {
  tessel::DeviceState &s = checked(state, "detach");
  if (!s.attached)
    return;
  if (s.exclusive)
    tessel::releaseIPUs(s.firstIPU, s.numIPUs);
  s.attached = false;
  ++s.detachCount;
}

void Device::reset() const { checked(state, "reset"); }

bool Device::supportsRemoteBuffers() const {
  checked(state, "supportsRemoteBuffers");
  return false;
}

bool Device::hasGateway() const {
  return checked(state, "hasGateway").target.getGatewayMode();
}

std::vector<int> Device::getNumaTopology() const {
  return std::vector<int>(getTarget().getNumIPUs(), 0);
}

void Device::getDriverVersion(unsigned &major, unsigned &minor,
                              unsigned &point) const {
  checked(state, "getDriverVersion");
  major = TESSEL_VERSION_MAJOR;
  minor = TESSEL_VERSION_MINOR;
  point = TESSEL_VERSION_PATCH;
}

std::string Device::getAttribute(const std::string &name) const {
  std::map<std::string, std::string> attributes = getAttributes();
  auto it = attributes.find(name);
  if (it != attributes.end())
    return it->second;
  std::string known;
  for (const auto &entry : attributes)
    known += (known.empty() ? "'" : ", '") + entry.first + "'";
  throw poplar_error("Device::getAttribute: device " + std::to_string(getId()) +
                     " has no attribute '" + name + "'; its attributes are " +
                     known);
}

std::map<std::string, std::string> Device::getAttributes() const {
  const Target &t = getTarget();
  unsigned major = 0, minor = 0, point = 0;
  getDriverVersion(major, minor, point);
  return {{"id", std::to_string(getId())},
          {"type", toString(t.getTargetType())},
          {"ipu architecture", t.getTargetArchString()},
          {"num ipus", std::to_string(t.getNumIPUs())},
          {"tiles per ipu", std::to_string(t.getTilesPerIPU())},
          {"memory per tile", std::to_string(t.getBytesPerTile())},
          {"clock", formatClock(t.getTileClockFrequency())},
          {"driver version", std::to_string(major) + "." +
                                 std::to_string(minor) + "." +
                                 std::to_string(point)},
          {"simulated", "true"}};
}

Device Device::createVirtualDevice(unsigned tilesPerIPU) {
  const tessel::DeviceState &s = checked(state, "createVirtualDevice");
  const unsigned tiles = s.target.getTilesPerIPU();
  if (tilesPerIPU == 0 || tilesPerIPU > tiles)
    throw invalid_machine_model(
        "Device::createVirtualDevice: " + std::to_string(tilesPerIPU) +
        " tiles per IPU requested, but device " + std::to_string(s.id) +
        " has " + std::to_string(tiles) + "; ask for 1 to " +
        std::to_string(tiles));
  tessel::TargetParams p = tessel::targetParams(s.target);
  p.tilesPerIPU = tilesPerIPU;
  auto virtualState =
      std::make_shared<tessel::DeviceState>(tessel::makeTarget(p), s.id);
  virtualState->exclusive = s.exclusive;
  virtualState->firstIPU = s.firstIPU;
  virtualState->numIPUs = s.numIPUs;
  return Device(std::move(virtualState));
}

Device Device::createCPUDevice(unsigned numIPUs) {
  return Device(Target::createCPUTarget(false, numIPUs), 0);
}

Device Device::createSimulatorDevice(const Target &target,
                                     const OptionFlags &opts) {
  if (opts.size() != 0)
    throw invalid_option("Device::createSimulatorDevice: unknown simulator "
                         "option '" +
                         opts.begin()->first +
                         "'; Tessel's simulator takes no options");
  return Device(target, 0);
}

} // namespace poplar
