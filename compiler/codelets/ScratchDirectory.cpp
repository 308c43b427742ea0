// mkdtemp under a parent directory; remove_all on destruction.
#include "compiler/codelets/ScratchDirectory.hpp"

#include <cerrno>
#include <cstdlib> // mkdtemp
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;

namespace tessel::codelets {

ScratchDirectory::ScratchDirectory(const std::string &prefix) {
  std::string pattern = prefix + "XXXXXX";
  if (mkdtemp(pattern.data()))
    path = pattern;
  else
    error = std::strerror(errno);
}

ScratchDirectory::~ScratchDirectory() {
  if (path.empty())
    return;
  std::error_code error;
  fs::remove_all(path, error);
}

bool ScratchDirectory::holds(const std::string &file) const {
  return made() && file.compare(0, path.size() + 1, path + "/") == 0;
}

} // namespace tessel::codelets
