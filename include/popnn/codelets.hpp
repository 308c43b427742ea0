// popnn::addCodelets: the vertices popnn's functions add to a graph.
#ifndef POPNN_CODELETS_HPP
#define POPNN_CODELETS_HPP

#include <poplar/Graph.hpp>

namespace popnn {

/// Adds the codelets popnn's functions need to `graph`. popnn is built on
/// popops, so this also adds popops's codelets; calling it before or after
/// popops::addCodelets, or more than once, is fine.
void addCodelets(poplar::Graph &graph);

} // namespace popnn

#endif
