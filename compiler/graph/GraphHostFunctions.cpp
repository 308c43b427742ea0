// poplar::Graph::addHostFunction: functions the host runs when a program
// calls them (program::Call(HostFunction, inputs, outputs)).
#include "compiler/core/TypeTable.hpp"
#include "compiler/graph/GraphImpl.hpp"

#include <poplar/exceptions.hpp>

using namespace poplar;

namespace tessel {

static std::vector<HostFunctionArg>
hostFunctionArgs(ArrayRef<HostFunctionArgument> args, const std::string &what,
                 const char *direction) {
  std::vector<HostFunctionArg> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const Type &type = std::get<0>(args[i]);
    const std::size_t numElements = std::get<1>(args[i]);
    const std::string arg = what + ": " + direction + " " + std::to_string(i);
    if (!typeInfo(type).deviceSupported)
      throw type_error(arg + " is of type " + type.toString() +
                       ", which is not supported on the device");
    if (numElements == 0)
      throw graph_object_creation_error(
          arg + " has no elements; give every argument at least one");
    out.push_back({type, numElements});
  }
  return out;
}

static HostFunction addHostFunction(GraphImpl &graph, const std::string &handle,
                                    ArrayRef<HostFunctionArgument> inputs,
                                    ArrayRef<HostFunctionArgument> outputs) {
  const std::string what = "addHostFunction '" + handle + "'";
  if (handle.empty())
    throw graph_object_creation_error(
        "addHostFunction: the handle is empty; give it a name");
  if (graph.store->findHostFunction(handle) >= 0)
    throw graph_object_creation_error(
        what + ": the graph already has a host function with this handle; "
               "host function handles must be unique");
  HostFunctionInfo info;
  info.handle = handle;
  info.inputs = hostFunctionArgs(inputs, what, "input");
  info.outputs = hostFunctionArgs(outputs, what, "output");
  graph.store->hostFunctions.push_back(std::move(info));
  return HostFunction(
      static_cast<unsigned>(graph.store->hostFunctions.size() - 1),
      graph.store.get());
}

} // namespace tessel

namespace poplar {

HostFunction Graph::addHostFunction(StringRef handle,
                                    ArrayRef<HostFunctionArgument> inputs,
                                    ArrayRef<HostFunctionArgument> outputs) {
  return tessel::addHostFunction(*impl_, std::string(handle), inputs, outputs);
}

} // namespace poplar
