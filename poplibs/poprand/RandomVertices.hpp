// Spreading a poprand vertex over an output tensor: one vertex per
// contiguous run of the output on each tile (long runs split), placed on
// that tile and told the index of its first element.
#ifndef POPRAND_RANDOMVERTICES_HPP
#define POPRAND_RANDOMVERTICES_HPP

#include "SeedState.hpp"

#include <poplar/Graph.hpp>
#include <poplar/Tensor.hpp>

#include <cstddef>
#include <functional>
#include <string>

namespace poprand::detail {

/// The most output elements one vertex writes. Bigger runs of a tile's
/// elements get several vertices, keeping each vertex's state and run time
/// modest; a MultiVertex shares its elements among the tile's workers.
inline constexpr std::size_t kMaxElementsPerVertex = 8192;

/// Throws unknown_vertex_type, pointing at poprand::addCodelets, unless the
/// graph has `vertexType`.
void requireCodelet(const poplar::Graph &graph, const std::string &vertexType,
                    const char *function);

/// Adds to `cs` vertices of `vertexType` covering every element of `out`.
/// Each gets its fields `seed`, `out`, `offset` (index of its first element
/// in out's row-major order) and `seedModifier`, plus `in` (the same
/// elements of `*in`) when `in` is given; `setParameters` sets the rest.
void addGeneratorVertices(
    poplar::Graph &graph, poplar::ComputeSet cs, const std::string &vertexType,
    const poplar::Tensor &out, const poplar::Tensor *in, const CallSeed &seed,
    const std::function<void(poplar::VertexRef)> &setParameters);

} // namespace poprand::detail

#endif
