// poplar::Graph::addFunctionBuffer: a function's code kept in streaming
// memory until program::Copy(FunctionBuffer, Function) loads it into tile
// memory. Tessel simulates the code as bytes: a remote buffer of the code's
// size and a landing area in the memory of the tiles that run it, so the
// load is costed and placed by the machinery remote buffers already use.
#include "compiler/core/TargetParameters.hpp"
#include "compiler/graph/GraphImpl.hpp"
#include "compiler/graph/GraphStore.hpp"
#include "compiler/graph/ProgramTree.hpp"

#include <poplar/Graph.hpp>
#include <poplar/exceptions.hpp>

#include <map>
#include <set>

using namespace poplar;

namespace tessel {

namespace {

/// What the code of a function consists of, counted from its program tree.
struct CodeCount {
  /// Control program nodes; every tile running the function runs them all.
  std::uint64_t controlNodes = 0;
  /// Vertices each (physical) tile runs.
  std::map<unsigned, std::uint64_t> verticesOnTile;
};

void countCode(const GraphStore &store, const ProgramNode &node,
               const std::string &what, CodeCount &count) {
  ++count.controlNodes;
  if (node.kind == ProgramKind::Execute) {
    if (node.computeSetStore && node.computeSetStore != &store)
      throw graph_object_load_error(
          what + ": the function executes a compute set of another graph");
    const ComputeSetRecord &cs = store.computeSets.at(node.computeSet);
    for (std::uint32_t v : cs.vertices) {
      const VertexRecord &vertex = store.vertices[v];
      if (vertex.tile < 0)
        throw invalid_tile_mapping(
            what + ": vertex " + std::to_string(v) + " of compute set '" +
            cs.name +
            "', which the function executes, has no tile; map the "
            "function's vertices (setTileMapping) before adding its "
            "function buffer, whose size depends on where the code runs");
      ++count.verticesOnTile[unsigned(vertex.tile)];
    }
  }
  // A called function's code is its own; only the call is counted here.
  if (node.kind == ProgramKind::Call)
    return;
  for (const auto &child : node.children)
    if (child)
      countCode(store, *child, what, count);
}

} // namespace

} // namespace tessel

namespace poplar {

FunctionBuffer Graph::addFunctionBuffer(const Function &function,
                                        FunctionBufferMappingType mappingType) {
  tessel::GraphStore &store = *impl_->store;
  const std::string what =
      "addFunctionBuffer(function " + std::to_string(function.getId()) + ")";
  if (function.getId() >= store.functions.size())
    throw graph_object_creation_error(
        what + ": the function is not one of this graph's (it has " +
        std::to_string(store.functions.size()) +
        " functions); make it with Graph::addFunction of this graph");
  if (mappingType != FunctionBufferMappingType::REMOTE)
    throw graph_object_creation_error(
        what +
        ": only FunctionBufferMappingType::REMOTE is supported (code kept "
        "in streaming memory); EXTERNAL names no memory Tessel simulates");

  tessel::CodeCount count;
  const auto &root =
      tessel::ProgramAccess::node(store.functions[function.getId()]);
  if (root)
    tessel::countCode(store, *root, what, count);
  else
    count.controlNodes = 1; // an empty program is still one (empty) node
  // A function that runs no vertex still runs its control code somewhere:
  // on the graph's first tile.
  if (count.verticesOnTile.empty())
    count.verticesOnTile[impl_->physicalTiles.at(0)] = 0;

  // One instruction word per control node on every tile that runs the
  // function, plus one per vertex a tile runs (the call into its codelet).
  const std::uint64_t word = impl_->target.params().instructionBytes;
  auto state = std::make_shared<tessel::FunctionBufferState>();
  state->function = function.getId();
  for (const auto &[tile, vertices] : count.verticesOnTile) {
    const std::uint64_t bytes = word * (count.controlNodes + vertices);
    state->codeBytesPerTile.emplace_back(tile, bytes);
    state->codeBytes += bytes;
  }

  // The handle and landing area are named after the buffer so profiles and
  // errors say what they are.
  const unsigned id = static_cast<unsigned>(store.functionBuffers);
  const std::string name = "function buffer " + std::to_string(id) +
                           " (function " + std::to_string(function.getId()) +
                           ")";
  Graph &top = getTopLevelGraph();
  state->buffer = top.addRemoteBuffer(name, UNSIGNED_CHAR, state->codeBytes, 1);
  // The landing area is the compiler's, not made by a user's call.
  state->landing = top.addVariable(UNSIGNED_CHAR, {state->codeBytes},
                                   {name + " code", SourceLocation()});
  TileToTensorMapping mapping(top.getTarget().getNumTiles());
  std::uint64_t begin = 0;
  for (const auto &[tile, bytes] : state->codeBytesPerTile) {
    mapping.at(tile).emplace_back(begin, begin + bytes);
    begin += bytes;
  }
  top.setTileMapping(state->landing, mapping);
  ++store.functionBuffers;
  return FunctionBuffer(id, std::move(state));
}

VertexRef Graph::addExternalExchangeVertex(ComputeSet, StringRef vertexType,
                                           unsigned, bool, bool) {
  throw graph_object_creation_error(
      "addExternalExchangeVertex('" + std::string(vertexType) +
      "'): external exchange (IPU-Link and gateway transfers driven by a "
      "vertex) is not supported: the simulated IPU has no external exchange "
      "hardware and no option enables it; use host streams "
      "(addHostToDeviceFIFO) or remote buffers instead");
}

} // namespace poplar
