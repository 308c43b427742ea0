// poplar::Target: getters over TargetParams and the factory functions. The
// serialized form and comparisons live in TargetSerialization.cpp.
#include "compiler/core/TargetParameters.hpp"
#include "compiler/core/TypeTable.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>

using namespace poplar;

namespace tessel {

const TargetParams &targetParams(const Target &target) {
  return target.params();
}

Target makeTarget(const TargetParams &params) {
  checkTargetParams(params, "Target");
  return Target(std::make_shared<const TargetParams>(params));
}

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
  return "TargetType(" + std::to_string(int(t)) + ")";
}

std::string toString(IpuLinkConfiguration c) {
  switch (c) {
  case IpuLinkConfiguration::Default:
    return "Default";
  case IpuLinkConfiguration::SlidingWindow:
    return "SlidingWindow";
  case IpuLinkConfiguration::BarleyTwist:
    return "BarleyTwist";
  }
  return "IpuLinkConfiguration(" + std::to_string(int(c)) + ")";
}

std::string toString(IpuLinkTopology t) {
  switch (t) {
  case IpuLinkTopology::Mesh:
    return "Mesh";
  case IpuLinkTopology::Torus:
    return "Torus";
  case IpuLinkTopology::Line:
    return "Line";
  }
  return "IpuLinkTopology(" + std::to_string(int(t)) + ")";
}

Target::Target() = default;
Target::Target(std::shared_ptr<const tessel::TargetParams> params)
    : impl(std::move(params)) {}
Target::Target(const Target &) = default;
Target::Target(Target &&) noexcept = default;
Target &Target::operator=(const Target &) = default;
Target &Target::operator=(Target &&) noexcept = default;
Target::~Target() = default;

const tessel::TargetParams &Target::params() const {
  if (!impl)
    throw poplar_error("the Target is not valid (default constructed); make "
                       "one with Target::createIPUTarget or "
                       "IPUModel::createDevice, or take it from a Device");
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
unsigned Target::getQuarterVectorWidth() const {
  return params().quarterVectorWidth;
}
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

unsigned Target::getWeightsPerConvUnit(const Type &inputType) const {
  tessel::typeInfo(inputType); // rejects invalid types
  const tessel::TargetParams &p = params();
  if (inputType == HALF)
    return p.halfWeightsPerConvUnit;
  if (inputType == FLOAT)
    return p.floatWeightsPerConvUnit;
  if (inputType == QUARTER)
    return p.quarterWeightsPerConvUnit;
  return 0;
}
unsigned Target::getConvUnitMaxPipelineDepth(const Type &inputType) const {
  return getWeightsPerConvUnit(inputType);
}
unsigned Target::getNumConvUnits(const Type &inputType,
                                 const Type &partialType) const {
  tessel::typeInfo(inputType);
  tessel::typeInfo(partialType);
  const tessel::TargetParams &p = params();
  if (inputType == HALF && partialType == HALF)
    return p.halfInHalfOutConvUnits;
  if (inputType == HALF && partialType == FLOAT)
    return p.halfInFloatOutConvUnits;
  if (inputType == FLOAT && partialType == FLOAT)
    return p.floatInFloatOutConvUnits;
  if (inputType == QUARTER && partialType == HALF)
    return p.quarterInHalfOutConvUnits;
  return 0;
}
unsigned Target::getConvUnitInputLoadElemsPerCycle(const Type &type) const {
  tessel::typeInfo(type);
  const tessel::TargetParams &p = params();
  if (type == HALF)
    return p.convUnitInputLoadElemsPerCycleHalf;
  if (type == FLOAT)
    return p.convUnitInputLoadElemsPerCycleFloat;
  if (type == QUARTER)
    return p.convUnitInputLoadElemsPerCycleQuarter;
  return 0;
}
unsigned Target::getConvUnitCoeffLoadBytesPerCycle() const {
  return params().convUnitCoeffLoadBytesPerCycle;
}
unsigned Target::getFp16ConvUnitMaxPipelineDepth() const {
  return params().halfWeightsPerConvUnit;
}
unsigned Target::getFp32ConvUnitMaxPipelineDepth() const {
  return params().floatWeightsPerConvUnit;
}
unsigned Target::getFp16ConvUnitInputLoadElemsPerCycle() const {
  return params().convUnitInputLoadElemsPerCycleHalf;
}
unsigned Target::getFp32ConvUnitInputLoadElemsPerCycle() const {
  return params().convUnitInputLoadElemsPerCycleFloat;
}
unsigned Target::getFp16InFp16OutConvUnitsPerTile() const {
  return params().halfInHalfOutConvUnits;
}
unsigned Target::getFp16InFp32OutConvUnitsPerTile() const {
  return params().halfInFloatOutConvUnits;
}
unsigned Target::getFp32InFp32OutConvUnitsPerTile() const {
  return params().floatInFloatOutConvUnits;
}

double Target::getTileClockFrequency() const { return params().clockHz; }
std::vector<unsigned> Target::getMemoryElementOffsets() const {
  // The simulator models a tile's memory as two elements of equal size; the
  // second (index 1) is the interleaved one that 128-bit loads need.
  return {0, params().bytesPerTile / 2};
}
unsigned Target::getInterleavedMemoryElementIndex() const {
  return params().interleavedMemoryElementIndex;
}
IpuLinkConfiguration Target::getIpuLinkConfiguration() const {
  return params().ipuLinkConfiguration;
}
IpuLinkTopology Target::getIpuLinkTopology() const {
  return params().ipuLinkTopology;
}
unsigned Target::getIpuLinkDomainSize() const {
  return params().ipuLinkDomainSize;
}
bool Target::getGatewayMode() const { return params().gatewayMode; }
unsigned Target::getInstanceSize() const { return params().numIPUs; }

Target Target::createCPUTarget(bool accurateHalf, unsigned numIPUs) {
  return tessel::makeTarget(tessel::cpuParams(numIPUs, accurateHalf));
}

Target Target::createIPUTarget(StringRef system, const OptionFlags &opts) {
  return createIPUTarget(1, system, opts);
}

Target Target::createIPUTarget(unsigned numIPUs, StringRef system,
                               const OptionFlags &opts) {
  tessel::TargetParams p =
      tessel::archParams(std::string(system), TargetType::IPU);
  return createIPUTarget(numIPUs, p.tilesPerIPU, system, opts);
}

Target Target::createIPUTarget(unsigned numIPUs, unsigned tilesPerIPU,
                               StringRef system, const OptionFlags &opts) {
  tessel::TargetParams p =
      tessel::archParams(std::string(system), TargetType::IPU);
  if (tilesPerIPU > p.tilesPerIPU)
    throw invalid_machine_model(
        "createIPUTarget: an " + p.arch + " has " +
        std::to_string(p.tilesPerIPU) + " tiles, so it cannot give " +
        std::to_string(tilesPerIPU) +
        " tiles per IPU; use createVirtualTarget or an IPUModel for more");
  tessel::setNumIPUs(p, numIPUs);
  p.tilesPerIPU = tilesPerIPU;
  tessel::applyTargetOptions(p, opts);
  tessel::checkTargetParams(p, "createIPUTarget");
  return tessel::makeTarget(p);
}

Target Target::createVirtualTarget(unsigned numIPUs, unsigned tilesPerIPU) {
  tessel::TargetParams p = tessel::archParams("ipu2", TargetType::IPU);
  tessel::setNumIPUs(p, numIPUs);
  p.tilesPerIPU = tilesPerIPU;
  tessel::checkTargetParams(p, "createVirtualTarget");
  return tessel::makeTarget(p);
}

} // namespace poplar
