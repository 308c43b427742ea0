// GraphStore + program trees -> `poplar` dialect. One op per variable,
// stream and handle; program trees become nested control ops. Tensors become
// flat region lists, so import costs O(regions), never O(elements).
#include "compiler/import/ImportGraph.hpp"

#include "compiler/core/TargetParameters.hpp"
#include "compiler/core/TypeTable.hpp"
#include "compiler/dialects/Poplar/PoplarDialect.hpp"
#include "compiler/graph/DescribeTensor.hpp"
#include "compiler/graph/ProgramTree.hpp"
#include "compiler/graph/TensorImpl.hpp"

#include <poplar/exceptions.hpp>

#include "mlir/IR/Builders.h"

#include <sstream>

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
  Location loc(const std::string &name) {
    return name.empty() ? builder.getUnknownLoc()
                        : Location(NameLoc::get(builder.getStringAttr(name)));
  }
  DenseI64ArrayAttr regions(const poplar::Tensor &t);
  DenseI64ArrayAttr shape(const poplar::Tensor &t);
  StringAttr typeName(const poplar::Tensor &t) {
    return builder.getStringAttr(t.elementType().toString());
  }
  void importVariables();
  void importStreamsAndHandles();
  void importBody(const ProgramNode &node, Block &block);
  void importNode(const ProgramNode &node);
  /// Imports `node` into the first block of `region` (made here).
  void importRegion(const ProgramNode &node, Region &region);

  OpBuilder builder;
  const GraphStore &store;
};

DenseI64ArrayAttr Importer::regions(const poplar::Tensor &t) {
  const TensorImpl &impl = TensorAccess::impl(t);
  if (impl.store != &store)
    throw poplar::control_program_error(
        "a program uses " + describeTensor(t) +
        ", a tensor of another graph; programs may only use tensors of the "
        "graph they are compiled with");
  std::vector<int64_t> flat;
  flat.reserve(impl.regions.size() * 3);
  for (const ElementRegion &r : impl.regions)
    flat.insert(flat.end(), {int64_t(r.var), int64_t(r.begin), int64_t(r.end)});
  return builder.getDenseI64ArrayAttr(flat);
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
    auto op = builder.create<gir::VariableOp>(
        loc(v.name), builder.getI64IntegerAttr(id),
        builder.getStringAttr(v.name), builder.getStringAttr(v.type.toString()),
        builder.getDenseI64ArrayAttr(dims),
        builder.getDenseI64ArrayAttr(mapping),
        v.isConstant ? builder.getUnitAttr() : UnitAttr(), DenseI8ArrayAttr(),
        DenseI64ArrayAttr());
    if (!v.initialBytes.empty()) {
      ArrayRef<int8_t> bytes(
          reinterpret_cast<const int8_t *>(v.initialBytes.data()),
          v.initialBytes.size());
      op.setInitialBytesAttr(builder.getDenseI8ArrayAttr(bytes));
    }
  }
}

void Importer::importStreamsAndHandles() {
  for (std::size_t id = 0; id < store.streams.size(); ++id) {
    const StreamInfo &s = store.streams[id];
    bool toDevice = s.kind == poplar::DataStreamType::HostToDeviceFIFO ||
                    s.kind == poplar::DataStreamType::HostToDeviceBuffer;
    builder.create<gir::StreamOp>(loc(s.handle), builder.getI64IntegerAttr(id),
                                  builder.getStringAttr(s.handle),
                                  builder.getStringAttr(s.type.toString()),
                                  builder.getI64IntegerAttr(s.numElements),
                                  builder.getBoolAttr(toDevice));
  }
  for (const HostAccess &h : store.hostAccesses)
    builder.create<gir::HostAccessOp>(
        loc(h.handle), builder.getStringAttr(h.handle),
        builder.getBoolAttr(h.isWrite), typeName(h.tensor), shape(h.tensor),
        regions(h.tensor));
}

void Importer::importRegion(const ProgramNode &node, Region &region) {
  Block *block = new Block();
  region.push_back(block);
  importBody(node, *block);
}

void Importer::importBody(const ProgramNode &node, Block &block) {
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(&block);
  importNode(node);
}

