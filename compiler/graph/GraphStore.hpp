// The in-memory graph store behind poplar::Graph: variables with their tile
// mappings and constant data, host streams, host access handles and functions.
// It only records what the user described; all thinking happens in the
// compiler passes that import it. Cheap to append to: building a graph with
// millions of elements costs about as much as writing them down.
#ifndef TESSEL_COMPILER_GRAPH_GRAPHSTORE_HPP
#define TESSEL_COMPILER_GRAPH_GRAPHSTORE_HPP

#include "compiler/codelets/CodeletArchive.hpp"
#include "compiler/graph/SourceLocations.hpp"

#include <poplar/ArrayRef.hpp>

#include <poplar/DataStreamType.hpp>
#include <poplar/PerfEstimateFunc.hpp>
#include <poplar/Program.hpp>
#include <poplar/ReplicatedStreamMode.hpp>
#include <poplar/Target.hpp>
#include <poplar/Tensor.hpp>
#include <poplar/Type.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace tessel {

using VariableId = std::uint32_t;

/// A half-open range [begin, end) of one variable's elements (row-major).
struct ElementRegion {
  VariableId var = 0;
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
  std::uint64_t size() const { return end - begin; }
  bool operator==(const ElementRegion &o) const {
    return var == o.var && begin == o.begin && end == o.end;
  }
};

/// Elements [begin, end) of a variable live on (physical, global) `tile`.
struct TileInterval {
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
  std::uint32_t tile = 0;
};

struct Variable {
  std::string name; // debug name the user gave ("" if none)
  /// Where the user's addVariable / addConstant / clone call was.
  SourceLoc source;
  poplar::Type type;
  std::vector<std::size_t> shape;
  std::uint64_t numElements = 0;
  /// Sorted by begin, disjoint; need not cover every element (the
  /// complete-tile-mapping pass maps the rest).
  std::vector<TileInterval> mapping;
  bool isConstant = false;
  /// Device bytes of the variable's initial contents (constants and
  /// setInitialValue); empty when it has none.
  std::vector<std::uint8_t> initialBytes;
};

struct StreamInfo {
  std::string handle;
  poplar::Type type;
  std::uint64_t numElements = 0;
  poplar::DataStreamType kind = poplar::DataStreamType::HostToDeviceFIFO;
  poplar::ReplicatedStreamMode mode = poplar::ReplicatedStreamMode::REPLICATE;
  std::uint64_t bufferingDepth = 1;
};

/// Graph::addRemoteBuffer: `repeats` rows of `numElements` elements in
/// streaming memory.
struct RemoteBufferInfo {
  std::string handle;
  poplar::Type type;
  std::uint64_t numElements = 0;
  std::uint64_t repeats = 1;
  bool rearrangeOnHost = false;
  bool optimiseMemory = false;
};

/// One argument of a host function: `numElements` elements of `type`.
struct HostFunctionArg {
  poplar::Type type;
  std::uint64_t numElements = 0;
};

/// Graph::addHostFunction: code the host runs when a program calls it.
struct HostFunctionInfo {
  std::string handle;
  std::vector<HostFunctionArg> inputs;
  std::vector<HostFunctionArg> outputs;
};

/// createHostWrite / createHostRead.
struct HostAccess {
  std::string handle;
  bool isWrite = false; // host writes the tensor (createHostWrite)
  poplar::Tensor tensor;
};

/// One entry of an edge field (an Edge or EdgeVector field has one; vectors
/// of edges and vector lists have one per entry). Its elements, in row-major
/// order, are GraphStore::edgeRegions[regionsBegin, regionsBegin +
/// numRegions).
struct EdgeEntry {
  std::uint64_t regionsBegin = 0;
  std::uint64_t numElements = 0;
  std::uint32_t numRegions = 0;
  bool connected = false;
};

/// What one field of a vertex holds: an edge's entries,
/// GraphStore::edgeEntries[entriesBegin, entriesBegin + numEntries), or the
/// device bytes of scalar state and state vectors,
/// GraphStore::stateBytes[stateBegin, stateBegin + numStateBytes). Fields,
/// entries, regions and state live in the store's flat arrays, so a graph of
/// millions of vertices holds no heap object per vertex.
struct VertexField {
  std::uint64_t entriesBegin = 0;
  std::uint64_t numEntries = 0;
  std::uint64_t stateBegin = 0;
  std::uint64_t numStateBytes = 0;
  /// From setFieldSize (entries of a vector of edges or list, elements of a
  /// state vector), or the number of values set; valid when hasSize.
  std::uint64_t size = 0;
  bool hasSize = false;
  bool connected = false;
};

