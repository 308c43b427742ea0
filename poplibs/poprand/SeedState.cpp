// The hidden seed state: one 2 x UNSIGNED_INT variable per graph, created
// on first use with a fixed initial value, set by setSeed and moved on by
// an AdvanceSeed vertex after every call that draws from it. Graph offers
// libraries no place for their own state, so poprand keeps a registry keyed
// by the graph's store (the object every tensor of the graph points to). A
// destroyed graph's store address can be reused by a new graph, so an entry
// is trusted only if the tensor it records still names poprand's variable
// in the store now at that address.
#include "SeedState.hpp"
#include "RandomVertices.hpp"

#include <poprand/RandomGen.hpp>

#include <poplar/exceptions.hpp>

#include <mutex>
#include <string>
#include <unordered_map>

using namespace poplar;
using namespace poplar::program;

namespace poprand::detail {

namespace {

/// The hidden state before any setSeed: the first digits of pi.
constexpr unsigned kInitialState[2] = {0x243F6A88u, 0x85A308D3u};

struct HiddenSeed {
  Tensor state;
  /// The state variable's name, unique in the process.
  std::string name;
};

std::mutex registryMutex;
std::unordered_map<const void *, HiddenSeed> registry;
unsigned long long hiddenSeedsCreated = 0;

const void *storeOf(const Tensor &t) {
  return t.flatten().slice(0, 1).getVarRegions().front().var.getStore();
}

bool stillValid(const HiddenSeed &seed) {
  // The recorded tensor points to the store now at the registry key, a live
  // store, so describing it is safe even if its own graph is gone.
  return seed.state.getVarStr() == seed.name + "[0:2)";
}

Tensor createHiddenSeed(Graph &graph, const std::string &name) {
  Tensor state = graph.addVariable(UNSIGNED_INT, {2}, name);
  graph.setTileMapping(state, 0);
  graph.setInitialValue(state, ArrayRef<unsigned>(kInitialState, 2));
  return state;
}

/// The graph's hidden seed state, created on first use.
Tensor hiddenSeed(Graph &graph, const Tensor &graphTensor) {
  const void *store = storeOf(graphTensor);
  std::lock_guard<std::mutex> lock(registryMutex);
  auto it = registry.find(store);
  if (it != registry.end() && stillValid(it->second))
    return it->second.state;
  HiddenSeed seed;
  seed.name = "poprand/hiddenSeed#" + std::to_string(hiddenSeedsCreated++);
  seed.state = createHiddenSeed(graph, seed.name);
  registry[store] = seed;
  return seed.state;
}

std::string describe(const Tensor &t) {
  return t.elementType().toString() + " tensor of shape " + t.shapeToString();
}

} // namespace

void checkSeedTensor(const Tensor &seed, const char *function,
                     const char *argument) {
  if (!seed.valid())
    throw type_error(std::string(function) + ": " + argument +
                     " is an empty Tensor; pass a tensor of 2 unsigned int "
                     "elements");
  if (seed.elementType() != UNSIGNED_INT || seed.numElements() != 2)
    throw type_error(std::string(function) + ": " + argument +
                     " must be 2 unsigned int elements but is a " +
                     describe(seed) +
                     "; create it with graph.addVariable(UNSIGNED_INT, {2})");
}

CallSeed seedForCall(Graph &graph, const Tensor *seed,
                     std::uint32_t seedModifier, const Tensor &graphTensor,
                     const char *function) {
  if (seed) {
    checkSeedTensor(*seed, function, "seed");
    return {seed->flatten(), seedModifier, false};
  }
  requireCodelet(graph, "poprand::AdvanceSeed", function);
  return {hiddenSeed(graph, graphTensor), 0, true};
}

void finishCall(Graph &graph, const CallSeed &seed, Sequence &prog,
                const DebugContext &debugContext) {
  if (!seed.hidden)
    return;
  ComputeSet cs = graph.addComputeSet({debugContext, "advanceSeed"});
  graph.addVertex(cs, "poprand::AdvanceSeed", {{"state", seed.key}}, 0);
  prog.add(Execute(cs, {debugContext, "advanceSeed"}));
}

} // namespace poprand::detail

namespace poprand {

void setSeed(Graph &graph, const Tensor &masterSeed, uint32_t seedModifier,
             Sequence &prog, const DebugContext &debugContext) {
  const DebugInfo di(debugContext, "poprand::setSeed");
  detail::checkSeedTensor(masterSeed, "poprand::setSeed", "masterSeed");
  detail::requireCodelet(graph, "poprand::SetSeed", "poprand::setSeed");
  const Tensor state = detail::hiddenSeed(graph, masterSeed);
  ComputeSet cs = graph.addComputeSet({di, "setSeed"});
  VertexRef v = graph.addVertex(
      cs, "poprand::SetSeed",
      {{"masterSeed", masterSeed.flatten()}, {"state", state}}, 0);
  graph.setInitialValue(v["seedModifier"], seedModifier);
  prog.add(Execute(cs, {di, "setSeed"}));
}

} // namespace poprand
