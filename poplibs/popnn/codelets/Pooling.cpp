// popnn's pooling vertices. Each vertex handles a run of one
// [batch][channel] plane of its output, workers taking every
// numWorkers()-th element; its input is the slice of the plane its run
// needs. `geometry` holds five words per field dimension, outermost first:
// input size, output size, kernel size, stride, lower padding (an int's
// bits; negative truncates). Sums and maxima are formed in float and
// rounded once.
#include <poplar/HalfFloat.hpp>
#include <poplar/Vertex.hpp>
#include <popnn/PoolingDef.hpp>

#include <cfloat>

using namespace poplar;

namespace popnn {

namespace {

constexpr unsigned kWordsPerDim = 5;

struct Dim {
  int inSize, outSize, kernel, stride, padLower;
};

inline Dim dimOf(const unsigned *geometry, unsigned d) {
  const unsigned *g = geometry + d * kWordsPerDim;
  return {int(g[0]), int(g[1]), int(g[2]), int(g[3]), int(g[4])};
}

inline unsigned kernelElements(const unsigned *geometry, unsigned numDims) {
  unsigned n = 1;
  for (unsigned d = 0; d != numDims; ++d)
    n *= dimOf(geometry, d).kernel;
  return n;
}

// The flat input index kernel element `k` of output `out` reads, or -1 when
// it falls in the padding.
inline int windowInput(const unsigned *geometry, unsigned numDims, unsigned out,
                       unsigned k) {
  int flat = 0, scale = 1;
  for (unsigned d = numDims; d-- != 0;) {
    const Dim dim = dimOf(geometry, d);
    const int o = int(out % unsigned(dim.outSize));
    out /= unsigned(dim.outSize);
    const int kd = int(k % unsigned(dim.kernel));
    k /= unsigned(dim.kernel);
    const int i = o * dim.stride - dim.padLower + kd;
    if (i < 0 || i >= dim.inSize)
      return -1;
    flat += i * scale;
    scale *= dim.inSize;
  }
  return flat;
}

// The flat output index whose kernel element `k` reads input `in`, or -1
// when there is none.
inline int windowOutput(const unsigned *geometry, unsigned numDims, unsigned in,
                        unsigned k) {
  int flat = 0, scale = 1;
  for (unsigned d = numDims; d-- != 0;) {
    const Dim dim = dimOf(geometry, d);
    const int i = int(in % unsigned(dim.inSize));
    in /= unsigned(dim.inSize);
    const int kd = int(k % unsigned(dim.kernel));
    k /= unsigned(dim.kernel);
    const int strided = i + dim.padLower - kd;
    if (strided < 0 || strided % dim.stride != 0)
      return -1;
    const int o = strided / dim.stride;
    if (o >= dim.outSize)
      return -1;
    flat += o * scale;
    scale *= dim.outSize;
  }
  return flat;
}

} // namespace

/// out[i] = the pooling of output element outBegin + i of its plane; in
/// holds the plane's elements from inBegin.
template <typename T, PoolingType type> class Pool : public MultiVertex {
public:
  Input<Vector<T>> in;
  Output<Vector<T>> out;
  Vector<unsigned> geometry;
  unsigned inBegin;
  unsigned outBegin;

  void compute(unsigned workerId) {
    const unsigned numDims = geometry.size() / kWordsPerDim;
    const unsigned numK = kernelElements(&geometry[0], numDims);
    for (unsigned i = workerId; i < out.size(); i += numWorkers()) {
      float acc = type == PoolingType::MAX ? -FLT_MAX : 0.0f;
      unsigned used = 0;
      for (unsigned k = 0; k != numK; ++k) {
        const int src = windowInput(&geometry[0], numDims, outBegin + i, k);
        if (src < 0)
          continue;
        const float x = float(in[unsigned(src) - inBegin]);
        if (type == PoolingType::MAX)
          acc = x > acc ? x : acc;
        else
          acc += x;
        ++used;
      }
      if (type == PoolingType::AVG && used != 0)
        acc /= float(used);
      out[i] = T(acc);
    }
  }
};
template class Pool<float, PoolingType::MAX>;
template class Pool<float, PoolingType::AVG>;
template class Pool<float, PoolingType::SUM>;
template class Pool<half, PoolingType::MAX>;
template class Pool<half, PoolingType::AVG>;
template class Pool<half, PoolingType::SUM>;

/// out[i] = grad[i] / the number of in-bounds elements of output
/// outBegin + i's window: the AVG gradient each of them receives.
template <typename T> class AvgPoolGradientScale : public MultiVertex {
public:
  Input<Vector<T>> grad;
  Output<Vector<T>> out;
  Vector<unsigned> geometry;
  unsigned outBegin;

  void compute(unsigned workerId) {
    const unsigned numDims = geometry.size() / kWordsPerDim;
    const unsigned numK = kernelElements(&geometry[0], numDims);
    for (unsigned i = workerId; i < out.size(); i += numWorkers()) {
      unsigned used = 0;
      for (unsigned k = 0; k != numK; ++k)
        used += windowInput(&geometry[0], numDims, outBegin + i, k) >= 0;
      const float g = float(grad[i]);
      out[i] = T(used != 0 ? g / float(used) : g);
    }
  }
};
template class AvgPoolGradientScale<float>;
template class AvgPoolGradientScale<half>;

/// out[i] = grad[i] / the number of elements of output outBegin + i's
/// window equal to its maximum pooled[i]: the scaled MAX gradient.
template <typename T> class MaxPoolGradientScale : public MultiVertex {
public:
  Input<Vector<T>> in;
  Input<Vector<T>> pooled;
  Input<Vector<T>> grad;
  Output<Vector<T>> out;
  Vector<unsigned> geometry;
  unsigned inBegin;
  unsigned outBegin;

  void compute(unsigned workerId) {
    const unsigned numDims = geometry.size() / kWordsPerDim;
    const unsigned numK = kernelElements(&geometry[0], numDims);
    for (unsigned i = workerId; i < out.size(); i += numWorkers()) {
      unsigned matches = 0;
      for (unsigned k = 0; k != numK; ++k) {
        const int src = windowInput(&geometry[0], numDims, outBegin + i, k);
        if (src >= 0 && float(in[unsigned(src) - inBegin]) == float(pooled[i]))
          ++matches;
      }
      const float g = float(grad[i]);
      out[i] = T(matches != 0 ? g / float(matches) : g);
    }
  }
};
template class MaxPoolGradientScale<float>;
template class MaxPoolGradientScale<half>;

/// out[j] = the sum of grad over the outputs whose windows hold input
/// element inBegin + j of its plane; grad holds the plane's output
/// gradients from outBegin.
template <typename T> class SumPoolInputGradient : public MultiVertex {
public:
  Input<Vector<T>> grad;
  Output<Vector<T>> out;
  Vector<unsigned> geometry;
  unsigned inBegin;
  unsigned outBegin;

  void compute(unsigned workerId) {
    const unsigned numDims = geometry.size() / kWordsPerDim;
    const unsigned numK = kernelElements(&geometry[0], numDims);
    for (unsigned j = workerId; j < out.size(); j += numWorkers()) {
      float acc = 0.0f;
      for (unsigned k = 0; k != numK; ++k) {
        const int o = windowOutput(&geometry[0], numDims, inBegin + j, k);
        if (o >= 0)
          acc += float(grad[unsigned(o) - outBegin]);
      }
      out[j] = T(acc);
    }
  }
};
template class SumPoolInputGradient<float>;
template class SumPoolInputGradient<half>;

/// As SumPoolInputGradient, counting only the outputs whose maximum
/// (pooled) equals the forward input in[j].
template <typename T> class MaxPoolInputGradient : public MultiVertex {
public:
  Input<Vector<T>> in;
  Input<Vector<T>> pooled;
  Input<Vector<T>> grad;
  Output<Vector<T>> out;
  Vector<unsigned> geometry;
  unsigned inBegin;
  unsigned outBegin;

  void compute(unsigned workerId) {
    const unsigned numDims = geometry.size() / kWordsPerDim;
    const unsigned numK = kernelElements(&geometry[0], numDims);
    for (unsigned j = workerId; j < out.size(); j += numWorkers()) {
      const float x = float(in[j]);
      float acc = 0.0f;
      for (unsigned k = 0; k != numK; ++k) {
        const int o = windowOutput(&geometry[0], numDims, inBegin + j, k);
        if (o >= 0 && float(pooled[unsigned(o) - outBegin]) == x)
          acc += float(grad[unsigned(o) - outBegin]);
      }
      out[j] = T(acc);
    }
  }
};
template class MaxPoolInputGradient<float>;
template class MaxPoolInputGradient<half>;

} // namespace popnn
