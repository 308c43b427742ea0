// poplar::Target: getters over TargetParams, factories, and a versioned
// text serialization.
#include "compiler/core/TargetParameters.hpp"
#include "compiler/core/TypeTable.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <sstream>
#include <tuple>

using namespace poplar;

namespace tessel {

const TargetParams &targetParams(const Target &target) {
  return target.params();
}

Target makeTarget(const TargetParams &params) {
  return Target(std::make_shared<const TargetParams>(params));
}

namespace {

constexpr const char *kSerialMagic = "TesselTarget";
constexpr unsigned kSerialVersion = 1;

/// Every serialized field: its name and how to read/write it as text.
struct Field {
  const char *name;
  std::function<std::string(const TargetParams &)> get;
  std::function<void(TargetParams &, const std::string &)> set;
};

template <class T>
Field numberField(const char *name, T TargetParams::*member) {
  return {name,
          [member](const TargetParams &p) {
            std::ostringstream os;
            os.precision(17);
            os << p.*member;
            return os.str();
          },
          [member, name](TargetParams &p, const std::string &text) {
            std::istringstream is(text);
            T value{};
            if (!(is >> value) || !is.eof())
              throw parse_error(std::string("Target: field '") + name +
                                "' has malformed value '" + text + "'");
            p.*member = value;
          }};
}

const std::vector<Field> &fields() {
  static const std::vector<Field> all = [] {
    std::vector<Field> f;
    f.push_back({"arch", [](const TargetParams &p) { return p.arch; },
                 [](TargetParams &p, const std::string &v) { p.arch = v; }});
    f.push_back({"system", [](const TargetParams &p) { return p.system; },
                 [](TargetParams &p, const std::string &v) { p.system = v; }});
    f.push_back({"type", [](const TargetParams &p) { return toString(p.type); },
                 [](TargetParams &p, const std::string &v) {
                   if (v == "IPU")
                     p.type = TargetType::IPU;
                   else if (v == "IPU_MODEL")
                     p.type = TargetType::IPU_MODEL;
                   else if (v == "CPU")
                     p.type = TargetType::CPU;
                   else
                     throw parse_error("Target: unknown target type '" + v +
                                       "'");
                 }});
#define TESSEL_FIELD(member)                                                   \
  f.push_back(numberField(#member, &TargetParams::member))
    TESSEL_FIELD(numIPUs);
    TESSEL_FIELD(tilesPerIPU);
    TESSEL_FIELD(tilesPerSuperTile);
    TESSEL_FIELD(workerContexts);
    TESSEL_FIELD(bytesPerTile);
    TESSEL_FIELD(exchangeBytesPerCycle);
    TESSEL_FIELD(memcpyBytesPerCycle);
    TESSEL_FIELD(instructionBytes);
    TESSEL_FIELD(clockHz);
    TESSEL_FIELD(dataPathWidth);
    TESSEL_FIELD(floatVectorWidth);
    TESSEL_FIELD(halfVectorWidth);
    TESSEL_FIELD(atomicStoreGranularity);
    TESSEL_FIELD(rptCountMax);
    TESSEL_FIELD(numStrideBits);
    TESSEL_FIELD(interleavedMemoryElementIndex);
    TESSEL_FIELD(supportsSuperTileSendReceive);
    TESSEL_FIELD(accurateHalf);
    TESSEL_FIELD(minIPUSyncDelay);
    TESSEL_FIELD(maxIPUSyncDelay);
    TESSEL_FIELD(internalSyncCycles);
    TESSEL_FIELD(externalSyncCycles);
    TESSEL_FIELD(globalSyncCycles);
    TESSEL_FIELD(exchangeLatencyCycles);
    TESSEL_FIELD(hostLinkBytesPerSecond);
    TESSEL_FIELD(hostTransferLatencyCycles);
    TESSEL_FIELD(ipuLinkBytesPerSecond);
    TESSEL_FIELD(halfWeightsPerConvUnit);
    TESSEL_FIELD(floatWeightsPerConvUnit);
    TESSEL_FIELD(halfConvUnits);
    TESSEL_FIELD(floatConvUnits);
    TESSEL_FIELD(convUnitInputLoadElemsPerCycleHalf);
    TESSEL_FIELD(convUnitInputLoadElemsPerCycleFloat);
    TESSEL_FIELD(requiresTileMapping);
#undef TESSEL_FIELD
    return f;
  }();
  return all;
}

std::string serializeParams(const TargetParams &p) {
  std::ostringstream os;
  os << kSerialMagic << ' ' << kSerialVersion << '\n';
  for (const Field &f : fields())
    os << f.name << '=' << f.get(p) << '\n';
  os << "end\n";
  return os.str();
}

Target createIPU(unsigned numIPUs, const std::string &arch, TargetType type,
                 const OptionFlags &opts) {
  TargetParams p = archParams(arch, type);
  if (numIPUs == 0)
    throw invalid_machine_model("createIPUTarget: numIPUs must be at least 1");
  p.numIPUs = numIPUs;
  return makeTarget(p);
}

} // namespace
} // namespace tessel

namespace poplar {

std::string toString(TargetType t) {
  switch (t) {
  case TargetType::IPU:
    return "IPU";
  case TargetType::IPU_MODEL:
    return "IPU_MODEL";
  case TargetType::CPU:
    return "CPU";
  }
  return "UNKNOWN";
}

Target::Target() = default;
Target::Target(std::shared_ptr<const tessel::TargetParams> params)
    : impl(std::move(params)) {}
Target::Target(const Target &) = default;
Target::Target(Target &&) noexcept = default;
Target &Target::operator=(const Target &) = default;
Target &Target::operator=(Target &&) noexcept = default;
Target::~Target() = default;

Target::Target(std::istream &in) {
  std::string magic;
  unsigned version = 0;
  if (!(in >> magic >> version) || magic != tessel::kSerialMagic)
    throw parse_error("Target: the stream does not hold a serialized Tessel "
                      "target (expected '" +
                      std::string(tessel::kSerialMagic) + "', found '" + magic +
                      "')");
  if (version != tessel::kSerialVersion)
    throw parse_error("Target: serialized target version " +
                      std::to_string(version) +
                      " is not supported (this "
                      "Tessel reads version " +
                      std::to_string(tessel::kSerialVersion) + ")");
  std::map<std::string, std::string> values;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line) && line != "end") {
    auto eq = line.find('=');
    if (eq == std::string::npos)
      throw parse_error("Target: malformed line '" + line + "'");
    values[line.substr(0, eq)] = line.substr(eq + 1);
  }
  if (line != "end")
    throw parse_error("Target: serialized target is truncated");
  tessel::TargetParams p;
  for (const tessel::Field &f : tessel::fields()) {
    auto it = values.find(f.name);
    if (it == values.end())
      throw parse_error(std::string("Target: field '") + f.name +
                        "' is missing");
    f.set(p, it->second);
  }
  impl = std::make_shared<const tessel::TargetParams>(std::move(p));
}

const tessel::TargetParams &Target::params() const {
  if (!impl)
    throw poplar_error("the Target is not valid (default constructed); make "
                       "one with Target::createIPUTarget or get it from a "
                       "Device");
  return *impl;
}

TargetType Target::getTargetType() const { return params().type; }
std::string Target::getTargetSystemString() const { return params().system; }
std::string Target::getTargetArchString() const { return params().arch; }
unsigned Target::getNumIPUs() const { return params().numIPUs; }
unsigned Target::getTilesPerIPU() const { return params().tilesPerIPU; }
unsigned Target::getNumTiles() const { return params().numTiles(); }
unsigned Target::getNumWorkerContexts() const {
  return params().workerContexts;
}
unsigned Target::getBytesPerTile() const { return params().bytesPerTile; }
std::uint64_t Target::getMemoryBytes() const {
  return std::uint64_t(params().bytesPerTile) * params().numTiles();
}
unsigned Target::getExchangeBytesPerCycle() const {
  return params().exchangeBytesPerCycle;
}
unsigned Target::getMemcpyBytesPerCycle() const {
  return params().memcpyBytesPerCycle;
}
unsigned Target::getMinIPUSyncDelay() const { return params().minIPUSyncDelay; }
unsigned Target::getMaxIPUSyncDelay() const { return params().maxIPUSyncDelay; }
unsigned Target::getGlobalSyncCycles() const {
  return params().globalSyncCycles;
}
unsigned Target::getDataPathWidth() const { return params().dataPathWidth; }
unsigned Target::getFloatVectorWidth() const {
  return params().floatVectorWidth;
}
unsigned Target::getHalfVectorWidth() const { return params().halfVectorWidth; }
unsigned Target::getVectorWidth(const Type &type) const {
  return std::max(1u, params().dataPathWidth / 8 / getTypeSize(type));
}
unsigned Target::getTypeSize(const Type &type) const {
  return tessel::typeInfo(type).size;
}
unsigned Target::getAtomicStoreGranularity() const {
  return params().atomicStoreGranularity;
}
unsigned Target::getRptCountMax() const { return params().rptCountMax; }
unsigned Target::getNumStrideBits() const { return params().numStrideBits; }
unsigned Target::getWeightsPerConvUnit(const Type &type) const {
  return type == FLOAT ? params().floatWeightsPerConvUnit
                       : params().halfWeightsPerConvUnit;
}
unsigned Target::getNumConvUnits(const Type &inputType,
                                 const Type &partialType) const {
  return inputType == FLOAT ? params().floatConvUnits : params().halfConvUnits;
}
unsigned Target::getConvUnitInputLoadElemsPerCycle(const Type &type) const {
  return type == FLOAT ? params().convUnitInputLoadElemsPerCycleFloat
                       : params().convUnitInputLoadElemsPerCycleHalf;
}
double Target::getTileClockFrequency() const { return params().clockHz; }
std::vector<unsigned> Target::getMemoryElementOffsets() const {
  // Two memory elements per tile, the second starting half way.
  return {0, params().bytesPerTile / 2};
}
unsigned Target::getInterleavedMemoryElementIndex() const {
  return params().interleavedMemoryElementIndex;
}
std::string Target::getIpuLinkConfiguration() const {
  return params().numIPUs > 1 ? "Default" : "None";
}
std::string Target::getIpuLinkTopology() const {
  return params().numIPUs > 1 ? "Mesh" : "None";
}
unsigned Target::getInstanceSize() const { return params().numIPUs; }

std::size_t Target::hash() const {
  return impl ? std::hash<std::string>()(tessel::serializeParams(*impl)) : 0;
}

void Target::serialize(std::ostream &out) const {
  out << tessel::serializeParams(params());
}

bool Target::operator==(const Target &o) const {
  if (!impl || !o.impl)
    return !impl && !o.impl;
  return tessel::serializeParams(*impl) == tessel::serializeParams(*o.impl);
}

bool Target::operator<(const Target &o) const {
  if (!impl || !o.impl)
    return !impl && o.impl;
  return tessel::serializeParams(*impl) < tessel::serializeParams(*o.impl);
}

Target Target::createCPUTarget(bool accurateHalf, unsigned numIPUs) {
  tessel::TargetParams p;
  p.arch = "cpu";
  p.system = "cpu";
  p.type = TargetType::CPU;
  p.numIPUs = numIPUs;
  p.tilesPerIPU = 1;
  p.bytesPerTile = 256u << 20;
  p.accurateHalf = accurateHalf;
  p.requiresTileMapping = false;
  return tessel::makeTarget(p);
}

Target Target::createIPUTarget(StringRef system, const OptionFlags &opts) {
  return createIPUTarget(1, system, opts);
}

Target Target::createIPUTarget(unsigned numIPUs, StringRef system,
                               const OptionFlags &opts) {
  return tessel::createIPU(numIPUs, std::string(system), TargetType::IPU, opts);
}

Target Target::createIPUTarget(unsigned numIPUs, unsigned tilesPerIPU,
                               StringRef system, const OptionFlags &opts) {
  tessel::TargetParams p =
      tessel::archParams(std::string(system), TargetType::IPU);
  if (numIPUs == 0 || tilesPerIPU == 0)
    throw invalid_machine_model(
        "createIPUTarget: numIPUs and tilesPerIPU must be at least 1");
  p.numIPUs = numIPUs;
  p.tilesPerIPU = tilesPerIPU;
  return tessel::makeTarget(p);
}

Target Target::createVirtualTarget(unsigned numIPUs, unsigned tilesPerIPU) {
  return createIPUTarget(numIPUs, tilesPerIPU, "ipu2");
}

} // namespace poplar
