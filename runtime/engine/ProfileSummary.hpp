// Engine::printProfileSummary: the Target, Graph, Memory Usage and Execution
// sections, from the executable image and the execution profile.
#ifndef TESSEL_RUNTIME_ENGINE_PROFILESUMMARY_HPP
#define TESSEL_RUNTIME_ENGINE_PROFILESUMMARY_HPP

#include "compiler/codegen/ExecutableImage.hpp"
#include "runtime/sim/ExecutionProfile.hpp"

#include <poplar/OptionFlags.hpp>

#include <cstdint>
#include <string>

namespace tessel {

/// The summary as text. Options (each "true" or "false"):
/// showExecutionSteps (steps by kind), showVarStorage (bytes and tiles of
/// each variable), showPerIpuMemoryUsage (memory of each IPU), and
/// showOptimizations and colours, accepted for Poplar compatibility (there
/// is nothing to add for them). Others are poplar::invalid_option.
std::string profileSummary(const exe::ExecutableImage &image,
                           const sim::ExecutionProfile &profile,
                           std::uint64_t deviceCycles,
                           const poplar::OptionFlags &options);

} // namespace tessel

#endif
