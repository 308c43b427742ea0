// SHA-256 (FIPS 180-4), for codelet archive checksums, object content hashes
// and compile cache keys. libpoplar links no crypto library, and these
// hashes must be identical on every host, so Tessel computes them itself.
#ifndef TESSEL_COMPILER_CODELETS_SHA256_HPP
#define TESSEL_COMPILER_CODELETS_SHA256_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace tessel::codelets {

class Sha256 {
public:
  using Digest = std::array<std::uint8_t, 32>;

  /// The instructions that compute a digest; every choice gives the same
  /// digest (tests compare them).
  enum class Implementation { Fastest, Portable };

  explicit Sha256(Implementation implementation = Implementation::Fastest);
  void update(const void *data, std::size_t bytes);
  void update(const std::string &text) { update(text.data(), text.size()); }
  /// Ends the message; the object must not be updated afterwards.
  Digest finish();

  static Digest of(const void *data, std::size_t bytes,
                   Implementation implementation = Implementation::Fastest);
  /// Lower-case hex spelling of a digest (64 characters).
  static std::string hex(const Digest &digest);
  static std::string hexOf(const void *data, std::size_t bytes) {
    return hex(of(data, bytes));
  }

  /// Whether this host's SHA instructions do the work (x86 SHA extensions);
  /// the digest is the same either way.
  static bool usesShaExtensions();

private:
  void compressBlocks(const std::uint8_t *blocks, std::size_t count);

  std::array<std::uint32_t, 8> state;
  std::array<std::uint8_t, 64> pending;
  std::size_t pendingBytes = 0;
  std::uint64_t totalBytes = 0;
  bool useShaExtensions;
};

} // namespace tessel::codelets

#endif
