// poplar::IPUModel: per-architecture defaults, and the Target that reflects
// every member the user changed.
#include "compiler/core/TargetParameters.hpp"

#include <poplar/IPUModel.hpp>
#include <poplar/exceptions.hpp>

namespace poplar {

namespace {

/// The published parameters of `version`, with errors that say they came
/// from an IPUModel.
tessel::TargetParams modelParams(const std::string &version) {
  try {
    return tessel::archParams(version, TargetType::IPU_MODEL);
  } catch (const invalid_machine_model &e) {
    throw invalid_machine_model(std::string("IPUModel: ") + e.what());
  }
}

} // namespace

IPUModel::IPUModel(const char *version) : IPUVersion(version ? version : "") {
  const tessel::TargetParams p = modelParams(IPUVersion);
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
  tessel::TargetParams p = modelParams(IPUVersion);
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
  // Host transfer latency is a time (about 1 us), so it scales with the
  // clock; checkTargetParams rejects a clock that is not a positive number.
  if (tileClockFrequency > 0 && tileClockFrequency < 1e15)
    p.hostTransferLatencyCycles =
        static_cast<unsigned>(tileClockFrequency * 1e-6);
  tessel::setNumIPUs(p, numIPUs,
                     relativeSyncDelay == RelativeSyncDelayType::AUTO);
  tessel::applyTargetOptions(p, opts);
  tessel::checkTargetParams(p, "IPUModel(\"" + IPUVersion + "\")");
  return tessel::makeTarget(p);
}

Device IPUModel::createDevice(OptionFlags opts, bool accurateHalf,
                              unsigned deviceManagerId) const {
  return Device(createTarget(std::move(opts), accurateHalf),
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
