// Shared set-up for the poplin tests: the popops harness with poplin's
// codelets, and inputs exact in half.
#ifndef TESSEL_TESTS_UNIT_POPLIN_HARNESS_HPP
#define TESSEL_TESTS_UNIT_POPLIN_HARNESS_HPP

#include "../popops/PopopsHarness.hpp"

#include <poplin/codelets.hpp>

#include <vector>

namespace poplin_test {

struct LinGraph : popops_test::TestGraph {
  explicit LinGraph(unsigned tiles) : TestGraph(tiles) {
    poplin::addCodelets(graph);
  }
};

/// Values that are exact in half: multiples of 1/8 in [-1, 1].
inline std::vector<double> values(std::size_t n, unsigned seed) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = double(int((i * 37 + seed * 11) % 17) - 8) / 8.0;
  return v;
}

} // namespace poplin_test

#endif
