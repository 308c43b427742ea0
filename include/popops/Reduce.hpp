// popops::reduce: combine a tensor's elements along some of its dimensions
// (sum, product, min, max, logical and/or, sum of squares, log-sum-exp).
#ifndef POPOPS_REDUCE_HPP
#define POPOPS_REDUCE_HPP

#include <popops/Operation.hpp>
#include <poputil/exceptions.hpp>

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/OptionFlags.hpp>
#include <poplar/Program.hpp>

#include <string>
#include <utility>
#include <vector>

namespace popops {

/// What a reduction does: the operation, whether it adds to the output
/// (`out += reduce(in)`, for LOG_ADD `out = logadd(out, reduce(in))`)
/// instead of replacing it, and an optional one-element FLOAT or HALF
/// scale tensor the result is multiplied by (for LOG_ADD: added to, as
/// the log of a factor). Update and scale apply to ADD, SQUARE_ADD and
/// LOG_ADD only.
struct ReduceParams {
  ReduceParams() = default;
  ReduceParams(popops::Operation op, bool update = false)
      : op(op), update(update) {
    useScale = false;
  }
  ReduceParams(popops::Operation op, bool update, poplar::Tensor scale)
      : op(op), update(update), scale(scale) {
    useScale = true;
  }
  // A constant scale is not accepted (a float would silently convert to
  // `update`); pass a scale tensor.
  ReduceParams(popops::Operation op, float constantScale,
               bool update = false) = delete;

  popops::Operation op;
  bool update;
  bool useScale;
  poplar::Tensor scale;
};

/// Reduces `in` over the dimensions `dims` (any order, no repeats; none at
/// all is an element-wise copy or cast, all of them gives shape {}) into a
/// new tensor of type `outType` whose shape is `in`'s without `dims`.
/// Types: ADD, SQUARE_ADD, MUL, MIN, MAX on FLOAT, HALF, INT, UNSIGNED_INT
/// (floating inputs may give either floating output type); LOG_ADD on
/// FLOAT and HALF; LOGICAL_AND and LOGICAL_OR on BOOL.
/// Options: "accumType.interTile" and "accumType.inVertex" (float, half)
/// are accepted; partials of HALF data are always kept in FLOAT.
/// Results are deterministic: each tile combines its elements of a row in
/// memory order (8 interleaved lanes, combined pairwise), and the tiles'
/// partials are combined in tile order. Integer ADD and MUL wrap modulo
/// 2^32; an integer result is scaled in float and truncated toward zero.
poplar::Tensor reduce(poplar::Graph &graph, const poplar::Tensor &in,
                      const poplar::Type &outType,
                      const std::vector<std::size_t> &dims, ReduceParams params,
                      poplar::program::Sequence &prog,
                      const poplar::DebugContext &debugContext = {},
                      const poplar::OptionFlags &options = {});

/// reduce() with the output type of `in`.
poplar::Tensor reduce(poplar::Graph &graph, const poplar::Tensor &in,
                      const std::vector<std::size_t> &dims, ReduceParams params,
                      poplar::program::Sequence &prog,
                      const poplar::DebugContext &debugContext = {},
                      const poplar::OptionFlags &options = {});

/// reduce() into `out`, which must have the result's shape. If `out`'s
/// tile mapping is incomplete it is set; otherwise it is kept and the final
/// stage runs where `out` lives.
void reduceWithOutput(poplar::Graph &graph, const poplar::Tensor &in,
                      const poplar::Tensor &out,
                      const std::vector<std::size_t> &dims, ReduceParams params,
                      poplar::program::Sequence &prog,
                      const poplar::DebugContext &debugContext = {},
                      const poplar::OptionFlags &options = {});

/// The same three, adding their compute sets to `css` (stage i of every
/// reduction in css[i], so several reductions share compute sets) for the
/// caller to Execute in order.
poplar::Tensor reduce(poplar::Graph &graph, const poplar::Tensor &in,
                      const poplar::Type &outType,
                      const std::vector<std::size_t> &dims, ReduceParams params,
                      std::vector<poplar::ComputeSet> &css,
                      const poplar::DebugContext &debugContext = {},
                      const poplar::OptionFlags &options = {});

poplar::Tensor reduce(poplar::Graph &graph, const poplar::Tensor &in,
                      const std::vector<std::size_t> &dims, ReduceParams params,
                      std::vector<poplar::ComputeSet> &css,
                      const poplar::DebugContext &debugContext = {},
                      const poplar::OptionFlags &options = {});

void reduceWithOutput(poplar::Graph &graph, const poplar::Tensor &in,
                      const poplar::Tensor &out,
                      const std::vector<std::size_t> &dims, ReduceParams params,
                      std::vector<poplar::ComputeSet> &css,
                      const poplar::DebugContext &debugContext = {},
                      const poplar::OptionFlags &options = {});

/// One reduction of a reduceMany() call. Without an `outType` the output
/// has `in`'s element type.
struct SingleReduceOp {
  poplar::Tensor in;
  std::vector<std::size_t> dims;
  ReduceParams params;
  bool useOutType;
  poplar::Type outType;
  std::string debugName;

  SingleReduceOp(poplar::Tensor in, std::vector<std::size_t> dims,
                 ReduceParams params, poplar::Type outType,
                 std::string debugName = "")
      : in(std::move(in)), dims(std::move(dims)), params(std::move(params)),
        useOutType(true), outType(outType), debugName(std::move(debugName)) {}

  SingleReduceOp(poplar::Tensor in, std::vector<std::size_t> dims,
                 ReduceParams params, std::string debugName = "")
      : in(std::move(in)), dims(std::move(dims)), params(std::move(params)),
        useOutType(false), outType(poplar::BOOL),
        debugName(std::move(debugName)) {}
};

/// Runs all `reductions` side by side, sharing compute sets. With `outputs`
/// empty, it is filled with new output tensors (updates then are an
/// error); otherwise it must hold one output per reduction.
void reduceMany(poplar::Graph &graph,
                const std::vector<SingleReduceOp> &reductions,
                std::vector<poplar::Tensor> &outputs,
                poplar::program::Sequence &prog,
                const poplar::DebugContext &debugContext = {},
                const poplar::OptionFlags &options = {});

} // namespace popops

#endif
