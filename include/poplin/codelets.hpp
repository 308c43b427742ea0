// poplin::addCodelets: the vertices poplin's functions add to a graph.
#ifndef POPLIN_CODELETS_HPP
#define POPLIN_CODELETS_HPP

#include <poplar/Graph.hpp>

namespace poplin {

/// Adds the codelets poplin's functions need to `graph`. poplin is built on
/// popops, so this also adds popops's codelets; calling it before or after
/// popops::addCodelets, or more than once, is fine.
void addCodelets(poplar::Graph &graph);

} // namespace poplin

#endif
