// Cache entries are <key>.gp and <key>.deps; both are written under
// temporary names and renamed into place, so concurrent compiles of the same
// key never see a half-written file. The .deps file is text: a version line,
// then "<bytes> <mtime-ns> <path>" per dependency.
#include "compiler/codelets/CodeletCache.hpp"

#include <poplar/exceptions.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace tessel::codelets {

namespace {

constexpr const char *kStampsHeader = "tessel-codelet-deps 1";

bool makeDirectories(const std::string &path) {
  std::error_code error;
  std::filesystem::create_directories(path, error);
  return std::filesystem::is_directory(path, error) &&
         access(path.c_str(), W_OK | X_OK) == 0;
}

std::string environment(const char *name) {
  const char *value = std::getenv(name);
  return value ? value : "";
}

} // namespace

std::string defaultCodeletCacheDirectory() {
  if (std::string dir = environment("TESSEL_CODELET_CACHE"); !dir.empty())
    return dir;
  if (std::string xdg = environment("XDG_CACHE_HOME"); !xdg.empty())
    return xdg + "/tessel/codelets";
  if (std::string home = environment("HOME"); !home.empty())
    return home + "/.cache/tessel/codelets";
  return "";
}

std::optional<FileStamp> stampFile(const std::string &path) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0)
    return std::nullopt;
  FileStamp stamp;
  stamp.bytes = std::uint64_t(info.st_size);
  stamp.modifiedNanoseconds =
      std::int64_t(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
  return stamp;
}

std::vector<std::string> parseDependencyFile(const std::string &text) {
  std::vector<std::string> files;
  std::string current;
  bool seenTarget = false;
  auto finishWord = [&] {
    if (current.empty())
      return;
    if (seenTarget)
      files.push_back(current);
    current.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size() &&
        (text[i + 1] == '\n' || text[i + 1] == '\r')) {
      finishWord(); // a line continuation
      ++i;
    } else if (c == '\\' && i + 1 < text.size() &&
               (text[i + 1] == ' ' || text[i + 1] == '#' ||
                text[i + 1] == '\\')) {
      current += text[++i];
    } else if (c == '$' && i + 1 < text.size() && text[i + 1] == '$') {
      current += text[++i];
    } else if (c == ':' && !seenTarget &&
               (i + 1 == text.size() || text[i + 1] == ' ' ||
                text[i + 1] == '\n')) {
      current.clear(); // the target
      seenTarget = true;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      finishWord();
    } else {
      current += c;
    }
  }
  finishWord();
  return files;
}

CodeletCache::CodeletCache(std::string directory) : dir(std::move(directory)) {
  isUsable = !dir.empty() && makeDirectories(dir);
}

std::string CodeletCache::archivePath(const std::string &key) const {
  return dir + "/" + key + ".gp";
}

std::string CodeletCache::stampsPath(const std::string &key) const {
  return dir + "/" + key + ".deps";
}

std::optional<CodeletArchive>
CodeletCache::lookup(const std::string &key) const {
  if (!isUsable)
    return std::nullopt;
  std::ifstream stamps(stampsPath(key));
  std::string line;
  if (!std::getline(stamps, line) || line != kStampsHeader)
    return std::nullopt;
  while (std::getline(stamps, line)) {
    std::istringstream fields(line);
    FileStamp recorded;
    std::string path;
    if (!(fields >> recorded.bytes >> recorded.modifiedNanoseconds) ||
        fields.get() != ' ' || !std::getline(fields, path) || path.empty())
      return std::nullopt;
    const std::optional<FileStamp> now = stampFile(path);
    if (!now || !(*now == recorded))
      return std::nullopt;
  }
  try {
    return readArchiveFile(archivePath(key));
  } catch (const poplar::poplar_error &) {
    return std::nullopt; // removed or damaged behind our back: recompile
  }
}

void CodeletCache::store(const std::string &key, const std::string &archiveFile,
                         const std::vector<std::string> &dependencies) const {
  if (!isUsable)
    return;
  std::ostringstream stamps;
  stamps << kStampsHeader << '\n';
  for (const std::string &path : dependencies) {
    const std::optional<FileStamp> stamp = stampFile(path);
    if (!stamp)
      return; // vanished already: nothing sound to record
    stamps << stamp->bytes << ' ' << stamp->modifiedNanoseconds << ' ' << path
           << '\n';
  }
  // Beside the archive: in the caller's own scratch directory.
  const std::string stampsTemp = archiveFile + ".deps";
  {
    std::ofstream out(stampsTemp);
    out << stamps.str();
    if (!out.flush()) {
      std::remove(stampsTemp.c_str());
      return;
    }
  }
  // The archive goes first: an entry is only valid once its stamps exist.
  std::remove(stampsPath(key).c_str());
  if (std::rename(archiveFile.c_str(), archivePath(key).c_str()) != 0 ||
      std::rename(stampsTemp.c_str(), stampsPath(key).c_str()) != 0)
    std::remove(stampsTemp.c_str());
}

} // namespace tessel::codelets
