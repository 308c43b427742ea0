// API probe: program_cross_replica_copy. Compiles against the public headers
// alone.
#include <poplar/Program.hpp>
void probe(poplar::Tensor a, poplar::Tensor b) {
  poplar::program::CrossReplicaCopy c(
      a, b, std::map<unsigned, unsigned>{{0, 1}, {1, 0}});
  poplar::program::CrossReplicaCopy c2(a, b, {{0, 0}}, "c2");
  (void)c;
  (void)c2;
}
