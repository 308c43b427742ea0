// API probe: graph_host_io. Compiles against the public headers alone.
#include <poplar/Graph.hpp>
void probe(poplar::Graph &g, poplar::Tensor t) {
  g.createHostWrite("w", t);
  g.createHostRead("r", t, true);
  poplar::DataStream s = g.addHostToDeviceFIFO("in", poplar::FLOAT, 4);
  poplar::DataStream s2 = g.addHostToDeviceFIFO(
      "in2", poplar::FLOAT, 4, poplar::ReplicatedStreamMode::BROADCAST,
      {{"bufferingDepth", "2"}});
  poplar::DataStream o = g.addDeviceToHostFIFO("out", poplar::FLOAT, 4, {});
  poplar::RemoteBuffer rb =
      g.addRemoteBuffer("rb", poplar::FLOAT, 4, 2, false, true);
  (void)s;
  (void)s2;
  (void)o;
  (void)rb;
}
