// The value of one element of each poprand distribution, as a pure function
// of the seed (the Philox key), the seed modifier, the element's index in
// the output and the distribution's parameters. The codelets evaluate these
// per element; the tests evaluate the same functions on the host.
//
// Philox counter layout: {index low word, index high word, seed modifier,
// stream << 24 | attempt}. The stream keeps distributions drawn with the
// same seed uncorrelated; the attempt numbers resamples of rejection
// methods.
#ifndef POPRAND_CODELETS_DISTRIBUTIONS_HPP
#define POPRAND_CODELETS_DISTRIBUTIONS_HPP

#include "Philox.hpp"

#include <cmath>
#include <cstdint>

namespace poprand {
namespace dist {

enum class Stream : std::uint32_t {
  Uniform = 1,
  LogUniform = 2,
  Bernoulli = 3,
  Normal = 4,
  TruncatedNormal = 5,
  Dropout = 6,
  SetSeed = 7,
  AdvanceSeed = 8,
};

/// Resamples a truncated normal element may take; each tries two
/// candidates, each accepted with probability at least 0.6, so running out
/// has probability below 1e-50.
inline constexpr unsigned kMaxAttempts = 64;

inline philox::Block draw(philox::Key key, std::uint32_t seedModifier,
                          std::uint64_t element, Stream stream,
                          std::uint32_t attempt = 0) {
  return philox::generate({std::uint32_t(element), std::uint32_t(element >> 32),
                           seedModifier,
                           (std::uint32_t(stream) << 24) | attempt},
                          key);
}

/// 24 random bits as a float in [0, 1).
inline float unitInterval(std::uint32_t w) { return float(w >> 8) * 0x1p-24f; }

inline float clampTo(float v, float lo, float hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}

/// Box-Muller: two independent standard normals from two words. u1 is in
/// (0, 1], so |z| <= sqrt(2 ln 2^24) ~ 5.77.
inline void standardNormalPair(std::uint32_t a, std::uint32_t b, float &z0,
                               float &z1) {
  const float u1 = float((a >> 8) + 1) * 0x1p-24f;
  const float u2 = unitInterval(b);
  const float r = std::sqrt(-2.0f * std::log(u1));
  const float theta = 6.28318530717958647692f * u2;
  z0 = r * std::cos(theta);
  z1 = r * std::sin(theta);
}

/// minVal + u * range, kept inside [lo, hi] (the bounds representable in the
/// output type).
inline float uniformReal(philox::Key key, std::uint32_t modifier,
                         std::uint64_t i, float minVal, float range, float lo,
                         float hi) {
  const philox::Block b = draw(key, modifier, i, Stream::Uniform);
  return clampTo(minVal + unitInterval(b.w0) * range, lo, hi);
}

/// minVal + floor(w * rangeSize / 2^32): every value of [minVal, minVal +
/// rangeSize) with probability within rangeSize / 2^32 of uniform.
inline int uniformInt(philox::Key key, std::uint32_t modifier, std::uint64_t i,
                      int minVal, std::uint64_t rangeSize) {
  const philox::Block b = draw(key, modifier, i, Stream::Uniform);
  const std::uint64_t step = (std::uint64_t(b.w0) * rangeSize) >> 32;
  return int(std::int64_t(minVal) + std::int64_t(step));
}

/// exp(U(logMin, logMin + logRange)) kept inside [lo, hi].
inline float logUniform(philox::Key key, std::uint32_t modifier,
                        std::uint64_t i, float logMin, float logRange, float lo,
                        float hi) {
  const philox::Block b = draw(key, modifier, i, Stream::LogUniform);
  return clampTo(std::exp(logMin + unitInterval(b.w0) * logRange), lo, hi);
}

/// True with probability threshold / 2^32.
inline bool bernoulli(philox::Key key, std::uint32_t modifier, std::uint64_t i,
                      std::uint64_t threshold,
                      Stream stream = Stream::Bernoulli) {
  return std::uint64_t(draw(key, modifier, i, stream).w0) < threshold;
}

inline float normal(philox::Key key, std::uint32_t modifier, std::uint64_t i,
                    float mean, float stdDev) {
  const philox::Block b = draw(key, modifier, i, Stream::Normal);
  float z0, z1;
  standardNormalPair(b.w0, b.w1, z0, z1);
  return mean + stdDev * z0;
}

/// A standard normal conditioned on |z| <= alpha. For alpha >= 1, normal
/// candidates are kept when inside; below that, uniform candidates in
/// [-alpha, alpha] are kept with probability exp(-z^2 / 2), which accepts
/// more often when the interval is narrow.
inline float truncatedStandardNormal(philox::Key key, std::uint32_t modifier,
                                     std::uint64_t i, float alpha) {
  float z = 0.0f;
  for (std::uint32_t attempt = 0; attempt < kMaxAttempts; ++attempt) {
    const philox::Block b =
        draw(key, modifier, i, Stream::TruncatedNormal, attempt);
    if (alpha >= 1.0f) {
      float z1;
      standardNormalPair(b.w0, b.w1, z, z1);
      if (std::fabs(z) <= alpha)
        return z;
      if (std::fabs(z1) <= alpha)
        return z1;
      continue;
    }
    z = alpha * (2.0f * unitInterval(b.w0) - 1.0f);
    if (unitInterval(b.w1) < std::exp(-0.5f * z * z))
      return z;
    z = alpha * (2.0f * unitInterval(b.w2) - 1.0f);
    if (unitInterval(b.w3) < std::exp(-0.5f * z * z))
      return z;
  }
  return clampTo(z, -alpha, alpha);
}

inline float truncatedNormal(philox::Key key, std::uint32_t modifier,
                             std::uint64_t i, float mean, float stdDev,
                             float alpha, float lo, float hi) {
  return clampTo(
      mean + stdDev * truncatedStandardNormal(key, modifier, i, alpha), lo, hi);
}

/// The hidden seed state setSeed derives from a master seed.
inline philox::Key seedFromMaster(philox::Key master,
                                  std::uint32_t seedModifier) {
  const philox::Block b = draw(master, seedModifier, 0, Stream::SetSeed);
  return {b.w0, b.w1};
}

/// The hidden seed state after a poprand call that used it.
inline philox::Key advancedSeed(philox::Key state) {
  const philox::Block b = draw(state, 0, 0, Stream::AdvanceSeed);
  return {b.w0, b.w1};
}

} // namespace dist
} // namespace poprand

#endif
