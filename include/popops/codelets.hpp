// popops::addCodelets: the vertices popops's functions add to a graph.
#ifndef POPOPS_CODELETS_HPP
#define POPOPS_CODELETS_HPP

#include <poplar/Graph.hpp>

namespace popops {

/// Adds popops's codelets (compiled into libpopops when it was built) to
/// `graph`. Call it once per graph before any popops function that runs
/// vertices; calling it again does nothing.
void addCodelets(poplar::Graph &graph);

} // namespace popops

#endif
