// The generator behind poprand, on the host: Philox4x32-10 reproduces the
// known-answer vectors published with Random123, and the per-element
// transforms keep their documented ranges.
#include "Philox.hpp"
#include "Distributions.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace poprand;

TEST_CASE("Philox4x32-10 matches the Random123 known answers",
          "[poprand][philox]") {
  const philox::Block zero = philox::generate({0, 0, 0, 0}, {0, 0});
  CHECK(zero.w0 == 0x6627e8d5u);
  CHECK(zero.w1 == 0xe169c58du);
  CHECK(zero.w2 == 0xbc57ac4cu);
  CHECK(zero.w3 == 0x9b00dbd8u);

  const philox::Block ones =
      philox::generate({0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
                       {0xffffffffu, 0xffffffffu});
  CHECK(ones.w0 == 0x408f276du);
  CHECK(ones.w1 == 0x41c83b0eu);
  CHECK(ones.w2 == 0xa20bc7c6u);
  CHECK(ones.w3 == 0x6d5451fdu);

  const philox::Block pi =
      philox::generate({0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u},
                       {0xa4093822u, 0x299f31d0u});
  CHECK(pi.w0 == 0xd16cfe09u);
  CHECK(pi.w1 == 0x94fdccebu);
  CHECK(pi.w2 == 0x5001e420u);
  CHECK(pi.w3 == 0x24126ea1u);
}

TEST_CASE("Integer uniforms cover the whole inclusive range, even all of int",
          "[poprand][philox]") {
  std::set<int> seen;
  for (std::uint64_t i = 0; i < 1000; ++i) {
    const int v = dist::uniformInt({1, 2}, 0, i, -2, 5);
    CHECK(v >= -2);
    CHECK(v <= 2);
    seen.insert(v);
  }
  CHECK(seen.size() == 5);
  // rangeSize 2^32: every 32-bit word maps to a distinct int.
  const philox::Block b = dist::draw({1, 2}, 0, 7, dist::Stream::Uniform);
  CHECK(dist::uniformInt({1, 2}, 0, 7, INT32_MIN, std::uint64_t(1) << 32) ==
        int(std::int64_t(INT32_MIN) + std::int64_t(b.w0)));
}

TEST_CASE("Unit-interval floats stay below 1 and Box-Muller stays finite",
          "[poprand][philox]") {
  CHECK(dist::unitInterval(0) == 0.0f);
  CHECK(dist::unitInterval(0xffffffffu) < 1.0f);
  float z0 = 0, z1 = 0;
  dist::standardNormalPair(0, 0, z0, z1); // smallest u1: the largest radius
  CHECK(std::isfinite(z0));
  CHECK(z0 < 6.0f);
  dist::standardNormalPair(0xffffffffu, 0, z0, z1); // u1 = 1: radius 0
  CHECK(z0 == 0.0f);
}

TEST_CASE("Truncated normals stay within alpha on both sampling methods",
          "[poprand][philox]") {
  for (float alpha : {0.25f, 0.999f, 1.0f, 3.0f}) {
    for (std::uint64_t i = 0; i < 2000; ++i) {
      const float z = dist::truncatedStandardNormal({5, 6}, 1, i, alpha);
      CHECK(std::fabs(z) <= alpha);
    }
  }
}

TEST_CASE("Seeds, modifiers and streams change the words drawn",
          "[poprand][philox]") {
  const philox::Block a = dist::draw({1, 2}, 0, 0, dist::Stream::Uniform);
  const philox::Block seed = dist::draw({1, 3}, 0, 0, dist::Stream::Uniform);
  const philox::Block modifier =
      dist::draw({1, 2}, 1, 0, dist::Stream::Uniform);
  const philox::Block stream = dist::draw({1, 2}, 0, 0, dist::Stream::Normal);
  CHECK(a.w0 != seed.w0);
  CHECK(a.w0 != modifier.w0);
  CHECK(a.w0 != stream.w0);
  const philox::Key next = dist::advancedSeed({1, 2});
  CHECK((next.k0 != 1 || next.k1 != 2));
  const philox::Key fromMaster = dist::seedFromMaster({1, 2}, 0);
  const philox::Key fromMaster1 = dist::seedFromMaster({1, 2}, 1);
  CHECK((fromMaster.k0 != fromMaster1.k0 || fromMaster.k1 != fromMaster1.k1));
}
