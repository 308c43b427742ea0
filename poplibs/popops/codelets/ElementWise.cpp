// The prebuilt element-wise vertices: one operator applied to whole
// vectors, the vertex popops::map uses for a single operator on tensors.
// One template per arity, instantiated for the (operator, type) pairs of
// ElementWiseOpTypes.def. A MultiVertex: each worker takes a contiguous
// share of the elements. `out` may be the tensor connected to `in1` (how
// the in-place forms run): each element is read before it is written.
#include <poplar/Vertex.hpp>

#include "ElementWiseOps.hpp"
#include "ElementWiseTypeSets.hpp"

using namespace poplar;

namespace popops {

template <expr::UnaryOpType op, typename T> class UnaryOp : public MultiVertex {
public:
  Input<Vector<T>> in;
  Output<Vector<elementwise::UnaryOut<op, T>>> out;

  void compute(unsigned workerId) {
    using Out = elementwise::UnaryOut<op, T>;
    const auto range =
        elementwise::workerRange(out.size(), workerId, numWorkers());
    for (unsigned i = range.begin; i != range.end; ++i)
      out[i] = Out(elementwise::unary<op, T>(in[i]));
  }
};

template <expr::BinaryOpType op, typename T>
class BinaryOp : public MultiVertex {
public:
  Input<Vector<T>> in1;
  Input<Vector<T>> in2;
  Output<Vector<elementwise::BinaryOut<op, T>>> out;

  void compute(unsigned workerId) {
    using Out = elementwise::BinaryOut<op, T>;
    const auto range =
        elementwise::workerRange(out.size(), workerId, numWorkers());
    for (unsigned i = range.begin; i != range.end; ++i)
      out[i] = Out(elementwise::binary<op, T>(in1[i], in2[i]));
  }
};

/// in op scalar, with the scalar operand a single element: no broadcast
/// copy of it is made. (scalar op in uses it too for operators that can
/// swap their operands.)
template <expr::BinaryOpType op, typename T>
class BinaryOpScalar : public MultiVertex {
public:
  Input<Vector<T>> in;
  Input<T> scalar;
  Output<Vector<elementwise::BinaryOut<op, T>>> out;

  void compute(unsigned workerId) {
    using Out = elementwise::BinaryOut<op, T>;
    const elementwise::Compute<T> s = *scalar;
    const auto range =
        elementwise::workerRange(out.size(), workerId, numWorkers());
    for (unsigned i = range.begin; i != range.end; ++i)
      out[i] = Out(elementwise::binary<op, T>(in[i], s));
  }
};

template <expr::TernaryOpType op, typename T>
class TernaryOp : public MultiVertex {
public:
  using Third = std::conditional_t<op == expr::TernaryOpType::SELECT, bool, T>;
  Input<Vector<T>> in1;
  Input<Vector<T>> in2;
  Input<Vector<Third>> in3;
  Output<Vector<T>> out;

  void compute(unsigned workerId) {
    const auto range =
        elementwise::workerRange(out.size(), workerId, numWorkers());
    for (unsigned i = range.begin; i != range.end; ++i)
      out[i] = T(elementwise::ternary<op, T>(
          in1[i], in2[i], elementwise::Compute<Third>(in3[i])));
  }
};

#define POPOPS_INSTANTIATE_UNARY(op, T)                                        \
  template class UnaryOp<expr::UnaryOpType::op, T>;
#define POPOPS_INSTANTIATE_BINARY(op, T)                                       \
  template class BinaryOp<expr::BinaryOpType::op, T>;                          \
  template class BinaryOpScalar<expr::BinaryOpType::op, T>;
#define POPOPS_INSTANTIATE_TERNARY(op, T)                                      \
  template class TernaryOp<expr::TernaryOpType::op, T>;

#define POPOPS_UNARY(op, set) POPOPS_TYPES_##set(POPOPS_INSTANTIATE_UNARY, op)
#define POPOPS_BINARY(op, set) POPOPS_TYPES_##set(POPOPS_INSTANTIATE_BINARY, op)
#define POPOPS_TERNARY(op, set)                                                \
  POPOPS_TYPES_##set(POPOPS_INSTANTIATE_TERNARY, op)
#include "ElementWiseOpTypes.def"

} // namespace popops
