// Loop counter vertices for popops::countedLoop and countedForLoop.
#include <poplar/Vertex.hpp>

using namespace poplar;

namespace popops {

/// count += step (wrapping round for unsigned counters).
template <typename T> class LoopCounterIncrement : public Vertex {
public:
  InOut<T> count;
  int step;

  void compute() { *count = T(*count + T(step)); }
};
template class LoopCounterIncrement<unsigned>;
template class LoopCounterIncrement<int>;

/// count += step, then notDone = (count != limit): the test of a for loop
/// whose end is read on the device. With step 0 it is the first test.
template <typename T> class ForLoopCounter : public Vertex {
public:
  InOut<T> count;
  Input<T> limit;
  Output<bool> notDone;
  int step;

  void compute() {
    *count = T(*count + T(step));
    *notDone = *count != *limit;
  }
};
template class ForLoopCounter<unsigned>;
template class ForLoopCounter<int>;

} // namespace popops
