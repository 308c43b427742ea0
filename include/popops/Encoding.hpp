// popops encodings: ranges of integers (iota) and one-hot rows
// (encodeOneHot).
#ifndef POPOPS_ENCODING_HPP
#define POPOPS_ENCODING_HPP

#include <popops/EncodingConstants.hpp>

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>

namespace popops {

/// Writes startInteger, startInteger + 1, ... to the elements of the
/// one-dimensional UNSIGNED_INT tensor `t`.
void iota(poplar::Graph &graph, const poplar::Tensor &t, unsigned startInteger,
          poplar::program::Sequence &prog,
          const poplar::DebugContext &debugContext = {});

/// Writes startInteger, startInteger + 1, ... to the elements of the
/// one-dimensional INT tensor `t`.
void iota(poplar::Graph &graph, const poplar::Tensor &t, int startInteger,
          poplar::program::Sequence &prog,
          const poplar::DebugContext &debugContext = {});

/// Writes one one-hot row per index: `encoded` has shape {N, C} and
/// `indices` (UNSIGNED_INT or INT) shape {N}; encoded[r][c] is 1 when
/// indices[r] == c, else 0. An index outside [0, C), such as
/// MASKED_LABEL_CODE, gives a row of zeros. `encoded` is FLOAT, HALF, INT or
/// UNSIGNED_INT.
void encodeOneHot(poplar::Graph &graph, const poplar::Tensor &indices,
                  const poplar::Tensor &encoded,
                  poplar::program::Sequence &prog,
                  const poplar::DebugContext &debugContext = {});

/// As above with the values `on` and `off` (one-element tensors of the type
/// of `encoded`) instead of 1 and 0.
void encodeOneHot(poplar::Graph &graph, const poplar::Tensor &indices,
                  const poplar::Tensor &encoded,
                  poplar::program::Sequence &prog, const poplar::Tensor &on,
                  const poplar::Tensor &off,
                  const poplar::DebugContext &debugContext = {});

} // namespace popops

#endif
