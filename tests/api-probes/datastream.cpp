// API probe: datastream. Compiles against the public headers alone.
#include <poplar/DataStream.hpp>
void probe(const poplar::DataStream &s, const poplar::RemoteBuffer &b) {
  (void)s.handle();
  (void)s.numElements();
  (void)s.replicationFactor();
  (void)s.replicatedMode();
  (void)s.type();
  (void)s.elementType();
  (void)b.handle();
  (void)b.getIpuToHostStream();
  (void)b.getHostToIpuStream();
  (void)b.numElements();
  (void)b.getRepeats();
  (void)b.elementType();
  (void)b.isRearrangeOnHost();
  (void)b.isOptimisedForMemory();
  (void)(b == b);
}
