// poplar::Graph: the tensors, mappings, streams and functions of a program.
// A Graph records what the user describes; the compiler (run by Engine or
// compileGraph) maps, schedules and allocates it.
#ifndef POPLAR_GRAPH_HPP
#define POPLAR_GRAPH_HPP

#include <poplar/ArrayRef.hpp>
#include <poplar/CodeletFileType.hpp>
#include <poplar/DataStream.hpp>
#include <poplar/DebugContext.hpp>
#include <poplar/Device.hpp>
#include <poplar/GraphElements.hpp>
#include <poplar/Interval.hpp>
#include <poplar/OptionFlags.hpp>
#include <poplar/PerfEstimateFunc.hpp>
#include <poplar/Program.hpp>
#include <poplar/ReplicatedStreamMode.hpp>
#include <poplar/ReplicationFactor.hpp>
#include <poplar/SerializationFormat.hpp>
#include <poplar/StringRef.hpp>
#include <poplar/Target.hpp>
#include <poplar/Tensor.hpp>
#include <poplar/TensorCloneMethod.hpp>
#include <poplar/Type.hpp>
#include <poplar/TypeConversion.hpp>
#include <poplar/VariableMappingMethod.hpp>
#include <poplar/VariableRef.hpp>
#include <poplar/exceptions.hpp>

#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace tessel {
class GraphImpl;
struct GraphAccess;
} // namespace tessel

namespace poplar {

using TileToTensorMapping = std::vector<std::vector<Interval>>;

/// A field and what it connects to, for addVertex's connection list.
struct ConnectionDesc {
  ConnectionDesc(StringRef field, Tensor t)
      : field(field), tensors{std::move(t)} {}
  ConnectionDesc(StringRef field, ArrayRef<Tensor> ts)
      : field(field), tensors(ts.begin(), ts.end()), isList(true) {}
  std::string field;
  std::vector<Tensor> tensors;
  bool isList = false;
};
using HostFunctionArgument = std::tuple<Type, std::size_t>;

class Graph {
public:
  using TileToTensorMapping = poplar::TileToTensorMapping;

  Graph(const Target &target, replication_factor r = replication_factor(1));
  Graph(const Device &device, replication_factor r = replication_factor(1));
  Graph(Graph &&) noexcept;
  Graph &operator=(Graph &&) noexcept;
  Graph(const Graph &) = delete;
  Graph &operator=(const Graph &) = delete;
  ~Graph();

  const Target &getTarget() const;
  unsigned getReplicationFactor() const;
  /// The graph this one is a virtual graph of (itself for a top-level graph).
  Graph &getTopLevelGraph();

  // Virtual graphs: a subset of the tiles, numbered from 0.
  Graph createVirtualGraph(unsigned numTilesPerIPU);
  Graph createVirtualGraph(unsigned lowerTile, unsigned upperTile);
  Graph createVirtualGraph(const std::vector<unsigned> &perIpuTiles);
  unsigned convertVirtualTileToPhysicalTile(unsigned virtualTile) const;
  unsigned convertPhysicalTileToVirtualTile(unsigned physicalTile) const;

  std::size_t getNumVertices() const;

  // Variables and constants.
  Tensor addVariable(const Type &type, ArrayRef<std::size_t> shape,
                     const DebugContext &debugContext = {});
  Tensor addVariable(const Type &type, ArrayRef<std::size_t> shape,
                     VariableMappingMethod mappingMethod,
                     const DebugContext &debugContext = {});
  Tensor addLinearlyMappedVariable(const Type &type,
                                   ArrayRef<std::size_t> shape,
                                   const DebugContext &debugContext = {});
  Tensor addLinearlyMappedVariable(const Type &type,
                                   ArrayRef<std::size_t> shape,
                                   unsigned minElementsPerTile,
                                   unsigned grainSize,
                                   const DebugContext &debugContext = {});

