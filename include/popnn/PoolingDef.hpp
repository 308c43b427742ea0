// popnn's pooling kinds, shared by host code and codelets.
#ifndef POPNN_POOLINGDEF_HPP
#define POPNN_POOLINGDEF_HPP

#ifndef __POPC__
#include <ostream>
#include <string>
#endif

namespace popnn {

enum class PoolingType { MAX, AVG, SUM };

#ifndef __POPC__
/// "MAX", "AVG" or "SUM".
const char *asString(const PoolingType &type);
std::ostream &operator<<(std::ostream &os, const PoolingType &type);
#endif

} // namespace popnn

#endif
