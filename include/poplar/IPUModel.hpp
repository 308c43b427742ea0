// poplar::IPUModel: a configurable simulated IPU. Change its members, then
// createDevice().
#ifndef POPLAR_IPUMODEL_HPP
#define POPLAR_IPUMODEL_HPP

#include <poplar/Device.hpp>
#include <poplar/OptionFlags.hpp>
#include <poplar/exceptions.hpp>

#include <cassert>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace poplar {

struct IPUModel {
  /// AUTO: IPUs further (in IPU-Link hops) from IPU 0 reach a sync later, so
  /// getMaxIPUSyncDelay() grows with numIPUs; NO_DELAY: all at once.
  enum class RelativeSyncDelayType { AUTO, NO_DELAY };

  /// The published figures of "ipu1", "ipu2" or "ipu21"; any other version
  /// throws invalid_machine_model naming the known ones.
  explicit IPUModel(const char *IPUVersion = "ipu2");

  /// A device of TargetType::IPU_MODEL whose target has every member's
  /// value. `opts` are target options (see Target::createIPUTarget);
  /// invalid members throw invalid_machine_model naming the member. The
  /// device id is deviceManagerId, or 0 when it is UINT_MAX.
  Device createDevice(OptionFlags opts = {}, bool accurateHalf = false,
                      unsigned deviceManagerId = UINT_MAX) const;
  /// Tessel extension: the target createDevice() would give.
  Target createTarget(OptionFlags opts = {}, bool accurateHalf = false) const;

  std::string IPUVersion;
  unsigned numIPUs = 1;
  unsigned tilesPerSuperTile = 4;
  unsigned tilesPerIPU = 1472;
  unsigned numWorkerContexts = 6;
  unsigned memoryBytesPerTile = 638976;
  double tileClockFrequency = 1.33e9;
  unsigned exchangeBytesPerCycle = 4;
  unsigned memcpyBytesPerCycle = 8;
  unsigned instructionBytes = 4;
  bool supportsSuperTileSendReceive = true;
  unsigned interleavedMemoryElementIndex = 1;
  unsigned minIPUSyncDelay = 0;
  RelativeSyncDelayType relativeSyncDelay = RelativeSyncDelayType::AUTO;
  /// Accepted for compatibility. Poplar compiles real IPU code to make
  /// memory profiles exact; Tessel's tile memories are always exact.
  bool compileIPUCode = false;

  bool operator==(const IPUModel &o) const;
  bool operator!=(const IPUModel &o) const { return !(*this == o); }
};

} // namespace poplar

#endif
