// The tree behind poplar::program::Program. Each node is immutable once shared;
// the importer walks it to build the `poplar` dialect's control program.
#ifndef TESSEL_COMPILER_GRAPH_PROGRAMTREE_HPP
#define TESSEL_COMPILER_GRAPH_PROGRAMTREE_HPP

#include "compiler/graph/SourceLocations.hpp"

#include <poplar/Program.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace tessel {

enum class ProgramKind : std::uint8_t {
  Sequence,         // children: the steps
  Copy,             // tensor = src, tensor2 = dst
  StreamToDevice,   // stream -> tensor
  StreamFromDevice, // tensor -> stream
  Repeat,           // count, children[0] = body
  Loop,             // children[0] = body, forever (until an abort)
  RepeatWhileTrue,  // children = {cond, body}, tensor = predicate
  RepeatWhileFalse, // children = {cond, body}, tensor = predicate
  If,               // tensor = predicate, children = {then, else}
  Switch,           // tensor = control, children[0] = default, caseValues[i]
                    // selects children[i + 1]
  Call,             // function = index into GraphStore::functions
  PrintTensor,      // text = title, tensor, printFormat
  WriteUndef,       // tensor
  Sync,             // syncType
  Abort,            // text = message
  AbortOnCondition, // tensor = predicate, text = message
  ErrorProgram,     // text = message, tensor = debug tensor
  Execute,          // computeSet; tensor = success flag (may be invalid)

  // Remote buffer copies: stream = the remote buffer, tensor = the rows,
  // tensor2 = the offset (invalid: row 0).
  RemoteBufferToDevice,
  RemoteBufferFromDevice,

  // program::Call of a host function: function = index into
  // GraphStore::hostFunctions, streamStore = its graph, inputs, outputs.
  HostFunctionCall,
};

struct ProgramNode {
  ProgramKind kind = ProgramKind::Sequence;
  std::string debugName;
  /// Where the program object was constructed in the user's source.
  SourceLoc source;
  std::vector<std::shared_ptr<ProgramNode>> children;
  poplar::Tensor tensor;
  poplar::Tensor tensor2;
  std::uint64_t count = 0;
  unsigned function = 0;
  unsigned computeSet = 0;
  /// ComputeSet::getGraphStore() of an Execute's compute set (may be null).
  const void *computeSetStore = nullptr;
  /// Index into GraphStore::streams (GraphStore::remoteBuffers for remote
  /// buffer copies) of the graph that made the stream.
  int stream = -1;
  /// Identity of that graph's store (DataStream::getGraphStore()), so that
  /// compiling with another graph is caught.
  const void *streamStore = nullptr;
  std::vector<std::int32_t> caseValues;
  std::string text;
  poplar::program::PrintTensorFmt printFormat;
  poplar::SyncType syncType = poplar::SyncType::INTERNAL;
  /// Switch defaults made by switchWithBoundsChecking abort with the value.
  bool boundsCheckedDefault = false;
  /// A host function call's argument tensors.
  std::vector<poplar::Tensor> inputs;
  std::vector<poplar::Tensor> outputs;
};

/// What a FunctionBuffer made by Graph::addFunctionBuffer holds: the
/// remote buffer standing for the function's code in streaming memory and
/// the tile-memory landing area Copy(FunctionBuffer, Function) fills.
struct FunctionBufferState {
  unsigned function = 0;
  poplar::RemoteBuffer buffer;
  poplar::Tensor landing;
  /// The code's size: the sum of codeBytesPerTile.
  std::uint64_t codeBytes = 0;
  /// (physical tile, bytes of code that tile holds), by tile.
  std::vector<std::pair<unsigned, std::uint64_t>> codeBytesPerTile;
};

/// The friend through which compiler code reaches a Program's tree.
struct ProgramAccess {
  static const std::shared_ptr<tessel::ProgramNode> &
  node(const poplar::program::Program &p);
  static poplar::program::Program make(std::shared_ptr<ProgramNode> node);
};

} // namespace tessel

#endif
