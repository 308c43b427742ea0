// poplar::Target: the description of the machine a graph is built for
// (tiles, memory, exchange, clock), and its factory functions.
#ifndef POPLAR_TARGET_HPP
#define POPLAR_TARGET_HPP

#include <poplar/OptionFlags.hpp>
#include <poplar/StringRef.hpp>
#include <poplar/TargetType.hpp>
#include <poplar/Type.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace tessel {
struct TargetParams;
}

namespace poplar {

/// How the IPU-Links of a multi-IPU target are wired.
enum class IpuLinkConfiguration { Default, SlidingWindow, BarleyTwist };
/// The shape of the IPU-Link network.
enum class IpuLinkTopology { Mesh, Torus, Line };

/// "Default", "SlidingWindow", "BarleyTwist".
std::string toString(IpuLinkConfiguration c);
/// "Mesh", "Torus", "Line".
std::string toString(IpuLinkTopology t);

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
  /// "ipu1", "ipu2", "ipu21" (or "cpu" for the CPU target).
  std::string getTargetArchString() const;
  // Size and memory.
  unsigned getNumIPUs() const;
  unsigned getTilesPerIPU() const;
  /// getTilesPerIPU() * getNumIPUs().
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
  /// In bits.
  unsigned getDataPathWidth() const;
  unsigned getFloatVectorWidth() const;
  unsigned getHalfVectorWidth() const;
  unsigned getQuarterVectorWidth() const;
  /// Elements of `type` per data path word (at least 1).
  unsigned getVectorWidth(const Type &type) const;
  /// Bytes of one element of `type` on the device.
  unsigned getTypeSize(const Type &type) const;
  unsigned getAtomicStoreGranularity() const;
  unsigned getRptCountMax() const;
  unsigned getNumStrideBits() const;
  // The accumulating matrix product (convolution) units. Types the units do
  // not take give 0.
  unsigned getWeightsPerConvUnit(const Type &inputType) const;
  unsigned getConvUnitMaxPipelineDepth(const Type &inputType) const;
  unsigned getNumConvUnits(const Type &inputType,
                           const Type &partialType) const;
  unsigned getConvUnitInputLoadElemsPerCycle(const Type &inputType) const;
  unsigned getConvUnitCoeffLoadBytesPerCycle() const;
  unsigned getFp16ConvUnitMaxPipelineDepth() const;
  unsigned getFp32ConvUnitMaxPipelineDepth() const;
  unsigned getFp16ConvUnitInputLoadElemsPerCycle() const;
  unsigned getFp32ConvUnitInputLoadElemsPerCycle() const;
  unsigned getFp16InFp16OutConvUnitsPerTile() const;
  unsigned getFp16InFp32OutConvUnitsPerTile() const;
  unsigned getFp32InFp32OutConvUnitsPerTile() const;
  // Other.
  /// In hertz.
  double getTileClockFrequency() const;
  /// Byte offsets within a tile's memory where its memory elements begin.
  std::vector<unsigned> getMemoryElementOffsets() const;
  unsigned getInterleavedMemoryElementIndex() const;
  IpuLinkConfiguration getIpuLinkConfiguration() const;
  IpuLinkTopology getIpuLinkTopology() const;
  /// The number of IPUs connected by IPU-Links.
  unsigned getIpuLinkDomainSize() const;
  bool getGatewayMode() const;
  /// The number of IPUs one instance of the program runs on.
  unsigned getInstanceSize() const;
  std::size_t hash() const;
  /// Writes a versioned text form that Target(std::istream &) reads back
  /// exactly.
  void serialize(std::ostream &out) const;

  bool operator==(const Target &o) const;
  bool operator!=(const Target &o) const { return !(*this == o); }
  /// A strict total order (invalid targets first), e.g. for map keys.
  bool operator<(const Target &o) const;

  /// A target that runs on the host: one tile per IPU.
  static Target createCPUTarget(bool accurateHalf = false,
                                unsigned numIPUs = 1);
  /// Targets of the IPU architecture `system` ("ipu1", "ipu2" or "ipu21").
  /// Options: ipuLinkConfiguration, ipuLinkTopology, ipuLinkDomainSize,
  /// gatewayMode; the JSON in POPLAR_TARGET_OPTIONS overrides them.
  static Target createIPUTarget(StringRef system, const OptionFlags &opts = {});
  static Target createIPUTarget(unsigned numIPUs, StringRef system,
                                const OptionFlags &opts = {});
  static Target createIPUTarget(unsigned numIPUs, unsigned tilesPerIPU,
                                StringRef system, const OptionFlags &opts = {});
  /// An ipu2 target with any number of IPUs and tiles per IPU.
  static Target createVirtualTarget(unsigned numIPUs, unsigned tilesPerIPU);

  /// Tessel internal: the parameters behind this target.
  const tessel::TargetParams &params() const;
  explicit Target(std::shared_ptr<const tessel::TargetParams> params);

private:
  std::shared_ptr<const tessel::TargetParams> impl;
};

/// Half conversions from before convertToDeviceType/convertFromDeviceType
/// (poplar/TypeConversion.hpp), kept for the programs that still call them.
[[deprecated("use convertToDeviceType")]] void
copyFloatToDeviceHalf(const Target &target, const float *src, void *dst,
                      std::size_t numElements);
[[deprecated("use convertFromDeviceType")]] void
copyDeviceHalfToFloat(const Target &target, const void *src, float *dst,
                      std::size_t numElements);
[[deprecated("use convertToDeviceType")]] void
copyDoubleToDeviceHalf(const Target &target, const double *src, void *dst,
                       std::size_t numElements);
[[deprecated("use convertFromDeviceType")]] void
copyDeviceHalfToDouble(const Target &target, const void *src, double *dst,
                       std::size_t numElements);

} // namespace poplar

namespace std {
template <> struct hash<poplar::Target> {
  std::size_t operator()(const poplar::Target &t) const { return t.hash(); }
};
} // namespace std

#endif
