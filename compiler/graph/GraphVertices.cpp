// poplar::Graph: codelets, compute sets, vertices and their fields. Every
// connection is checked here, where the user can still see which call was
// wrong; what needs the whole graph (unconnected fields, two vertices
// writing the same elements) is checked by the compiler.
#include "compiler/core/TypeTable.hpp"
#include "compiler/graph/DescribeTensor.hpp"
#include "compiler/graph/GraphImpl.hpp"
#include "compiler/graph/ProgramTree.hpp"
#include "compiler/graph/TensorImpl.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <cstring>
#include <fstream>

using namespace poplar;
using tessel::abi::FieldKind;
using tessel::codelets::FieldMeta;
using tessel::codelets::VertexMeta;

namespace tessel {

static bool isEdge(FieldKind k) {
  return k != FieldKind::Scalar && k != FieldKind::StateVector;
}
static bool isListOfEdges(FieldKind k) {
  return k == FieldKind::VectorOfEdges || k == FieldKind::VectorOfEdgeVectors ||
         k == FieldKind::EdgeVectorList;
}

static std::string fieldNames(const VertexMeta &meta) {
  std::string names;
  for (const FieldMeta &f : meta.fields)
    names += (names.empty() ? "" : ", ") + f.name;
  return names.empty() ? "(none)" : names;
}

/// Adds the vertices and objects of `archive` to the store; a vertex type
/// already there from the same object is skipped. Returns whether anything
/// was added.
static bool mergeCodelets(GraphStore &store,
                          const codelets::CodeletArchive &archive,
                          const std::string &source) {
  const std::string arch = store.target.getTargetArchString();
  std::vector<std::uint32_t> objectIndex(archive.objects.size(), ~0u);
  auto objectFor = [&](std::uint32_t i) {
    if (objectIndex[i] != ~0u)
      return objectIndex[i];
    const codelets::NativeObject &obj = archive.objects[i];
    for (std::uint32_t j = 0; j < store.codelets.objects.size(); ++j)
      if (store.codelets.objects[j].contentHash == obj.contentHash)
        return objectIndex[i] = j;
    store.codelets.objects.push_back(obj);
    return objectIndex[i] = std::uint32_t(store.codelets.objects.size() - 1);
  };
  bool added = false;
  for (const VertexMeta &v : archive.vertices) {
    const codelets::NativeObject &obj =
        codelets::objectForTarget(archive, v, arch);
    auto it = store.codeletIndex.find(v.name);
    if (it != store.codeletIndex.end()) {
      const VertexMeta &old = store.codelets.vertices[it->second];
      if (store.codelets.objects[old.object].contentHash == obj.contentHash)
        continue;
      throw link_error("vertex type '" + v.name + "' from " + source +
                       " is already defined by codelets added earlier; "
                       "each vertex type may be defined once");
    }
    VertexMeta copy = v;
    copy.object = objectFor(v.object);
    store.codeletIndex.emplace(v.name,
                               std::uint32_t(store.codelets.vertices.size()));
    store.codelets.vertices.push_back(std::move(copy));
    added = true;
  }
  return added;
}

static CodeletFileType typeFromPath(const std::string &path) {
  auto endsWith = [&](const char *ext) {
    const std::size_t n = std::strlen(ext);
    return path.size() >= n && path.compare(path.size() - n, n, ext) == 0;
  };
  if (endsWith(".gp"))
    return CodeletFileType::Object;
  if (endsWith(".c"))
    return CodeletFileType::CSource;
  if (endsWith(".S"))
    return CodeletFileType::PreprocessedAsmSource;
  if (endsWith(".s"))
    return CodeletFileType::AsmSource;
  if (endsWith(".ll") || endsWith(".bc"))
    return CodeletFileType::IrSource;
  return CodeletFileType::CppSource;
}

static codelets::CodeletArchive
loadCodelets(const std::string &path, const std::string &text,
             CodeletFileType type, const std::string &flags,
             const std::string &targetName, std::ostream *output) {
  if (type == CodeletFileType::Auto)
    type = typeFromPath(path);
  switch (type) {
  case CodeletFileType::Object: {
    if (!path.empty())
      return codelets::readArchiveFile(path);
    std::istringstream in(text);
    return codelets::readArchive(in, "<stream>");
  }
  case CodeletFileType::CppSource:
  case CodeletFileType::CSource:
    return codelets::compileCodeletSource(path, text, flags, targetName,
                                          output);
  default:
    throw graph_program_compilation_error(
        "addCodelets " + (path.empty() ? std::string("<stream>") : path) +
        ": assembly and IR codelets run only on a real IPU; the simulated "
        "IPU runs codelets written in C or C++");
  }
}

struct FieldLookup {
  VertexRecord &vertex;
  const VertexMeta &meta;
  const FieldMeta &meta_field;
  VertexField &field;
  std::string where; // "field 'in' of vertex 3 (SumVertex)"
};

static FieldLookup lookupField(const GraphImpl &graph, const FieldRef &ref,
                               const char *what) {
  GraphStore &store = *graph.store;
  const VertexRef &v = ref.getVertex();
  checkVertexOfGraph(graph, v, what);
  if (v.getId() >= store.vertices.size())
    throw graph_connection_error(std::string(what) + ": vertex " +
                                 std::to_string(v.getId()) +
                                 " does not exist in this graph");
  VertexRecord &vertex = store.vertices[v.getId()];
  const VertexMeta &meta = store.codeletOf(vertex);
  for (std::size_t i = 0; i < meta.fields.size(); ++i)
    if (meta.fields[i].name == ref.getName())
      return {vertex, meta, meta.fields[i], store.field(vertex, i),
              "field '" + ref.getName() + "' of vertex " +
                  std::to_string(v.getId()) + " (" + meta.name + ")"};
  throw unknown_field(std::string(what) + ": vertex type '" + meta.name +
                      "' has no field '" + ref.getName() +
                      "'; its fields are " + fieldNames(meta));
}

static void checkTensorForField(const GraphStore &store, const FieldLookup &f,
                                const Tensor &t, bool scalar) {
  const TensorImpl &impl = TensorAccess::impl(t);
  if (impl.store.get() != &store)
    throw graph_connection_error(
        "connect " + f.where + ": " + describeTensor(t) + " belongs to " +
        describeGraph(*impl.store) + ", not to this graph (" +
        describeGraph(store) +
        "); connect a tensor of the graph the vertex was added to");
  if (t.elementType().toString() != f.meta_field.elementType)
    throw graph_connection_error(
        "connect " + f.where + ": the field's elements are " +
        f.meta_field.elementType + " but " + describeTensor(t) + " holds " +
        t.elementType().toString() + "; connect a tensor of type " +
        f.meta_field.elementType + " (cast it first)");
  if (scalar && impl.numElements() != 1)
    throw graph_connection_error(
        "connect " + f.where + ": the field is a single " +
        f.meta_field.elementType + " but " + describeTensor(t) + " has " +
        std::to_string(impl.numElements()) +
        " elements; connect a one-element tensor (e.g. t[i])");
  if (f.meta_field.direction != abi::Direction::Input)
    for (const ElementRegion &r : impl.regions)
      if (store.variable(r.var).isConstant)
        throw graph_connection_error("connect " + f.where +
                                     ": the vertex writes this field but " +
                                     describeTensor(t) + " views a constant");
}

/// Records `t`'s elements as entry `index` of the field.
static void storeEntry(GraphStore &store, VertexField &field, std::size_t index,
                       const Tensor &t) {
  const TensorImpl &impl = TensorAccess::impl(t);
  EdgeEntry &entry = store.edgeEntries[field.entriesBegin + index];
  entry.regionsBegin = store.edgeRegions.size();
  entry.numRegions = std::uint32_t(impl.regions.size());
  entry.numElements = impl.numElements();
  entry.connected = true;
  store.edgeRegions.insert(store.edgeRegions.end(), impl.regions.begin(),
                           impl.regions.end());
}

/// Gives the field `count` unconnected entries at the end of the store's
/// entry array (entries it had before are left unused).
static void allocateEntries(GraphStore &store, const FieldLookup &f,
                            std::size_t count) {
  // Every entry needs at least its address in the vertex's state, so more
  // entries than a tile has bytes can never be placed.
  if (count > store.target.getBytesPerTile())
    throw graph_memory_allocation_error(
        f.where + ": " + std::to_string(count) +
        " entries cannot fit on a tile of " +
        std::to_string(store.target.getBytesPerTile()) +
        " bytes (each entry needs its address in the vertex's state); split "
        "the work over more vertices");
  f.field.entriesBegin = store.edgeEntries.size();
  f.field.numEntries = count;
  store.edgeEntries.resize(store.edgeEntries.size() + count);
}

static void connectEntry(GraphStore &store, FieldLookup &f, std::size_t index,
                         const Tensor &t) {
  const FieldKind kind = f.meta_field.kind;
  if (!f.field.hasSize)
    throw no_size_specified(f.meta_field.name, f.meta.name);
  if (index >= f.field.size)
    throw index_error("connect " + f.where + "[" + std::to_string(index) +
                      "]: the field has " + std::to_string(f.field.size) +
                      " entries (setFieldSize)");
  checkTensorForField(store, f, t, kind == FieldKind::VectorOfEdges);
  if (store.edgeEntries[f.field.entriesBegin + index].connected)
    throw graph_connection_error("connect " + f.where + "[" +
                                 std::to_string(index) +
                                 "]: the entry is already connected");
  storeEntry(store, f.field, index, t);
  bool all = true;
  for (const EdgeEntry &e : store.entriesOf(f.field))
    all = all && e.connected;
  f.field.connected = all;
}

} // namespace tessel