  template <class T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
  Tensor addConstant(const Type &type, ArrayRef<std::size_t> shape,
                     ArrayRef<T> values,
                     const DebugContext &debugContext = {"<const>"}) {
    return addConstantFromHost(type, shape, values.data(), values.size(),
                               equivalent_device_type<T>().value, debugContext);
  }
  template <class T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
  Tensor addConstant(const Type &type, ArrayRef<std::size_t> shape,
                     const T *values,
                     const DebugContext &debugContext = {"<const>"}) {
    return addConstantFromHost(type, shape, values, shapeElements(shape),
                               equivalent_device_type<T>().value, debugContext);
  }
  template <class T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
  Tensor addConstant(const Type &type, ArrayRef<std::size_t> shape, T value,
                     const DebugContext &debugContext = {"<const>"}) {
    return addConstantFromHost(type, shape, &value, 1,
                               equivalent_device_type<T>().value, debugContext);
  }
  Tensor addConstantHalf(const Type &type, ArrayRef<std::size_t> shape,
                         std::uint16_t value,
                         const DebugContext &debugContext = {"<const>"});
  Tensor addConstantHalf(const Type &type, ArrayRef<std::size_t> shape,
                         const std::uint16_t *values,
                         const DebugContext &debugContext = {"<const>"});

  /// A new variable with the shape (and, by default, the tile mapping) of t.
  Tensor clone(const Type &type, const Tensor &t,
               const DebugContext &debugContext = {},
               TensorCloneMethod method =
                   TensorCloneMethod::PRESERVE_ORDER_UNLESS_ALIASES);
  Tensor clone(const Tensor &t, const DebugContext &debugContext = {},
               TensorCloneMethod method =
                   TensorCloneMethod::PRESERVE_ORDER_UNLESS_ALIASES);
  Tensor cloneN(const Type &type, const Tensor &t, std::size_t N,
                const DebugContext &debugContext = {},
                TensorCloneMethod method =
                    TensorCloneMethod::PRESERVE_ORDER_UNLESS_ALIASES,
                TensorCloneDuplicationMethod duplicationMethod =
                    TensorCloneDuplicationMethod::DUPLICATE_BY_OUTER_DIMENSION);
  Tensor cloneN(const Tensor &t, std::size_t N,
                const DebugContext &debugContext = {},
                TensorCloneMethod method =
                    TensorCloneMethod::PRESERVE_ORDER_UNLESS_ALIASES,
                TensorCloneDuplicationMethod duplicationMethod =
                    TensorCloneDuplicationMethod::DUPLICATE_BY_OUTER_DIMENSION);

  /// Initial contents of a variable, in place before the first run.
  template <class T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
  void setInitialValue(const Tensor &t, T value) {
    setInitialValueFromHost(t, &value, 1, equivalent_device_type<T>().value);
  }
  template <class T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
  void setInitialValue(const Tensor &t, ArrayRef<T> values) {
    setInitialValueFromHost(t, values.data(), values.size(),
                            equivalent_device_type<T>().value);
  }
  void setInitialValueHalf(const Tensor &t, ArrayRef<std::uint16_t> values);

  // Tile mapping.
  void setTileMapping(const Tensor &t, unsigned tileNum);
  void setTileMapping(const Tensor &t, const TileToTensorMapping &mapping);
  TileToTensorMapping getTileMapping(Tensor t,
                                     bool requireComplete = true) const;
  TileToTensorMapping getTileMapping(Tensor t, bool *isComplete) const;
  TileToTensorMapping getVariableTileMapping(const Tensor &t) const;
  std::vector<std::vector<Interval>>
  getSortedContiguousRegions(const Tensor &t, ArrayRef<Interval> regions,
                             bool removeAliasedIntervals = false,
                             std::vector<std::size_t> *aliases = nullptr) const;
  Tensor getVariable(VariableRef v) const;
  bool isConstant(VariableRef v) const;

  // Host access and streams.
  void createHostWrite(StringRef handle, const Tensor &t,
                       bool rearrangeOnHost = false);
  void createHostRead(StringRef handle, const Tensor &t,
                      bool rearrangeOnHost = false);
  DataStream addHostToDeviceFIFO(
      StringRef handle, const Type &elementType, std::size_t numElements,
      ReplicatedStreamMode replicatedMode = ReplicatedStreamMode::REPLICATE,
      const OptionFlags &options = {});
  DataStream addDeviceToHostFIFO(StringRef handle, const Type &elementType,
                                 std::size_t numElements,
                                 const OptionFlags &options = {});
  /// `repeats` rows of `numElements` elements of `elementType` in streaming
  /// memory, outside tile memory.
  RemoteBuffer addRemoteBuffer(StringRef handle, const Type &elementType,
                               std::size_t numElements, std::size_t repeats = 1,
                               bool rearrangeOnHost = false,
                               bool optimiseMemory = false);

