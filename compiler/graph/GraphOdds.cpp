// poplar::Graph: variables with metadata, the replication index constant,
// reorderToSimplify, findUnbroadcastTensor and the vertex field limits
// poplibs asks for.
#include "compiler/core/TypeTable.hpp"
#include "compiler/graph/DescribeTensor.hpp"
#include "compiler/graph/GraphImpl.hpp"
#include "compiler/graph/TensorImpl.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <tuple>

using namespace poplar;

namespace tessel {

/// Checks the metadata form of addVariable: the type needs metadata and
/// `metadata` is a one-element QUARTER_METADATA tensor of this graph.
static void checkMetadata(const GraphImpl &graph, const Type &type,
                          const Tensor &metadata, const std::string &name) {
  const std::string what = "addVariable '" + name + "'";
  if (!type.requiresMetadata())
    throw tensor_metadata_error(
        what + ": type " + type.toString() +
        " has no metadata; only quarter variables take a metadata tensor, "
        "so use addVariable(type, shape)");
  if (!metadata.valid())
    throw tensor_metadata_error(
        what + ": the metadata tensor is empty (default-constructed); give "
               "a quarter_metadata tensor made by this graph");
  checkTensorOfGraph(graph, metadata, "addVariable");
  if (metadata.elementType() != QUARTER_METADATA || metadata.numElements() != 1)
    throw tensor_metadata_error(
        what + ": the metadata is " + describeTensor(metadata) +
        "; a quarter variable's metadata is one quarter_metadata element");
}

/// One run of a tensor's flattened elements that sits in one variable and on
/// one tile, for reorderToSimplify.
struct Piece {
  std::uint32_t tile;
  VariableId var;
  std::uint64_t begin;  // in the variable
  std::uint64_t offset; // in the flattened tensor
  std::uint64_t size;
};

/// Splits `t`'s regions at tile boundaries; unmapped elements get a tile
/// past every real one, so they sort last.
static std::vector<Piece> piecesOf(const GraphStore &store,
                                   const TensorImpl &t) {
  constexpr std::uint32_t kUnmapped = std::numeric_limits<std::uint32_t>::max();
  std::vector<Piece> pieces;
  std::uint64_t offset = 0;
  for (const ElementRegion &r : t.regions) {
    std::uint64_t at = r.begin;
    auto add = [&](std::uint32_t tile, std::uint64_t end) {
      if (end > at)
        pieces.push_back({tile, r.var, at, offset + (at - r.begin), end - at});
      at = end;
    };
    for (const TileInterval &m : store.mappingOf(r.var, r.begin, r.end)) {
      add(kUnmapped, std::max(at, m.begin));
      add(m.tile, std::min(m.end, r.end));
    }
    add(kUnmapped, r.end);
    offset += r.size();
  }
  return pieces;
}

static std::string fieldList(const codelets::VertexMeta &meta) {
  std::string names;
  for (const codelets::FieldMeta &f : meta.fields)
    names += (names.empty() ? "'" : ", '") + f.name + "'";
  return names.empty() ? "none" : names;
}

/// The vertex type's metadata and the field's, or unknown_vertex_type /
/// unknown_field.
static const codelets::FieldMeta &fieldMetaOf(const GraphStore &store,
                                              StringRef vertexType,
                                              StringRef fieldName,
                                              const char *what) {
  auto it = store.codeletIndex.find(std::string(vertexType));
  if (it == store.codeletIndex.end())
    throw unknown_vertex_type(
        std::string(what) + ": vertex type '" + std::string(vertexType) +
        "' is not defined by any codelet added to this "
        "graph; add its codelets with Graph::addCodelets");
  const codelets::VertexMeta &meta = store.codelets.vertices[it->second];
  for (const codelets::FieldMeta &f : meta.fields)
    if (f.name == std::string(fieldName))
      return f;
  throw unknown_field(std::string(what) + ": vertex type '" + meta.name +
                      "' has no field '" + std::string(fieldName) +
                      "'; its fields are " + fieldList(meta));
}

/// Dimensions of a field's value: 0 for scalars and single edges, 1 for
/// vectors, 2 for vectors of vectors.
static unsigned fieldRank(abi::FieldKind kind) {
  switch (kind) {
  case abi::FieldKind::Scalar:
  case abi::FieldKind::Edge:
    return 0;
  case abi::FieldKind::StateVector:
  case abi::FieldKind::EdgeVector:
  case abi::FieldKind::VectorOfEdges:
    return 1;
  case abi::FieldKind::VectorOfEdgeVectors:
  case abi::FieldKind::EdgeVectorList:
    return 2;
  }
  return 0;
}

template <class T> static double maxOf() {
  return static_cast<double>(std::numeric_limits<T>::max());
}

} // namespace tessel

