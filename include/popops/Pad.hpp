// popops::pad: a tensor with elements added at the start and end of its
// dimensions, or removed where the padding is negative. The result is a view:
// the original elements concatenated with constants (constant padding) or
// with views of the tensor's own elements (edge and reflect padding).
#ifndef POPOPS_PAD_HPP
#define POPOPS_PAD_HPP

#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>

#include <cstddef>
#include <vector>

namespace popops {

namespace padding {

/// Padding that repeats the tensor's own elements, as numpy.pad's modes.
enum class Type {
  /// Each added element is a copy of the nearest element on the edge.
  EDGE,
  /// The elements next to the edge, mirrored about it (the edge element
  /// itself is not repeated): [a b c] padded by 2 is [c b a b c b a].
  REFLECT
};

/// Where the constants of constant padding live.
enum class MappingMethod {
  /// Not mapped: the caller maps them (or the compiler does on IPUModel).
  NONE,
  /// On tile 0.
  ZERO,
  /// On the tile of the nearest edge element of the padded tensor, which
  /// must then be non-empty and completely mapped.
  EDGE
};

} // namespace padding

/// `t` with paddingLower[d] elements of value `val` added before and
/// paddingUpper[d] after dimension d, for each dimension d. Negative padding
/// removes that many elements instead.
/// @{
poplar::Tensor
pad(poplar::Graph &graph, const poplar::Tensor &t,
    const std::vector<std::ptrdiff_t> &paddingLower,
    const std::vector<std::ptrdiff_t> &paddingUpper, float val = 0.0f,
    padding::MappingMethod mappingMethod = padding::MappingMethod::ZERO);

poplar::Tensor
pad(poplar::Graph &graph, const poplar::Tensor &t,
    const std::vector<std::ptrdiff_t> &paddingLower,
    const std::vector<std::ptrdiff_t> &paddingUpper, int val,
    padding::MappingMethod mappingMethod = padding::MappingMethod::ZERO);

/// With the value of the one-element tensor `val` (of t's type), which the
/// padding elements alias; `mappingMethod` is not used.
poplar::Tensor
pad(poplar::Graph &graph, const poplar::Tensor &t,
    const std::vector<std::ptrdiff_t> &paddingLower,
    const std::vector<std::ptrdiff_t> &paddingUpper, const poplar::Tensor &val,
    padding::MappingMethod mappingMethod = padding::MappingMethod::ZERO);
/// @}

/// `t` with constant padding on dimension `dim` only.
/// @{
poplar::Tensor
pad(poplar::Graph &graph, const poplar::Tensor &t, std::ptrdiff_t paddingLower,
    std::ptrdiff_t paddingUpper, unsigned dim, float val = 0.0f,
    padding::MappingMethod mappingMethod = padding::MappingMethod::ZERO);

poplar::Tensor
pad(poplar::Graph &graph, const poplar::Tensor &t, std::ptrdiff_t paddingLower,
    std::ptrdiff_t paddingUpper, unsigned dim, int val,
    padding::MappingMethod mappingMethod = padding::MappingMethod::ZERO);

poplar::Tensor
pad(poplar::Graph &graph, const poplar::Tensor &t, std::ptrdiff_t paddingLower,
    std::ptrdiff_t paddingUpper, unsigned dim, const poplar::Tensor &val,
    padding::MappingMethod mappingMethod = padding::MappingMethod::ZERO);
/// @}

/// `t` with edge or reflect padding on every dimension (no graph needed: the
/// padding is made of views of t's elements). Negative padding truncates.
poplar::Tensor pad(const poplar::Tensor &t,
                   const std::vector<std::ptrdiff_t> &paddingLower,
                   const std::vector<std::ptrdiff_t> &paddingUpper,
                   padding::Type type);

/// `t` with edge or reflect padding on dimension `dim` only.
poplar::Tensor pad(const poplar::Tensor &t, std::ptrdiff_t paddingLower,
                   std::ptrdiff_t paddingUpper, unsigned dim,
                   padding::Type type);

} // namespace popops

#endif
