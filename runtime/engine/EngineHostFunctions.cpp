// Engine::connectHostFunction and the calls a running program makes to the
// host functions: each program::Call(HostFunction, ...) hands the callback
// its inputs' bytes and takes its outputs'. A callback's exception leaves
// Engine::run unchanged (see EngineImpl::run).
#include "runtime/engine/EngineImpl.hpp"

#include <poplar/exceptions.hpp>

namespace tessel {

void EngineImpl::indexHostFunctions() {
  hostCallbacks.resize(image.hostFunctions.size());
  for (std::uint32_t i = 0; i < image.hostFunctions.size(); ++i)
    hostFunctionIndex.emplace(image.hostFunctions[i].handle, i);
  for (std::uint32_t root : image.programs)
    programHostFunctions.push_back(sim::hostFunctionsUsedBy(image, root));
}

void EngineImpl::connectHostFunction(
    const std::string &handle, unsigned index,
    std::unique_ptr<poplar::HostCallback> callback) {
  const std::string caller = "Engine::connectHostFunction('" + handle + "')";
  // A connection made while a run is under way would race with its calls.
  BusyGuard hold(*this, caller);
  auto found = hostFunctionIndex.find(handle);
  if (found == hostFunctionIndex.end())
    throw poplar::stream_connection_error(
        caller + ": there is no host function '" + handle +
        "'; the graph's host functions are " + knownHandles(hostFunctionIndex) +
        " (made by Graph::addHostFunction)");
  if (index != 0)
    throw poplar::index_error(caller + ": there is no replica " +
                              std::to_string(index) +
                              "; the engine has 1 replica (index 0)");
  if (!callback)
    throw poplar::stream_connection_error(caller +
                                          ": the callback is null; pass a "
                                          "HostCallback or a function");
  hostCallbacks[found->second] = std::move(callback);
}

void EngineImpl::checkHostFunctionsConnected(unsigned program) const {
  for (std::uint32_t f : programHostFunctions[program])
    if (!hostCallbacks[f])
      throw poplar::stream_connection_error(
          "Engine::run: program " + std::to_string(program) +
          " calls host function '" + image.hostFunctions[f].handle +
          "', which is not connected; call Engine::connectHostFunction "
          "first");
}

void EngineImpl::callHostFunction(std::uint32_t function,
                                  const std::vector<const void *> &inputs,
                                  const std::vector<void *> &outputs) {
  // run checked the connection; the callback's exception is the caller's.
  (*hostCallbacks[function])(
      poplar::ArrayRef<const void *>(inputs.data(), inputs.size()),
      poplar::ArrayRef<void *>(outputs.data(), outputs.size()));
}

} // namespace tessel
