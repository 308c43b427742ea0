// poplar::IPUModel: a configurable simulated IPU. Change its members, then
// createDevice().
#ifndef POPLAR_IPUMODEL_HPP
#define POPLAR_IPUMODEL_HPP

#include <poplar/Device.hpp>
#include <poplar/OptionFlags.hpp>

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
  enum class RelativeSyncDelayType { AUTO, NO_DELAY };

  /// "ipu1", "ipu2" or "ipu21"; anything else is invalid_machine_model.
  explicit IPUModel(const char *IPUVersion = "ipu2");

  Device createDevice(OptionFlags opts = {}, bool accurateHalf = false,
                      unsigned deviceManagerId = UINT_MAX) const;
  /// The target createDevice() would give.
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
  bool compileIPUCode = false;

  bool operator==(const IPUModel &o) const;
};

} // namespace poplar

#endif
