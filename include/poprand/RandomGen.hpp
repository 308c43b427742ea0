// poprand: tensors of random numbers and dropout, generated on the tiles
// that hold the output.
//
// Every function returns a new tensor with the shape and tile mapping of
// `reference`. Element i of the result (in row-major order) depends only on
// the seed, the seed modifier, i and the distribution's parameters, never
// on the tile mapping: Tessel uses the counter-based generator
// Philox4x32-10, so its bit streams differ from Graphcore hardware's.
//
// `seed`, when given, is a tensor of 2 UNSIGNED_INT elements; the same seed
// and seedModifier always give the same result. With a null `seed` the
// graph's hidden seed state is used (seedModifier is then ignored, as in
// Poplar) and moved on by every call, so successive calls and successive
// runs of a program differ; setSeed sets that state.
//
// Bad arguments throw poplar::type_error (types and shapes) or
// poplar::invalid_option (values), naming the function and the argument.
#ifndef POPRAND_RANDOMGEN_HPP
#define POPRAND_RANDOMGEN_HPP

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>
#include <poplar/Type.hpp>

#include <cmath>
#include <cstdint>

namespace poprand {

/// Each element of `input` times `scale` with probability keepProbability,
/// else 0. `reference` (the same shape as `input`) gives the layout of the
/// result; the mask depends on the seed, seedModifier and keepProbability
/// only. The input may be float or half.
poplar::Tensor dropout(poplar::Graph &graph, const poplar::Tensor *seed,
                       const uint32_t seedModifier, const poplar::Tensor &input,
                       const poplar::Tensor &reference, double keepProbability,
                       double scale, poplar::program::Sequence &prog,
                       const poplar::DebugContext &debugContext = {});

/// As above; the result is laid out like `reference` when outputClonesRef,
/// else like `input`.
poplar::Tensor dropout(poplar::Graph &graph, const poplar::Tensor *seed,
                       const uint32_t seedModifier, const poplar::Tensor &input,
                       const poplar::Tensor &reference, double keepProbability,
                       double scale, bool outputClonesRef,
                       poplar::program::Sequence &prog,
                       const poplar::DebugContext &debugContext = {});

/// Uniformly distributed values in [minVal, maxVal] (minVal <= maxVal).
/// outType is float, half or int; for int both bounds are whole numbers,
/// both included, with a bias below (maxVal - minVal + 1) / 2^32 when that
/// count is not a power of 2.
poplar::Tensor uniform(poplar::Graph &graph, const poplar::Tensor *seed,
                       uint32_t seedModifier, const poplar::Tensor &reference,
                       const poplar::Type &outType, double minVal,
                       double maxVal, poplar::program::Sequence &prog,
                       const poplar::DebugContext &debugContext = {});

/// Values whose logarithm is uniform in [log minVal, log maxVal]
/// (0 < minVal < maxVal), of type float, half or int, squeezed to the values
/// outType can represent inside the interval. The distribution does not
/// depend on `base` (base > 0, base != 1), accepted for Poplar
/// compatibility.
poplar::Tensor logUniform(poplar::Graph &graph, const poplar::Tensor *seed,
                          uint32_t seedModifier,
                          const poplar::Tensor &reference,
                          const poplar::Type &outType, double minVal,
                          double maxVal, poplar::program::Sequence &prog,
                          double base = M_E,
                          const poplar::DebugContext &debugContext = {});

/// 1 with probability prob (in [0, 1]), else 0; float, half or int.
poplar::Tensor bernoulli(poplar::Graph &graph, const poplar::Tensor *seed,
                         uint32_t seedModifier, const poplar::Tensor &reference,
                         const poplar::Type &outType, double prob,
                         poplar::program::Sequence &prog,
                         const poplar::DebugContext &debugContext = {});

/// Normally distributed values (Box-Muller); float or half. stdDev >= 0.
poplar::Tensor normal(poplar::Graph &graph, const poplar::Tensor *seed,
                      uint32_t seedModifier, const poplar::Tensor &reference,
                      const poplar::Type &outType, double mean, double stdDev,
                      poplar::program::Sequence &prog,
                      const poplar::DebugContext &debugContext = {});

/// A normal distribution truncated to [mean - alpha * stdDev, mean + alpha *
/// stdDev] by resampling (alpha > 0, stdDev >= 0); float or half.
poplar::Tensor truncatedNormal(poplar::Graph &graph, const poplar::Tensor *seed,
                               uint32_t seedModifier,
                               const poplar::Tensor &reference,
                               const poplar::Type &outType, double mean,
                               double stdDev, double alpha,
                               poplar::program::Sequence &prog,
                               const poplar::DebugContext &debugContext = {});

/// Sets the graph's hidden seed state, used by calls with a null seed, from
/// `masterSeed` (2 UNSIGNED_INT elements) and seedModifier when `prog` runs.
void setSeed(poplar::Graph &graph, const poplar::Tensor &masterSeed,
             uint32_t seedModifier, poplar::program::Sequence &prog,
             const poplar::DebugContext &debugContext = {});

} // namespace poprand

#endif
