// popops::fill: set every element of a tensor to one value.
#ifndef POPOPS_FILL_HPP
#define POPOPS_FILL_HPP

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>

#include <type_traits>

namespace popops {

namespace detail {
/// Fills `t` with `value` converted from `hostType` to t's element type.
void fill(poplar::Graph &graph, const poplar::Tensor &t,
          poplar::program::Sequence &prog, const void *value,
          const poplar::Type &hostType,
          const poplar::DebugContext &debugContext);
} // namespace detail

/// Appends to `prog` the programs that write `fillValue` (converted to t's
/// element type) to every element of `t`.
template <typename FillValueType,
          typename = std::enable_if_t<std::is_arithmetic_v<FillValueType>>>
void fill(poplar::Graph &graph, poplar::Tensor t,
          poplar::program::Sequence &prog, FillValueType fillValue,
          const poplar::DebugContext &debugContext = {}) {
  detail::fill(graph, t, prog, &fillValue,
               poplar::equivalent_device_type<FillValueType>().value,
               debugContext);
}

} // namespace popops

#endif
