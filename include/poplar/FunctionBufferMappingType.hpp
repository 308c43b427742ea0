// Where Graph::addFunctionBuffer keeps a function's code until
// program::Copy(FunctionBuffer, Function) loads it into tile memory.
#ifndef POPLAR_FUNCTIONBUFFERMAPPINGTYPE_HPP
#define POPLAR_FUNCTIONBUFFERMAPPINGTYPE_HPP

namespace poplar {

/// REMOTE: in streaming memory, as a remote buffer. EXTERNAL is refused by
/// Tessel's addFunctionBuffer (it names no memory the simulator models).
enum class FunctionBufferMappingType { REMOTE, EXTERNAL };

} // namespace poplar

#endif
