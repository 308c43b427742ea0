// A boolean summary of a whole tensor without gathering it: a flag vertex
// per worker on each tile where the tensor lives, then one vertex that
// combines the flags. allTrue and hasNaN/hasNaNOrInf are built on it.
#ifndef TESSEL_POPLIBS_POPOPS_ALLTRUEFLAGS_HPP
#define TESSEL_POPLIBS_POPOPS_ALLTRUEFLAGS_HPP

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>

#include <string>

namespace popops::detail {

/// The vertices of a summary: both have fields `in` (a list of regions) and
/// `out` (one bool). `partial` reads the tensor, `combine` the BOOL flags.
struct FlagVertices {
  std::string partial;
  std::string combine;
  bool valueWhenEmpty;
};

/// A new BOOL tensor of shape {} holding the summary of `t`, computed by two
/// compute sets added to `prog`.
poplar::Tensor summariseTensor(poplar::Graph &graph, const poplar::Tensor &t,
                               const FlagVertices &vertices,
                               poplar::program::Sequence &prog,
                               const poplar::DebugContext &debugContext,
                               const std::string &operation);

} // namespace popops::detail

#endif
