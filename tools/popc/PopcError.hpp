// The one error type of popc: every problem it finds becomes a line on
// standard error ("file:line:col: error: ..." or "popc: error: ..."), and
// popc exits with status 1.
#ifndef TESSEL_TOOLS_POPC_POPCERROR_HPP
#define TESSEL_TOOLS_POPC_POPCERROR_HPP

#include <string>
#include <utility>
#include <vector>

namespace tessel::popc {

struct PopcError {
  /// One line per problem, each complete as printed.
  std::vector<std::string> lines;

  explicit PopcError(std::vector<std::string> lines)
      : lines(std::move(lines)) {}
  /// A problem with no source location: "popc: error: <message>".
  static PopcError plain(const std::string &message) {
    return PopcError({"popc: error: " + message});
  }
};

} // namespace tessel::popc

#endif
