// Codegen: walks the module's tile.executable and fills the Executable
// tables. Control ops become ControlNode trees; identical tensor layouts are
// stored once; variables become placements for the memory report.
#include "compiler/codegen/EmitExecutable.hpp"

#include "compiler/core/TypeTable.hpp"
#include "compiler/dialects/Poplar/TypedErrors.hpp"
#include "compiler/dialects/Tile/TileDialect.hpp"

#include <poplar/exceptions.hpp>

#include <map>

using namespace mlir;
namespace tir = tessel::tileir;

namespace tessel {

namespace {

/// What codegen cannot emit and the op it is about (null: the executable
/// as a whole); the entry points turn it into an exception or a diagnostic.
struct EmitFailure {
  Operation *op = nullptr;
  std::string message;
};

class Emitter {
public:
  Emitter(const poplar::Target &target,
          ArrayRef<codelets::NativeObject> objects)
      : objects(objects) {
    image.target = target;
  }
  exe::ExecutableImage run(ModuleOp module);

private:
  std::uint32_t layout(ArrayRef<int64_t> pieces, ArrayRef<int64_t> shape,
                       ir::ElementType type, StringRef debugName);
  std::uint32_t addNode(exe::ControlNode node) {
    image.nodes.push_back(std::move(node));
    return std::uint32_t(image.nodes.size() - 1);
  }
  std::uint32_t block(Block &b);
  std::uint32_t region(Region &r);
  std::uint32_t op(Operation &o);
  void declaration(Operation &o);
  void stream(tir::StreamOp s);
  void remoteBuffers(Block &body);
  void remoteBufferCopy(tir::RemoteBufferCopyOp c, exe::ControlNode &n);
  void hostFunctions(Block &body);
  void hostCall(tir::HostCallOp c, exe::ControlNode &n);
  void codelet(tir::CodeletOp c);
  void computeSet(tir::ComputeSetOp cs);
  [[noreturn]] void fail(Operation &o, const std::string &why) const;

