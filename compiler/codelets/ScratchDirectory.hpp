// A directory for intermediate files, removed with everything in it when it
// goes out of scope. Shared by libpoplar (compiling codelet sources) and
// popc (building codelet objects).
#ifndef TESSEL_COMPILER_CODELETS_SCRATCHDIRECTORY_HPP
#define TESSEL_COMPILER_CODELETS_SCRATCHDIRECTORY_HPP

#include <string>

namespace tessel::codelets {

class ScratchDirectory {
public:
  /// Makes a new directory `<prefix>XXXXXX` (mkdtemp). If that fails,
  /// `path` is empty and `error` says why (strerror), for the caller's own
  /// error.
  explicit ScratchDirectory(const std::string &prefix);
  ScratchDirectory(const ScratchDirectory &) = delete;
  ScratchDirectory &operator=(const ScratchDirectory &) = delete;
  ~ScratchDirectory();

  bool made() const { return !path.empty(); }
  /// Whether `file` is inside the directory.
  bool holds(const std::string &file) const;

  std::string path;
  std::string error;
};

} // namespace tessel::codelets

#endif
