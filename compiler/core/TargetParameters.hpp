// THE hardware numbers: every figure the compiler and the simulator's cycle
// model use for a target lives in TargetParams, filled in one place
// (TargetParameters.cpp) from ../shared/docs/IPU_FACTS.md.
#ifndef TESSEL_COMPILER_CORE_TARGETPARAMETERS_HPP
#define TESSEL_COMPILER_CORE_TARGETPARAMETERS_HPP

#include <poplar/Target.hpp>

#include <cstdint>
#include <string>

namespace tessel {

struct TargetParams {
  std::string arch;   // "ipu1", "ipu2", "ipu21" or "cpu"
  std::string system; // getTargetSystemString(), e.g. "ipu2"
  poplar::TargetType type = poplar::TargetType::IPU_MODEL;
  unsigned numIPUs = 1;
  unsigned tilesPerIPU = 1472;
  unsigned tilesPerSuperTile = 4;
  unsigned workerContexts = 6;
  unsigned bytesPerTile = 638976;
  unsigned exchangeBytesPerCycle = 4;
  unsigned memcpyBytesPerCycle = 8;
  unsigned instructionBytes = 4;
  double clockHz = 1.33e9;
  unsigned dataPathWidth = 64; // bits
  unsigned floatVectorWidth = 2;
  unsigned halfVectorWidth = 4;
  unsigned atomicStoreGranularity = 4;
  unsigned rptCountMax = 4095;
  unsigned numStrideBits = 10;
  unsigned interleavedMemoryElementIndex = 1;
  bool supportsSuperTileSendReceive = true;
  bool accurateHalf = false;
  // Sync and exchange costs, in tile cycles.
  unsigned minIPUSyncDelay = 0;
  unsigned maxIPUSyncDelay = 0;
  unsigned internalSyncCycles = 30;
  unsigned externalSyncCycles = 300;
  unsigned globalSyncCycles = 300;
  unsigned exchangeLatencyCycles = 30;
  // Off-tile links.
  double hostLinkBytesPerSecond = 32e9;
  unsigned hostTransferLatencyCycles = 1330;
  double ipuLinkBytesPerSecond = 320e9;
  // The accumulating matrix product unit.
  unsigned halfWeightsPerConvUnit = 16;
  unsigned floatWeightsPerConvUnit = 8;
  unsigned halfConvUnits = 16;
  unsigned floatConvUnits = 8;
  unsigned convUnitInputLoadElemsPerCycleHalf = 4;
  unsigned convUnitInputLoadElemsPerCycleFloat = 2;
  /// Poplar requires every tensor mapped on hardware; the compiler completes
  /// partial mappings on IPUModel and CPU targets.
  bool requiresTileMapping = false;

  unsigned numTiles() const { return numIPUs * tilesPerIPU; }
};

/// Parameters of a target; throws poplar::poplar_error for an invalid one.
const TargetParams &targetParams(const poplar::Target &target);
/// A target with exactly these parameters.
poplar::Target makeTarget(const TargetParams &params);
/// The published parameters of an architecture ("ipu1", "ipu2", "ipu21");
/// throws poplar::invalid_machine_model naming the known ones otherwise.
TargetParams archParams(const std::string &arch, poplar::TargetType type);

} // namespace tessel

#endif
