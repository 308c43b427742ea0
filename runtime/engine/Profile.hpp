// The open profile: what a compiled graph holds (target, graph, memory per
// tile and category, variables with their tiles and lifetimes) and, once it
// has run, its execution trace per step and tile. Built as JSON
// (nlohmann_json) from the executable image and the execution profile;
// docs/profile-format.md is its schema. printProfileSummary reads the same
// JSON, so the summary and the file always agree.
#ifndef TESSEL_RUNTIME_ENGINE_PROFILE_HPP
#define TESSEL_RUNTIME_ENGINE_PROFILE_HPP

#include "compiler/codegen/ExecutableImage.hpp"
#include "runtime/sim/ExecutionProfile.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace tessel {

/// Bumped whenever a field changes meaning or is removed; readers refuse
/// other versions. Adding fields keeps the version.
inline constexpr int kProfileVersion = 1;
inline constexpr const char *kProfileFileName = "profile.json";

struct ProfileContents {
  /// Each variable's pieces (tile, address, bytes):
  /// autoReport.outputLoweredVars.
  bool loweredVariables = false;
  /// The execution section; null execution profile: none.
  const sim::ExecutionProfile *execution = nullptr;
  /// Every traced step in the execution section.
  bool executionSteps = true;
  /// Debug names of compute sets, exchanges and variables; without them
  /// they are named by number (debug.retainDebugInformation).
  bool debugNames = true;
  /// Why compilation failed for lack of memory (debug.allowOutOfMemory).
  std::string outOfMemory;
};

/// The memory categories, in the order the profile lists them.
extern const char *const kMemoryCategories[6];

nlohmann::json buildProfile(const exe::ExecutableImage &image,
                            const ProfileContents &contents);

/// Writes `profile` to `directory`/profile.json (making the directory);
/// returns the file's path. Throws poplar::system_runtime_error naming the
/// path if it cannot be written.
std::string writeProfile(const nlohmann::json &profile,
                         const std::string &directory);

/// Reads a profile file; throws poplar::parse_error naming the file if it
/// is not JSON, not a Tessel profile or of another version.
nlohmann::json readProfile(const std::string &path);

} // namespace tessel

#endif
