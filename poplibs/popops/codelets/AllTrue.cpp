// Flag vertices: whether every element of some boolean regions is true, or
// whether any is. allTrue and hasNaN run one per worker where their data
// lives, then once more over the per-worker flags.
#include <poplar/Vertex.hpp>

using namespace poplar;

namespace popops {

/// out = every element of every region of `in` is true (true when empty).
class AllTrue : public Vertex {
public:
  Vector<Input<Vector<bool>>> in;
  Output<bool> out;

  void compute() {
    bool all = true;
    for (unsigned r = 0; r < in.size(); ++r)
      for (unsigned i = 0; i < in[r].size(); ++i)
        all = all && in[r][i];
    *out = all;
  }
};

/// out = some element of some region of `in` is true (false when empty).
class AnyTrue : public Vertex {
public:
  Vector<Input<Vector<bool>>> in;
  Output<bool> out;

  void compute() {
    bool any = false;
    for (unsigned r = 0; r < in.size(); ++r)
      for (unsigned i = 0; i < in[r].size(); ++i)
        any = any || in[r][i];
    *out = any;
  }
};

} // namespace popops
