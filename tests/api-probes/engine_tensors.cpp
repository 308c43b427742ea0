// API probe: engine_tensors. Compiles against the public headers alone.
#include <poplar/Engine.hpp>
void probe(poplar::Engine &e) {
  float buf[4] = {};
  e.writeTensor("w", buf, buf + 4);
  e.readTensor("r", buf, buf + 4);
  e.writeTensor("w", buf);
  e.readTensor("r", buf);
  std::vector<float> v(4);
  e.writeTensor<float>("w", v);
  e.readTensor<float>("r", v);
  std::vector<unsigned> u(4);
  e.readTensor<unsigned>("r", u);
}