  Function addFunction(const program::Program &program);
  /// Keeps the code of `function` in streaming memory (REMOTE) until
  /// program::Copy(buffer, function) loads it. Tessel sizes the code from
  /// the function's program as it is now (see docs/runtime.md), so map the
  /// vertices it executes first; EXTERNAL is refused.
  FunctionBuffer addFunctionBuffer(const Function &function,
                                   FunctionBufferMappingType mappingType);
  /// A function run on the host by program::Call: `inputs` are the
  /// (type, element count) of the tensors it receives, `outputs` of those it
  /// fills. Engine::connectHostFunction(handle, ...) gives its code.
  HostFunction addHostFunction(StringRef handle,
                               ArrayRef<HostFunctionArgument> inputs,
                               ArrayRef<HostFunctionArgument> outputs);

  // Codelets. A .gp file is loaded; C and C++ sources are compiled with popc
  // (cached by content). Throws graph_program_compilation_error with the
  // compiler's diagnostics, or file_load_error / parse_error for bad files.
  bool addCodelets(StringRef src, CodeletFileType type = CodeletFileType::Auto,
                   StringRef compileFlags = "", StringRef targetName = "");
  bool addCodelets(StringRef src, CodeletFileType type, StringRef compileFlags,
                   std::ostream &compileOutput, StringRef targetName = "");
  bool addCodelets(ArrayRef<std::string> srcs, StringRef compileFlags = "",
                   StringRef targetName = "");
  void addCodelets(std::stringstream &src, StringRef compileFlags = "",
                   CodeletFileType type = CodeletFileType::CppSource,
                   StringRef targetName = "");
  void addCodelets(std::stringstream &src, StringRef compileFlags,
                   std::ostream &compileOutput,
                   CodeletFileType type = CodeletFileType::CppSource,
                   StringRef targetName = "");
  bool hasCodelet(StringRef vertexType) const;

  // Compute sets and vertices.
  ComputeSet addComputeSet(const DebugContext &debugContext = {});
  VertexRef addVertex(ComputeSet cs, StringRef vertexType);
  VertexRef addVertex(ComputeSet cs, StringRef vertexType,
                      ArrayRef<ConnectionDesc> connections);
  VertexRef addVertex(ComputeSet cs, StringRef vertexType, unsigned tile);
  VertexRef addVertex(ComputeSet cs, StringRef vertexType,
                      ArrayRef<ConnectionDesc> connections, unsigned tile);
  /// A vertex that takes part in external (IPU-Link/gateway) exchange.
  /// Always throws graph_object_creation_error: the simulator models no
  /// external exchange.
  VertexRef addExternalExchangeVertex(ComputeSet cs, StringRef vertexType,
                                      unsigned incomingDownCount,
                                      bool usesEastEdge, bool sendsXReq);
  void connect(FieldRef field, const Tensor &tensor);
  void connect(FieldRef field, ArrayRef<Tensor> tensors);
  template <class T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
  void connect(FieldRef field, T value) {
    setFieldValueFromHost(field, &value, 1, equivalent_device_type<T>().value,
                          "connect");
  }
  void setFieldSize(FieldRef field, std::size_t size);
  std::size_t getFieldSize(FieldRef field) const;
  template <class T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
  void setInitialValue(FieldRef field, T value) {
    setFieldValueFromHost(field, &value, 1, equivalent_device_type<T>().value,
                          "setInitialValue");
  }
  template <class T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
  void setInitialValue(FieldRef field, ArrayRef<T> values) {
    setFieldValueFromHost(field, values.data(), values.size(),
                          equivalent_device_type<T>().value, "setInitialValue");
  }
  void setTileMapping(VertexRef v, unsigned tileNum);
  void setPerfEstimate(const VertexRef &v, std::uint64_t cycles,
                       std::uint64_t flops = 0);
  void setPerfEstimate(const VertexRef &v, const VertexPerfEstimate &estimate);
  VertexPerfEstimate getPerfEstimate(const VertexRef &v) const;
  void registerPerfEstimator(StringRef vertexTypeName, PerfEstimateFunc f);

