// Tensor copies of poputil/Util.hpp: duplicate (clone and copy) and cloneN.
#include <poputil/Util.hpp>

using namespace poplar;

namespace poputil {

Tensor duplicate(Graph &graph, const Tensor &in, program::Sequence &p,
                 const DebugContext &debugContext, TensorCloneMethod method) {
  Tensor copy = graph.clone(in, debugContext, method);
  Tensor source = in, destination = copy;
  if (copy.containsAliases()) {
    // The clone aliases where `in` does: copy each distinct element once, or
    // the Copy would write the same element twice.
    const Tensor inFlat = in.flatten(), copyFlat = copy.flatten();
    const auto regions = graph.getSortedContiguousRegions(
        inFlat, {{0, inFlat.numElements()}}, true);
    source = concat(inFlat.slices(regions));
    destination = concat(copyFlat.slices(regions));
  }
  p.add(program::Copy(source, destination, false, debugContext));
  return copy;
}

Tensor cloneN(Graph &graph, const Tensor &t, unsigned N,
              const DebugContext &debugContext, TensorCloneMethod method) {
  return graph.cloneN(t, N, debugContext, method);
}

} // namespace poputil
