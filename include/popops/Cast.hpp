// popops::cast: convert a tensor's elements to another type.
//
// Conversions: to BOOL, x != 0; from BOOL, 0 or 1; integers to integers
// wrap modulo 2^bits as C++ does; floating to integer truncates toward
// zero and saturates (NaN gives 0, out-of-range values the nearest
// representable integer); to HALF rounds to nearest even.
#ifndef POPOPS_CAST_HPP
#define POPOPS_CAST_HPP

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>

namespace popops {

/// A new tensor of type `dstType`, mapped like `src`, holding src's
/// converted elements. A cast to src's own type is a copy.
poplar::Tensor cast(poplar::Graph &graph, const poplar::Tensor &src,
                    const poplar::Type &dstType,
                    poplar::program::Sequence &prog,
                    const poplar::DebugContext &debugContext = {});

/// Appends to `prog` the conversion of src's elements into `dst` (same
/// shape).
void cast(poplar::Graph &graph, poplar::Tensor src, poplar::Tensor dst,
          poplar::program::Sequence &prog,
          const poplar::DebugContext &debugContext = {});

/// The program converting src's elements into `dst` (same shape).
poplar::program::Program cast(poplar::Graph &graph, poplar::Tensor src,
                              poplar::Tensor dst,
                              const poplar::DebugContext &debugContext = {});

/// Adds to `cs` the vertices converting src's elements into `dst`.
void cast(poplar::Graph &graph, poplar::Tensor src, poplar::Tensor dst,
          poplar::ComputeSet cs);

/// Adds to `cs` the vertices converting `src` into a new tensor of type
/// `dstType`, mapped like `src`, and returns it.
poplar::Tensor cast(poplar::Graph &graph, poplar::Tensor src,
                    const poplar::Type &dstType, poplar::ComputeSet cs,
                    const poplar::DebugContext &debugContext = {});

/// A one-element BOOL tensor, true when the one-element FLOAT `input`
/// converts to `outputType` (HALF) with a relative error of at most
/// `tolerance`.
poplar::Tensor
checkAccuracyWhenCast(poplar::Graph &graph, const poplar::Tensor &input,
                      poplar::Type outputType, double tolerance,
                      poplar::program::Sequence &prog,
                      const poplar::DebugContext &debugContext = {});

} // namespace popops

#endif