  ArrayRef<codelets::NativeObject> objects;
  exe::ExecutableImage image;
  /// Index in `objects` -> index in image.objects.
  std::map<int64_t, std::uint32_t> objectIndex;
  std::map<std::vector<int64_t>, std::uint32_t> layoutIndex;
  std::map<std::string, std::uint32_t> typeIds;
  std::map<int64_t, tir::StreamOp> streams;
  std::map<int64_t, tir::RemoteBufferOp> remoteBufferOps;
  std::map<int64_t, tir::HostFunctionOp> hostFunctionOps;
  std::map<int64_t, tir::CodeletOp> codelets;
  std::map<int64_t, tir::ComputeSetOp> computeSets;
  /// Graph ids to image table indices.
  std::map<int64_t, std::uint32_t> codeletIndex, computeSetIndex;
  std::map<int64_t, std::uint32_t> programRoots, functionRoots;
};

std::uint32_t Emitter::layout(ArrayRef<int64_t> pieces, ArrayRef<int64_t> shape,
                              ir::ElementType type, StringRef debugName) {
  const StringRef typeName = tessel::typeName(type);
  // Key: type id, rank, shape, pieces.
  auto [typeIt, _] =
      typeIds.emplace(typeName.str(), std::uint32_t(typeIds.size()));
  std::vector<int64_t> key{int64_t(typeIt->second), int64_t(shape.size())};
  key.insert(key.end(), shape.begin(), shape.end());
  key.insert(key.end(), pieces.begin(), pieces.end());
  auto found = layoutIndex.find(key);
  if (found != layoutIndex.end())
    return found->second;
  exe::TensorLayout l;
  l.typeName = typeName.str();
  l.elementBytes = typeInfo(type).size;
  l.shape.assign(shape.begin(), shape.end());
  for (Piece p : Pieces(pieces))
    l.pieces.push_back({std::uint32_t(p.tile), std::uint32_t(p.address),
                        std::uint32_t(p.numBytes)});
  l.debugName = debugName.str();
  image.layouts.push_back(std::move(l));
  std::uint32_t index = std::uint32_t(image.layouts.size() - 1);
  layoutIndex.emplace(std::move(key), index);
  return index;
}

std::uint32_t Emitter::block(Block &b) {
  exe::ControlNode seq;
  seq.kind = exe::NodeKind::Sequence;
  for (Operation &o : b)
    seq.children.push_back(op(o));
  return addNode(std::move(seq));
}

std::uint32_t Emitter::region(Region &r) {
  if (r.empty())
    return addNode(exe::ControlNode{}); // an empty Sequence
  return block(r.front());
}

std::uint32_t Emitter::op(Operation &o) {
  using exe::NodeKind;
  exe::ControlNode n;
  static const int64_t scalar[] = {1};
  if (auto e = dyn_cast<tir::ExchangeOp>(o)) {
    exe::ExchangeStep step;
    ByteTransfers transfers = e.getTransferList();
    step.transfers.reserve(transfers.size());
    for (ByteTransfer t : transfers)
      step.transfers.push_back(
          {std::uint32_t(t.srcTile), std::uint32_t(t.srcAddress),
           std::uint32_t(t.dstTile), std::uint32_t(t.dstAddress),
           std::uint32_t(t.numBytes)});
    step.sourcesOverlapDestinations = e.getSourcesOverlapDestinations();
    step.debugName = e.getName().str();
    image.exchanges.push_back(std::move(step));
    n.kind = NodeKind::Exchange;
    n.index = std::uint32_t(image.exchanges.size() - 1);
  } else if (auto s = dyn_cast<tir::StreamCopyOp>(o)) {
    auto found = streams.find(s.getStream());
    if (found == streams.end())
      fail(o, "it uses stream " + std::to_string(s.getStream()) +
                  ", which the executable does not define");
    tir::StreamOp stream = found->second;
    int64_t numElements = stream.getNumElements();
    n.kind =
        s.getToDevice() ? NodeKind::StreamToDevice : NodeKind::StreamFromDevice;
    n.index = std::uint32_t(s.getStream());
    n.layout = layout(s.getPieces(), ArrayRef<int64_t>(numElements),
                      stream.getElementType(), stream.getHandle());
  } else if (auto c = dyn_cast<tir::RemoteBufferCopyOp>(o)) {
    remoteBufferCopy(c, n);
  } else if (auto h = dyn_cast<tir::HostCallOp>(o)) {
    hostCall(h, n);
  } else if (auto p = dyn_cast<tir::PrintOp>(o)) {
    exe::PrintDesc print;
    print.title = p.getTitle().str();
    print.layout =
        layout(p.getPieces(), p.getShape(), p.getElementType(), p.getTitle());
    print.format = poplar::program::PrintTensorFmt(
        unsigned(p.getSummariseThreshold()), unsigned(p.getEdgeItems()),
        unsigned(p.getMaxLineWidth()), unsigned(p.getDigits()),
        poplar::program::PrintTensorFmt::FloatFormat(
            unsigned(p.getFloatFormat())),
        char(p.getSeparator()), char(p.getOpenBracket()),
        char(p.getCloseBracket()));
    image.prints.push_back(std::move(print));
    n.kind = NodeKind::Print;
    n.index = std::uint32_t(image.prints.size() - 1);
  } else if (auto r = dyn_cast<tir::RepeatOp>(o)) {
    n.kind = NodeKind::Repeat;
    n.count = std::uint64_t(r.getCount());
    n.children = {region(r.getBody())};
  } else if (auto l = dyn_cast<tir::LoopOp>(o)) {
    n.kind = NodeKind::Loop;
    n.children = {region(l.getBody())};
  } else if (auto w = dyn_cast<tir::RepeatWhileOp>(o)) {
    n.kind = w.getWhileTrue() ? NodeKind::RepeatWhileTrue
                              : NodeKind::RepeatWhileFalse;
    n.layout = layout(w.getPredicate(), scalar, w.getElementType(), "");
    n.children = {region(w.getCond()), region(w.getBody())};
  } else if (auto i = dyn_cast<tir::IfOp>(o)) {
    n.kind = NodeKind::If;
    n.layout = layout(i.getPredicate(), scalar, i.getElementType(), "");
    n.children = {region(i.getThenBody()), region(i.getElseBody())};
  } else if (auto s = dyn_cast<tir::SwitchOp>(o)) {
    n.kind = NodeKind::Switch;
    n.layout = layout(s.getControl(), scalar, s.getElementType(), "");
    n.caseValues.assign(s.getCaseValues().begin(), s.getCaseValues().end());
    n.children = {region(s.getDefaultBody())};
    for (Region &c : s.getCases())
      n.children.push_back(region(c));
  } else if (auto c = dyn_cast<tir::CallOp>(o)) {
    n.kind = NodeKind::Call;
    n.index = std::uint32_t(c.getFunction());
  } else if (auto s = dyn_cast<tir::SyncOp>(o)) {
    n.kind = NodeKind::Sync;
    n.count = std::uint64_t(unsigned(s.getSyncType()));
  } else if (auto a = dyn_cast<tir::AbortOp>(o)) {
    n.kind = NodeKind::Abort;
    n.text = a.getMessage().str();
  } else if (auto a = dyn_cast<tir::AbortOnConditionOp>(o)) {
    n.kind = NodeKind::AbortOnCondition;
    n.layout = layout(a.getPredicate(), scalar, a.getElementType(), "");
    n.text = a.getMessage().str();
  } else if (auto e = dyn_cast<tir::ErrorWithTensorOp>(o)) {
    n.kind = NodeKind::ErrorWithTensor;
    n.layout = layout(e.getPieces(), e.getShape(), e.getElementType(), "");
    n.text = e.getMessage().str();
  } else if (auto e = dyn_cast<tir::ExecuteOp>(o)) {
    n.kind = NodeKind::Execute;
    auto found = computeSetIndex.find(e.getComputeSet());
    if (found == computeSetIndex.end())
      fail(o, "compute set " + std::to_string(e.getComputeSet()) +
                  " is not declared");
    n.index = found->second;
    if (!e.getFlag().empty()) {
      n.count = 1;
      if (!e.getFlagType())
        fail(o, "it has a flag but no flag_type");
      n.layout = layout(e.getFlag(), scalar, *e.getFlagType(), "");
    }
  } else {
    fail(o, "it cannot appear in a tile program");
  }
  return addNode(std::move(n));
}

void Emitter::declaration(Operation &o) {
  if (auto v = dyn_cast<tir::VariableOp>(o)) {
    StringRef category = v.getCategory().value_or("");
    auto kind = category == "constant" ? exe::VariableCategory::Constant
                : category == "vertex state"
                    ? exe::VariableCategory::VertexState
                    : exe::VariableCategory::Variable;
    std::optional<ArrayRef<int64_t>> life = v.getLifetime();
    bool bounded = life && life->size() == 2;
    for (Piece p : Pieces(v.getPieces()))
      image.placements.push_back(
          {v.getName().str(), std::uint32_t(p.tile), std::uint32_t(p.address),
           std::uint32_t(p.numBytes), kind, bounded ? (*life)[0] : -1,
           bounded ? (*life)[1] : -1});
  } else if (auto m = dyn_cast<tir::MemoryInitOp>(o)) {
    ArrayRef<int8_t> bytes = m.getBytes();
    image.initialMemory.push_back(
        {std::uint32_t(m.getTile()), std::uint32_t(m.getAddress()),
         std::vector<std::uint8_t>(bytes.begin(), bytes.end())});
  } else if (auto h = dyn_cast<tir::HostAccessOp>(o)) {
    image.hostAccesses.push_back({h.getHandle().str(), h.getIsWrite(),
                                  layout(h.getPieces(), h.getShape(),
                                         h.getElementType(), h.getHandle())});
  } else if (auto p = dyn_cast<tir::ProgramOp>(o)) {
    if (!programRoots.emplace(p.getIndex(), region(p.getBody())).second)
      fail(o, "program " + std::to_string(p.getIndex()) + " is defined twice");
  } else if (auto f = dyn_cast<tir::FunctionOp>(o)) {
    if (!functionRoots.emplace(f.getIndex(), region(f.getBody())).second)
      fail(o, "function " + std::to_string(f.getIndex()) + " is defined twice");
  } else if (!isa<tir::StreamOp, tir::CodeletOp, tir::ComputeSetOp,
                  tir::RemoteBufferOp, tir::HostFunctionOp>(o)) {
    fail(o, "it cannot appear at the top of a tile.executable");
  }
}

void Emitter::fail(Operation &o, const std::string &why) const {
  throw EmitFailure{&o, "codegen: cannot emit '" +
                            o.getName().getStringRef().str() + "': " + why +
                            "; run the whole pipeline (poplar-opt "
                            "-poplar-compile) first"};
}

void Emitter::stream(tir::StreamOp s) {
  if (!streams.emplace(s.getId(), s).second)
    fail(*s, "stream " + std::to_string(s.getId()) + " is defined twice");
}

template <class T>
static void checkNumbering(const std::map<int64_t, T> &table, const char *what);

void Emitter::remoteBuffers(Block &body) {
  for (Operation &o : body)
    if (auto b = dyn_cast<tir::RemoteBufferOp>(o))
      if (!remoteBufferOps.emplace(b.getId(), b).second)
        fail(o, "remote buffer " + std::to_string(b.getId()) +
                    " is defined twice");
  checkNumbering(remoteBufferOps, "remote buffers");
  for (auto &[id, b] : remoteBufferOps)
    image.remoteBuffers.push_back(
        {b.getHandle().str(), typeName(b.getElementType()).str(),
         typeInfo(b.getElementType()).size, std::uint64_t(b.getNumElements()),
         std::uint64_t(b.getRepeats())});
}

void Emitter::remoteBufferCopy(tir::RemoteBufferCopyOp c, exe::ControlNode &n) {
  auto found = remoteBufferOps.find(c.getBuffer());
  if (found == remoteBufferOps.end())
    fail(*c, "it uses remote buffer " + std::to_string(c.getBuffer()) +
                 ", which the executable does not define");
  tir::RemoteBufferOp buffer = found->second;
  exe::RemoteCopyDesc copy;
  copy.buffer = std::uint32_t(c.getBuffer());
  int64_t rows = 1;
  if (!c.getOffset().empty()) {
    int64_t offsetBytes = 0;
    ArrayRef<int64_t> o = c.getOffset();
    for (Piece p : Pieces(o))
      offsetBytes += p.numBytes;
    rows = offsetBytes / 4;
    copy.hasOffset = true;
    copy.offsetLayout =
        layout(o, ArrayRef<int64_t>(rows), ir::ElementType::UnsignedInt, "");
  }
  int64_t shape[] = {rows * int64_t(buffer.getNumElements())};
  copy.layout =
      layout(c.getPieces(), shape, buffer.getElementType(), buffer.getHandle());
  image.remoteCopies.push_back(copy);
  n.kind = c.getToDevice() ? exe::NodeKind::RemoteBufferToDevice
                           : exe::NodeKind::RemoteBufferFromDevice;
  n.index = std::uint32_t(image.remoteCopies.size() - 1);
}

void Emitter::hostFunctions(Block &body) {
  for (Operation &o : body)
    if (auto f = dyn_cast<tir::HostFunctionOp>(o))
      if (!hostFunctionOps.emplace(f.getId(), f).second)
        fail(o, "host function " + std::to_string(f.getId()) +
                    " is defined twice");
  checkNumbering(hostFunctionOps, "host functions");
  auto arguments = [](ArrayAttr types, ArrayRef<int64_t> sizes) {
    std::vector<exe::HostArgumentDesc> out;
    for (size_t i = 0; i < sizes.size(); ++i) {
      const ir::ElementType type =
          cast<tir::ElementTypeAttr>(types[i]).getValue();
      out.push_back({typeName(type).str(), std::uint32_t(typeInfo(type).size),
                     std::uint64_t(sizes[i])});
    }
    return out;
  };
  for (auto &[id, f] : hostFunctionOps)
    image.hostFunctions.push_back(
        {f.getHandle().str(), arguments(f.getInputTypes(), f.getInputSizes()),
         arguments(f.getOutputTypes(), f.getOutputSizes())});
}

void Emitter::hostCall(tir::HostCallOp c, exe::ControlNode &n) {
  auto found = hostFunctionOps.find(c.getFunction());
  if (found == hostFunctionOps.end())
    fail(*c, "it calls host function " + std::to_string(c.getFunction()) +
                 ", which the executable does not define");
  const exe::HostFunctionDesc &f = image.hostFunctions[c.getFunction()];
  const size_t numInputs = size_t(c.getNumInputs());
  if (numInputs != f.inputs.size() ||
      c.getPieceCounts().size() != f.inputs.size() + f.outputs.size())
    fail(*c, "its arguments do not match host function '" + f.handle + "'");
  exe::HostCallDesc call;
  call.function = std::uint32_t(c.getFunction());
  for (size_t i = 0; i < c.getPieceCounts().size(); ++i) {
    const bool isOutput = i >= numInputs;
    const size_t index = isOutput ? i - numInputs : i;
    const exe::HostArgumentDesc &a =
        isOutput ? f.outputs[index] : f.inputs[index];
    tir::HostFunctionOp declared = found->second;
    const ir::ElementType type =
        cast<tir::ElementTypeAttr>((isOutput ? declared.getOutputTypes()
                                             : declared.getInputTypes())[index])
            .getValue();
    int64_t shape[] = {int64_t(a.numElements)};
    std::uint32_t l = layout(c.getArgument(i), shape, type, f.handle);
    (isOutput ? call.outputLayouts : call.inputLayouts).push_back(l);
  }
  image.hostCalls.push_back(std::move(call));
  n.kind = exe::NodeKind::HostFunctionCall;
  n.index = std::uint32_t(image.hostCalls.size() - 1);
}

void Emitter::codelet(tir::CodeletOp c) {
  if (!codelets.emplace(c.getId(), c).second)
    fail(*c, "codelet " + std::to_string(c.getId()) + " is defined twice");
}

void Emitter::computeSet(tir::ComputeSetOp cs) {
  if (!computeSets.emplace(cs.getId(), cs).second)
    fail(*cs,
         "compute set " + std::to_string(cs.getId()) + " is defined twice");
}

/// Tables indexed by number (streams, programs, functions) must use the
/// numbers 0..n-1.
template <class T>
static void checkNumbering(const std::map<int64_t, T> &table,
                           const char *what) {
  if (!table.empty() && (table.begin()->first != 0 ||
                         table.rbegin()->first != int64_t(table.size() - 1)))
    throw EmitFailure{nullptr, std::string("codegen: the tile.executable's ") +
                                   what + " are not numbered 0 to " +
                                   std::to_string(table.size() - 1)};
}

exe::ExecutableImage Emitter::run(ModuleOp module) {
  auto executables = module.getOps<tir::ExecutableOp>();
  if (!llvm::hasSingleElement(executables))
    throw EmitFailure{module.getOperation(),
                      "codegen: the module must hold exactly one "
                      "tile.executable; run the whole pipeline "
                      "(poplar-opt -poplar-compile) first"};
  tir::ExecutableOp executable = *executables.begin();
  if (std::uint64_t(executable.getNumTiles()) != image.target.getNumTiles() ||
      std::uint64_t(executable.getBytesPerTile()) !=
          image.target.getBytesPerTile())
    throw EmitFailure{
        executable.getOperation(),
        "codegen: the tile.executable is for " +
            std::to_string(executable.getNumTiles()) + " tiles of " +
            std::to_string(executable.getBytesPerTile()) +
            " bytes, but the target has " +
            std::to_string(image.target.getNumTiles()) + " tiles of " +
            std::to_string(image.target.getBytesPerTile()) + " bytes"};
  Block &body = executable.getBody().front();
  for (Operation &o : body)
    if (auto s = dyn_cast<tir::StreamOp>(o))
      stream(s);
  checkNumbering(streams, "streams");
  for (auto &[id, s] : streams)
    image.streams.push_back(
        {s.getHandle().str(), typeName(s.getElementType()).str(),
         typeInfo(s.getElementType()).size, std::uint64_t(s.getNumElements()),
         s.getToDevice()});
  remoteBuffers(body);
  hostFunctions(body);
  // Codelets and compute sets keep their graph ids' order but are numbered
  // densely: a graph may hold codelets no vertex uses.
  for (Operation &o : body) {
    if (auto c = dyn_cast<tir::CodeletOp>(o))
      codelet(c);
    else if (auto cs = dyn_cast<tir::ComputeSetOp>(o))
      computeSet(cs);
  }
  for (auto &[id, c] : codelets) {
    if (c.getObject() >= objects.size())
      fail(*c, "codelet '" + c.getName().str() + "' names native object " +
                   std::to_string(c.getObject()) + " but the graph has " +
                   std::to_string(objects.size()));
    auto [object, added] =
        objectIndex.emplace(c.getObject(), std::uint32_t(image.objects.size()));
    if (added) {
      const codelets::NativeObject &o = objects[c.getObject()];
      image.objects.push_back({o.sharedObject, o.contentHash, o.source});
    }
    codeletIndex[id] = std::uint32_t(image.codelets.size());
    exe::CodeletDesc desc;
    desc.name = c.getName().str();
    desc.object = object->second;
    desc.base = std::uint8_t(unsigned(c.getBase()));
    desc.returnsBool = c.getReturnsBool();
    // field_info holds [kind, direction, element bytes, layout] per field.
    if (std::optional<ArrayRef<int64_t>> info = c.getFieldInfo()) {
      if (info->size() % 4 != 0)
        fail(*c, "codelet '" + c.getName().str() +
                     "' has a field_info list whose length is not a "
                     "multiple of 4");
      desc.hasFields = true;
      for (size_t i = 0; i + 3 < info->size(); i += 4)
        desc.fields.push_back({std::uint8_t((*info)[i]),
                               std::uint8_t((*info)[i + 1]),
                               std::uint32_t((*info)[i + 2])});
    }
    image.codelets.push_back(std::move(desc));
  }
  for (auto &[id, cs] : computeSets) {
    computeSetIndex[id] = std::uint32_t(image.computeSets.size());
    exe::ComputeSetDesc desc;
    desc.name = cs.getName().str();
    for (ComputeSetVertex v : cs.getVertexList()) {
      auto found = codeletIndex.find(v.codelet);
      if (found == codeletIndex.end())
        fail(*cs, "vertex " + std::to_string(v.vertex) + " uses codelet " +
                      std::to_string(v.codelet) + ", which is not declared");
      desc.vertices.push_back({std::uint32_t(v.vertex), std::uint32_t(v.tile),
                               found->second, std::uint32_t(v.stateAddress),
                               v.cycles});
    }
    image.computeSets.push_back(std::move(desc));
  }
  for (Operation &o : body)
    declaration(o);
  checkNumbering(programRoots, "programs");
  checkNumbering(functionRoots, "functions");
  for (auto &[index, root] : programRoots)
    image.programs.push_back(root);
  for (auto &[index, root] : functionRoots)
    image.functions.push_back(root);
  for (int64_t used : executable.getTileBytesUsed())
    image.tileBytesUsed.push_back(std::uint32_t(used));
  exe::validate(image);
  return std::move(image);
}

} // namespace

exe::ExecutableImage emitExecutable(ModuleOp module,
                                    const poplar::Target &target,
                                    ArrayRef<codelets::NativeObject> objects) {
  try {
    return Emitter(target, objects).run(module);
  } catch (const EmitFailure &f) {
    throw poplar::graph_program_compilation_error(f.message);
  }
}

FailureOr<exe::ExecutableImage>
emitExecutableOrDiagnose(ModuleOp module, const poplar::Target &target,
                         ArrayRef<codelets::NativeObject> objects) {
  try {
    return Emitter(target, objects).run(module);
  } catch (const EmitFailure &f) {
    // The message names the op already; a plain location keeps it first.
    Operation *at = f.op ? f.op : module.getOperation();
    reportError(at, ir::ErrorKind::graph_program_compilation_error)
        << f.message;
  } catch (const poplar::poplar_error &e) {
    // exe::validate found an inconsistency the verifiers let through.
    reportError(module, ir::symbolizeErrorKind(e.type).value_or(
                            ir::ErrorKind::graph_program_compilation_error))
        << e.what();
  }
  return failure();
}

} // namespace tessel