void Importer::importNode(const ProgramNode &node) {
  Location l = loc(node.debugName);
  auto i64 = [&](int64_t v) { return builder.getI64IntegerAttr(v); };
  auto str = [&](const std::string &s) { return builder.getStringAttr(s); };
  switch (node.kind) {
  case ProgramKind::Sequence:
    for (const auto &child : node.children)
      importNode(*child);
    return;
  case ProgramKind::Copy:
    builder.create<gir::CopyOp>(l, regions(node.tensor), regions(node.tensor2),
                                typeName(node.tensor), str(node.debugName));
    return;
  case ProgramKind::StreamToDevice:
  case ProgramKind::StreamFromDevice: {
    if (node.streamStore != &store)
      throw poplar::control_program_error(
          "a stream Copy uses a stream of another graph; create the stream "
          "with the graph the program is compiled with");
    builder.create<gir::StreamCopyOp>(
        l, i64(node.stream), regions(node.tensor),
        builder.getBoolAttr(node.kind == ProgramKind::StreamToDevice));
    return;
  }
  case ProgramKind::Repeat: {
    auto op = builder.create<gir::RepeatOp>(l, i64(node.count));
    importRegion(*node.children[0], op.getBody());
    return;
  }
  case ProgramKind::Loop: {
    auto op = builder.create<gir::LoopOp>(l);
    importRegion(*node.children[0], op.getBody());
    return;
  }
  case ProgramKind::RepeatWhileTrue:
  case ProgramKind::RepeatWhileFalse: {
    auto op = builder.create<gir::RepeatWhileOp>(
        l, regions(node.tensor), typeName(node.tensor),
        builder.getBoolAttr(node.kind == ProgramKind::RepeatWhileTrue));
    importRegion(*node.children[0], op.getCond());
    importRegion(*node.children[1], op.getBody());
    return;
  }
  case ProgramKind::If: {
    auto op = builder.create<gir::IfOp>(l, regions(node.tensor),
                                        typeName(node.tensor));
    importRegion(*node.children[0], op.getThenBody());
    importRegion(*node.children[1], op.getElseBody());
    return;
  }
  case ProgramKind::Switch: {
    std::vector<int32_t> values(node.caseValues.begin(), node.caseValues.end());
    auto op = builder.create<gir::SwitchOp>(
        l, regions(node.tensor), typeName(node.tensor),
        builder.getDenseI32ArrayAttr(values), values.size());
    importRegion(*node.children[0], op.getDefaultBody());
    for (std::size_t i = 0; i < values.size(); ++i)
      importRegion(*node.children[i + 1], op.getCases()[i]);
    return;
  }
  case ProgramKind::Call:
    if (node.function >= store.functions.size())
      throw poplar::control_program_error(
          "Call: function " + std::to_string(node.function) +
          " does not belong to the graph being compiled");
    builder.create<gir::CallOp>(l, i64(node.function));
    return;
  case ProgramKind::PrintTensor: {
    const auto &f = node.printFormat;
    std::string title = node.text;
    if (title.empty()) {
      const TensorImpl &impl = TensorAccess::impl(node.tensor);
      if (!impl.regions.empty())
        title = store.variables[impl.regions.front().var].name;
    }
    builder.create<gir::PrintTensorOp>(
        l, str(title), regions(node.tensor), shape(node.tensor),
        typeName(node.tensor), i64(f.summariseThreshold), i64(f.edgeItems),
        i64(f.maxLineWidth), i64(f.digits), i64(f.floatFormat),
        i64(f.separator), i64(f.openBracket), i64(f.closeBracket));
    return;
  }
  case ProgramKind::WriteUndef:
    builder.create<gir::WriteUndefOp>(l, regions(node.tensor));
    return;
  case ProgramKind::Sync:
    builder.create<gir::SyncOp>(l, i64(int64_t(node.syncType)));
    return;
  case ProgramKind::Abort:
    builder.create<gir::AbortOp>(l, str(node.text));
    return;
  case ProgramKind::AbortOnCondition:
    builder.create<gir::AbortOnConditionOp>(
        l, regions(node.tensor), typeName(node.tensor), str(node.text));
    return;
  case ProgramKind::ErrorProgram:
    builder.create<gir::ErrorProgramOp>(l, str(node.text), regions(node.tensor),
                                        shape(node.tensor),
                                        typeName(node.tensor));
    return;
  }
}

OwningOpRef<ModuleOp>
Importer::run(poplar::ArrayRef<poplar::program::Program> progs) {
  OwningOpRef<ModuleOp> module = ModuleOp::create(builder.getUnknownLoc());
  setModuleTarget(*module, store.target);
  builder.setInsertionPointToEnd(module->getBody());
  importVariables();
  importStreamsAndHandles();
  auto empty = std::make_shared<ProgramNode>();
  for (std::size_t i = 0; i < progs.size(); ++i) {
    auto op = builder.create<gir::ProgramOp>(builder.getUnknownLoc(),
                                             builder.getI64IntegerAttr(i));
    const auto &node = ProgramAccess::node(progs[i]);
    importRegion(node ? *node : *empty, op.getBody());
  }
  for (std::size_t i = 0; i < store.functions.size(); ++i) {
    auto op = builder.create<gir::FunctionOp>(builder.getUnknownLoc(),
                                              builder.getI64IntegerAttr(i));
    const auto &node = ProgramAccess::node(store.functions[i]);
    importRegion(node ? *node : *empty, op.getBody());
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

void setModuleTarget(ModuleOp module, const poplar::Target &target) {
  std::ostringstream text;
  target.serialize(text);
  const TargetParams &p = targetParams(target);
  Builder b(module.getContext());
  module->setAttr("poplar.target", b.getStringAttr(text.str()));
  module->setAttr("poplar.num_tiles", b.getI64IntegerAttr(p.numTiles()));
  module->setAttr("poplar.bytes_per_tile", b.getI64IntegerAttr(p.bytesPerTile));
  module->setAttr("poplar.requires_tile_mapping",
                  b.getBoolAttr(p.requiresTileMapping));
}

poplar::Target moduleTarget(ModuleOp module) {
  auto attr = module->getAttrOfType<StringAttr>("poplar.target");
  if (!attr)
    throw poplar::graph_program_compilation_error(
        "the module has no poplar.target attribute");
  std::istringstream text(attr.str());
  return poplar::Target(text);
}

} // namespace tessel
