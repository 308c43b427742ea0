// poprand's vertices. Each one fills a contiguous run of an output tensor
// on its tile; element `offset + i` of the whole output gets the value
// Distributions.hpp defines for that index, so the result does not depend on
// how the output is split over tiles, vertices or workers. Every worker of
// a MultiVertex takes every numWorkers()-th element.
#include "Distributions.hpp"

#include <poplar/HalfFloat.hpp>
#include <poplar/Vertex.hpp>

#include <cmath>
#include <cstdint>
#include <type_traits>

using namespace poplar;

namespace poprand {

namespace {

template <class T> T toOutput(float v) {
  if constexpr (std::is_same_v<T, int>)
    return int(std::lround(v));
  else
    return T(v);
}

template <class Seed> philox::Key keyOf(const Seed &seed) {
  return {seed[0], seed[1]};
}

} // namespace

template <class T> class Uniform : public MultiVertex {
public:
  Input<Vector<unsigned, VectorLayout::ONE_PTR>> seed;
  Output<Vector<T>> out;
  unsigned long long offset;
  unsigned seedModifier;
  float minVal;
  float range;
  float lo;
  float hi;

  void compute(unsigned workerId) {
    const philox::Key key = keyOf(seed);
    for (unsigned i = workerId; i < out.size(); i += numWorkers())
      out[i] = T(dist::uniformReal(key, seedModifier, offset + i, minVal, range,
                                   lo, hi));
  }
};
template class Uniform<float>;
template class Uniform<half>;

class UniformInt : public MultiVertex {
public:
  Input<Vector<unsigned, VectorLayout::ONE_PTR>> seed;
  Output<Vector<int>> out;
  unsigned long long offset;
  unsigned seedModifier;
  int minVal;
  unsigned long long rangeSize;

  void compute(unsigned workerId) {
    const philox::Key key = keyOf(seed);
    for (unsigned i = workerId; i < out.size(); i += numWorkers())
      out[i] =
          dist::uniformInt(key, seedModifier, offset + i, minVal, rangeSize);
  }
};

template <class T> class LogUniform : public MultiVertex {
public:
  Input<Vector<unsigned, VectorLayout::ONE_PTR>> seed;
  Output<Vector<T>> out;
  unsigned long long offset;
  unsigned seedModifier;
  float logMin;
  float logRange;
  float lo;
  float hi;

  void compute(unsigned workerId) {
    const philox::Key key = keyOf(seed);
    for (unsigned i = workerId; i < out.size(); i += numWorkers())
      out[i] = toOutput<T>(dist::logUniform(key, seedModifier, offset + i,
                                            logMin, logRange, lo, hi));
  }
};
template class LogUniform<float>;
template class LogUniform<half>;
template class LogUniform<int>;

template <class T> class Bernoulli : public MultiVertex {
public:
  Input<Vector<unsigned, VectorLayout::ONE_PTR>> seed;
  Output<Vector<T>> out;
  unsigned long long offset;
  unsigned seedModifier;
  unsigned long long threshold;

  void compute(unsigned workerId) {
    const philox::Key key = keyOf(seed);
    for (unsigned i = workerId; i < out.size(); i += numWorkers())
      out[i] =
          T(dist::bernoulli(key, seedModifier, offset + i, threshold) ? 1.0f
                                                                      : 0.0f);
  }
};
template class Bernoulli<float>;
template class Bernoulli<half>;
template class Bernoulli<int>;

template <class T> class Normal : public MultiVertex {
public:
  Input<Vector<unsigned, VectorLayout::ONE_PTR>> seed;
  Output<Vector<T>> out;
  unsigned long long offset;
  unsigned seedModifier;
  float mean;
  float stdDev;

  void compute(unsigned workerId) {
    const philox::Key key = keyOf(seed);
    for (unsigned i = workerId; i < out.size(); i += numWorkers())
      out[i] = T(dist::normal(key, seedModifier, offset + i, mean, stdDev));
  }
};
template class Normal<float>;
template class Normal<half>;

template <class T> class TruncatedNormal : public MultiVertex {
public:
  Input<Vector<unsigned, VectorLayout::ONE_PTR>> seed;
  Output<Vector<T>> out;
  unsigned long long offset;
  unsigned seedModifier;
  float mean;
  float stdDev;
  float alpha;
  float lo;
  float hi;

  void compute(unsigned workerId) {
    const philox::Key key = keyOf(seed);
    for (unsigned i = workerId; i < out.size(); i += numWorkers())
      out[i] = T(dist::truncatedNormal(key, seedModifier, offset + i, mean,
                                       stdDev, alpha, lo, hi));
  }
};
template class TruncatedNormal<float>;
template class TruncatedNormal<half>;

/// out = in * scale where the element is kept, else 0.
template <class T> class Dropout : public MultiVertex {
public:
  Input<Vector<unsigned, VectorLayout::ONE_PTR>> seed;
  Input<Vector<T, VectorLayout::ONE_PTR>> in;
  Output<Vector<T>> out;
  unsigned long long offset;
  unsigned seedModifier;
  unsigned long long threshold;
  float scale;

  void compute(unsigned workerId) {
    const philox::Key key = keyOf(seed);
    for (unsigned i = workerId; i < out.size(); i += numWorkers())
      out[i] = dist::bernoulli(key, seedModifier, offset + i, threshold,
                               dist::Stream::Dropout)
                   ? T(float(in[i]) * scale)
                   : T(0.0f);
  }
};
template class Dropout<float>;
template class Dropout<half>;

/// The hidden seed state from a master seed (poprand::setSeed).
class SetSeed : public Vertex {
public:
  Input<Vector<unsigned, VectorLayout::ONE_PTR>> masterSeed;
  Output<Vector<unsigned, VectorLayout::ONE_PTR>> state;
  unsigned seedModifier;

  void compute() {
    const philox::Key next =
        dist::seedFromMaster(keyOf(masterSeed), seedModifier);
    state[0] = next.k0;
    state[1] = next.k1;
  }
};

/// Moves the hidden seed state on after a call that used it.
class AdvanceSeed : public Vertex {
public:
  InOut<Vector<unsigned, VectorLayout::ONE_PTR>> state;

  void compute() {
    const philox::Key next = dist::advancedSeed(keyOf(state));
    state[0] = next.k0;
    state[1] = next.k1;
  }
};

} // namespace poprand
