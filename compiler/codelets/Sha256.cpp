// SHA-256 as specified in FIPS 180-4, section 6.2.
#include "compiler/codelets/Sha256.hpp"

#include <algorithm>
#include <cstring>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace tessel::codelets {

namespace {

constexpr std::uint32_t kRoundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t rotateRight(std::uint32_t x, unsigned n) {
  return (x >> n) | (x << (32 - n));
}

} // namespace

Sha256::Sha256(Implementation implementation)
    : state{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
            0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19},
      pending{}, useShaExtensions(implementation == Implementation::Fastest &&
                                  usesShaExtensions()) {}

namespace {

void compressBlockPortable(std::array<std::uint32_t, 8> &state,
                           const std::uint8_t *block) {
  std::uint32_t w[64];
  for (int i = 0; i < 16; ++i)
    w[i] = std::uint32_t(block[4 * i]) << 24 |
           std::uint32_t(block[4 * i + 1]) << 16 |
           std::uint32_t(block[4 * i + 2]) << 8 |
           std::uint32_t(block[4 * i + 3]);
  for (int i = 16; i < 64; ++i) {
    const std::uint32_t s0 = rotateRight(w[i - 15], 7) ^
                             rotateRight(w[i - 15], 18) ^ (w[i - 15] >> 3);
    const std::uint32_t s1 = rotateRight(w[i - 2], 17) ^
                             rotateRight(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3],
                e = state[4], f = state[5], g = state[6], h = state[7];
  for (int i = 0; i < 64; ++i) {
    const std::uint32_t s1 =
        rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25);
    const std::uint32_t choose = (e & f) ^ (~e & g);
    const std::uint32_t t1 = h + s1 + choose + kRoundConstants[i] + w[i];
    const std::uint32_t s0 =
        rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22);
    const std::uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
    const std::uint32_t t2 = s0 + majority;
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

#if defined(__x86_64__)
/// The x86 SHA extensions do two rounds per instruction, about ten times
/// the portable loop's speed; a 6 MB codelet object is hashed each time its
/// archive is read and each time an engine first loads it.
__attribute__((target("sha,sse4.1,ssse3"))) void
compressBlocksWithShaExtensions(std::array<std::uint32_t, 8> &state,
                                const std::uint8_t *blocks, std::size_t count) {
  // The instructions keep the state as {A,B,E,F} and {C,D,G,H}.
  __m128i dcba = _mm_loadu_si128(reinterpret_cast<const __m128i *>(&state[0]));
  __m128i hgfe = _mm_loadu_si128(reinterpret_cast<const __m128i *>(&state[4]));
  const __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
  const __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
  __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
  __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
  // Message words are big-endian.
  const __m128i byteSwap =
      _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
  for (; count != 0; --count, blocks += 64) {
    const __m128i abefBefore = abef, cdghBefore = cdgh;
    // schedule[g % 4] holds message words 4g .. 4g+3.
    __m128i schedule[4];
    for (int g = 0; g < 16; ++g) {
      __m128i words;
      if (g < 4) {
        words = _mm_shuffle_epi8(
            _mm_loadu_si128(reinterpret_cast<const __m128i *>(blocks + 16 * g)),
            byteSwap);
      } else {
        const __m128i &back1 = schedule[(g - 1) & 3];
        const __m128i &back2 = schedule[(g - 2) & 3];
        __m128i partial =
            _mm_sha256msg1_epu32(schedule[(g - 4) & 3], schedule[(g - 3) & 3]);
        partial = _mm_add_epi32(partial, _mm_alignr_epi8(back1, back2, 4));
        words = _mm_sha256msg2_epu32(partial, back1);
      }
      schedule[g & 3] = words;
      __m128i roundInput = _mm_add_epi32(
          words, _mm_loadu_si128(reinterpret_cast<const __m128i *>(
                     &kRoundConstants[4 * g])));
      cdgh = _mm_sha256rnds2_epu32(cdgh, abef, roundInput);
      roundInput = _mm_shuffle_epi32(roundInput, 0x0E);
      abef = _mm_sha256rnds2_epu32(abef, cdgh, roundInput);
    }
    abef = _mm_add_epi32(abef, abefBefore);
    cdgh = _mm_add_epi32(cdgh, cdghBefore);
  }
  const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
  const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
  dcba = _mm_blend_epi16(feba, dchg, 0xF0);
  hgfe = _mm_alignr_epi8(dchg, feba, 8);
  _mm_storeu_si128(reinterpret_cast<__m128i *>(&state[0]), dcba);
  _mm_storeu_si128(reinterpret_cast<__m128i *>(&state[4]), hgfe);
}

bool hostHasShaExtensions() {
  unsigned eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
    return false;
  const bool ssse3 = ecx & (1u << 9), sse41 = ecx & (1u << 19);
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx))
    return false;
  const bool sha = ebx & (1u << 29);
  return ssse3 && sse41 && sha;
}
#endif

} // namespace

bool Sha256::usesShaExtensions() {
#if defined(__x86_64__)
  static const bool available = hostHasShaExtensions();
  return available;
#else
  return false;
#endif
}

void Sha256::compressBlocks(const std::uint8_t *blocks, std::size_t count) {
#if defined(__x86_64__)
  if (useShaExtensions) {
    compressBlocksWithShaExtensions(state, blocks, count);
    return;
  }
#endif
  for (; count != 0; --count, blocks += 64)
    compressBlockPortable(state, blocks);
}

void Sha256::update(const void *data, std::size_t bytes) {
  // An empty input may come as a null pointer (an empty vector's data()),
  // which memcpy must not be given even with no bytes.
  if (bytes == 0)
    return;
  const auto *in = static_cast<const std::uint8_t *>(data);
  totalBytes += bytes;
  if (pendingBytes != 0) {
    const std::size_t take = std::min(bytes, pending.size() - pendingBytes);
    std::memcpy(pending.data() + pendingBytes, in, take);
    pendingBytes += take;
    in += take;
    bytes -= take;
    if (pendingBytes != pending.size())
      return;
    compressBlocks(pending.data(), 1);
    pendingBytes = 0;
  }
  // Whole blocks straight from the input, without copying.
  const std::size_t wholeBlocks = bytes / pending.size();
  compressBlocks(in, wholeBlocks);
  in += wholeBlocks * pending.size();
  bytes -= wholeBlocks * pending.size();
  std::memcpy(pending.data(), in, bytes);
  pendingBytes = bytes;
}

Sha256::Digest Sha256::finish() {
  const std::uint64_t messageBits = totalBytes * 8;
  const std::uint8_t one = 0x80;
  update(&one, 1);
  const std::uint8_t zero = 0;
  while (pendingBytes != 56)
    update(&zero, 1);
  std::uint8_t length[8];
  for (int i = 0; i < 8; ++i)
    length[i] = std::uint8_t(messageBits >> (56 - 8 * i));
  update(length, 8);
  Digest digest;
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 4; ++j)
      digest[4 * i + j] = std::uint8_t(state[i] >> (24 - 8 * j));
  return digest;
}

Sha256::Digest Sha256::of(const void *data, std::size_t bytes,
                          Implementation implementation) {
  Sha256 hash(implementation);
  hash.update(data, bytes);
  return hash.finish();
}

std::string Sha256::hex(const Digest &digest) {
  static const char kDigits[] = "0123456789abcdef";
  std::string text;
  text.reserve(2 * digest.size());
  for (std::uint8_t byte : digest) {
    text += kDigits[byte >> 4];
    text += kDigits[byte & 15];
  }
  return text;
}

} // namespace tessel::codelets
