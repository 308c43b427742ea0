// Which C++ types a vertex field may have: the ones poplar/Vertex.hpp can
// bind to vertex state. popc checks them while parsing so that a bad field
// is reported against the user's class and field, not deep inside the glue.
#ifndef TESSEL_TOOLS_POPC_FIELDTYPECHECK_HPP
#define TESSEL_TOOLS_POPC_FIELDTYPECHECK_HPP

#include <clang-c/Index.h>

namespace tessel::popc {

/// Whether `type` is a supported vertex field type.
bool isSupportedFieldType(CXType type);

/// What the supported field types are, for error messages.
const char *supportedFieldTypesText();

} // namespace tessel::popc

#endif
