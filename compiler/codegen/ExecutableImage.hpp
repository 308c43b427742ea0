// The Executable format: everything the runtime needs to run a compiled graph,
// and nothing else. The compiler writes it (codegen); the runtime reads it and
// never looks at compiler internals. Addresses are per-tile byte offsets in a
// tile's memory; tile numbers are global (ipu * tilesPerIPU + tile). No host
// pointers, so a tile's work can move to another process.
#ifndef TESSEL_COMPILER_CODEGEN_EXECUTABLEIMAGE_HPP
#define TESSEL_COMPILER_CODEGEN_EXECUTABLEIMAGE_HPP

#include <poplar/Program.hpp>
#include <poplar/Target.hpp>

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace tessel::exe {

/// Bumped whenever the serialized layout changes; readers refuse others.
/// Version 4 added the section directory and checksums; version 5 remote
/// buffers and their copies; version 7 host functions and their calls
/// (docs/executable-format.md).
inline constexpr std::uint32_t kFormatVersion = 7;

/// `numBytes` bytes at `address` in `tile`'s memory.
struct MemoryPiece {
  std::uint32_t tile = 0;
  std::uint32_t address = 0;
  std::uint32_t numBytes = 0;
};

/// Where a tensor's elements live: the concatenation of `pieces` is the
/// tensor's bytes in row-major order.
struct TensorLayout {
  std::string typeName; // poplar::Type::toString(), e.g. "float"
  std::uint32_t elementBytes = 0;
  std::vector<std::uint64_t> shape;
  std::vector<MemoryPiece> pieces;
  std::string debugName;
};

/// Bytes written into a tile before the first program runs (constants and
/// initial values).
struct InitialData {
  std::uint32_t tile = 0;
  std::uint32_t address = 0;
  std::vector<std::uint8_t> bytes;
};

struct Transfer {
  std::uint32_t srcTile = 0;
  std::uint32_t srcAddress = 0;
  std::uint32_t dstTile = 0;
  std::uint32_t dstAddress = 0;
  std::uint32_t numBytes = 0;
};

/// One BSP superstep's data movement. Transfers with srcTile == dstTile are
/// on-tile copies done in the compute phase; the others go over the exchange.
struct ExchangeStep {
  std::vector<Transfer> transfers;
  /// Some destination overlaps some source: the runtime must read every
  /// source before writing any destination.
  bool sourcesOverlapDestinations = false;
  std::string debugName;
};

struct StreamDesc {
  std::string handle;
  std::string typeName;
  std::uint32_t elementBytes = 0;
  std::uint64_t numElements = 0;
  bool toDevice = true;
};

/// A remote buffer: `repeats` rows of `numElements` elements in streaming
/// memory, outside every tile.
struct RemoteBufferDesc {
  std::string handle;
  std::string typeName;
  std::uint32_t elementBytes = 0;
  std::uint64_t numElements = 0;
  std::uint64_t repeats = 1;
};

/// One remote buffer copy: rows of `buffer` to or from the tensor `layout`,
/// one row per element of the unsigned int tensor `offsetLayout` (row 0
/// when !hasOffset).
struct RemoteCopyDesc {
  std::uint32_t buffer = 0;
  std::uint32_t layout = 0;
  bool hasOffset = false;
  std::uint32_t offsetLayout = 0;
};

/// One host function argument: `numElements` elements of `typeName`.
struct HostArgumentDesc {
  std::string typeName;
  std::uint32_t elementBytes = 0;
  std::uint64_t numElements = 0;
};

/// A host function (Graph::addHostFunction) and its declared arguments.
struct HostFunctionDesc {
  std::string handle;
  std::vector<HostArgumentDesc> inputs;
  std::vector<HostArgumentDesc> outputs;
};

/// One program::Call of host function `function`: the tensors of its input
/// and output arguments, in declaration order.
struct HostCallDesc {
  std::uint32_t function = 0;
  std::vector<std::uint32_t> inputLayouts;
  std::vector<std::uint32_t> outputLayouts;
};

/// A createHostWrite (isWrite) or createHostRead handle.
struct HostAccessDesc {
  std::string handle;
  bool isWrite = false;
  std::uint32_t layout = 0; // index into ExecutableImage::layouts
};

struct PrintDesc {
  std::string title;
  std::uint32_t layout = 0;
  poplar::program::PrintTensorFmt format;
};

/// A codelet shared object (ELF, exporting tessel_codelet_table; see
/// tessel/internal/CodeletABI.hpp), as popc built it.
struct NativeObject {
  std::vector<std::uint8_t> sharedObject;
  std::string contentHash; // hex SHA-256 of sharedObject
  std::string source;      // the codelet sources it came from, for messages
};

/// A field of a vertex type as the compiler planned it (from the .gp's
/// metadata); the runtime checks it against the codelet object's table.
struct CodeletFieldDesc {
  std::uint8_t kind = 0;      // tessel::abi::FieldKind
  std::uint8_t direction = 0; // tessel::abi::Direction
  std::uint32_t elementBytes = 0;
};

/// A vertex type: `name` in the table of native object `object`.
struct CodeletDesc {
  std::string name;
  std::uint32_t object = 0;
  std::uint8_t base = 0; // tessel::abi::VertexBase
  bool returnsBool = true;
  /// The fields the compiler planned for; compiled executables always
  /// record them (hand-built test images may not).
  bool hasFields = false;
  std::vector<CodeletFieldDesc> fields;
};

/// One vertex: codelet `codelet` runs on `tile` with its state (the words
/// CodeletABI.hpp describes) at `stateAddress` in that tile's memory.
struct VertexDesc {
  std::uint32_t id = 0; // the graph's vertex id, for messages
  std::uint32_t tile = 0;
  std::uint32_t codelet = 0;
  std::uint32_t stateAddress = 0;
  /// Cycles from setPerfEstimate or an estimator; negative: the runtime
  /// counts the cycles the codelet's instructions take.
  std::int64_t fixedCycles = -1;
};

/// The vertices one Execute runs, sorted by tile then id.
struct ComputeSetDesc {
  std::string name;
  std::vector<VertexDesc> vertices;
};

enum class NodeKind : std::uint8_t {
  Sequence,         // children: steps in order
  Exchange,         // index: ExchangeStep
  StreamToDevice,   // index: stream, layout: destination tensor
  StreamFromDevice, // index: stream, layout: source tensor
  Print,            // index: PrintDesc
  Repeat,           // count, children = {body}
  Loop,             // children = {body}
  RepeatWhileTrue,  // layout: predicate, children = {cond, body}
  RepeatWhileFalse, // layout: predicate, children = {cond, body}
  If,               // layout: predicate, children = {then, else}
  Switch,           // layout: control, children = {default, case...},
                    // caseValues[i] selects children[i + 1]
  Call,             // index: function
  Sync,             // count: SyncType
  Abort,            // text: message
  AbortOnCondition, // layout: predicate, text: message
  ErrorWithTensor,  // layout: tensor shown in the error, text: message
                    // (ErrorProgram, bounds-checked Switch default)
  Execute,          // index: compute set; with count == 1, layout: the
                    // flag set to 1 if every vertex returned true, else 0

  // Remote buffer copies; index: RemoteCopyDesc.
  RemoteBufferToDevice,
  RemoteBufferFromDevice,

  HostFunctionCall, // index: HostCallDesc
};

struct ControlNode {
  NodeKind kind = NodeKind::Sequence;
  std::vector<std::uint32_t> children;
  std::vector<std::int32_t> caseValues;
  std::uint64_t count = 0;
  std::uint32_t index = 0;
  std::uint32_t layout = 0;
  std::string text;
};

/// What a variable's bytes are, for memory reports.
enum class VariableCategory : std::uint8_t { Variable, Constant, VertexState };

/// What one variable occupies on one tile, for memory reports.
struct VariablePlacement {
  std::string name;
  std::uint32_t tile = 0;
  std::uint32_t address = 0;
  std::uint32_t numBytes = 0;
  VariableCategory category = VariableCategory::Variable;
  /// First and last program position (pre-order over programs and
  /// functions, as the allocator counts) the bytes are live; -1: always.
  std::int64_t liveFrom = -1, liveTo = -1;
};

struct ExecutableImage {
  poplar::Target target;
  std::vector<InitialData> initialMemory;
  std::vector<TensorLayout> layouts;
  std::vector<ExchangeStep> exchanges;
  std::vector<StreamDesc> streams;
  std::vector<HostAccessDesc> hostAccesses;
  std::vector<PrintDesc> prints;
  std::vector<ControlNode> nodes;
  std::vector<NativeObject> objects;
  std::vector<CodeletDesc> codelets;
  std::vector<ComputeSetDesc> computeSets;
  /// Root node of each engine program (Engine::run(i)).
  std::vector<std::uint32_t> programs;
  /// Root node of each poplar::Function (NodeKind::Call index).
  std::vector<std::uint32_t> functions;
  /// Bytes in use on each tile (including alignment gaps), indexed by tile.
  std::vector<std::uint32_t> tileBytesUsed;
  std::vector<VariablePlacement> placements;
  std::vector<RemoteBufferDesc> remoteBuffers;
  std::vector<RemoteCopyDesc> remoteCopies;
  std::vector<HostFunctionDesc> hostFunctions;
  std::vector<HostCallDesc> hostCalls;
};

/// The 64-bit checksum the format keeps for its header and every section:
/// four multiply-rotate lanes over little-endian words, so any change of
/// one aligned 8-byte word (in particular any single damaged byte) always
/// changes it. Not a defence against a deliberate forger.
std::uint64_t checksum(const void *data, std::size_t numBytes);

/// Versioned binary encoding (docs/executable-format.md). `deserialize`
/// throws poplar::parse_error for a stream that is not an intact Tessel
/// executable of kFormatVersion, naming the section and what it found.
void serialize(const ExecutableImage &image, std::ostream &out);
/// With checkPackageHash, an executable written by another build of Tessel
/// is refused too.
ExecutableImage deserialize(std::istream &in, bool checkPackageHash = true);

/// A readable, line-oriented listing of an executable file, for FileCheck
/// tests and for people (poplar-translate --executable-to-text): the header
/// and section directory; every field of every section by name, walking the
/// same field visitors as serialize and deserialize, so it shows all the
/// format holds; then each program and function as an indented tree of
/// control nodes. The file gets deserialize's checks first and any failure
/// throws as there.
void dump(std::istream &in, std::ostream &out, bool checkPackageHash = true);

/// Checks every index and address of an image against its own tables and
/// target, so the runtime can trust it; throws poplar::parse_error naming the
/// first inconsistency.
void validate(const ExecutableImage &image);

} // namespace tessel::exe

namespace poplar {
class Executable;
}

namespace tessel {
/// The friend through which the compiler builds, and the runtime reads, the
/// image inside a poplar::Executable.
struct ExecutableAccess {
  static exe::ExecutableImage &image(poplar::Executable &e);
  static const exe::ExecutableImage &image(const poplar::Executable &e);
  static poplar::Executable make(exe::ExecutableImage image);
};
} // namespace tessel

#endif
