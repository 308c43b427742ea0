// The published figures of each IPU generation, and the checks every target
// passes. Sources (see also ../shared/docs/IPU_FACTS.md):
//  [DS]  Graphcore product pages and datasheets: tiles, SRAM, peak FLOPS.
//  [PG]  IPU Programmer's Guide: 6 worker contexts, 21-bit tile addresses,
//        64-bit data path, 32 (ipu1) multiply-accumulates per cycle.
//  [JIA] Jia, Tillman, Maggioni, Scarpazza, "Dissecting the Graphcore IPU
//        Architecture via Microbenchmarking", 2019 (GC2 = ipu1).
//  [CLT] Graphcore Command Line Tools, "Device attributes" (gc-info output).
// Figures IPU_FACTS marks "(check)":
//  - ipu1 clock 1.6 GHz: VERIFIED. [JIA] gives a 6-cycle memory latency of
//    about 3.75 ns (1.6 GHz), and 124.5 TFLOPS / (1216 tiles x 64) = 1.6 GHz.
//  - ipu2 clock 1.33 GHz: VERIFIED against [DS] 250 TFLOPS over 1472 tiles of
//    64 half MACs (128 FLOPs): 1.327 GHz.
//  - ipu21 clock 1.85 GHz, 350 TFLOPS: not verified (no public source found).
//  - Host link: IPU_FACTS says PCIe Gen4 x16 (32 GB/s) for ipu2/ipu21; not
//    confirmed. The IPU-M2000 block diagram shows each IPU on PCIe Gen4 x8 to
//    the gateway, and [CLT] shows a C600 (ipu21) at 16 GT/s x8; both suggest
//    about 16 GB/s per IPU. 32 GB/s is kept until the lead decides.
//  - Exchange latency, sync costs: not verified; IPU_FACTS gives "tens" of
//    cycles (internal) and "hundreds" (external), used as 30 and 300.
#include "compiler/core/TargetParameters.hpp"

#include <poplar/exceptions.hpp>

#include <limits>

