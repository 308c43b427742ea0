// popnn's element-wise non-linearity vertices, for the ComputeSet forms of
// nonLinearityInPlace and nonLinearityInputGradient (the Sequence forms use
// popops maps). Each element is computed in float and rounded once.
#include <poplar/HalfFloat.hpp>
#include <poplar/Vertex.hpp>
#include <popnn/NonLinearityDef.hpp>

#include <cmath>

using namespace poplar;

namespace popnn {

namespace {

constexpr float kGeluScale = 0.7978845608028654f; // sqrt(2 / pi)
constexpr float kGeluCubic = 0.044715f;

inline float sigmoidOf(float x) {
  // exp of a non-positive argument only, so it never overflows.
  if (x >= 0)
    return 1.0f / (1.0f + std::exp(-x));
  const float e = std::exp(x);
  return e / (1.0f + e);
}

template <NonLinearityType nl> inline float activation(float x) {
  if constexpr (nl == NonLinearityType::SIGMOID)
    return sigmoidOf(x);
  else if constexpr (nl == NonLinearityType::HARD_SIGMOID)
    return std::fmin(1.0f, std::fmax(0.0f, 0.2f * x + 0.5f));
  else if constexpr (nl == NonLinearityType::RELU)
    return x > 0.0f ? x : 0.0f;
  else if constexpr (nl == NonLinearityType::TANH)
    return std::tanh(x);
  else if constexpr (nl == NonLinearityType::GELU)
    return 0.5f * x *
           (1.0f + std::tanh(kGeluScale * (x + kGeluCubic * x * x * x)));
  else if constexpr (nl == NonLinearityType::GELU_ERF)
    return 0.5f * x * (1.0f + std::erf(x * 0.7071067811865476f));
  else
    return x * sigmoidOf(x); // SWISH
}

// The derivative from the output (SIGMOID, RELU, TANH) or the input (the
// others), as popnn::nonLinearityInputGradient defines `act`.
template <NonLinearityType nl> inline float derivative(float a) {
  if constexpr (nl == NonLinearityType::SIGMOID)
    return a * (1.0f - a);
  else if constexpr (nl == NonLinearityType::HARD_SIGMOID)
    return std::fabs(a) < 2.5f ? 0.2f : 0.0f;
  else if constexpr (nl == NonLinearityType::RELU)
    return a > 0.0f ? 1.0f : 0.0f;
  else if constexpr (nl == NonLinearityType::TANH)
    return 1.0f - a * a;
  else if constexpr (nl == NonLinearityType::GELU) {
    const float t = std::tanh(kGeluScale * (a + kGeluCubic * a * a * a));
    return 0.5f * (1.0f + t) + 0.5f * a * (1.0f - t * t) * kGeluScale *
                                   (1.0f + 3.0f * kGeluCubic * a * a);
  } else if constexpr (nl == NonLinearityType::GELU_ERF)
    return 0.5f * (1.0f + std::erf(a * 0.7071067811865476f)) +
           a * 0.3989422804014327f * std::exp(-0.5f * a * a);
  else {
    const float s = sigmoidOf(a); // SWISH
    return s * (1.0f + a * (1.0f - s));
  }
}

} // namespace

/// data[i] = activation(data[i]); worker w takes every numWorkers()-th
/// element from w.
template <typename T, NonLinearityType nl>
class NonLinearityInPlace : public MultiVertex {
public:
  InOut<Vector<T>> data;

  void compute(unsigned workerId) {
    for (unsigned i = workerId; i < data.size(); i += numWorkers())
      data[i] = T(activation<nl>(float(data[i])));
  }
};

/// inGrad[i] = outGrad[i] * derivative(act[i]).
template <typename T, NonLinearityType nl>
class NonLinearityGrad : public MultiVertex {
public:
  Input<Vector<T>> act;
  Input<Vector<T>> outGrad;
  Output<Vector<T>> inGrad;

  void compute(unsigned workerId) {
    for (unsigned i = workerId; i < inGrad.size(); i += numWorkers())
      inGrad[i] = T(float(outGrad[i]) * derivative<nl>(float(act[i])));
  }
};

#define POPNN_INSTANTIATE(Vertex, nl)                                          \
  template class Vertex<float, NonLinearityType::nl>;                          \
  template class Vertex<half, NonLinearityType::nl>;
#define POPNN_INSTANTIATE_BOTH(nl)                                             \
  POPNN_INSTANTIATE(NonLinearityInPlace, nl)                                   \
  POPNN_INSTANTIATE(NonLinearityGrad, nl)

POPNN_INSTANTIATE_BOTH(SIGMOID)
POPNN_INSTANTIATE_BOTH(HARD_SIGMOID)
POPNN_INSTANTIATE_BOTH(RELU)
POPNN_INSTANTIATE_BOTH(TANH)
POPNN_INSTANTIATE_BOTH(GELU)
POPNN_INSTANTIATE_BOTH(GELU_ERF)
POPNN_INSTANTIATE_BOTH(SWISH)

} // namespace popnn
