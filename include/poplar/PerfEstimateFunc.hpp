// Cycle estimates for vertices: setPerfEstimate values and the estimator
// functions registered per vertex type, which see the vertex's fields
// through a VertexIntrospector (poplar/VertexIntrospector.hpp).
#ifndef POPLAR_PERFESTIMATEFUNC_HPP
#define POPLAR_PERFESTIMATEFUNC_HPP

#include <poplar/GraphElements.hpp>
#include <poplar/Target.hpp>
#include <poplar/Type.hpp>
#include <poplar/VertexIntrospector.hpp>

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace poplar {

class Graph;

struct VertexPerfEstimate {
  VertexPerfEstimate() = default;
  VertexPerfEstimate(std::uint64_t cycles, std::uint64_t flops = 0)
      : cycles(cycles), flops(flops) {}
  std::uint64_t cycles = 0;
  std::uint64_t flops = 0;
};

using PerfEstimateFunc = std::function<VertexPerfEstimate(
    const VertexIntrospector &vertex, const Target &target)>;

} // namespace poplar

#endif