namespace tessel {

namespace {

/// Extra cycles an IPU one IPU-Link hop further from IPU 0 waits at a sync
/// when relative sync delays are modelled. A model constant, not a
/// published figure.
constexpr unsigned kSyncDelayPerIpuHop = 15;

/// Tiles address their memory with unsigned 21-bit addresses [PG].
constexpr unsigned kMaxTileAddressableBytes = 1u << 21;

/// The most tiles a target may have: more than the largest IPU system
/// (1024 IPUs of 1472 tiles, 1507328 tiles) and few enough that per-tile
/// tables stay small, so an absurd count fails at once instead of
/// exhausting the host's memory.
constexpr unsigned kMaxTargetTiles = 1u << 21;

/// The simulator models a tile's memory as two elements (see
/// Target::getMemoryElementOffsets).
constexpr unsigned kMemoryElements = 2;

void setMk1(TargetParams &p) {
  // Colossus GC2: 1216 tiles x 256 KiB [DS]; 31.1 TFLOPS FP32 and 124.5
  // TFLOPS FP16.32 [JIA]: 8 FP32 and 32 FP16 MACs per tile cycle.
  p.tilesPerIPU = 1216;
  p.bytesPerTile = 256 * 1024;
  p.clockHz = 1.6e9;
  p.halfInHalfOutConvUnits = 8;
  p.halfInFloatOutConvUnits = 8;
  p.floatInFloatOutConvUnits = 4;
  p.convUnitCoeffLoadBytesPerCycle = 8;
  p.hostLinkBytesPerSecond = 16e9;   // PCIe Gen3 x16 (C2 card)
  p.ipuLinkBytesPerSecond = 312.5e9; // 2.5 Tb/s of IPU-Links (not verified)
}

void setMk2(TargetParams &p, bool bow) {
  // Colossus GC200 and Bow: 1472 tiles x 624 KiB [DS]; 250 (GC200) and 350
  // (Bow) TFLOPS FP16.32, 62.5 / 87.5 FP32: 64 FP16 and 16 FP32 MACs per
  // tile cycle; 10 IPU-Links of 320 GB/s in all [DS].
  p.tilesPerIPU = 1472;
  p.bytesPerTile = 638976;
  p.clockHz = bow ? 1.85e9 : 1.33e9;
  p.halfInHalfOutConvUnits = 16;
  p.halfInFloatOutConvUnits = 16;
  p.floatInFloatOutConvUnits = 8;
  p.convUnitCoeffLoadBytesPerCycle = 16; // 128-bit weight loads
  p.hostLinkBytesPerSecond = 32e9;
  p.ipuLinkBytesPerSecond = 320e9;
  if (bow) {
    // ipu21 takes 8-bit floats in the AMP at twice the FP16 element rate
    // (not verified).
    p.quarterWeightsPerConvUnit = 16;
    p.quarterInHalfOutConvUnits = 16;
    p.convUnitInputLoadElemsPerCycleQuarter = 8;
  }
}

std::string where(const std::string &w) { return w.empty() ? w : w + ": "; }

} // namespace

TargetParams archParams(const std::string &arch, poplar::TargetType type) {
  TargetParams p;
  p.arch = arch;
  p.system = arch;
  p.type = type;
  p.requiresTileMapping = type == poplar::TargetType::IPU;
  if (arch == "ipu1")
    setMk1(p);
  else if (arch == "ipu2" || arch == "ipu21")
    setMk2(p, arch == "ipu21");
  else
    throw poplar::invalid_machine_model(
        "unknown IPU architecture '" + arch +
        "'; the known architectures are ipu1, ipu2 and ipu21");
  // About one microsecond of PCIe latency per host transfer (a model
  // figure, not verified).
  p.hostTransferLatencyCycles = static_cast<unsigned>(p.clockHz * 1e-6);
  // On PCIe cards (C2) streaming memory is host
  // memory behind the host link (IPU_FACTS.md, "host link"), so remote
  // buffer rows move at its bandwidth and latency.
  p.streamingMemoryBytesPerSecond = p.hostLinkBytesPerSecond;
  p.streamingMemoryLatencyCycles = p.hostTransferLatencyCycles;
  setNumIPUs(p, 1);
  return p;
}

TargetParams cpuParams(unsigned numIPUs, bool accurateHalf) {
  // The host runs each IPU as one big tile; the other figures are ipu2's so
  // code that asks for vector widths and conv units still gets answers.
  TargetParams p = archParams("ipu2", poplar::TargetType::CPU);
  p.arch = "cpu";
  p.system = "cpu";
  p.tilesPerIPU = 1;
  p.bytesPerTile = 256u << 20;
  p.accurateHalf = accurateHalf;
  p.requiresTileMapping = false;
  setNumIPUs(p, numIPUs);
  return p;
}

void setNumIPUs(TargetParams &p, unsigned numIPUs, bool relativeSyncDelay) {
  p.numIPUs = numIPUs;
  p.ipuLinkDomainSize = numIPUs;
  // With relative delays, the farthest IPU of a chain is numIPUs - 1 hops
  // from IPU 0.
  unsigned hops = numIPUs > 1 && relativeSyncDelay ? numIPUs - 1 : 0;
  p.maxIPUSyncDelay = p.minIPUSyncDelay + hops * kSyncDelayPerIpuHop;
}

void checkTargetParams(const TargetParams &p, const std::string &w) {
  auto fail = [&](const std::string &what) {
    throw poplar::invalid_machine_model(where(w) + what);
  };
  bool cpu = p.type == poplar::TargetType::CPU;
  if (cpu ? p.arch != "cpu"
          : p.arch != "ipu1" && p.arch != "ipu2" && p.arch != "ipu21")
    fail("architecture '" + p.arch + "' does not fit target type " +
         poplar::toString(p.type) +
         "; IPU targets are ipu1, ipu2 or ipu21 and CPU targets are cpu");
  if (p.numIPUs == 0)
    fail("numIPUs must be at least 1");
  if (p.tilesPerIPU == 0)
    fail("tilesPerIPU must be at least 1");
  if (p.tilesPerIPU > std::numeric_limits<unsigned>::max() / p.numIPUs)
    fail(std::to_string(p.numIPUs) + " IPUs of " +
         std::to_string(p.tilesPerIPU) +
         " tiles exceed 2^32 - 1 tiles; use fewer IPUs or tiles");
  if (p.numIPUs * p.tilesPerIPU > kMaxTargetTiles)
    fail(std::to_string(p.numIPUs) + (p.numIPUs == 1 ? " IPU" : " IPUs") +
         " of " + std::to_string(p.tilesPerIPU) + " tiles make " +
         std::to_string(std::uint64_t(p.numIPUs) * p.tilesPerIPU) +
         " tiles, more than the " + std::to_string(kMaxTargetTiles) +
         " (2^21) a target may have (a 1024-IPU system has 1507328); use "
         "fewer IPUs or tiles");
  if (p.workerContexts == 0)
    fail("numWorkerContexts must be at least 1");
  if (p.tilesPerSuperTile == 0)
    fail("tilesPerSuperTile must be at least 1");
  if (p.interleavedMemoryElementIndex >= kMemoryElements)
    fail("interleavedMemoryElementIndex " +
         std::to_string(p.interleavedMemoryElementIndex) +
         " does not exist; tiles have " + std::to_string(kMemoryElements) +
         " memory elements (0 and 1)");
  if (p.bytesPerTile == 0)
    fail("memoryBytesPerTile must be at least 1");
  if (!cpu && p.bytesPerTile > kMaxTileAddressableBytes)
    fail("memoryBytesPerTile " + std::to_string(p.bytesPerTile) +
         " exceeds the 2 MiB (2097152 bytes) a tile can address with 21-bit "
         "addresses");
  if (p.exchangeBytesPerCycle == 0 || p.memcpyBytesPerCycle == 0)
    fail("exchangeBytesPerCycle and memcpyBytesPerCycle must be at least 1");
  if (p.instructionBytes == 0)
    fail("instructionBytes must be at least 1");
  if (!(p.clockHz > 0) || p.clockHz == std::numeric_limits<double>::infinity())
    fail("tileClockFrequency must be a positive number of hertz");
  if (p.ipuLinkDomainSize == 0)
    fail("ipuLinkDomainSize must be at least 1");
  if (p.dataPathWidth == 0 || p.dataPathWidth % 8 != 0)
    fail("the data path width must be a positive number of bytes");
  if (p.maxIPUSyncDelay < p.minIPUSyncDelay)
    fail("maxIPUSyncDelay is below minIPUSyncDelay");
}

} // namespace tessel
