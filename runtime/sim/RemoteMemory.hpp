// Streaming memory: the bytes of every remote buffer, held outside the tile
// memories. program::Copy moves rows between it and tiles; the Engine reads
// and writes rows for the host.
#ifndef TESSEL_RUNTIME_SIM_REMOTEMEMORY_HPP
#define TESSEL_RUNTIME_SIM_REMOTEMEMORY_HPP

#include "compiler/codegen/ExecutableImage.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace tessel::sim {

class RemoteMemory {
public:
  /// Room for every buffer of the image, zero-filled when first touched.
  explicit RemoteMemory(const exe::ExecutableImage &image);

  /// Bytes in one row (numElements x element size) of `buffer`.
  std::uint64_t rowBytes(std::uint32_t buffer) const;
  /// Row `repeat` of `buffer`. Throws poplar::application_runtime_error
  /// naming the buffer, `what` asked for the row and the repeats there are
  /// unless repeat < repeats.
  std::uint8_t *row(std::uint32_t buffer, std::uint64_t repeat,
                    const std::string &what);

private:
  const exe::ExecutableImage &image;
  std::vector<std::vector<std::uint8_t>> bytes;
};

} // namespace tessel::sim

#endif
