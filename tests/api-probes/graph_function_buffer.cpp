// API probe: graph_function_buffer. Compiles against the public headers alone.
#include <poplar/Graph.hpp>
void probe(poplar::Graph &g, poplar::Function f) {
  poplar::FunctionBuffer b =
      g.addFunctionBuffer(f, poplar::FunctionBufferMappingType::REMOTE);
  poplar::program::Copy c(b, f);
  poplar::program::Copy c2(b, f, {"load"});
  (void)c;
  (void)c2;
  (void)(b == b);
}
