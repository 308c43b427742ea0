// API probe: engine_legacy_profile. Compiles against the public headers alone.
#include <poplar/Engine.hpp>
void probe(poplar::Engine &e, std::ostream &os) {
  poplar::ProfileValue g = e.getGraphProfile();
  poplar::ProfileValue x = e.getExecutionProfile();
  poplar::serializeToJSON(os, g);
  poplar::serializeToJSON(os, x, true);
}
