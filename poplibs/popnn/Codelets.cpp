// popnn::addCodelets: popnn's functions run popops's vertices (fused maps,
// reductions, casts, one-hot encodings), so adding popnn's codelets means
// adding popops's. popops::addCodelets ignores a second call, so programs
// may call both functions in either order.
#include <popnn/codelets.hpp>

#include <popops/codelets.hpp>

namespace popnn {

void addCodelets(poplar::Graph &graph) { popops::addCodelets(graph); }

} // namespace popnn
