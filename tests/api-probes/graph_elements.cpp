// API probe: graph_elements. Compiles against the public headers alone.
#include <poplar/GraphElements.hpp>
void probe(poplar::VertexRef v, poplar::Function f, poplar::FunctionBuffer b,
           poplar::HostFunction h) {
  poplar::ComputeSet cs(3u);
  (void)cs.getId();
  (void)(cs == poplar::ComputeSet());
  poplar::FieldRef r = v["in"][5];
  (void)r.isIndexed();
  (void)r.getIndex();
  (void)v.getId();
  (void)(f == f);
  (void)(b == b);
  (void)(h == h);
  poplar::vertex_id id = 0;
  (void)id;
}
