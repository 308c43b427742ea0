// The on-disk cache of compiled codelets that compileCodeletSource keeps: one
// .gp per cache key, with the size and modification time of every file the
// compile read, so that editing an included header invalidates the entry.
#ifndef TESSEL_COMPILER_CODELETS_CODELETCACHE_HPP
#define TESSEL_COMPILER_CODELETS_CODELETCACHE_HPP

#include "compiler/codelets/CodeletArchive.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tessel::codelets {

/// $TESSEL_CODELET_CACHE, else $XDG_CACHE_HOME/tessel/codelets, else
/// $HOME/.cache/tessel/codelets; empty if none of them is set.
std::string defaultCodeletCacheDirectory();

/// What identifies a file's contents cheaply: its size and modification time.
struct FileStamp {
  std::uint64_t bytes = 0;
  std::int64_t modifiedNanoseconds = 0;
  bool operator==(const FileStamp &o) const {
    return bytes == o.bytes && modifiedNanoseconds == o.modifiedNanoseconds;
  }
};
std::optional<FileStamp> stampFile(const std::string &path);

/// The prerequisites a make-style dependency file (as clang -MD and popc -MD
/// write) lists, in order, with escapes undone.
std::vector<std::string> parseDependencyFile(const std::string &text);

class CodeletCache {
public:
  /// Creates `directory` if needed; an unusable directory makes a cache that
  /// never hits and stores nothing.
  explicit CodeletCache(std::string directory);

  bool usable() const { return isUsable; }
  const std::string &directory() const { return dir; }
  /// The archive stored under `key`, if every file it was built from is
  /// unchanged; an unreadable or corrupt entry is a miss.
  std::optional<CodeletArchive> lookup(const std::string &key) const;
  /// Moves `archiveFile` into the cache under `key`, recording stamps of
  /// `dependencies`. A failure to store only costs a later recompile.
  void store(const std::string &key, const std::string &archiveFile,
             const std::vector<std::string> &dependencies) const;

private:
  std::string archivePath(const std::string &key) const;
  std::string stampsPath(const std::string &key) const;

  std::string dir;
  bool isUsable = false;
};

} // namespace tessel::codelets

#endif
