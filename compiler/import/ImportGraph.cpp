// GraphStore + program trees -> `poplar` dialect. One op per variable,
// stream and handle; program trees become nested control ops. Tensors become
// flat region lists, so import costs O(regions), never O(elements).
#include "compiler/import/ImportGraph.hpp"

#include "compiler/dialects/Poplar/ModuleTarget.hpp"
#include "compiler/dialects/Poplar/PoplarDialect.hpp"
#include "compiler/graph/DescribeTensor.hpp"
#include "compiler/graph/ProgramTree.hpp"
#include "compiler/graph/TensorImpl.hpp"

#include <poplar/exceptions.hpp>

#include "mlir/IR/Builders.h"

#include <unordered_map>
#include <unordered_set>

using namespace mlir;
namespace gir = tessel::graphir;

namespace tessel {

namespace {

class Importer {
public:
  Importer(MLIRContext &context, const GraphStore &store)
      : builder(&context), store(store) {}

  OwningOpRef<ModuleOp> run(poplar::ArrayRef<poplar::program::Program> progs);

private:
  /// The debug name, fused with where the user's call was when the store
  /// knows it: loc(fused<"function">["name", "file":line:0]).
  Location loc(const std::string &name, const SourceLoc &source = {});
  /// Interned source names as attributes, made once per name.
  StringAttr sourceAttr(std::uint32_t index);
  DenseI64ArrayAttr regions(const poplar::Tensor &t);
  DenseI64ArrayAttr shape(const poplar::Tensor &t);
  /// Type attributes are looked up once per type, not once per op.
  gir::ElementTypeAttr typeName(const poplar::Type &type);
  gir::ElementTypeAttr typeName(const poplar::Tensor &t) {
    return typeName(t.elementType());
  }
  IntegerAttr i64(int64_t v) { return builder.getI64IntegerAttr(v); }
  StringAttr str(const std::string &s) { return builder.getStringAttr(s); }

  void importVariables();
  void importStreams();
  void importHostAccesses();
  void importRemoteBuffers();
  void importRemoteBufferCopy(const ProgramNode &node, Location l);
  void importHostFunctions();
  void importHostFunctionCall(const ProgramNode &node, Location l);
  void importCodelets();
  void importComputeSets();
  void
  numberReachableFunctions(poplar::ArrayRef<poplar::program::Program> progs);
  /// Imports `node` (an empty body when null) into a new block of `region`.
  void importRegion(const ProgramNode *node, Region &region);
  void importNode(const ProgramNode &node);
  /// Copies, stream copies, prints and the other leaves that name tensors.
  void importDataOp(const ProgramNode &node, Location l);
  /// Loops, conditionals, calls, syncs and aborts.
  void importControlOp(const ProgramNode &node, Location l);

