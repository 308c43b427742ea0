// poplar::Graph: variables, constants, initial values and clones.
#include "compiler/core/TypeTable.hpp"
#include "compiler/graph/DescribeTensor.hpp"
#include "compiler/graph/GraphImpl.hpp"
#include "compiler/graph/LinearMapping.hpp"
#include "compiler/graph/TensorImpl.hpp"
#include "compiler/graph/TensorViewSupport.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <cstring>
#include <new>
#include <sys/sysinfo.h>

using namespace poplar;

namespace tessel {

static void checkDeviceType(const Type &type, const std::string &what,
                            const std::string &name) {
  if (!typeInfo(type).deviceSupported)
    throw type_error(what + " '" + name + "': type " + type.toString() +
                     " is not supported on the device; use int, unsigned "
                     "int, long long, float or half instead");
}

/// The most bytes one tensor may hold: 2^48 (256 TiB), far more than any
/// IPU system's memory, and small enough that no sum or product of sizes
/// the compiler forms from it can overflow 64 bits.
constexpr std::uint64_t kMaxTensorBytes = std::uint64_t(1) << 48;

/// The elements of a new tensor of `shape`; throws tensor_creation_error
/// with the true figures if they or their bytes are more than a tensor may
/// hold.
static std::uint64_t newTensorElements(const Type &type,
                                       ArrayRef<std::size_t> shape,
                                       const std::string &what,
                                       const std::string &name) {
  const std::vector<std::size_t> dims = shape.cloneAsVector();
  const std::uint64_t elementBytes = typeInfo(type).size;
  std::uint64_t n = 1, bytes = 0;
  bool tooBig = false;
  for (std::size_t d : dims)
    tooBig = __builtin_mul_overflow(n, std::uint64_t(d), &n) || tooBig;
  for (std::size_t d : dims)
    if (d == 0)
      return 0; // no elements, however large the other dimensions
  tooBig = tooBig || __builtin_mul_overflow(n, elementBytes, &bytes) ||
           bytes > kMaxTensorBytes;
  if (tooBig) {
    std::vector<std::size_t> withBytes = dims;
    withBytes.push_back(elementBytes);
    throw tensor_creation_error(
        what + " '" + name + "': shape " + listText(shape) + " has " +
        exactShapeProduct(dims, 0, dims.size()) + " elements of " +
        type.toString() + ", " +
        exactShapeProduct(withBytes, 0, withBytes.size()) +
        " bytes, more than the " + std::to_string(kMaxTensorBytes) +
        " bytes (2^48) a tensor may hold");
  }
  return n;
}

/// Adds a variable to the store and returns the tensor viewing all of it.
static Tensor addWholeVariable(const std::shared_ptr<GraphStore> &owner,
                               const Type &type, ArrayRef<std::size_t> shape,
                               std::string name, bool isConstant,
                               const poplar::SourceLocation &location) {
  GraphStore &store = *owner;
  Variable v;
  v.source = recordSourceLoc(location);
  v.numElements = newTensorElements(
      type, shape, isConstant ? "addConstant" : "addVariable", name);
  v.name = std::move(name);
  v.type = type;
  v.shape.assign(shape.begin(), shape.end());
  v.isConstant = isConstant;
  const std::uint64_t n = v.numElements;
  VariableId id = store.addVariable(std::move(v));

  TensorImpl impl;
  impl.type = type;
  impl.shape.assign(shape.begin(), shape.end());
  if (n)
    impl.regions.push_back({id, 0, n});
  impl.store = owner;
  return TensorAccess::make(std::move(impl));
}

/// Maps t over the graph's tiles with the linear tile mapping.
static void mapLinearly(GraphImpl &graph, const Tensor &t,
                        unsigned minElementsPerTile, unsigned grainSize) {
  const TensorImpl &impl = TensorAccess::impl(t);
  auto chunks = linearTileChunks(impl.numElements(), graph.physicalTiles.size(),
                                 minElementsPerTile, grainSize);
  for (const LinearChunk &chunk : chunks) {
    const ElementRegion &r = impl.regions.front(); // a fresh variable
    graph.store->setTileMapping(r.var, r.begin + chunk.begin,
                                r.begin + chunk.end,
                                graph.physicalTiles[chunk.tile]);
  }
}

static void checkValueCount(std::size_t numValues, std::size_t numElements,
                            const std::string &what) {
  if (numValues != 1 && numValues != numElements)
    throw tensor_creation_error(what + ": " + std::to_string(numValues) +
                                " values given for " +
                                std::to_string(numElements) +
                                " elements; give one value (broadcast) or "
                                "one per element");
}

/// A zeroed host buffer of `bytes` for initial values; a host that cannot
/// hold it is graph_memory_allocation_error, not std::bad_alloc.
/// A buffer larger than the host's memory and swap is refused before it is
/// asked for: an allocator may abort rather than throw (the sanitizers' do),
/// and an overcommitted one may grant it and let the zero fill be killed.
template <class T>
static std::vector<T> hostBuffer(std::uint64_t count, const std::string &what,
                                 T value = T()) {
  struct sysinfo host {};
  const bool tooBig = sysinfo(&host) == 0 &&
                      count > (std::uint64_t(host.totalram) + host.totalswap) *
                                  std::max<std::uint64_t>(host.mem_unit, 1) /
                                  sizeof(T);
  try {
    if (tooBig)
      throw std::bad_alloc();
    return std::vector<T>(count, value);
  } catch (const std::exception &) { // bad_alloc or length_error
    throw graph_memory_allocation_error(
        what + ": the host cannot allocate the " +
        std::to_string(count * sizeof(T)) +
        " bytes its initial values need; use a smaller tensor, or a "
        "variable written from the host with a stream");
  }
}

/// Device bytes of `numElements` values converted from host values (one
/// value broadcasts).
static std::vector<std::uint8_t>
deviceBytes(const Type &deviceType, const void *values, std::size_t numValues,
            const Type &hostType, std::size_t numElements,
            const std::string &what) {
  const std::size_t elementBytes = typeInfo(deviceType).size;
  std::vector<std::uint8_t> bytes =
      hostBuffer<std::uint8_t>(elementBytes * numElements, what);
  if (numElements == 0)
    return bytes;
  convertHostToDevice(hostType, values, deviceType, bytes.data(), numValues);
  if (numValues == 1)
    for (std::size_t i = 1; i < numElements; ++i)
      std::memcpy(&bytes[i * elementBytes], bytes.data(), elementBytes);
  return bytes;
}

} // namespace tessel

