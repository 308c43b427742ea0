// Running a helper program (popc, clang++) and capturing what it prints.
// Shared by libpoplar (which runs popc) and popc (which runs clang++).
#ifndef TESSEL_COMPILER_CODELETS_SUBPROCESS_HPP
#define TESSEL_COMPILER_CODELETS_SUBPROCESS_HPP

#include <string>
#include <vector>

namespace tessel::codelets {

struct ProcessResult {
  /// False if the program could not be started; `output` then says why.
  bool started = false;
  /// The exit code, or -1 if a signal ended the program.
  int exitStatus = -1;
  int signal = 0;
  /// Standard output and standard error, interleaved as printed.
  std::string output;

  bool succeeded() const { return started && exitStatus == 0; }
  /// "exited with status 1", "was killed by signal 11 (Segmentation
  /// fault)" or "could not be started: ...".
  std::string describeFailure() const;
};

/// Runs argv[0] (searched in PATH when it has no '/') with argv, in the
/// current directory and environment, and waits for it to end.
ProcessResult runProcess(const std::vector<std::string> &argv);

} // namespace tessel::codelets

#endif
