// One vertex per base class, with a field of every kind.
#include <poplar/Vertex.hpp>

using namespace poplar;

class EveryKind : public MultiVertex {
public:
  InOut<Vector<half, VectorLayout::ONE_PTR>> data;
  unsigned n;
  Vector<Input<Vector<float>>, VectorLayout::ONE_PTR> ins;
  Input<VectorList<int, VectorListLayout::DELTAN>> lists;
  Output<half> product;
  Vector<unsigned> offsets;
  Vector<Output<int>> totals;
  float scale;

  void compute(unsigned workerId) {
    for (unsigned i = workerId; i < n; i += numWorkers())
      data[i] += half(1.5f);
    if (workerId != 0)
      return;
    *product = half(2.0f) * half(3.0f);
    *totals[0] = lists[0][0] + int(lists.size()) + int(lists[1].size());
    *totals[1] = int(ins[0][1] * scale) + int(offsets[1]);
  }
};

class Supervised : public SupervisorVertex {
public:
  Output<int> out;

  __attribute__((target("supervisor"))) bool compute() {
    *out = 42;
    return true;
  }
};
