// poplar::Target: the description of the machine a graph is built for
// (tiles, memory, exchange, clock), and its factory functions.
#ifndef POPLAR_TARGET_HPP
#define POPLAR_TARGET_HPP

#include <poplar/OptionFlags.hpp>
#include <poplar/StringRef.hpp>
#include <poplar/TargetType.hpp>
#include <poplar/Type.hpp>

#include <cstdint>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace tessel {
struct TargetParams;
}

namespace poplar {

class Target {
public:
  /// An invalid target; every getter throws until one is assigned.
  Target();
  /// Reads a target written by serialize(); throws parse_error otherwise.
  explicit Target(std::istream &in);
  Target(const Target &);
  Target(Target &&) noexcept;
  Target &operator=(const Target &);
  Target &operator=(Target &&) noexcept;
  ~Target();

  // Identity.
  TargetType getTargetType() const;
  std::string getTargetSystemString() const;
  std::string getTargetArchString() const;
  // Size and memory.
  unsigned getNumIPUs() const;
  unsigned getTilesPerIPU() const;
  unsigned getNumTiles() const;
  unsigned getNumWorkerContexts() const;
  unsigned getBytesPerTile() const;
  std::uint64_t getMemoryBytes() const;
  // Exchange and sync.
  unsigned getExchangeBytesPerCycle() const;
  unsigned getMemcpyBytesPerCycle() const;
  unsigned getMinIPUSyncDelay() const;
  unsigned getMaxIPUSyncDelay() const;
  unsigned getGlobalSyncCycles() const;
  // Datapath and vectors.
  unsigned getDataPathWidth() const;
  unsigned getFloatVectorWidth() const;
  unsigned getHalfVectorWidth() const;
  unsigned getVectorWidth(const Type &type) const;
  unsigned getTypeSize(const Type &type) const;
  unsigned getAtomicStoreGranularity() const;
  unsigned getRptCountMax() const;
  unsigned getNumStrideBits() const;
  // Convolution units.
  unsigned getWeightsPerConvUnit(const Type &type) const;
  unsigned getNumConvUnits(const Type &inputType,
                           const Type &partialType) const;
  unsigned getConvUnitInputLoadElemsPerCycle(const Type &type) const;
  // Other.
  double getTileClockFrequency() const;
  std::vector<unsigned> getMemoryElementOffsets() const;
  unsigned getInterleavedMemoryElementIndex() const;
  std::string getIpuLinkConfiguration() const;
  std::string getIpuLinkTopology() const;
  unsigned getInstanceSize() const;
  std::size_t hash() const;
  void serialize(std::ostream &out) const;

  bool operator==(const Target &o) const;
  bool operator!=(const Target &o) const { return !(*this == o); }
  bool operator<(const Target &o) const;

  static Target createCPUTarget(bool accurateHalf = false,
                                unsigned numIPUs = 1);
  static Target createIPUTarget(StringRef system, const OptionFlags &opts = {});
  static Target createIPUTarget(unsigned numIPUs, StringRef system,
                                const OptionFlags &opts = {});
  static Target createIPUTarget(unsigned numIPUs, unsigned tilesPerIPU,
                                StringRef system, const OptionFlags &opts = {});
  static Target createVirtualTarget(unsigned numIPUs, unsigned tilesPerIPU);

  /// Tessel internal: the parameters behind this target.
  const tessel::TargetParams &params() const;
  explicit Target(std::shared_ptr<const tessel::TargetParams> params);

private:
  std::shared_ptr<const tessel::TargetParams> impl;
};

} // namespace poplar

#endif
