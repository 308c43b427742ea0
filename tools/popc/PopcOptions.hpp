// popc's command line (see `popc -h` and docs/codelets.md).
#ifndef TESSEL_TOOLS_POPC_POPCOPTIONS_HPP
#define TESSEL_TOOLS_POPC_POPCOPTIONS_HPP

#include <optional>
#include <string>
#include <vector>

namespace tessel::popc {

struct PopcOptions {
  std::string optimisation = "3"; // 0, 1, 2, 3 or s
  bool debugInfo = false;
  std::vector<std::string> includeDirs;
  std::vector<std::string> defines;  // NAME or NAME=VALUE
  std::vector<std::string> warnings; // what follows -W: "error", "all", ...
  std::vector<std::string> targets;  // known target names, no repeats
  bool writeDependencies = false;    // -MD: <output>.d
  /// Unoptimised instrumentation, the reference tests compare against.
  bool referenceInstrumentation = false;
  std::vector<std::string> inputs;
  std::string output;

  bool warningsAreErrors() const;
};

/// Every target popc compiles for, in the order --list-targets prints them.
const std::vector<std::string> &knownTargets();

/// Parses the command line. Returns nothing when popc has finished (after
/// -h or --list-targets), with `exitCode` set; throws PopcError for a bad
/// command line.
std::optional<PopcOptions> parseCommandLine(int argc, const char *const *argv,
                                            int &exitCode);

} // namespace tessel::popc

#endif
