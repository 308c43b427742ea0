// Published figures for each IPU generation (sources in
// ../shared/docs/IPU_FACTS.md: Graphcore datasheets, the Poplar User Guide and
// Jia et al., "Dissecting the Graphcore IPU Architecture via
// Microbenchmarking", 2019). Figures the facts sheet marks "(check)" that could
// not be confirmed are noted as estimates.
#include "compiler/core/TargetParameters.hpp"

#include <poplar/exceptions.hpp>

namespace tessel {

TargetParams archParams(const std::string &arch, poplar::TargetType type) {
  TargetParams p;
  p.arch = arch;
  p.system = arch;
  p.type = type;
  p.requiresTileMapping = type == poplar::TargetType::IPU;
  if (arch == "ipu1") {
    // Colossus GC2: 1216 tiles x 256 KiB; 1.6 GHz (estimate).
    p.tilesPerIPU = 1216;
    p.bytesPerTile = 256 * 1024;
    p.clockHz = 1.6e9;
    p.halfConvUnits = 8; // 64 FP16 FLOPs per cycle: 32 MACs
    p.floatConvUnits = 4;
    p.hostLinkBytesPerSecond = 16e9; // PCIe Gen3 x16
  } else if (arch == "ipu2" || arch == "ipu21") {
    // Colossus GC200 (Mk2) and Bow: 1472 tiles x 624 KiB; 1.33 GHz for
    // ipu2, 1.85 GHz for Bow (estimates from peak FLOPs / tiles).
    p.tilesPerIPU = 1472;
    p.bytesPerTile = 638976;
    p.clockHz = arch == "ipu2" ? 1.33e9 : 1.85e9;
    p.halfConvUnits = 16; // 128 FP16 FLOPs per cycle: 64 MACs
    p.floatConvUnits = 8;
  } else {
    throw poplar::invalid_machine_model(
        "unknown IPU architecture '" + arch +
        "'; the known architectures are ipu1, ipu2 and ipu21");
  }
  // One microsecond of PCIe latency per host transfer.
  p.hostTransferLatencyCycles = static_cast<unsigned>(p.clockHz * 1e-6);
  return p;
}

} // namespace tessel
