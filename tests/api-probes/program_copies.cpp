// API probe: program_copies. Compiles against the public headers alone.
#include <poplar/Program.hpp>
void probe(poplar::Tensor a, poplar::Tensor b, poplar::DataStream ds,
           poplar::RemoteBuffer rb) {
  using namespace poplar::program;
  Copy c1(a, b);
  Copy c2(a, b, true, "c2");
  Copy c3(ds, a);
  Copy c4(a, ds, false);
  Copy c5(rb, a);
  Copy c6(rb, a, b);
  Copy c7(a, rb);
  Copy c8(a, rb, b, "c8");
}
