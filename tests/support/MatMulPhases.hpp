// The phases of a planned matrix product (gather, products, partials
// exchange, partial sums) as the planner estimates them and as a run's
// execution profile measures them, so the benchmark and the planner's test
// compare the two the same way. Built on the public API only.
#ifndef TESSEL_TESTS_SUPPORT_MATMULPHASES_HPP
#define TESSEL_TESTS_SUPPORT_MATMULPHASES_HPP

#include <poplar/Engine.hpp>
#include <poplar/ProfileValue.hpp>

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

namespace matmul_phases {

/// The plan's phases, in the order the program runs them.
inline const char *const kNames[] = {"gather", "products", "partials exchange",
                                     "partial sums"};
constexpr std::size_t kCount = std::size(kNames);
using Cycles = std::array<std::uint64_t, kCount>;

/// The planner's estimate of each phase, read from its printed plan
/// ("estimated cycles: gather 17660, products 54438, ..."); 0 for a phase
/// the plan has not got; nullopt when the plan prints no estimate.
inline std::optional<Cycles> estimated(const std::string &plan) {
  const std::size_t line = plan.find("estimated cycles:");
  if (line == std::string::npos)
    return std::nullopt;
  Cycles cycles{};
  const std::string text = plan.substr(line, plan.find('\n', line) - line);
  for (std::size_t p = 0; p < kCount; ++p) {
    const std::size_t at = text.find(std::string(kNames[p]) + " ");
    if (at != std::string::npos)
      cycles[p] = std::stoull(text.substr(at + std::strlen(kNames[p]) + 1));
  }
  return cycles;
}

/// The run's simulated cycles by phase, from the execution profile: the
/// exchanges before the first compute set (the products) are the gather,
/// those after it the partials exchange, the second compute set the sums.
/// `computeSets` receives how many compute steps the run had (a matmul has
/// one or two).
inline Cycles simulated(const poplar::Engine &engine,
                        std::size_t *computeSets = nullptr) {
  Cycles cycles{};
  std::size_t seen = 0;
  const poplar::ProfileValue profile = engine.getExecutionProfile();
  for (const poplar::ProfileValue &step : profile["steps"].asVector()) {
    const std::uint64_t total = step["cycles"]["total"].asUint();
    if (step["kind"].asString() == "compute")
      cycles[seen++ == 0 ? 1 : 3] += total;
    else
      cycles[seen == 0 ? 0 : 2] += total;
  }
  if (computeSets)
    *computeSets = seen;
  return cycles;
}

} // namespace matmul_phases

#endif
