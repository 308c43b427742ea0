// Replacing every occurrence of a string, for popc's rewriting of type
// spellings and compiler messages.
#ifndef TESSEL_TOOLS_POPC_REPLACEALL_HPP
#define TESSEL_TOOLS_POPC_REPLACEALL_HPP

#include <string>

namespace tessel::popc {

/// Replaces each occurrence of `from` in `text` by `to`, left to right; text
/// a replacement puts in is not searched again.
inline void replaceAll(std::string &text, const std::string &from,
                       const std::string &to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

} // namespace tessel::popc

#endif
