// API probe: executable. Compiles against the public headers alone.
#include <poplar/Executable.hpp>
void probe(const poplar::Executable &x, std::ostream &os, std::istream &is) {
  x.serialize(os);
  poplar::Executable y = poplar::Executable::deserialize(is);
  poplar::Executable z =
      poplar::Executable::deserialize(std::unique_ptr<std::istream>(), false);
  (void)y;
  (void)z;
}