namespace poplar {

Tensor Graph::addVariable(const Type &type, const Tensor &metadata,
                          ArrayRef<std::size_t> shape,
                          const DebugContext &debugContext) {
  tessel::checkMetadata(*impl_, type, metadata, debugContext.getPathName());
  return addVariable(type, shape, debugContext);
}

Tensor Graph::addVariable(const Type &type, const Tensor &metadata,
                          ArrayRef<std::size_t> shape,
                          VariableMappingMethod mappingMethod,
                          const DebugContext &debugContext) {
  tessel::checkMetadata(*impl_, type, metadata, debugContext.getPathName());
  return addVariable(type, shape, mappingMethod, debugContext);
}

Tensor Graph::addReplicationIndexConstant(const DebugContext &debugContext) {
  // Every Tessel graph has one replica (replication is not simulated), so
  // the index is always 0.
  std::string name = debugContext.getPathName();
  return addConstant<unsigned>(UNSIGNED_INT, {}, 0u,
                               name.empty() ? "replicationIndex" : name);
}

void Graph::reorderToSimplify(Tensor *t, ArrayRef<Tensor *> others,
                              bool /*requireSimplestOrder*/) const {
  if (t == nullptr)
    throw index_error("reorderToSimplify: the tensor to reorder is a null "
                      "pointer; pass the address of a tensor");
  tessel::checkTensorOfGraph(*impl_, *t, "reorderToSimplify");
  const Tensor flat = t->flatten();
  const std::size_t n = flat.numElements();
  for (std::size_t i = 0; i < others.size(); ++i) {
    if (others[i] == nullptr)
      throw index_error("reorderToSimplify: others[" + std::to_string(i) +
                        "] is a null pointer; pass addresses of tensors");
    tessel::checkTensorOfGraph(*impl_, *others[i], "reorderToSimplify");
    if (others[i]->numElements() != n)
      throw index_error(
          "reorderToSimplify: others[" + std::to_string(i) + "] " +
          tessel::describeTensor(*others[i]) + " has " +
          std::to_string(others[i]->numElements()) + " elements but " +
          tessel::describeTensor(*t) + " has " + std::to_string(n) +
          "; every tensor reordered with it needs the same number");
  }
  std::vector<tessel::Piece> pieces =
      tessel::piecesOf(*impl_->store, tessel::TensorAccess::impl(flat));
  std::stable_sort(pieces.begin(), pieces.end(),
                   [](const tessel::Piece &a, const tessel::Piece &b) {
                     return std::tie(a.tile, a.var, a.begin) <
                            std::tie(b.tile, b.var, b.begin);
                   });
  auto permute = [&](const Tensor &x) {
    const Tensor xFlat = x.flatten();
    if (pieces.empty())
      return xFlat;
    std::vector<Tensor> parts;
    parts.reserve(pieces.size());
    for (const tessel::Piece &p : pieces)
      parts.push_back(xFlat.slice(p.offset, p.offset + p.size));
    return concat(parts);
  };
  std::vector<Tensor> reordered;
  reordered.reserve(others.size());
  for (Tensor *other : others)
    reordered.push_back(permute(*other));
  *t = permute(*t);
  for (std::size_t i = 0; i < others.size(); ++i)
    *others[i] = reordered[i];
}

Tensor Graph::findUnbroadcastTensor(const Tensor &t) const {
  tessel::checkTensorOfGraph(*impl_, t, "findUnbroadcastTensor");
  Tensor result = t;
  for (unsigned d = 0; d < result.rank(); ++d) {
    const std::size_t size = result.dim(d);
    if (size < 2)
      continue;
    const Tensor first = result.slice(0, 1, d);
    const auto &firstRegions = tessel::TensorAccess::impl(first).regions;
    bool repeats = true;
    for (std::size_t i = 1; i < size && repeats; ++i)
      repeats = tessel::TensorAccess::impl(result.slice(i, i + 1, d)).regions ==
                firstRegions;
    if (repeats)
      result = first;
  }
  return result;
}

unsigned Graph::getMaxFieldDim(StringRef vertexType, StringRef fieldName,
                               unsigned dimIndex) const {
  const tessel::codelets::FieldMeta &f = tessel::fieldMetaOf(
      *impl_->store, vertexType, fieldName, "getMaxFieldDim");
  const unsigned rank = tessel::fieldRank(f.kind);
  if (dimIndex >= rank)
    throw index_error("getMaxFieldDim: field '" + f.name + "' of '" +
                      std::string(vertexType) + "' has " +
                      std::to_string(rank) + " dimension" +
                      (rank == 1 ? "" : "s") + ", so dimIndex " +
                      std::to_string(dimIndex) + " is out of range");
  // Every vector in Tessel's vertex state is an address and a 32-bit count,
  // whatever its layout.
  return std::numeric_limits<std::uint32_t>::max();
}

double Graph::getMaxVertexFieldValue(StringRef vertexType,
                                     StringRef fieldName) const {
  const tessel::codelets::FieldMeta &f = tessel::fieldMetaOf(
      *impl_->store, vertexType, fieldName, "getMaxVertexFieldValue");
  const Type type = tessel::typeFromName(f.elementType);
  if (type == BOOL)
    return 1;
  if (type == CHAR || type == SIGNED_CHAR)
    return tessel::maxOf<signed char>();
  if (type == UNSIGNED_CHAR)
    return tessel::maxOf<unsigned char>();
  if (type == SHORT)
    return tessel::maxOf<std::int16_t>();
  if (type == UNSIGNED_SHORT)
    return tessel::maxOf<std::uint16_t>();
  if (type == INT)
    return tessel::maxOf<std::int32_t>();
  if (type == UNSIGNED_INT)
    return tessel::maxOf<std::uint32_t>();
  if (type == LONGLONG)
    return tessel::maxOf<std::int64_t>();
  if (type == UNSIGNED_LONGLONG)
    return tessel::maxOf<std::uint64_t>();
  if (type == HALF)
    return 65504.0; // the largest finite IEEE binary16 value
  if (type == FLOAT)
    return tessel::maxOf<float>();
  throw type_error("getMaxVertexFieldValue: field '" + f.name + "' of '" +
                   std::string(vertexType) + "' holds " + f.elementType +
                   ", whose largest value depends on its metadata");
}

template <>
std::uint64_t
Graph::getMaxVertexFieldValueAs<std::uint64_t>(StringRef vertexType,
                                               StringRef fieldName) const {
  const tessel::codelets::FieldMeta &f = tessel::fieldMetaOf(
      *impl_->store, vertexType, fieldName, "getMaxVertexFieldValueAs");
  const Type type = tessel::typeFromName(f.elementType);
  if (type == UNSIGNED_LONGLONG)
    return std::numeric_limits<std::uint64_t>::max(); // a double rounds it
  if (type == FLOAT)
    throw overflow_error("getMaxVertexFieldValueAs<std::uint64_t>: field '" +
                         f.name + "' of '" + std::string(vertexType) +
                         "' holds float, whose largest value is not exactly "
                         "representable as a std::uint64_t");
  return static_cast<std::uint64_t>(
      getMaxVertexFieldValue(vertexType, fieldName));
}

template <>
std::int64_t
Graph::getMaxVertexFieldValueAs<std::int64_t>(StringRef vertexType,
                                              StringRef fieldName) const {
  const tessel::codelets::FieldMeta &f = tessel::fieldMetaOf(
      *impl_->store, vertexType, fieldName, "getMaxVertexFieldValueAs");
  const Type type = tessel::typeFromName(f.elementType);
  if (type == LONGLONG)
    return std::numeric_limits<std::int64_t>::max(); // a double rounds it
  if (type == FLOAT || type == UNSIGNED_LONGLONG)
    throw overflow_error("getMaxVertexFieldValueAs<std::int64_t>: field '" +
                         f.name + "' of '" + std::string(vertexType) +
                         "' holds " + f.elementType +
                         ", whose largest value is not exactly representable "
                         "as a std::int64_t");
  return static_cast<std::int64_t>(
      getMaxVertexFieldValue(vertexType, fieldName));
}

void Graph::setInitialValueHalf(const Tensor &t, std::uint16_t value) {
  if (t.elementType() != HALF)
    throw type_error("setInitialValueHalf " + tessel::describeTensor(t) +
                     ": raw half bits need a HALF tensor");
  Tensor asShort = t.reinterpret(UNSIGNED_SHORT);
  setInitialValueFromHost(asShort, &value, 1, UNSIGNED_SHORT);
}

} // namespace poplar
