// API probe: engine_profiling. Compiles against the public headers alone.
#include <poplar/Engine.hpp>
void probe(poplar::Engine &e, std::ostream &os) {
  e.printProfileSummary(os);
  e.printProfileSummary(os, {{"showExecutionSteps", "true"}});
  e.resetExecutionProfile();
  e.enableExecutionProfiling();
  e.disableExecutionProfiling();
  auto t0 = e.getTimeStamp();
  auto t1 = e.getTimeStamp();
  std::string r = e.reportTiming(t0, t1);
  (void)r;
  const poplar::OptionFlags &o = e.getEngineOptions();
  (void)o;
}
