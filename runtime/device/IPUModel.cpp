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

/// Calls `visit(&IPUModel::m, &TargetParams::p)` for every IPUModel member
/// that is a target parameter: the one list the constructor, createTarget
/// and operator== share.
template <typename Visit> void forEachTargetField(Visit &&visit) {
  using P = tessel::TargetParams;
  visit(&IPUModel::tilesPerSuperTile, &P::tilesPerSuperTile);
  visit(&IPUModel::tilesPerIPU, &P::tilesPerIPU);
  visit(&IPUModel::numWorkerContexts, &P::workerContexts);
  visit(&IPUModel::memoryBytesPerTile, &P::bytesPerTile);
  visit(&IPUModel::tileClockFrequency, &P::clockHz);
  visit(&IPUModel::exchangeBytesPerCycle, &P::exchangeBytesPerCycle);
  visit(&IPUModel::memcpyBytesPerCycle, &P::memcpyBytesPerCycle);
  visit(&IPUModel::instructionBytes, &P::instructionBytes);
  visit(&IPUModel::supportsSuperTileSendReceive,
        &P::supportsSuperTileSendReceive);
  visit(&IPUModel::interleavedMemoryElementIndex,
        &P::interleavedMemoryElementIndex);
  visit(&IPUModel::minIPUSyncDelay, &P::minIPUSyncDelay);
}

} // namespace

IPUModel::IPUModel(const char *version) : IPUVersion(version ? version : "") {
  const tessel::TargetParams p = modelParams(IPUVersion);
  forEachTargetField(
      [&](auto model, auto params) { this->*model = p.*params; });
}

Target IPUModel::createTarget(OptionFlags opts, bool accurateHalf) const {
  tessel::TargetParams p = modelParams(IPUVersion);
  forEachTargetField(
      [&](auto model, auto params) { p.*params = this->*model; });
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
  bool same = IPUVersion == o.IPUVersion && numIPUs == o.numIPUs &&
              relativeSyncDelay == o.relativeSyncDelay &&
              compileIPUCode == o.compileIPUCode;
  forEachTargetField(
      [&](auto model, auto) { same = same && this->*model == o.*model; });
  return same;
}

} // namespace poplar
