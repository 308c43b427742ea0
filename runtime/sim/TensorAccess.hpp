// Reading and writing a tensor in the tile memories through its layout: the
// concatenation of the layout's pieces is the tensor in row-major order.
#ifndef TESSEL_RUNTIME_SIM_TENSORACCESS_HPP
#define TESSEL_RUNTIME_SIM_TENSORACCESS_HPP

#include "compiler/codegen/ExecutableImage.hpp"
#include "runtime/sim/TileMemory.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace tessel::sim {

/// Bytes the tensor occupies (the sum of its pieces).
std::uint64_t layoutBytes(const exe::TensorLayout &layout);

/// Copies the tensor's bytes into `out`, which holds layoutBytes(layout).
void gather(const TileMemory &memory, const exe::TensorLayout &layout,
            std::uint8_t *out);
std::vector<std::uint8_t> gather(const TileMemory &memory,
                                 const exe::TensorLayout &layout);
/// Writes layoutBytes(layout) bytes from `in` into the tensor.
void scatter(TileMemory &memory, const exe::TensorLayout &layout,
             const std::uint8_t *in);

/// Throws poplar::type_error unless the layout is a scalar of an integer
/// type of at most 4 bytes (bool, char, short, int and their unsigned
/// forms), as predicates and switch controls must be. `role` says what the
/// scalar is for, e.g. "the predicate of an If".
void checkIntegerScalar(const exe::TensorLayout &layout,
                        const std::string &role);
/// The value of a scalar accepted by checkIntegerScalar, sign- or
/// zero-extended according to its type.
std::int64_t readIntegerScalar(const TileMemory &memory,
                               const exe::TensorLayout &layout);

/// How errors name a tensor: its debug name in quotes, or where it starts
/// if it has none (e.g. "at tile 3, address 64").
std::string describeLocation(const exe::TensorLayout &layout);

} // namespace tessel::sim

#endif
