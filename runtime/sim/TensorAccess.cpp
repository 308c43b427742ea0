// Gathering and scattering tensors, and reading control scalars.
#include "runtime/sim/TensorAccess.hpp"

#include "compiler/core/TypeTable.hpp"

#include <poplar/exceptions.hpp>

#include <cstring>

namespace tessel::sim {

std::uint64_t layoutBytes(const exe::TensorLayout &layout) {
  std::uint64_t bytes = 0;
  for (const exe::MemoryPiece &p : layout.pieces)
    bytes += p.numBytes;
  return bytes;
}

void gather(const TileMemory &memory, const exe::TensorLayout &layout,
            std::uint8_t *out) {
  for (const exe::MemoryPiece &p : layout.pieces) {
    std::memcpy(out, memory.at(p.tile, p.address, p.numBytes), p.numBytes);
    out += p.numBytes;
  }
}

std::vector<std::uint8_t> gather(const TileMemory &memory,
                                 const exe::TensorLayout &layout) {
  std::vector<std::uint8_t> bytes(layoutBytes(layout));
  gather(memory, layout, bytes.data());
  return bytes;
}

void scatter(TileMemory &memory, const exe::TensorLayout &layout,
             const std::uint8_t *in) {
  for (const exe::MemoryPiece &p : layout.pieces) {
    std::memcpy(memory.at(p.tile, p.address, p.numBytes), in, p.numBytes);
    in += p.numBytes;
  }
}

std::string describeLocation(const exe::TensorLayout &layout) {
  if (!layout.debugName.empty())
    return "'" + layout.debugName + "'";
  if (layout.pieces.empty())
    return "an empty " + layout.typeName + " tensor";
  return "at tile " + std::to_string(layout.pieces.front().tile) +
         ", address " + std::to_string(layout.pieces.front().address);
}

void checkIntegerScalar(const exe::TensorLayout &layout,
                        const std::string &role) {
  const TypeInfo &info = typeInfo(typeFromName(layout.typeName));
  bool integer = info.isInteger && info.size <= 4;
  if (integer && layoutBytes(layout) == info.size)
    return;
  throw poplar::type_error(
      role + " (" + describeLocation(layout) + ") " +
      (integer ? "is not a single element"
               : "has type " + layout.typeName + ", which cannot be tested") +
      "; use a scalar bool, char, short, int or unsigned int tensor");
}

std::int64_t readIntegerScalar(const TileMemory &memory,
                               const exe::TensorLayout &layout) {
  const TypeInfo &info = typeInfo(typeFromName(layout.typeName));
  if (info.size > 4 || layoutBytes(layout) != info.size)
    checkIntegerScalar(layout, "a control scalar");
  std::uint8_t bytes[4] = {};
  gather(memory, layout, bytes);
  std::uint32_t raw = 0;
  for (unsigned i = info.size; i-- > 0;)
    raw = (raw << 8) | bytes[i]; // the IPU is little-endian
  if (info.isSigned && info.size < 4 && (raw >> (8 * info.size - 1)) & 1)
    raw |= ~0u << (8 * info.size);
  return info.isSigned ? std::int64_t(std::int32_t(raw)) : std::int64_t(raw);
}

} // namespace tessel::sim
