// poplar::IPUModel: per-architecture defaults, and the Target that reflects
// every member the user changed.
#include "compiler/core/TargetParameters.hpp"

#include <poplar/IPUModel.hpp>
#include <poplar/exceptions.hpp>

using namespace poplar;

namespace poplar {

IPUModel::IPUModel(const char *version) : IPUVersion(version ? version : "") {
  tessel::TargetParams p =
      tessel::archParams(IPUVersion, TargetType::IPU_MODEL);
  tilesPerSuperTile = p.tilesPerSuperTile;
  tilesPerIPU = p.tilesPerIPU;
  numWorkerContexts = p.workerContexts;
  memoryBytesPerTile = p.bytesPerTile;
  tileClockFrequency = p.clockHz;
  exchangeBytesPerCycle = p.exchangeBytesPerCycle;
  memcpyBytesPerCycle = p.memcpyBytesPerCycle;
  instructionBytes = p.instructionBytes;
  supportsSuperTileSendReceive = p.supportsSuperTileSendReceive;
  interleavedMemoryElementIndex = p.interleavedMemoryElementIndex;
  minIPUSyncDelay = p.minIPUSyncDelay;
}

Target IPUModel::createTarget(OptionFlags opts, bool accurateHalf) const {
  tessel::TargetParams p =
      tessel::archParams(IPUVersion, TargetType::IPU_MODEL);
  if (numIPUs == 0 || tilesPerIPU == 0 || numWorkerContexts == 0 ||
      memoryBytesPerTile == 0 || exchangeBytesPerCycle == 0 ||
      tileClockFrequency <= 0)
    throw invalid_machine_model(
        "IPUModel: numIPUs, tilesPerIPU, numWorkerContexts, "
        "memoryBytesPerTile, exchangeBytesPerCycle and tileClockFrequency "
        "must all be positive");
  if (memoryBytesPerTile > (1u << 21))
    throw invalid_machine_model(
        "IPUModel: memoryBytesPerTile " + std::to_string(memoryBytesPerTile) +
        " exceeds the 2 MiB a tile can address (21-bit addresses)");
  p.numIPUs = numIPUs;
  p.tilesPerSuperTile = tilesPerSuperTile;
  p.tilesPerIPU = tilesPerIPU;
  p.workerContexts = numWorkerContexts;
  p.bytesPerTile = memoryBytesPerTile;
  p.clockHz = tileClockFrequency;
  p.exchangeBytesPerCycle = exchangeBytesPerCycle;
  p.memcpyBytesPerCycle = memcpyBytesPerCycle;
  p.instructionBytes = instructionBytes;
  p.supportsSuperTileSendReceive = supportsSuperTileSendReceive;
  p.interleavedMemoryElementIndex = interleavedMemoryElementIndex;
  p.minIPUSyncDelay = minIPUSyncDelay;
  p.accurateHalf = accurateHalf;
  p.hostTransferLatencyCycles =
      static_cast<unsigned>(tileClockFrequency * 1e-6);
  return tessel::makeTarget(p);
}

Device IPUModel::createDevice(OptionFlags opts, bool accurateHalf,
                              unsigned deviceManagerId) const {
  return Device(createTarget(opts, accurateHalf),
                deviceManagerId == UINT_MAX ? 0 : deviceManagerId);
}

bool IPUModel::operator==(const IPUModel &o) const {
  return IPUVersion == o.IPUVersion && numIPUs == o.numIPUs &&
         tilesPerSuperTile == o.tilesPerSuperTile &&
         tilesPerIPU == o.tilesPerIPU &&
         numWorkerContexts == o.numWorkerContexts &&
         memoryBytesPerTile == o.memoryBytesPerTile &&
         tileClockFrequency == o.tileClockFrequency &&
         exchangeBytesPerCycle == o.exchangeBytesPerCycle &&
         memcpyBytesPerCycle == o.memcpyBytesPerCycle &&
         instructionBytes == o.instructionBytes &&
         supportsSuperTileSendReceive == o.supportsSuperTileSendReceive &&
         interleavedMemoryElementIndex == o.interleavedMemoryElementIndex &&
         minIPUSyncDelay == o.minIPUSyncDelay &&
         relativeSyncDelay == o.relativeSyncDelay &&
         compileIPUCode == o.compileIPUCode;
}

} // namespace poplar
