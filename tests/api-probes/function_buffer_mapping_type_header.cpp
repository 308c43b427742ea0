// API probe: function_buffer_mapping_type_header. Compiles against the public
// headers alone.
#include <poplar/FunctionBufferMappingType.hpp>
poplar::FunctionBufferMappingType probe() {
  return poplar::FunctionBufferMappingType::REMOTE;
}
