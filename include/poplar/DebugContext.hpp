// Debug contexts: the names and source locations attached to graph objects
// and programs so errors and profiles can say where things came from.
#ifndef POPLAR_DEBUGCONTEXT_HPP
#define POPLAR_DEBUGCONTEXT_HPP

#include <poplar/StringRef.hpp>

#include <cstdint>
#include <string>

namespace poplar {

/// Identifies one DebugInfo (one API call) of the process; 0 means none.
using DebugId = std::uint64_t;

/// Where in the user's source an API call was made. Default arguments of
/// Current() are evaluated at the call site, so a defaulted
/// `SourceLocation loc = SourceLocation::Current()` parameter records the
/// caller.
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
  constexpr const char *getFunctionName() const { return functionName; }
  constexpr const char *getFileName() const { return fileName; }
  constexpr unsigned getLineNumber() const { return lineNumber; }
  constexpr bool isValid() const { return valid; }

private:
  const char *functionName = "";
  const char *fileName = "";
  unsigned lineNumber = 0;
  bool valid = false;
};

class DebugInfo;

/// A name within a path of names ("layer1/matmul/out"), and the id of the
/// DebugInfo it belongs to.
class DebugNameAndId {
public:
  DebugNameAndId(std::string name = "", DebugId debugId = {},
                 std::string parentPath = "")
      : name(std::move(name)), id(debugId), path(std::move(parentPath)) {}
  DebugNameAndId(const char *name) : name(name ? name : "") {}
  DebugNameAndId(DebugId debugId) : id(debugId) {}
  /// `name` within the call that `debugInfo` records.
  DebugNameAndId(const DebugInfo &debugInfo, std::string name = "");
  /// `name` as a child of `parent`: path "parent/name", the parent's id.
  DebugNameAndId(const DebugNameAndId &parent, StringRef name)
      : name(name), id(parent.id), path(parent.getPathName()) {}

  /// The names from the outermost down, joined by '/'.
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

/// What graph-building functions take last: a name (from a string or a
/// parent context plus a child name) and the caller's source location.
class DebugContext {
public:
  DebugContext(SourceLocation loc = SourceLocation::Current())
      : location(loc) {}
  DebugContext(const char *name, SourceLocation loc = SourceLocation::Current())
      : nameAndId(name), location(loc) {}
  DebugContext(std::string name, SourceLocation loc = SourceLocation::Current())
      : nameAndId(std::move(name)), location(loc) {}
  DebugContext(const DebugInfo &debugInfo, std::string name = "",
               SourceLocation loc = SourceLocation::Current());
  DebugContext(const DebugNameAndId &debugNameAndId, std::string name = "",
               SourceLocation loc = SourceLocation::Current())
      : nameAndId(name.empty() ? debugNameAndId
                               : DebugNameAndId(debugNameAndId, name)),
        location(loc) {}

  std::string getPathName() const { return nameAndId.getPathName(); }
  DebugId getId() const { return nameAndId.getId(); }
  const SourceLocation &getLocation() const { return location; }
  operator DebugNameAndId() const { return nameAndId; }

private:
  DebugNameAndId nameAndId;
  SourceLocation location;
};

/// The debug record of one API call (e.g. "popops::add"). Each gets a new
/// DebugId, unique in the process and assigned in creation order; names
/// made from it carry that id.
class DebugInfo {
public:
  DebugInfo(const DebugContext &debugContext, std::string api);
  DebugId getId() const { return nameAndId.getId(); }
  std::string getPathName() const { return nameAndId.getPathName(); }
  const std::string &getApi() const { return api; }
  const SourceLocation &getLocation() const { return location; }
  /// The name and id that names made from this call extend.
  const DebugNameAndId &getNameAndId() const { return nameAndId; }

private:
  DebugNameAndId nameAndId;
  std::string api;
  SourceLocation location;
};

inline DebugNameAndId::DebugNameAndId(const DebugInfo &debugInfo,
                                      std::string name)
    : DebugNameAndId(debugInfo.getNameAndId(), StringRef(name)) {}

inline DebugContext::DebugContext(const DebugInfo &debugInfo, std::string name,
                                  SourceLocation loc)
    : nameAndId(DebugNameAndId(debugInfo, std::move(name))), location(loc) {}

} // namespace poplar

#endif
