// The engine and compile options Tessel accepts: one documented table, so
// compileGraph and the Engine refuse the same unknown options Poplar would,
// and read the options they act on through one typed view.
#ifndef TESSEL_COMPILER_CORE_ENGINEOPTIONS_HPP
#define TESSEL_COMPILER_CORE_ENGINEOPTIONS_HPP

#include <poplar/OptionFlags.hpp>

#include <string>
#include <vector>

namespace tessel {

/// `options` overridden by the JSON in POPLAR_ENGINE_OPTIONS, if set.
poplar::OptionFlags withEnvironmentOptions(const poplar::OptionFlags &options);

/// Throws poplar::invalid_option for an option Tessel does not know (naming
/// the closest valid option), or a value of the wrong kind (booleans are
/// "true" or "false", counts are decimal numbers, enumerations take their
/// listed values).
void checkEngineOptions(const poplar::OptionFlags &options);

/// One row of the option table, for generated documentation.
struct OptionDescription {
  std::string name;
  std::string values; // "true or false", "a count", "one of a, b", "text"
  std::string defaultValue;
  std::string effect;
};
std::vector<OptionDescription> engineOptionTable();

/// docs/engine-options.md: the option table as a Markdown page.
std::string engineOptionReference();

/// The valid option name nearest to `name` (fewest single-character edits),
/// or "" if none is reasonably close.
std::string closestEngineOption(const std::string &name);

/// The options compileGraph and the Engine act on, with their defaults.
/// The options must have passed checkEngineOptions.
struct EngineOptions {
  /// autoReport.*: which parts of the profile file are written, and where.
  bool outputGraphProfile = false;
  bool outputExecutionProfile = false;
  bool outputLoweredVars = false;
  std::string reportDirectory = ".";
  /// debug.instrument: record the execution profile from the first run.
  bool instrument = true;
  /// debug.retainDebugInformation: keep debug names in profiles.
  bool retainDebugInformation = true;
  /// debug.allowOutOfMemory: finish compiling and write the report before
  /// throwing the out-of-memory error.
  bool allowOutOfMemory = false;
  /// opt.maxCompilationThreads, resolved: 0 (or more than the host has)
  /// becomes the number of cores.
  unsigned maxCompilationThreads = 0;

  bool anyReport() const {
    return outputGraphProfile || outputExecutionProfile || outputLoweredVars;
  }
};
EngineOptions readEngineOptions(const poplar::OptionFlags &options);

} // namespace tessel

#endif