namespace poplar {

Tensor Graph::addVariable(const Type &type, ArrayRef<std::size_t> shape,
                          const DebugContext &debugContext) {
  std::string name = debugContext.getPathName();
  tessel::checkDeviceType(type, "addVariable", name);
  return tessel::addWholeVariable(impl_->store, type, shape, std::move(name),
                                  false, debugContext.getLocation());
}

Tensor Graph::addVariable(const Type &type, ArrayRef<std::size_t> shape,
                          VariableMappingMethod mappingMethod,
                          const DebugContext &debugContext) {
  if (mappingMethod == VariableMappingMethod::LINEAR)
    return addLinearlyMappedVariable(type, shape, debugContext);
  return addVariable(type, shape, debugContext);
}

Tensor Graph::addLinearlyMappedVariable(const Type &type,
                                        ArrayRef<std::size_t> shape,
                                        const DebugContext &debugContext) {
  const unsigned size = tessel::typeInfo(type).size;
  const unsigned grain = getTarget().getVectorWidth(type);
  const unsigned minElements = (128 + size - 1) / size;
  return addLinearlyMappedVariable(type, shape, minElements, grain,
                                   debugContext);
}

Tensor Graph::addLinearlyMappedVariable(const Type &type,
                                        ArrayRef<std::size_t> shape,
                                        unsigned minElementsPerTile,
                                        unsigned grainSize,
                                        const DebugContext &debugContext) {
  Tensor t = addVariable(type, shape, debugContext);
  if (t.numElements())
    tessel::mapLinearly(*impl_, t, minElementsPerTile, grainSize);
  return t;
}

Tensor Graph::addConstantFromHost(const Type &type, ArrayRef<std::size_t> shape,
                                  const void *values, std::size_t numValues,
                                  const Type &hostType,
                                  const DebugContext &debugContext) {
  std::string name = debugContext.getPathName();
  tessel::checkDeviceType(type, "addConstant", name);
  const std::size_t n =
      tessel::newTensorElements(type, shape, "addConstant", name);
  tessel::checkValueCount(numValues, n, "addConstant '" + name + "'");
  Tensor t = tessel::addWholeVariable(impl_->store, type, shape, name, true,
                                      debugContext.getLocation());
  if (n) {
    auto var = tessel::TensorAccess::impl(t).regions.front().var;
    impl_->store->variable(var).initialBytes = tessel::deviceBytes(
        type, values, numValues, hostType, n, "addConstant '" + name + "'");
  }
  return t;
}

Tensor Graph::addConstantHalf(const Type &type, ArrayRef<std::size_t> shape,
                              std::uint16_t value,
                              const DebugContext &debugContext) {
  const std::uint64_t n = tessel::newTensorElements(
      type, shape, "addConstantHalf", debugContext.getPathName());
  return addConstantHalf(
      type, shape,
      tessel::hostBuffer<std::uint16_t>(
          n, "addConstantHalf '" + debugContext.getPathName() + "'", value)
          .data(),
      debugContext);
}

Tensor Graph::addConstantHalf(const Type &type, ArrayRef<std::size_t> shape,
                              const std::uint16_t *values,
                              const DebugContext &debugContext) {
  std::string name = debugContext.getPathName();
  if (type != HALF)
    throw type_error("addConstantHalf '" + name + "': type is " +
                     type.toString() +
                     "; raw half bits need a HALF constant (use addConstant "
                     "for other types)");
  const std::size_t n = shapeElements(shape);
  Tensor t = tessel::addWholeVariable(impl_->store, type, shape, name, true,
                                      debugContext.getLocation());
  if (n) {
    auto var = tessel::TensorAccess::impl(t).regions.front().var;
    auto &bytes = impl_->store->variable(var).initialBytes;
    bytes = tessel::hostBuffer<std::uint8_t>(n * 2,
                                             "addConstantHalf '" + name + "'");
    std::memcpy(bytes.data(), values, n * 2);
  }
  return t;
}

void Graph::setInitialValueFromHost(const Tensor &t, const void *values,
                                    std::size_t numValues,
                                    const Type &hostType) {
  tessel::checkTensorOfGraph(*impl_, t, "setInitialValue");
  const tessel::TensorImpl &impl = tessel::TensorAccess::impl(t);
  const std::string what = "setInitialValue " + tessel::describeTensor(t);
  tessel::checkValueCount(numValues, impl.numElements(), what);
  const std::size_t size = tessel::typeInfo(impl.type).size;
  std::vector<std::uint8_t> bytes = tessel::deviceBytes(
      impl.type, values, numValues, hostType, impl.numElements(), what);
  std::size_t offset = 0;
  for (const tessel::ElementRegion &r : impl.regions) {
    tessel::Variable &v = impl_->store->variable(r.var);
    if (v.isConstant)
      throw graph_object_creation_error(
          what + ": the tensor views a constant, whose value is fixed");
    if (v.initialBytes.empty())
      v.initialBytes =
          tessel::hostBuffer<std::uint8_t>(v.numElements * size, what);
    std::memcpy(&v.initialBytes[r.begin * size], &bytes[offset * size],
                r.size() * size);
    offset += r.size();
  }
}

void Graph::setInitialValueHalf(const Tensor &t,
                                ArrayRef<std::uint16_t> values) {
  if (t.elementType() != HALF)
    throw type_error("setInitialValueHalf " + tessel::describeTensor(t) +
                     ": raw half bits need a HALF tensor");
  // The bits are already device halves: copy them as 2-byte integers.
  Tensor asShort = t.reinterpret(UNSIGNED_SHORT);
  setInitialValueFromHost(asShort, values.data(), values.size(),
                          UNSIGNED_SHORT);
}

Tensor Graph::clone(const Type &type, const Tensor &t,
                    const DebugContext &debugContext,
                    TensorCloneMethod method) {
  tessel::checkTensorOfGraph(*impl_, t, "clone");
  const tessel::TensorImpl &src = tessel::TensorAccess::impl(t);
  std::string name = debugContext.getPathName();
  if (name.empty())
    name = "clone of " + tessel::describeTensor(t);
  tessel::checkDeviceType(type, "clone", name);
  Tensor result = tessel::addWholeVariable(impl_->store, type, src.shape, name,
                                           false, debugContext.getLocation());
  if (src.numElements() == 0)
    return result;
  // Element i of the clone lives where element i of t lives.
  const auto newVar = tessel::TensorAccess::impl(result).regions.front().var;
  std::uint64_t offset = 0;
  for (const tessel::ElementRegion &r : src.regions) {
    for (const tessel::TileInterval &m :
         impl_->store->mappingOf(r.var, r.begin, r.end))
      impl_->store->setTileMapping(newVar, offset + (m.begin - r.begin),
                                   offset + (m.end - r.begin), m.tile);
    offset += r.size();
  }
  return result;
}

Tensor Graph::clone(const Tensor &t, const DebugContext &debugContext,
                    TensorCloneMethod method) {
  return clone(t.elementType(), t, debugContext, method);
}

Tensor Graph::cloneN(const Type &type, const Tensor &t, std::size_t N,
                     const DebugContext &debugContext, TensorCloneMethod method,
                     TensorCloneDuplicationMethod duplicationMethod) {
  tessel::checkTensorOfGraph(*impl_, t, "cloneN");
  std::vector<std::size_t> shape = t.shape();
  shape.insert(shape.begin(), N);
  // Checks the N copies together fit in a tensor before making any.
  if (tessel::newTensorElements(type, shape, "cloneN",
                                debugContext.getPathName()) == 0)
    return addVariable(type, shape, debugContext); // no copy has an element
  std::vector<Tensor> copies;
  copies.reserve(N);
  for (std::size_t i = 0; i < N; ++i)
    copies.push_back(clone(type, t, debugContext, method).expand({0}));
  return concat(copies, 0);
}

Tensor Graph::cloneN(const Tensor &t, std::size_t N,
                     const DebugContext &debugContext, TensorCloneMethod method,
                     TensorCloneDuplicationMethod duplicationMethod) {
  return cloneN(t.elementType(), t, N, debugContext, method, duplicationMethod);
}

} // namespace poplar

namespace tessel {

/// The variable `v` names in this graph's store, or a poplar_error.
static const Variable &variableOf(const GraphImpl &graph, VariableRef v,
                                  const char *what) {
  if (v.getStore() != graph.store.get() ||
      v.getId() >= graph.store->variables.size())
    throw poplar_error(std::string(what) + ": the VariableRef (id " +
                       std::to_string(v.getId()) +
                       ") does not name a variable of this graph; take it "
                       "from Tensor::getVarRegions of one of its tensors");
  return graph.store->variable(v.getId());
}

} // namespace tessel

namespace poplar {

Tensor Graph::getVariable(VariableRef v) const {
  const tessel::Variable &var = tessel::variableOf(*impl_, v, "getVariable");
  tessel::TensorImpl impl;
  impl.type = var.type;
  impl.shape = var.shape;
  if (var.numElements)
    impl.regions.push_back({v.getId(), 0, var.numElements});
  impl.store = impl_->store;
  return tessel::TensorAccess::make(std::move(impl));
}

bool Graph::isConstant(VariableRef v) const {
  return tessel::variableOf(*impl_, v, "isConstant").isConstant;
}

} // namespace poplar
