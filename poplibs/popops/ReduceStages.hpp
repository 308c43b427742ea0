// The stages of a popops reduction, seen as rows: the input viewed as
// [numOutputs, reduceSize] (kept dimensions first), one row per output.
//
// 1. Partials (addPartialStage): each tile reduces its own elements of
//    each row into partial results on that tile, split over its workers.
// 2. Combining (addCombineStages): while a row has more partials than one
//    group, its partials (in tile order) are cut into groups, each reduced
//    on the tile of one of its members into a new partial.
// 3. Final (addFinalStage): each output element's remaining partials are
//    reduced where the output element lives, with scale, update and the
//    conversion to the output type.
// Stage i of every reduction goes into css[i], so reductions run side by
// side when they share `css`.
#ifndef TESSEL_POPLIBS_POPOPS_REDUCESTAGES_HPP
#define TESSEL_POPLIBS_POPOPS_REDUCESTAGES_HPP

#include <popops/OperationDef.hpp>

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poputil/VertexTemplates.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace poputil {
template <> struct VertexTemplateToString<popops::Operation> {
  static std::string to_string(const popops::Operation &op);
};
} // namespace poputil

namespace popops::detail {

/// One reduction, checked: `rows` is the input `in` as [numOutputs,
/// reduceSize] flattened (in.dimShuffle(order)), `out` the output
/// flattened.
struct Reduction {
  poplar::Tensor in;
  std::vector<unsigned> order;
  poplar::Tensor rows;
  std::size_t numOutputs = 0;
  std::size_t reduceSize = 0;
  poplar::Tensor out;
  Operation op = Operation::ADD;
  poplar::Type accType = poplar::FLOAT;
  bool update = false;
  std::optional<poplar::Tensor> scale; // one FLOAT element
  std::string name;                    // for error messages
};

/// Where partial results of a reduction live: variables (each on one tile
/// or unmapped), and for each output the elements of them still to combine,
/// in tile order.
struct Partials {
  struct Variable {
    poplar::Tensor t;
    std::optional<unsigned> tile;
  };
  struct Ref {
    std::uint32_t variable;
    std::uint32_t offset;
  };
  std::vector<Variable> variables;
  std::vector<std::vector<Ref>> ofOutput;
};

/// The compute set for stage `stage`, added to `css` when missing.
poplar::ComputeSet stageComputeSet(poplar::Graph &graph,
                                   std::vector<poplar::ComputeSet> &css,
                                   std::size_t stage,
                                   const poplar::DebugContext &debugContext);

/// Stage 1, in css[0].
Partials addPartialStage(poplar::Graph &graph, const Reduction &r,
                         std::vector<poplar::ComputeSet> &css,
                         const poplar::DebugContext &debugContext);

/// For a new output: a tile for each output element, the tile of one of
/// its first partials (rotating with the element's index, so outputs whose
/// inputs are spread spread too), linear where partials are unmapped.
poplar::Graph::TileToTensorMapping outputMapping(const poplar::Graph &graph,
                                                 const Partials &partials);

/// Stages 2 (css[1] onwards) and 3; returns the number of compute sets the
/// reduction used in all.
std::size_t addCombineAndFinalStages(poplar::Graph &graph, const Reduction &r,
                                     Partials partials,
                                     std::vector<poplar::ComputeSet> &css,
                                     const poplar::DebugContext &debugContext);

} // namespace popops::detail

#endif
