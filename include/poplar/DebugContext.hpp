// Debug contexts: the names and source locations attached to graph objects
// and programs so errors and profiles can say where things came from.
#ifndef POPLAR_DEBUGCONTEXT_HPP
#define POPLAR_DEBUGCONTEXT_HPP

#include <cstdint>
#include <string>

namespace poplar {

using DebugId = std::uint64_t;

class SourceLocation {
public:
  constexpr SourceLocation() = default;
  constexpr SourceLocation(const char *functionName, const char *fileName,
                           unsigned lineNumber)
      : functionName(functionName), fileName(fileName), lineNumber(lineNumber),
        valid(true) {}
  static constexpr SourceLocation
  Current(const char *functionName = __builtin_FUNCTION(),
          const char *fileName = __builtin_FILE(),
          unsigned lineNumber = __builtin_LINE()) {
    return SourceLocation(functionName, fileName, lineNumber);
  }
  const char *getFunctionName() const { return functionName; }
  const char *getFileName() const { return fileName; }
  unsigned getLineNumber() const { return lineNumber; }
  bool isValid() const { return valid; }

private:
  const char *functionName = "";
  const char *fileName = "";
  unsigned lineNumber = 0;
  bool valid = false;
};

class DebugNameAndId {
public:
  DebugNameAndId(std::string name = "", DebugId debugId = {},
                 std::string parentPath = "")
      : name(std::move(name)), id(debugId), path(std::move(parentPath)) {}
  DebugNameAndId(const char *name) : name(name ? name : "") {}
  DebugNameAndId(DebugId debugId) : id(debugId) {}
  DebugNameAndId(const DebugNameAndId &parent, std::string name)
      : name(std::move(name)), id(parent.id), path(parent.getPathName()) {}

  std::string getPathName() const {
    if (path.empty())
      return name;
    if (name.empty())
      return path;
    return path + "/" + name;
  }
  DebugId getId() const { return id; }

private:
  std::string name;
  DebugId id = 0;
  std::string path;
};

class DebugInfo;

class DebugContext {
public:
  DebugContext(SourceLocation loc = SourceLocation::Current())
      : location(loc) {}
  DebugContext(const char *name, SourceLocation loc = SourceLocation::Current())
      : nameAndId(name), location(loc) {}
  DebugContext(std::string name, SourceLocation loc = SourceLocation::Current())
      : nameAndId(std::move(name)), location(loc) {}
  DebugContext(DebugNameAndId dnai,
               SourceLocation loc = SourceLocation::Current())
      : nameAndId(std::move(dnai)), location(loc) {}
  DebugContext(const DebugInfo &info, std::string name = "",
               SourceLocation loc = SourceLocation::Current());
  DebugContext(const DebugNameAndId &parent, std::string name,
               SourceLocation loc = SourceLocation::Current())
      : nameAndId(parent, std::move(name)), location(loc) {}

  std::string getPathName() const { return nameAndId.getPathName(); }
  DebugId getId() const { return nameAndId.getId(); }
  const SourceLocation &getLocation() const { return location; }
  operator DebugNameAndId() const { return nameAndId; }

private:
  DebugNameAndId nameAndId;
  SourceLocation location;
};

/// Debug information recorded for one API call (name, id, location).
class DebugInfo {
public:
  DebugInfo(const DebugContext &debugContext, std::string api)
      : nameAndId(debugContext), api(std::move(api)) {}
  DebugId getId() const { return nameAndId.getId(); }
  std::string getPathName() const { return nameAndId.getPathName(); }
  const std::string &getApi() const { return api; }
  operator DebugNameAndId() const { return nameAndId; }

private:
  DebugNameAndId nameAndId;
  std::string api;
};

inline DebugContext::DebugContext(const DebugInfo &info, std::string name,
                                  SourceLocation loc)
    : nameAndId(DebugNameAndId(info), std::move(name)), location(loc) {}

} // namespace poplar

#endif
