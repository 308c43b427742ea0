// The process-wide table of interned source file and function names behind
// SourceLoc.
#include "compiler/graph/SourceLocations.hpp"

#include <deque>
#include <mutex>
#include <string_view>
#include <unordered_map>

namespace tessel {

namespace {

class NameTable {
public:
  std::uint32_t intern(const char *text) {
    if (!text || !*text)
      return 0;
    std::string_view name(text);
    std::lock_guard<std::mutex> lock(mutex);
    auto found = indices.find(name);
    if (found != indices.end())
      return found->second;
    // A deque never moves its elements, so the views keyed on them and the
    // references sourceName hands out stay valid.
    const std::string &kept = names.emplace_back(name);
    const auto index = std::uint32_t(names.size() - 1);
    indices.emplace(std::string_view(kept), index);
    return index;
  }

  const std::string &name(std::uint32_t index) {
    std::lock_guard<std::mutex> lock(mutex);
    return index < names.size() ? names[index] : names.front();
  }

private:
  std::mutex mutex;
  std::deque<std::string> names{std::string()}; // index 0: none
  std::unordered_map<std::string_view, std::uint32_t> indices;
};

NameTable &table() {
  // Never destroyed: locations may be read while statics are torn down.
  static NameTable *names = new NameTable();
  return *names;
}

} // namespace

SourceLoc recordSourceLoc(const poplar::SourceLocation &location) {
  if (!location.isValid())
    return {};
  SourceLoc loc;
  loc.file = table().intern(location.getFileName());
  if (!loc.file)
    return {};
  loc.function = table().intern(location.getFunctionName());
  loc.line = location.getLineNumber();
  return loc;
}

const std::string &sourceName(std::uint32_t index) {
  return table().name(index);
}

} // namespace tessel
