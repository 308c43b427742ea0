// THE hardware numbers: every figure the compiler and the simulator's cycle
// model use for a target lives in TargetParams, filled in one place
// (TargetParameters.cpp, which cites where each number comes from).
#ifndef TESSEL_COMPILER_CORE_TARGETPARAMETERS_HPP
#define TESSEL_COMPILER_CORE_TARGETPARAMETERS_HPP

#include <poplar/OptionFlags.hpp>
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
  unsigned quarterVectorWidth = 8;
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
  // Streaming memory (remote buffers): where it lives off the chip and how
  // fast a row moves between it and tile memory.
  double streamingMemoryBytesPerSecond = 32e9;
  unsigned streamingMemoryLatencyCycles = 1330;
  poplar::IpuLinkConfiguration ipuLinkConfiguration =
      poplar::IpuLinkConfiguration::Default;
  poplar::IpuLinkTopology ipuLinkTopology = poplar::IpuLinkTopology::Mesh;
  unsigned ipuLinkDomainSize = 1; // IPUs joined by IPU-Links
  bool gatewayMode = false;
  // The accumulating matrix product (AMP) unit. Zero means the unit does not
  // take that type.
  unsigned halfWeightsPerConvUnit = 16;
  unsigned floatWeightsPerConvUnit = 8;
  unsigned quarterWeightsPerConvUnit = 0;
  unsigned halfInHalfOutConvUnits = 16;
  unsigned halfInFloatOutConvUnits = 16;
  unsigned floatInFloatOutConvUnits = 8;
  unsigned quarterInHalfOutConvUnits = 0;
  unsigned convUnitInputLoadElemsPerCycleHalf = 4;
  unsigned convUnitInputLoadElemsPerCycleFloat = 2;
  unsigned convUnitInputLoadElemsPerCycleQuarter = 0;
  unsigned convUnitCoeffLoadBytesPerCycle = 16;
  /// Poplar requires every tensor mapped on hardware; the compiler completes
  /// partial mappings on IPUModel and CPU targets.
  bool requiresTileMapping = false;

  unsigned numTiles() const { return numIPUs * tilesPerIPU; }
};

/// Parameters of a target; throws poplar::poplar_error for an invalid one.
const TargetParams &targetParams(const poplar::Target &target);
/// A target with exactly these parameters (checked by checkTargetParams).
poplar::Target makeTarget(const TargetParams &params);

/// The published parameters of one IPU of an architecture ("ipu1", "ipu2",
/// "ipu21"); throws poplar::invalid_machine_model naming the known ones
/// otherwise.
TargetParams archParams(const std::string &arch, poplar::TargetType type);
/// The parameters of the host-CPU target (one tile per IPU).
TargetParams cpuParams(unsigned numIPUs, bool accurateHalf);

/// Sets numIPUs and the figures that depend on it (IPU-Link domain, sync
/// delays between IPUs). `relativeSyncDelay` says whether IPUs further
/// apart wait longer to sync (IPUModel::RelativeSyncDelayType::AUTO).
void setNumIPUs(TargetParams &params, unsigned numIPUs,
                bool relativeSyncDelay = true);

/// Applies target options ("ipuLinkConfiguration", "ipuLinkTopology",
/// "ipuLinkDomainSize", "gatewayMode") and then those in the environment
/// variable POPLAR_TARGET_OPTIONS, which override them. Throws
/// poplar::invalid_option for unknown options or values.
void applyTargetOptions(TargetParams &params, const poplar::OptionFlags &opts);

/// Throws `poplar::invalid_machine_model` (prefixed with `where`) unless the
/// parameters describe a machine that can exist: at least one IPU, tile and
/// worker, a positive clock, at most 2^32 - 1 tiles in all, and so on.
void checkTargetParams(const TargetParams &params, const std::string &where);

} // namespace tessel

#endif
