// popops::fill and popops::zero. Each tile's part of the tensor is written
// from a one-element constant on that same tile, so filling costs on-tile
// copies only and no exchange.
#include <popops/Fill.hpp>
#include <popops/Zero.hpp>

#include "OperationPlacement.hpp"

#include <poplar/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;

namespace popops {

namespace detail {

/// A one-element constant of `type` holding `value`.
static Tensor scalarConstant(Graph &graph, const Type &type, const void *value,
                             const Type &hostType,
                             const DebugContext &debugContext) {
  // Host values reach addConstant through their own C++ type.
  if (hostType == FLOAT)
    return graph.addConstant(type, {1}, *static_cast<const float *>(value),
                             debugContext);
  if (hostType == INT)
    return graph.addConstant(type, {1}, *static_cast<const int *>(value),
                             debugContext);
  if (hostType == UNSIGNED_INT)
    return graph.addConstant(type, {1}, *static_cast<const unsigned *>(value),
                             debugContext);
  if (hostType == BOOL)
    return graph.addConstant(type, {1}, *static_cast<const bool *>(value),
                             debugContext);
  if (hostType == SHORT)
    return graph.addConstant(type, {1}, *static_cast<const short *>(value),
                             debugContext);
  if (hostType == UNSIGNED_SHORT)
    return graph.addConstant(
        type, {1}, *static_cast<const unsigned short *>(value), debugContext);
  if (hostType == CHAR)
    return graph.addConstant(type, {1}, *static_cast<const char *>(value),
                             debugContext);
  if (hostType == UNSIGNED_CHAR)
    return graph.addConstant(
        type, {1}, *static_cast<const unsigned char *>(value), debugContext);
  if (hostType == SIGNED_CHAR)
    return graph.addConstant(
        type, {1}, *static_cast<const signed char *>(value), debugContext);
  if (hostType == LONGLONG)
    return graph.addConstant(type, {1}, *static_cast<const long long *>(value),
                             debugContext);
  if (hostType == UNSIGNED_LONGLONG)
    return graph.addConstant(type, {1},
                             *static_cast<const unsigned long long *>(value),
                             debugContext);
  throw type_error("popops::fill: a fill value of host type " +
                   hostType.toString() +
                   " is not supported; pass a float, an integer or a bool");
}

void fill(Graph &graph, const Tensor &t, Sequence &prog, const void *value,
          const Type &hostType, const DebugContext &debugContext) {
  if (t.numElements() == 0)
    return;
  const Tensor flat = t.flatten();
  bool complete = true;
  const auto mapping = graph.getTileMapping(t, &complete);
  std::size_t mapped = 0;
  for (unsigned tile = 0; tile < mapping.size(); ++tile) {
    if (mapping[tile].empty())
      continue;
    Tensor onTile = concat(flat.slices(mapping[tile]));
    Tensor c =
        scalarConstant(graph, t.elementType(), value, hostType, debugContext);
    graph.setTileMapping(c, tile);
    prog.add(Copy(c.broadcast(onTile.numElements(), 0), onTile, false,
                  debugContext));
    mapped += onTile.numElements();
  }
  if (!complete || mapped != t.numElements()) {
    // Elements without a tile yet: one copy, placed by the compiler.
    const std::vector<Interval> unmapped =
        detail::unmappedIntervals(mapping, t.numElements());
    Tensor rest = concat(flat.slices(unmapped));
    Tensor c =
        scalarConstant(graph, t.elementType(), value, hostType, debugContext);
    prog.add(
        Copy(c.broadcast(rest.numElements(), 0), rest, false, debugContext));
  }
}

} // namespace detail

void zero(Graph &graph, Tensor t, Sequence &prog,
          const DebugContext &debugContext) {
  const int zeroValue = 0;
  detail::fill(graph, t, prog, &zeroValue, INT, debugContext);
}

} // namespace popops
