// poprand::addCodelets: the vertices poprand's functions add to a graph.
#ifndef POPRAND_CODELETS_HPP
#define POPRAND_CODELETS_HPP

#include <poplar/Graph.hpp>

namespace poprand {

/// Adds poprand's codelets (compiled into libpoprand when it was built) to
/// `graph`. Call it once per graph before any other poprand function;
/// calling it again does nothing.
void addCodelets(poplar::Graph &graph);

} // namespace poprand

#endif