  OpBuilder builder;
  const GraphStore &store;
  /// Module function number of each Function id, or -1 when no program
  /// can call it.
  std::vector<int64_t> functionNumber;
  std::unordered_map<poplar::Type, gir::ElementTypeAttr> typeNames;
  /// Reused for every region list, so building one allocates nothing.
  std::vector<int64_t> flatRegions;
  std::unordered_map<std::uint32_t, StringAttr> sourceAttrs;
};

StringAttr Importer::sourceAttr(std::uint32_t index) {
  auto [it, inserted] = sourceAttrs.try_emplace(index);
  if (inserted)
    it->second = builder.getStringAttr(sourceName(index));
  return it->second;
}

Location Importer::loc(const std::string &name, const SourceLoc &source) {
  if (!source.valid())
    return name.empty() ? builder.getUnknownLoc()
                        : Location(NameLoc::get(builder.getStringAttr(name)));
  MLIRContext *context = builder.getContext();
  Location where =
      FileLineColLoc::get(sourceAttr(source.file), source.line, /*column=*/0);
  if (name.empty() && !source.function)
    return where;
  SmallVector<Location, 2> parts;
  if (!name.empty())
    parts.push_back(NameLoc::get(builder.getStringAttr(name)));
  parts.push_back(where);
  Attribute function =
      source.function ? Attribute(sourceAttr(source.function)) : Attribute();
  return FusedLoc::get(parts, function, context);
}

gir::ElementTypeAttr Importer::typeName(const poplar::Type &type) {
  auto [it, inserted] = typeNames.try_emplace(type);
  if (inserted)
    it->second =
        gir::ElementTypeAttr::get(builder.getContext(), elementTypeOf(type));
  return it->second;
}

DenseI64ArrayAttr Importer::regions(const poplar::Tensor &t) {
  const TensorImpl &impl = TensorAccess::impl(t);
  if (impl.store.get() != &store)
    throw poplar::control_program_error(
        "a program uses " + describeTensor(t) +
        ", a tensor of another graph; programs may only use tensors of the "
        "graph they are compiled with");
  flatRegions.clear();
  for (const ElementRegion &r : impl.regions)
    flatRegions.insert(flatRegions.end(),
                       {int64_t(r.var), int64_t(r.begin), int64_t(r.end)});
  return builder.getDenseI64ArrayAttr(flatRegions);
}

DenseI64ArrayAttr Importer::shape(const poplar::Tensor &t) {
  std::vector<int64_t> dims;
  for (std::size_t d : t.shape())
    dims.push_back(int64_t(d));
  return builder.getDenseI64ArrayAttr(dims);
}

void Importer::importVariables() {
  for (std::size_t id = 0; id < store.variables.size(); ++id) {
    const Variable &v = store.variables[id];
    std::vector<int64_t> dims(v.shape.begin(), v.shape.end());
    std::vector<int64_t> mapping;
    mapping.reserve(v.mapping.size() * 3);
    for (const TileInterval &m : v.mapping)
      mapping.insert(mapping.end(),
                     {int64_t(m.begin), int64_t(m.end), int64_t(m.tile)});
    DenseI8ArrayAttr initial;
    if (!v.initialBytes.empty())
      initial = builder.getDenseI8ArrayAttr(ArrayRef<int8_t>(
          reinterpret_cast<const int8_t *>(v.initialBytes.data()),
          v.initialBytes.size()));
    builder.create<gir::VariableOp>(
        loc(v.name, v.source), i64(id), str(v.name), typeName(v.type),
        builder.getDenseI64ArrayAttr(dims),
        builder.getDenseI64ArrayAttr(mapping),
        v.isConstant ? builder.getUnitAttr() : UnitAttr(), initial,
        DenseI64ArrayAttr(), IntegerAttr());
  }
}

void Importer::importCodelets() {
  for (std::size_t id = 0; id < store.codelets.vertices.size(); ++id) {
    const codelets::VertexMeta &meta = store.codelets.vertices[id];
    std::vector<StringRef> names;
    std::vector<Attribute> types;
    std::vector<int64_t> info, align;
    bool anyAlign = false;
    for (const codelets::FieldMeta &f : meta.fields) {
      names.push_back(f.name);
      std::optional<ir::ElementType> type = elementTypeNamed(f.elementType);
      if (!type)
        throw poplar::type_error(
            "codelet '" + meta.name + "': field '" + f.name +
            "' has element type '" + f.elementType +
            "', which is not a Poplar type; rebuild the codelet archive with "
            "popc, which gives each field the type of its declaration");
      types.push_back(gir::ElementTypeAttr::get(builder.getContext(), *type));
      info.insert(info.end(), {int64_t(f.kind), int64_t(f.direction),
                               int64_t(f.elementBytes), int64_t(f.layout)});
      align.push_back(std::max<int64_t>(1, f.minAlign));
      anyAlign |= f.minAlign > f.elementBytes;
    }
    builder.create<gir::CodeletOp>(
        loc(meta.name), i64(id), str(meta.name),
        gir::CodeletBaseAttr::get(builder.getContext(),
                                  ir::CodeletBase(unsigned(meta.base))),
        i64(int64_t(meta.object)), builder.getBoolAttr(meta.returnsBool),
        builder.getStrArrayAttr(names), builder.getArrayAttr(types),
        builder.getDenseI64ArrayAttr(info),
        anyAlign ? builder.getDenseI64ArrayAttr(align) : DenseI64ArrayAttr());
  }
}

void Importer::importComputeSets() {
  for (std::size_t id = 0; id < store.computeSets.size(); ++id) {
    const ComputeSetRecord &cs = store.computeSets[id];
    // The lists are sized exactly first and each is freed once its
    // attribute holds a copy, so a 10^6-vertex import holds at most one
    // list beside the attributes.
    VertexTableBuilder table;
    std::size_t numEdges = 0, numStateBytes = 0, numFields = 0;
    for (std::uint32_t vid : cs.vertices) {
      const VertexRecord &v = store.vertices[vid];
      const std::size_t fields = store.codeletOf(v).fields.size();
      numFields += fields;
      for (std::size_t f = 0; f < fields; ++f) {
        const VertexField &field = store.field(v, f);
        numStateBytes += field.numStateBytes;
        numEdges += 1;
        for (const EdgeEntry &entry : store.entriesOf(field))
          numEdges += 1 + (entry.connected ? 3 * entry.numRegions : 0);
      }
    }
    table.rows.reserve(cs.vertices.size() * VertexRow::kFields);
    table.tiles.reserve(cs.vertices.size());
    table.edges.reserve(numEdges);
    table.state.reserve(numStateBytes);
    table.stateSizes.reserve(numFields);
    for (std::uint32_t vid : cs.vertices) {
      const VertexRecord &v = store.vertices[vid];
      const codelets::VertexMeta &meta = store.codeletOf(v);
      int64_t cycles = -1;
      if (auto estimate = store.estimates.find(vid);
          estimate != store.estimates.end()) {
        cycles = int64_t(estimate->second.cycles);
      } else if (auto it = store.estimators.find(meta.name);
                 it != store.estimators.end()) {
        poplar::VertexIntrospector introspector(&store, vid);
        cycles = int64_t(it->second(introspector, store.target).cycles);
      }
      table.addVertex(int64_t(vid), int64_t(v.codelet), int64_t(v.tile),
                      cycles);
      for (std::size_t f = 0; f < meta.fields.size(); ++f) {
        const VertexField &field = store.field(v, f);
        table.stateSizes.push_back(int64_t(field.numStateBytes));
        table.state.insert(table.state.end(), store.stateOf(field),
                           store.stateOf(field) + field.numStateBytes);
        // An entry that was never connected has -1 triples; poplar-verify
        // reports it.
        table.edges.push_back(int64_t(field.numEntries));
        for (const EdgeEntry &entry : store.entriesOf(field)) {
          if (!entry.connected) {
            table.edges.push_back(-1);
            continue;
          }
          table.edges.push_back(int64_t(entry.numRegions));
          for (const ElementRegion &r : store.regionsOf(entry))
            table.edges.insert(
                table.edges.end(),
                {int64_t(r.var), int64_t(r.begin), int64_t(r.end)});
        }
      }
    }
    auto take = [&](std::vector<int64_t> &list) {
      DenseI64ArrayAttr attr = builder.getDenseI64ArrayAttr(list);
      std::vector<int64_t>().swap(list);
      return attr;
    };
    DenseI64ArrayAttr edges = take(table.edges);
    DenseI64ArrayAttr rows = take(table.rows);
    DenseI64ArrayAttr stateSizes = take(table.stateSizes);
    DenseI64ArrayAttr tiles = take(table.tiles);
    builder.create<gir::ComputeSetOp>(
        loc(cs.name, cs.source), i64(id), str(cs.name), rows, tiles, edges,
        builder.getDenseI8ArrayAttr(table.state), stateSizes,
        DenseI64ArrayAttr(), DenseI64ArrayAttr());
  }
}

void Importer::importStreams() {
  for (std::size_t id = 0; id < store.streams.size(); ++id) {
    const StreamInfo &s = store.streams[id];
    bool toDevice = s.kind == poplar::DataStreamType::HostToDeviceFIFO ||
                    s.kind == poplar::DataStreamType::HostToDeviceBuffer;
    builder.create<gir::StreamOp>(loc(s.handle), i64(id), str(s.handle),
                                  typeName(s.type), i64(s.numElements),
                                  builder.getBoolAttr(toDevice));
  }
}

void Importer::importHostAccesses() {
  for (const HostAccess &h : store.hostAccesses)
    builder.create<gir::HostAccessOp>(
        loc(h.handle), str(h.handle), builder.getBoolAttr(h.isWrite),
        typeName(h.tensor), shape(h.tensor), regions(h.tensor));
}

void Importer::importRemoteBuffers() {
  for (std::size_t id = 0; id < store.remoteBuffers.size(); ++id) {
    const RemoteBufferInfo &b = store.remoteBuffers[id];
    builder.create<gir::RemoteBufferOp>(loc(b.handle), i64(id), str(b.handle),
                                        typeName(b.type), i64(b.numElements),
                                        i64(b.repeats));
  }
}

void Importer::importRemoteBufferCopy(const ProgramNode &node, Location l) {
  if (node.streamStore != &store || node.stream < 0 ||
      std::size_t(node.stream) >= store.remoteBuffers.size())
    throw poplar::control_program_error(
        "a remote buffer Copy uses a remote buffer of another graph; create "
        "the buffer with the graph the program is compiled with");
  builder.create<gir::RemoteBufferCopyOp>(
      l, i64(node.stream), regions(node.tensor),
      node.tensor2.valid() ? regions(node.tensor2)
                           : builder.getDenseI64ArrayAttr({}),
      builder.getBoolAttr(node.kind == ProgramKind::RemoteBufferToDevice));
}

void Importer::importHostFunctions() {
  auto types = [&](const std::vector<HostFunctionArg> &args) {
    std::vector<Attribute> types;
    for (const HostFunctionArg &a : args)
      types.push_back(gir::ElementTypeAttr::get(builder.getContext(),
                                                elementTypeOf(a.type)));
    return builder.getArrayAttr(types);
  };
  auto sizes = [&](const std::vector<HostFunctionArg> &args) {
    std::vector<int64_t> n;
    for (const HostFunctionArg &a : args)
      n.push_back(int64_t(a.numElements));
    return builder.getDenseI64ArrayAttr(n);
  };
  for (std::size_t id = 0; id < store.hostFunctions.size(); ++id) {
    const HostFunctionInfo &f = store.hostFunctions[id];
    builder.create<gir::HostFunctionOp>(loc(f.handle), i64(id), str(f.handle),
                                        types(f.inputs), sizes(f.inputs),
                                        types(f.outputs), sizes(f.outputs));
  }
}

void Importer::importHostFunctionCall(const ProgramNode &node, Location l) {
  if (node.streamStore != &store || node.function >= store.hostFunctions.size())
    throw poplar::control_program_error(
        "a host function Call uses a host function of another graph; make "
        "the function with Graph::addHostFunction of the graph the program "
        "is compiled with");
  std::vector<int64_t> all, counts;
  for (const std::vector<poplar::Tensor> *list : {&node.inputs, &node.outputs})
    for (const poplar::Tensor &t : *list) {
      ArrayRef<int64_t> r = regions(t).asArrayRef();
      all.insert(all.end(), r.begin(), r.end());
      counts.push_back(int64_t(r.size()));
    }
  builder.create<gir::HostCallOp>(
      l, i64(node.function), builder.getDenseI64ArrayAttr(all),
      builder.getDenseI64ArrayAttr(counts), i64(node.inputs.size()));
}

void Importer::numberReachableFunctions(
    poplar::ArrayRef<poplar::program::Program> progs) {
  // Program trees share subtrees, so visit each node once.
  std::vector<const ProgramNode *> work;
  std::unordered_set<const ProgramNode *> seen;
  auto visit = [&](const ProgramNode *node) {
    if (node && seen.insert(node).second)
      work.push_back(node);
  };
  for (const poplar::program::Program &p : progs)
    visit(ProgramAccess::node(p).get());
  functionNumber.assign(store.functions.size(), -1);
  while (!work.empty()) {
    const ProgramNode *node = work.back();
    work.pop_back();
    for (const auto &child : node->children)
      visit(child.get());
    if (node->kind != ProgramKind::Call)
      continue;
    if (node->function >= store.functions.size())
      throw poplar::control_program_error(
          "Call '" + node->debugName + "': function " +
          std::to_string(node->function) +
          " does not belong to the graph being compiled; call functions "
          "made with this graph's addFunction");
    if (functionNumber[node->function] < 0) {
      functionNumber[node->function] = 0; // reached; numbered below
      visit(ProgramAccess::node(store.functions[node->function]).get());
    }
  }
  int64_t next = 0;
  for (int64_t &number : functionNumber)
    if (number >= 0)
      number = next++;
}

void Importer::importRegion(const ProgramNode *node, Region &region) {
  Block *block = new Block();
  region.push_back(block);
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(block);
  if (node)
    importNode(*node);
}

void Importer::importNode(const ProgramNode &node) {
  if (node.kind == ProgramKind::Sequence) {
    for (const auto &child : node.children)
      if (child)
        importNode(*child);
    return;
  }
  Location l = loc(node.debugName, node.source);
  switch (node.kind) {
  case ProgramKind::Copy:
  case ProgramKind::StreamToDevice:
  case ProgramKind::StreamFromDevice:
  case ProgramKind::PrintTensor:
  case ProgramKind::WriteUndef:
  case ProgramKind::ErrorProgram:
  case ProgramKind::Execute:
    return importDataOp(node, l);
  case ProgramKind::RemoteBufferToDevice:
  case ProgramKind::RemoteBufferFromDevice:
    return importRemoteBufferCopy(node, l);
  case ProgramKind::HostFunctionCall:
    return importHostFunctionCall(node, l);
  default:
    return importControlOp(node, l);
  }
}

void Importer::importDataOp(const ProgramNode &node, Location l) {
  switch (node.kind) {
  case ProgramKind::Copy:
    builder.create<gir::CopyOp>(l, regions(node.tensor), regions(node.tensor2),
                                typeName(node.tensor), str(node.debugName));
    return;
  case ProgramKind::StreamToDevice:
  case ProgramKind::StreamFromDevice:
    if (node.streamStore != &store)
      throw poplar::control_program_error(
          "a stream Copy uses a stream of another graph; create the stream "
          "with the graph the program is compiled with");
    builder.create<gir::StreamCopyOp>(
        l, i64(node.stream), regions(node.tensor),
        builder.getBoolAttr(node.kind == ProgramKind::StreamToDevice));
    return;
  case ProgramKind::PrintTensor: {
    const poplar::program::PrintTensorFmt &f = node.printFormat;
    std::string title = node.text;
    const TensorImpl &impl = TensorAccess::impl(node.tensor);
    if (title.empty() && !impl.regions.empty() && impl.store.get() == &store)
      title = store.variables[impl.regions.front().var].name;
    builder.create<gir::PrintTensorOp>(
        l, str(title), regions(node.tensor), shape(node.tensor),
        typeName(node.tensor), i64(f.summariseThreshold), i64(f.edgeItems),
        i64(f.maxLineWidth), i64(f.digits),
        gir::FloatFormatAttr::get(builder.getContext(),
                                  ir::FloatFormat(unsigned(f.floatFormat))),
        i64(f.separator), i64(f.openBracket), i64(f.closeBracket));
    return;
  }
  case ProgramKind::WriteUndef:
    builder.create<gir::WriteUndefOp>(l, regions(node.tensor));
    return;
  case ProgramKind::Execute: {
    if (node.computeSetStore && node.computeSetStore != &store)
      throw poplar::control_program_error(
          "Execute of compute set " + std::to_string(node.computeSet) +
          " of another graph; execute compute sets of the graph the program "
          "is compiled with");
    if (node.computeSet >= store.computeSets.size())
      throw poplar::control_program_error(
          "Execute of compute set " + std::to_string(node.computeSet) +
          ", which this graph does not have; make compute sets with "
          "Graph::addComputeSet of the graph the program is compiled with");
    const bool hasFlag = node.tensor.valid();
    builder.create<gir::ExecuteOp>(
        l, i64(node.computeSet),
        hasFlag ? regions(node.tensor) : builder.getDenseI64ArrayAttr({}),
        hasFlag ? typeName(node.tensor) : gir::ElementTypeAttr());
    return;
  }
  case ProgramKind::ErrorProgram:
    builder.create<gir::ErrorProgramOp>(l, str(node.text), regions(node.tensor),
                                        shape(node.tensor),
                                        typeName(node.tensor));
    return;
  default:
    llvm_unreachable("not a data op");
  }
}

void Importer::importControlOp(const ProgramNode &node, Location l) {
  const ProgramNode *first =
      node.children.empty() ? nullptr : node.children[0].get();
  const ProgramNode *second =
      node.children.size() < 2 ? nullptr : node.children[1].get();
  switch (node.kind) {
  case ProgramKind::Repeat:
    return importRegion(
        first, builder.create<gir::RepeatOp>(l, i64(node.count)).getBody());
  case ProgramKind::Loop:
    return importRegion(first, builder.create<gir::LoopOp>(l).getBody());
  case ProgramKind::RepeatWhileTrue:
  case ProgramKind::RepeatWhileFalse: {
    auto op = builder.create<gir::RepeatWhileOp>(
        l, regions(node.tensor), typeName(node.tensor),
        builder.getBoolAttr(node.kind == ProgramKind::RepeatWhileTrue));
    importRegion(first, op.getCond());
    return importRegion(second, op.getBody());
  }
  case ProgramKind::If: {
    auto op = builder.create<gir::IfOp>(l, regions(node.tensor),
                                        typeName(node.tensor));
    importRegion(first, op.getThenBody());
    return importRegion(second, op.getElseBody());
  }
  case ProgramKind::Switch: {
    std::vector<int32_t> values(node.caseValues.begin(), node.caseValues.end());
    auto op = builder.create<gir::SwitchOp>(
        l, regions(node.tensor), typeName(node.tensor),
        builder.getDenseI32ArrayAttr(values), values.size());
    importRegion(first, op.getDefaultBody());
    for (std::size_t i = 0; i < values.size(); ++i)
      importRegion(i + 1 < node.children.size() ? node.children[i + 1].get()
                                                : nullptr,
                   op.getCases()[i]);
    return;
  }
  case ProgramKind::Call:
    builder.create<gir::CallOp>(l, i64(functionNumber[node.function]));
    return;
  case ProgramKind::Sync:
    builder.create<gir::SyncOp>(
        l, gir::SyncTypeAttr::get(builder.getContext(),
                                  ir::SyncType(unsigned(node.syncType))));
    return;
  case ProgramKind::Abort:
    builder.create<gir::AbortOp>(l, str(node.text));
    return;
  case ProgramKind::AbortOnCondition:
    builder.create<gir::AbortOnConditionOp>(
        l, regions(node.tensor), typeName(node.tensor), str(node.text));
    return;
  default:
    llvm_unreachable("not a control op");
  }
}

OwningOpRef<ModuleOp>
Importer::run(poplar::ArrayRef<poplar::program::Program> progs) {
  OwningOpRef<ModuleOp> module = ModuleOp::create(builder.getUnknownLoc());
  setModuleTarget(*module, store.target);
  numberReachableFunctions(progs);
  builder.setInsertionPointToEnd(module->getBody());
  importVariables();
  importStreams();
  importHostAccesses();
  importRemoteBuffers();
  importHostFunctions();
  importCodelets();
  importComputeSets();
  for (std::size_t i = 0; i < progs.size(); ++i) {
    auto op = builder.create<gir::ProgramOp>(
        loc("program " + std::to_string(i)), i64(i));
    importRegion(ProgramAccess::node(progs[i]).get(), op.getBody());
  }
  for (std::size_t id = 0; id < functionNumber.size(); ++id) {
    if (functionNumber[id] < 0)
      continue;
    auto op = builder.create<gir::FunctionOp>(
        loc("function " + std::to_string(id)), i64(functionNumber[id]));
    importRegion(ProgramAccess::node(store.functions[id]).get(), op.getBody());
  }
  return module;
}

} // namespace

OwningOpRef<ModuleOp>
importGraph(MLIRContext &context, const GraphStore &store,
            poplar::ArrayRef<poplar::program::Program> programs) {
  context.getOrLoadDialect<gir::PoplarDialect>();
  return Importer(context, store).run(programs);
}

} // namespace tessel