namespace poplar {

using namespace tessel;

bool Graph::addCodelets(StringRef src, CodeletFileType type,
                        StringRef compileFlags, StringRef targetName) {
  const std::string path(src);
  return mergeCodelets(*impl_->store,
                       loadCodelets(path, "", type, std::string(compileFlags),
                                    std::string(targetName), nullptr),
                       path);
}

bool Graph::addCodelets(StringRef src, CodeletFileType type,
                        StringRef compileFlags, std::ostream &compileOutput,
                        StringRef targetName) {
  const std::string path(src);
  return mergeCodelets(*impl_->store,
                       loadCodelets(path, "", type, std::string(compileFlags),
                                    std::string(targetName), &compileOutput),
                       path);
}

bool Graph::addCodelets(ArrayRef<std::string> srcs, StringRef compileFlags,
                        StringRef targetName) {
  bool added = false;
  for (const std::string &s : srcs)
    added |= addCodelets(StringRef(s), CodeletFileType::Auto, compileFlags,
                         targetName);
  return added;
}

void Graph::addCodelets(std::stringstream &src, StringRef compileFlags,
                        CodeletFileType type, StringRef targetName) {
  mergeCodelets(*impl_->store,
                loadCodelets("", src.str(), type, std::string(compileFlags),
                             std::string(targetName), nullptr),
                "<stream>");
}

void Graph::addCodelets(std::stringstream &src, StringRef compileFlags,
                        std::ostream &compileOutput, CodeletFileType type,
                        StringRef targetName) {
  mergeCodelets(*impl_->store,
                loadCodelets("", src.str(), type, std::string(compileFlags),
                             std::string(targetName), &compileOutput),
                "<stream>");
}

bool Graph::hasCodelet(StringRef vertexType) const {
  return impl_->store->codeletIndex.count(std::string(vertexType)) != 0;
}

ComputeSet Graph::addComputeSet(const DebugContext &debugContext) {
  GraphStore &store = *impl_->store;
  ComputeSetRecord cs;
  cs.name = debugContext.getPathName();
  cs.source = recordSourceLoc(debugContext.getLocation());
  if (cs.name.empty())
    cs.name = "cs" + std::to_string(store.computeSets.size());
  store.computeSets.push_back(std::move(cs));
  return ComputeSet(unsigned(store.computeSets.size() - 1), &store);
}

VertexRef Graph::addVertex(ComputeSet cs, StringRef vertexType) {
  GraphStore &store = *impl_->store;
  if (cs.getGraphStore() && cs.getGraphStore() != &store)
    throw graph_object_load_error(
        "addVertex '" + std::string(vertexType) + "': compute set " +
        std::to_string(cs.getId()) + " belongs to " +
        tessel::describeGraph(
            *static_cast<const tessel::GraphStore *>(cs.getGraphStore())) +
        ", not to this graph (" + tessel::describeGraph(store) +
        "); add the vertex to a compute set of this graph "
        "(Graph::addComputeSet)");
  if (cs.getId() >= store.computeSets.size())
    throw graph_object_creation_error(
        "addVertex '" + std::string(vertexType) + "': compute set " +
        std::to_string(cs.getId()) +
        " does not exist; make it with Graph::addComputeSet");
  auto it = store.codeletIndex.find(std::string(vertexType));
  if (it == store.codeletIndex.end()) {
    std::string known;
    for (const VertexMeta &m : store.codelets.vertices)
      known += (known.empty() ? "" : ", ") + m.name;
    throw unknown_vertex_type(
        "addVertex: vertex type '" + std::string(vertexType) +
        "' is not defined by any codelet added to this graph (known: " +
        (known.empty() ? std::string("none") : known) +
        "); add its codelets with Graph::addCodelets");
  }
  VertexRecord v;
  v.codelet = it->second;
  v.computeSet = cs.getId();
  v.firstField = store.vertexFields.size();
  const VertexMeta &meta = store.codelets.vertices[v.codelet];
  store.vertexFields.resize(store.vertexFields.size() + meta.fields.size());
  const auto id = vertex_id(store.vertices.size());
  store.vertices.push_back(std::move(v));
  store.computeSets[cs.getId()].vertices.push_back(id);
  return VertexRef(this, id);
}

VertexRef Graph::addVertex(ComputeSet cs, StringRef vertexType,
                           ArrayRef<ConnectionDesc> connections) {
  VertexRef v = addVertex(cs, vertexType);
  for (const ConnectionDesc &c : connections) {
    if (c.isList)
      connect(v[c.field], ArrayRef<Tensor>(c.tensors));
    else
      connect(v[c.field], c.tensors.front());
  }
  return v;
}

VertexRef Graph::addVertex(ComputeSet cs, StringRef vertexType, unsigned tile) {
  VertexRef v = addVertex(cs, vertexType);
  setTileMapping(v, tile);
  return v;
}

VertexRef Graph::addVertex(ComputeSet cs, StringRef vertexType,
                           ArrayRef<ConnectionDesc> connections,
                           unsigned tile) {
  VertexRef v = addVertex(cs, vertexType, connections);
  setTileMapping(v, tile);
  return v;
}

void Graph::connect(FieldRef field, const Tensor &tensor) {
  GraphStore &store = *impl_->store;
  FieldLookup f = lookupField(*impl_, field, "connect");
  const FieldKind kind = f.meta_field.kind;
  if (!isEdge(kind))
    throw graph_connection_error(
        "connect " + f.where +
        ": the field is vertex state, not an edge; set it with "
        "Graph::setInitialValue (or connect a value, not a tensor)");
  if (isListOfEdges(kind)) {
    if (!field.isIndexed())
      throw graph_connection_error(
          "connect " + f.where +
          ": the field is a list of edges; connect all entries with "
          "connect(v[\"" +
          f.meta_field.name + "\"], {tensors...}) or one with connect(v[\"" +
          f.meta_field.name + "\"][i], t)");
    connectEntry(store, f, field.getIndex(), tensor);
    return;
  }
  if (field.isIndexed())
    throw graph_connection_error("connect " + f.where + "[" +
                                 std::to_string(field.getIndex()) +
                                 "]: only lists of edges can be indexed");
  checkTensorForField(store, f, tensor, kind == FieldKind::Edge);
  if (f.field.connected)
    throw graph_connection_error("connect " + f.where +
                                 ": the field is already connected; each "
                                 "field is connected once");
  // The field keeps the tensor's region list, which is already in
  // row-major (flattened) order.
  allocateEntries(store, f, 1);
  storeEntry(store, f.field, 0, tensor);
  f.field.connected = true;
}

void Graph::connect(FieldRef field, ArrayRef<Tensor> tensors) {
  GraphStore &store = *impl_->store;
  FieldLookup f = lookupField(*impl_, field, "connect");
  if (!isListOfEdges(f.meta_field.kind) || field.isIndexed())
    throw graph_connection_error(
        "connect " + f.where +
        ": a list of tensors connects only a Vector of edges or a "
        "VectorList field");
  if (f.field.hasSize && f.field.size != tensors.size())
    throw graph_connection_error("connect " + f.where + ": " +
                                 std::to_string(tensors.size()) +
                                 " tensors given but the field's size is " +
                                 std::to_string(f.field.size));
  for (const EdgeEntry &e : store.entriesOf(f.field))
    if (e.connected)
      throw graph_connection_error("connect " + f.where +
                                   ": the field is already connected");
  // Entries setFieldSize gave the field are used as they are.
  if (!f.field.hasSize)
    allocateEntries(store, f, tensors.size());
  f.field.size = tensors.size();
  f.field.hasSize = true;
  for (std::size_t i = 0; i < tensors.size(); ++i)
    connectEntry(store, f, i, tensors[i]);
  f.field.connected = true;
}

void Graph::setFieldSize(FieldRef field, std::size_t size) {
  FieldLookup f = lookupField(*impl_, field, "setFieldSize");
  const FieldKind kind = f.meta_field.kind;
  if (!isListOfEdges(kind) && kind != FieldKind::StateVector)
    throw graph_connection_error(
        "setFieldSize " + f.where +
        ": only vectors of edges, vector lists and state vectors have a "
        "size to set; an edge's size is its tensor's");
  if (f.field.connected || f.field.numStateBytes)
    throw graph_connection_error("setFieldSize " + f.where +
                                 ": the field is already connected");
  if (isListOfEdges(kind))
    allocateEntries(*impl_->store, f, size);
  f.field.size = size;
  f.field.hasSize = true;
}

std::size_t Graph::getFieldSize(FieldRef field) const {
  FieldLookup f = lookupField(*impl_, field, "getFieldSize");
  if (f.field.hasSize)
    return f.field.size;
  if (f.meta_field.kind == FieldKind::EdgeVector && f.field.connected)
    return impl_->store->entriesOf(f.field)[0].numElements;
  if (f.meta_field.kind == FieldKind::Edge ||
      f.meta_field.kind == FieldKind::Scalar)
    return 1;
  throw no_size_specified(f.meta_field.name, f.meta.name);
}

void Graph::setFieldValueFromHost(FieldRef field, const void *values,
                                  std::size_t numValues, const Type &hostType,
                                  const char *what) {
  FieldLookup f = lookupField(*impl_, field, what);
  const FieldKind kind = f.meta_field.kind;
  if (kind == FieldKind::Edge && std::string(what) == "connect") {
    // Poplar's connect(field, value) on an input edge: the value becomes a
    // one-element constant on the vertex's tile (left for the compiler to map
    // when the vertex has no tile yet), connected like any tensor.
    if (f.meta_field.direction != tessel::abi::Direction::Input)
      throw graph_connection_error(
          "connect " + f.where +
          ": a value can only be connected to an Input edge; the vertex "
          "writes this field, so connect a variable tensor to it");
    if (f.field.connected)
      throw graph_connection_error("connect " + f.where +
                                   ": the field is already connected; each "
                                   "field is connected once");
    const Type edgeType = typeFromName(f.meta_field.elementType);
    Tensor constant = addConstantFromHost(edgeType, {1}, values, numValues,
                                          hostType, {f.where + " constant"});
    if (f.vertex.tile >= 0) {
      const std::vector<unsigned> &tiles = impl_->physicalTiles;
      auto it = std::find(tiles.begin(), tiles.end(),
                          static_cast<unsigned>(f.vertex.tile));
      if (it != tiles.end())
        setTileMapping(constant, static_cast<unsigned>(it - tiles.begin()));
    }
    connect(field, constant);
    return;
  }
  if (kind != FieldKind::Scalar && kind != FieldKind::StateVector)
    throw graph_connection_error(
        std::string(what) + " " + f.where +
        ": the field is an edge; connect a tensor to it, not a value");
  if (kind == FieldKind::Scalar && numValues != 1)
    throw graph_connection_error(
        std::string(what) + " " + f.where + ": the field is a single " +
        f.meta_field.elementType + " but " + std::to_string(numValues) +
        " values were given");
  if (kind == FieldKind::StateVector && f.field.hasSize &&
      f.field.size != numValues)
    throw graph_connection_error(std::string(what) + " " + f.where + ": " +
                                 std::to_string(numValues) +
                                 " values given but the field's size is " +
                                 std::to_string(f.field.size));
  if (f.field.connected)
    throw graph_connection_error(std::string(what) + " " + f.where +
                                 ": the field already has a value");
  const Type deviceType = typeFromName(f.meta_field.elementType);
  GraphStore &store = *impl_->store;
  if (numValues > store.target.getBytesPerTile() / f.meta_field.elementBytes)
    throw graph_memory_allocation_error(
        std::string(what) + " " + f.where + ": " + std::to_string(numValues) +
        " values of " + std::to_string(f.meta_field.elementBytes) +
        " bytes cannot fit in a tile of " +
        std::to_string(store.target.getBytesPerTile()) + " bytes");
  f.field.stateBegin = store.stateBytes.size();
  f.field.numStateBytes = numValues * f.meta_field.elementBytes;
  store.stateBytes.resize(store.stateBytes.size() + f.field.numStateBytes, 0);
  if (numValues)
    convertHostToDevice(hostType, values, deviceType,
                        store.stateBytes.data() + f.field.stateBegin,
                        numValues);
  f.field.size = numValues;
  f.field.hasSize = true;
  f.field.connected = true;
}

void Graph::setTileMapping(VertexRef v, unsigned tileNum) {
  tessel::checkVertexOfGraph(*impl_, v, "setTileMapping");
  GraphStore &store = *impl_->store;
  if (v.getId() >= store.vertices.size())
    throw invalid_tile_mapping("setTileMapping: vertex " +
                               std::to_string(v.getId()) +
                               " does not exist in this graph");
  if (tileNum >= impl_->physicalTiles.size())
    throw invalid_tile_mapping(
        "setTileMapping of vertex " + std::to_string(v.getId()) + " (" +
        store.codeletOf(store.vertices[v.getId()]).name + "): tile " +
        std::to_string(tileNum) + " does not exist; the graph has " +
        std::to_string(impl_->physicalTiles.size()) + " tiles");
  store.vertices[v.getId()].tile = impl_->physicalTiles[tileNum];
}

void Graph::setPerfEstimate(const VertexRef &v, std::uint64_t cycles,
                            std::uint64_t flops) {
  setPerfEstimate(v, VertexPerfEstimate(cycles, flops));
}

void Graph::setPerfEstimate(const VertexRef &v,
                            const VertexPerfEstimate &estimate) {
  tessel::checkVertexOfGraph(*impl_, v, "setPerfEstimate");
  GraphStore &store = *impl_->store;
  if (v.getId() >= store.vertices.size())
    throw graph_object_creation_error("setPerfEstimate: vertex " +
                                      std::to_string(v.getId()) +
                                      " does not exist in this graph");
  store.estimates[unsigned(v.getId())] = estimate;
}

VertexPerfEstimate Graph::getPerfEstimate(const VertexRef &v) const {
  tessel::checkVertexOfGraph(*impl_, v, "getPerfEstimate");
  GraphStore &store = *impl_->store;
  auto found = store.estimates.find(unsigned(v.getId()));
  if (v.getId() >= store.vertices.size() || found == store.estimates.end())
    throw missing_perf_estimate("getPerfEstimate: vertex " +
                                std::to_string(v.getId()) +
                                " has no estimate set with setPerfEstimate");
  return found->second;
}

void Graph::registerPerfEstimator(StringRef vertexTypeName,
                                  PerfEstimateFunc f) {
  impl_->store->estimators[std::string(vertexTypeName)] = std::move(f);
}

// Estimator introspection.

static const VertexField &introspectedField(const GraphStore *store,
                                            unsigned vertex, unsigned field) {
  const VertexRecord &v = store->vertices.at(vertex);
  if (field >= store->codeletOf(v).fields.size())
    throw index_error("FieldData: vertex " + std::to_string(vertex) +
                      " has no field " + std::to_string(field));
  return store->field(v, field);
}

std::size_t FieldData::size() const {
  const VertexField &f = introspectedField(store, vertex, field);
  const FieldMeta &meta =
      store->codeletOf(store->vertices[vertex]).fields[field];
  if (f.hasSize)
    return f.size;
  if (meta.kind == FieldKind::EdgeVector && f.connected)
    return store->entriesOf(f)[0].numElements;
  return 1;
}

std::size_t FieldData::getSizeAtIndex(std::size_t i) const {
  const VertexField &f = introspectedField(store, vertex, field);
  if (i >= f.numEntries || !store->entriesOf(f)[i].connected)
    throw index_error("FieldData::getSizeAtIndex(" + std::to_string(i) +
                      "): the entry does not exist or is not connected");
  return store->entriesOf(f)[i].numElements;
}

std::size_t FieldData::initialValueCount() const {
  const VertexField &f = introspectedField(store, vertex, field);
  const FieldMeta &meta =
      store->codeletOf(store->vertices[vertex]).fields[field];
  return meta.elementBytes ? f.numStateBytes / meta.elementBytes : 0;
}

void FieldData::readInitialValues(void *out, std::size_t count,
                                  std::size_t bytes,
                                  const Type &hostType) const {
  const VertexField &f = introspectedField(store, vertex, field);
  const FieldMeta &meta =
      store->codeletOf(store->vertices[vertex]).fields[field];
  if (!f.numStateBytes)
    throw graph_connection_error("getInitialValue of field '" + meta.name +
                                 "': the field has no value set");
  const Type deviceType = typeFromName(meta.elementType);
  auto *dst = static_cast<std::uint8_t *>(out);
  for (std::size_t i = 0; i < count && i < initialValueCount(); ++i) {
    const double value = deviceValueAsDouble(deviceType, store->stateOf(f), i);
    convertHostToDevice(DOUBLE, &value, hostType, dst + i * bytes, 1);
  }
}

FieldData VertexIntrospector::getFieldInfo(const std::string &name) const {
  const VertexMeta &meta = store->codeletOf(store->vertices.at(vertex));
  for (std::size_t i = 0; i < meta.fields.size(); ++i)
    if (meta.fields[i].name == name)
      return FieldData(store, vertex, unsigned(i));
  throw unknown_field("getFieldInfo: vertex type '" + meta.name +
                      "' has no field '" + name + "'; its fields are " +
                      fieldNames(meta));
}

ComputeSet VertexIntrospector::getComputeSet() const {
  return ComputeSet(store->vertices.at(vertex).computeSet, store);
}

void Graph::setInitialValueHalf(FieldRef field, std::uint16_t value) {
  setInitialValueHalf(field, ArrayRef<std::uint16_t>(&value, 1));
}

void Graph::setInitialValueHalf(FieldRef field,
                                ArrayRef<std::uint16_t> values) {
  FieldLookup f = lookupField(*impl_, field, "setInitialValueHalf");
  if (f.meta_field.elementType != "half")
    throw type_error("setInitialValueHalf " + f.where + ": the field holds " +
                     f.meta_field.elementType +
                     "; raw half bits need a half field (use "
                     "setInitialValue for other types)");
  // The usual checks and bookkeeping, then the bits themselves, so that NaN
  // payloads survive.
  setFieldValueFromHost(field, values.data(), values.size(), HALF,
                        "setInitialValueHalf");
  if (!values.empty())
    std::memcpy(impl_->store->stateBytes.data() + f.field.stateBegin,
                values.data(), values.size() * 2);
}

} // namespace poplar
