// How error messages name a tensor: the debug names of the variables it
// views, its element type and its shape, e.g. `'weights' (float {2,3})`.
#ifndef TESSEL_COMPILER_GRAPH_DESCRIBETENSOR_HPP
#define TESSEL_COMPILER_GRAPH_DESCRIBETENSOR_HPP

#include <poplar/GraphElements.hpp>
#include <poplar/Tensor.hpp>

#include <string>

namespace tessel {

class GraphImpl;
class GraphStore;

/// Quoted variable names (up to three, then "and N more"), type and shape.
std::string describeTensor(const poplar::Tensor &t);

/// "{2,3}".
std::string describeShape(const std::vector<std::size_t> &shape);

/// "a graph of 3 variables": enough to tell two graphs apart in a message.
std::string describeGraph(const GraphStore &store);

/// Throws poplar::graph_object_load_error naming both graphs if `t` was made
/// by another graph (not this one or a virtual graph of its top-level graph).
/// `what` is the entry point, e.g. "setTileMapping".
void checkTensorOfGraph(const GraphImpl &graph, const poplar::Tensor &t,
                        const std::string &what);

/// The same for a vertex: it must have been added to this graph (or a
/// virtual graph sharing its store).
void checkVertexOfGraph(const GraphImpl &graph, const poplar::VertexRef &v,
                        const std::string &what);

} // namespace tessel

#endif
