// Philox4x32-10 (Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as
// easy as 1, 2, 3", SC'11): a counter-based generator. A block of four
// 32-bit words is a pure function of a 128-bit counter and a 64-bit key, so
// every element of a poprand output can be computed independently of every
// other one, on any tile and any worker. Shared by the codelets and by the
// host-side tests, which check it against the published known answers.
#ifndef POPRAND_CODELETS_PHILOX_HPP
#define POPRAND_CODELETS_PHILOX_HPP

#include <cstdint>

namespace poprand {
namespace philox {

struct Key {
  std::uint32_t k0, k1;
};

struct Block {
  std::uint32_t w0, w1, w2, w3;
};

inline constexpr std::uint32_t kMultiplier0 = 0xD2511F53u;
inline constexpr std::uint32_t kMultiplier1 = 0xCD9E8D57u;
inline constexpr std::uint32_t kWeyl0 = 0x9E3779B9u; // golden ratio
inline constexpr std::uint32_t kWeyl1 = 0xBB67AE85u; // sqrt(3) - 1
inline constexpr unsigned kRounds = 10;

inline Block round(Block c, Key k) {
  const std::uint64_t p0 = std::uint64_t(kMultiplier0) * c.w0;
  const std::uint64_t p1 = std::uint64_t(kMultiplier1) * c.w2;
  const auto hi0 = std::uint32_t(p0 >> 32), lo0 = std::uint32_t(p0);
  const auto hi1 = std::uint32_t(p1 >> 32), lo1 = std::uint32_t(p1);
  return {hi1 ^ c.w1 ^ k.k0, lo1, hi0 ^ c.w3 ^ k.k1, lo0};
}

/// Philox4x32 with ten rounds: the key is bumped by the Weyl constants
/// between rounds.
inline Block generate(Block counter, Key key) {
  for (unsigned r = 0; r < kRounds; ++r) {
    if (r != 0) {
      key.k0 += kWeyl0;
      key.k1 += kWeyl1;
    }
    counter = round(counter, key);
  }
  return counter;
}

} // namespace philox
} // namespace poprand

#endif
