// What popc does with a parsed command line: find the vertices of each
// source, compile sources and glue into one instrumented shared object,
// link in .gp inputs, and write the .gp (and with -MD its dependencies).
#ifndef TESSEL_TOOLS_POPC_POPCDRIVER_HPP
#define TESSEL_TOOLS_POPC_POPCDRIVER_HPP

#include "tools/popc/PopcOptions.hpp"

namespace tessel::popc {

/// Throws PopcError on any problem; nothing is written then.
void runPopc(const PopcOptions &options);

} // namespace tessel::popc

#endif
