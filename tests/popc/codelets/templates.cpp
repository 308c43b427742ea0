// Vertex templates named as poputil::templateVertex names them, inherited
// fields, nested namespaces and an unnamed namespace.
#include <poplar/Vertex.hpp>

using namespace poplar;

namespace ops {
enum class Operation { Add, Multiply };

template <class T> struct Operands {
  Input<T> a;
  Input<T> b;
};

template <class T, Operation op, bool scaled = false, unsigned factor = 2>
class Binary : public Vertex, public Operands<T> {
public:
  Output<T> out;
  void compute() {
    T value = op == Operation::Add ? *this->a + *this->b : *this->a * *this->b;
    *out = scaled ? value * T(factor) : value;
  }
};

template class Binary<float, Operation::Add>;
template class Binary<unsigned, Operation::Multiply, true, 3>;
template class Binary<half, Operation::Multiply, true>;

namespace detail {
struct Counted : public MultiVertex {
  InOut<unsigned> count;
  void compute(unsigned) {}
};
} // namespace detail
} // namespace ops

namespace {
struct Hidden : public SupervisorVertexIf<true> {
  Input<short> in;
  bool compute() { return *in > 0; }
};
} // namespace

template <class T> class NotInstantiated : public Vertex {
public:
  Input<T> in;
  void compute() {}
};
