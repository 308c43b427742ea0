// Where in the user's source a graph object or program was made: the
// poplar::SourceLocation of the DebugContext the user passed, kept compactly
// as indices into one process-wide table of interned file and function
// names, so a graph of millions of objects stores 12 bytes per object and
// each path once.
#ifndef TESSEL_COMPILER_GRAPH_SOURCELOCATIONS_HPP
#define TESSEL_COMPILER_GRAPH_SOURCELOCATIONS_HPP

#include <poplar/DebugContext.hpp>

#include <cstdint>
#include <string>

namespace tessel {

struct SourceLoc {
  /// Interned names (0: none; see sourceName).
  std::uint32_t file = 0;
  std::uint32_t function = 0;
  std::uint32_t line = 0;
  bool valid() const { return file != 0; }
};

/// Interns `location`'s names; an invalid location or one without a file
/// gives the empty SourceLoc. Thread-safe.
SourceLoc recordSourceLoc(const poplar::SourceLocation &location);

/// The interned name with index `index`; "" for 0. The reference stays
/// valid for the life of the process. Thread-safe.
const std::string &sourceName(std::uint32_t index);

} // namespace tessel

#endif
