// Small helpers over the libclang C API that popc's vertex discovery uses:
// strings, source positions (presumed, so #line directives are honoured),
// qualified names, and compiler-style rendering of libclang's errors.
#ifndef TESSEL_TOOLS_POPC_LIBCLANGSUPPORT_HPP
#define TESSEL_TOOLS_POPC_LIBCLANGSUPPORT_HPP

#include <clang-c/Index.h>

#include <string>
#include <vector>

namespace tessel::popc {

/// The text of `s`, which is disposed of.
std::string takeString(CXString s);

/// "file:line:column" of a location as the user's compiler would print it.
std::string describePosition(CXSourceLocation location);
std::string describePosition(CXCursor cursor);

/// "ns::Outer::Inner"; unnamed namespaces and extern "C" blocks are left out
/// (the glue is in the same translation unit, so ::Inner finds them).
std::string qualifiedName(CXCursor cursor);

/// The first `count` tokens a cursor spans ("template", "class", ...).
std::vector<std::string> leadingTokens(CXTranslationUnit tu, CXCursor cursor,
                                       unsigned count);

/// libclang's errors and fatal errors (with their notes), each as
/// "file:line:col: error: message [-Wflag]" followed by the source line
/// and a caret, as clang prints them.
std::vector<std::string> renderErrors(CXTranslationUnit tu);

} // namespace tessel::popc

#endif
