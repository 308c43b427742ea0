// Engine::printProfileSummary: the Target, Graph, Memory Usage and Execution
// sections, printed from the JSON profile (Profile.hpp), so the summary and
// the profile file always agree.
#ifndef TESSEL_RUNTIME_ENGINE_PROFILESUMMARY_HPP
#define TESSEL_RUNTIME_ENGINE_PROFILESUMMARY_HPP

#include "compiler/codegen/ExecutableImage.hpp"
#include "runtime/sim/ExecutionProfile.hpp"

#include <poplar/OptionFlags.hpp>

#include <cstdint>
#include <string>

namespace tessel {

/// The summary as text. Options (each "true" or "false"):
/// showExecutionSteps (steps by kind and compute set, then every step with
/// its cycles and name), showVarStorage (each variable's bytes, tiles,
/// category and lifetime), showPerIpuMemoryUsage (memory of each IPU), and
/// showOptimizations and colours, accepted for Poplar compatibility (there
/// is nothing to add for them). Others are poplar::invalid_option.
/// `debugNames`: debug.retainDebugInformation.
std::string profileSummary(const exe::ExecutableImage &image,
                           const sim::ExecutionProfile &profile,
                           std::uint64_t deviceCycles,
                           const poplar::OptionFlags &options,
                           bool debugNames = true);

} // namespace tessel

#endif