struct VertexRecord {
  std::uint32_t codelet = 0; // index into GraphStore::codelets.vertices
  std::uint32_t computeSet = 0;
  std::int64_t tile = -1; // physical tile; -1 until mapped
  /// Its codelet's fields are GraphStore::vertexFields[firstField, ...).
  std::uint64_t firstField = 0;
};

struct ComputeSetRecord {
  std::string name;
  /// Where the user's addComputeSet call was.
  SourceLoc source;
  std::vector<std::uint32_t> vertices;
};

class GraphStore {
public:
  explicit GraphStore(const poplar::Target &target) : target(target) {}

  /// The physical target (all tiles of all IPUs).
  poplar::Target target;
  std::vector<Variable> variables;
  std::vector<StreamInfo> streams;
  std::vector<HostAccess> hostAccesses;
  std::vector<RemoteBufferInfo> remoteBuffers;
  /// Graph::addHostFunction; the HostFunction id indexes this.
  std::vector<HostFunctionInfo> hostFunctions;
  /// Bodies of poplar::Function objects; the Function id indexes this.
  std::vector<poplar::program::Program> functions;
  /// Graph::addFunctionBuffer calls so far (FunctionBuffer ids).
  std::uint32_t functionBuffers = 0;

  /// Every codelet added so far, linked into one archive.
  codelets::CodeletArchive codelets;
  /// Vertex type name -> index into codelets.vertices.
  std::unordered_map<std::string, std::uint32_t> codeletIndex;
  std::vector<ComputeSetRecord> computeSets;
  std::vector<VertexRecord> vertices;
  /// The flat arrays VertexRecord, VertexField and EdgeEntry index.
  std::vector<VertexField> vertexFields;
  std::vector<EdgeEntry> edgeEntries;
  std::vector<ElementRegion> edgeRegions;
  std::vector<std::uint8_t> stateBytes;
  /// setPerfEstimate, by vertex id.
  std::unordered_map<std::uint32_t, poplar::VertexPerfEstimate> estimates;
  std::map<std::string, poplar::PerfEstimateFunc> estimators;

  const codelets::VertexMeta &codeletOf(const VertexRecord &v) const {
    return codelets.vertices[v.codelet];
  }
  VertexField &field(const VertexRecord &v, std::size_t f) {
    return vertexFields[v.firstField + f];
  }
  const VertexField &field(const VertexRecord &v, std::size_t f) const {
    return vertexFields[v.firstField + f];
  }
  poplar::ArrayRef<EdgeEntry> entriesOf(const VertexField &f) const {
    return {edgeEntries.data() + f.entriesBegin, f.numEntries};
  }
  poplar::ArrayRef<ElementRegion> regionsOf(const EdgeEntry &e) const {
    return {edgeRegions.data() + e.regionsBegin, e.numRegions};
  }
  const std::uint8_t *stateOf(const VertexField &f) const {
    return stateBytes.data() + f.stateBegin;
  }

  VariableId addVariable(Variable v);
  const Variable &variable(VariableId id) const { return variables.at(id); }
  Variable &variable(VariableId id) { return variables.at(id); }

  /// Maps elements [begin, end) of `var` to `tile`, replacing what was there.
  void setTileMapping(VariableId var, std::uint64_t begin, std::uint64_t end,
                      std::uint32_t tile);
  /// Tile of each element range of `var` that intersects [begin, end), in
  /// element order; unmapped gaps are omitted.
  std::vector<TileInterval> mappingOf(VariableId var, std::uint64_t begin,
                                      std::uint64_t end) const;

  /// Index of the stream with `handle`, or -1.
  int findStream(const std::string &handle) const;
  /// Index of the host access with `handle`, or -1.
  int findHostAccess(const std::string &handle) const;
  /// Index of the remote buffer with `handle`, or -1.
  int findRemoteBuffer(const std::string &handle) const;
  /// Index of the host function with `handle`, or -1.
  int findHostFunction(const std::string &handle) const;
};

} // namespace tessel

#endif
