// DebugInfo: the record of one API call, with a process-wide unique DebugId.
// Ids come from one counter, so a program that builds its graph on one
// thread gets the same ids on every run.
#include <poplar/DebugContext.hpp>

#include <atomic>

namespace poplar {

namespace {

DebugId nextDebugId() {
  static std::atomic<DebugId> last{0};
  return ++last;
}

} // namespace

DebugInfo::DebugInfo(const DebugContext &debugContext, std::string api)
    : nameAndId(debugContext.getPathName(), nextDebugId()), api(std::move(api)),
      location(debugContext.getLocation()) {}

} // namespace poplar