  // Variables of types with metadata, the replication index, and layout
  // helpers poplibs use (issue 13 part 6).
  /// A variable of a type that needs metadata (QUARTER), with `metadata` a
  /// one-element QUARTER_METADATA tensor of this graph. Tessel's tensors
  /// carry no metadata, so it is checked but not attached (hasMetadata()
  /// stays false); a type without metadata is tensor_metadata_error.
  Tensor addVariable(const Type &type, const Tensor &metadata,
                     ArrayRef<std::size_t> shape,
                     const DebugContext &debugContext = {});
  Tensor addVariable(const Type &type, const Tensor &metadata,
                     ArrayRef<std::size_t> shape,
                     VariableMappingMethod mappingMethod,
                     const DebugContext &debugContext = {});
  /// A scalar UNSIGNED_INT constant holding the replica's index: 0, as every
  /// Tessel graph has one replica. Map it like any constant.
  Tensor addReplicationIndexConstant(const DebugContext &debugContext = {});
  /// Permutes the elements of *t (flattened) so that elements on the same
  /// tile, and contiguous in the same variable, are next to each other, and
  /// applies the same permutation to every tensor in `others` (each must
  /// have as many elements as *t). The order is always the simplest one, so
  /// `requireSimplestOrder` changes nothing.
  void reorderToSimplify(Tensor *t, ArrayRef<Tensor *> others,
                         bool requireSimplestOrder = true) const;
  /// `t` with every dimension along which it repeats the same elements (as
  /// Tensor::broadcast and expand make) cut to size 1; `t` itself when no
  /// dimension was broadcast.
  Tensor findUnbroadcastTensor(const Tensor &t) const;
  /// The largest size dimension `dimIndex` of a vector field of
  /// `vertexType` can have (0 is the outer vector, 1 the inner vectors of a
  /// vector list or vector of edge vectors).
  unsigned getMaxFieldDim(StringRef vertexType, StringRef fieldName,
                          unsigned dimIndex) const;
  /// The largest value an element of the field's type can hold.
  double getMaxVertexFieldValue(StringRef vertexType,
                                StringRef fieldName) const;
  /// The same as a std::uint64_t or std::int64_t; overflow_error (a
  /// poplar_error) when it is not exactly representable as one.
  template <typename T>
  T getMaxVertexFieldValueAs(StringRef vertexType, StringRef fieldName) const;
  /// Raw half bits for a half scalar or vector state field, or for every
  /// element of a HALF tensor.
  void setInitialValueHalf(FieldRef field, std::uint16_t value);
  void setInitialValueHalf(FieldRef field, ArrayRef<std::uint16_t> values);
  void setInitialValueHalf(const Tensor &t, std::uint16_t value);

  // Debug dumps (issue 13 part 6).
  /// The vertices (with their tiles) and the variables their fields read
  /// and write, in dot format; with programs, only the vertices of compute
  /// sets they execute.
  void outputVertexGraph(std::ostream &outputStream,
                         ArrayRef<program::Program> progs = {}) const;
  /// The compute sets and the variables each reads and writes, in dot
  /// format; with programs, only the compute sets they execute.
  void outputComputeGraph(std::ostream &outputStream,
                          ArrayRef<program::Program> progs = {}) const;
  /// Writes each tensor's type, shape and element regions, and the type,
  /// shape and name of every variable they view: as JSON text, or for
  /// Binary the same document as CBOR.
  void serializeTensors(std::ostream &out, ArrayRef<Tensor> tensors,
                        SerializationFormat format) const;
  /// Reads what serializeTensors wrote: adds a fresh variable for each
  /// variable recorded (unmapped, same type, shape and name) and returns
  /// tensors viewing them exactly as the originals viewed theirs.
  std::vector<Tensor> deserializeTensors(std::istream &in,
                                         SerializationFormat format);

private:
  friend struct tessel::GraphAccess;
  explicit Graph(std::unique_ptr<tessel::GraphImpl> impl);
  static std::size_t shapeElements(ArrayRef<std::size_t> shape);
  Tensor addConstantFromHost(const Type &type, ArrayRef<std::size_t> shape,
                             const void *values, std::size_t numValues,
                             const Type &hostType,
                             const DebugContext &debugContext);
  void setInitialValueFromHost(const Tensor &t, const void *values,
                               std::size_t numValues, const Type &hostType);
  void setFieldValueFromHost(FieldRef field, const void *values,
                             std::size_t numValues, const Type &hostType,
                             const char *what);
  std::unique_ptr<tessel::GraphImpl> impl_;
};

template <>
std::uint64_t
Graph::getMaxVertexFieldValueAs<std::uint64_t>(StringRef vertexType,
                                               StringRef fieldName) const;
template <>
std::int64_t
Graph::getMaxVertexFieldValueAs<std::int64_t>(StringRef vertexType,
                                              StringRef fieldName) const;

/// The SDK's version, e.g. "Tessel 0.1.0 (Poplar SDK 3.x API)".
std::string versionString();
/// Identifies the build of the SDK; executables record it.
std::string packageHash();

} // namespace poplar

#endif
