// Consistency checks on an ExecutableImage, so the runtime can trust it:
// every node, layout, stream and exchange index in range, every piece and
// transfer inside its tile's memory, element types known and sizes
// consistent, stream copies the size of their streams, and control flow
// (children and calls) free of cycles.
#include "compiler/codegen/ExecutableImage.hpp"

#include "compiler/core/TypeTable.hpp"

#include <poplar/exceptions.hpp>

#include <set>

namespace tessel::exe {

namespace {

class Validator {
public:
  explicit Validator(const ExecutableImage &image)
      : image(image), numTiles(image.target.getNumTiles()),
        bytesPerTile(image.target.getBytesPerTile()) {}

  void run();

private:
  [[noreturn]] void fail(const std::string &why) const {
    throw poplar::parse_error("invalid executable: " + why);
  }
  void index(std::uint64_t i, std::size_t size, const char *what) const {
    if (i >= size)
      fail(std::string(what) + " " + std::to_string(i) + " of " +
           std::to_string(size) + " does not exist");
  }
  void span(std::uint32_t tile, std::uint64_t address, std::uint64_t bytes,
            const char *what) const {
    if (tile >= numTiles || address + bytes > bytesPerTile)
      fail(std::string(what) + " at tile " + std::to_string(tile) +
           ", address " + std::to_string(address) + ", " +
           std::to_string(bytes) + " bytes is outside the " +
           std::to_string(numTiles) + " tile memories of " +
           std::to_string(bytesPerTile) + " bytes");
  }
  void elementType(const std::string &typeName, std::uint32_t elementBytes,
                   const std::string &owner) const;
  void layout(const TensorLayout &l) const;
  /// A predicate or switch control: one element.
  void scalarLayout(std::uint32_t layout) const;
  void streamCopy(const ControlNode &n) const;
  void remoteBufferCopy(const ControlNode &n) const;
  void hostFunctions() const;
  void hostCall(const ControlNode &n) const;
  void node(const ControlNode &n) const;
  void acyclic() const;
  void codelets() const;
  /// Each handle has at most one read and one write.
  void hostAccesses() const;

  const ExecutableImage &image;
  std::uint64_t numTiles, bytesPerTile;
};

void Validator::elementType(const std::string &typeName,
                            std::uint32_t elementBytes,
                            const std::string &owner) const {
  unsigned size = 0;
  try {
    size = typeInfo(typeFromName(typeName)).size;
  } catch (const poplar::type_error &) {
    fail(owner + " has the unknown element type '" + typeName + "'");
  }
  if (size != elementBytes)
    fail(owner + " says its " + typeName + " elements take " +
         std::to_string(elementBytes) + " bytes, not " + std::to_string(size));
}

void Validator::layout(const TensorLayout &l) const {
  elementType(l.typeName, l.elementBytes, "layout '" + l.debugName + "'");
  std::uint64_t bytes = 0;
  for (const MemoryPiece &p : l.pieces) {
    span(p.tile, p.address, p.numBytes, "a tensor piece");
    bytes += p.numBytes;
  }
  std::uint64_t elements = 1;
  for (std::uint64_t d : l.shape)
    elements *= d;
  if (bytes != elements * l.elementBytes)
    fail("layout '" + l.debugName + "' holds " + std::to_string(bytes) +
         " bytes for " + std::to_string(elements) + " elements of " +
         std::to_string(l.elementBytes) + " bytes");
}

void Validator::scalarLayout(std::uint32_t layout) const {
  index(layout, image.layouts.size(), "layout");
  const TensorLayout &l = image.layouts[layout];
  std::uint64_t bytes = 0;
  for (const MemoryPiece &p : l.pieces)
    bytes += p.numBytes;
  if (bytes != l.elementBytes)
    fail("a predicate or switch control holds " + std::to_string(bytes) +
         " bytes, not one " + l.typeName + " element");
}

void Validator::streamCopy(const ControlNode &n) const {
  index(n.index, image.streams.size(), "stream");
  index(n.layout, image.layouts.size(), "layout");
  const StreamDesc &s = image.streams[n.index];
  const TensorLayout &l = image.layouts[n.layout];
  std::uint64_t bytes = 0;
  for (const MemoryPiece &p : l.pieces)
    bytes += p.numBytes;
  if (s.toDevice != (n.kind == NodeKind::StreamToDevice) ||
      s.typeName != l.typeName || bytes != s.numElements * s.elementBytes)
    fail("a copy between stream '" + s.handle + "' (" +
         std::to_string(s.numElements) + " " + s.typeName +
         (s.toDevice ? ", to the device" : ", from the device") +
         ") and a tensor of " + std::to_string(bytes) + " bytes of " +
         l.typeName + " does not match the stream");
}

void Validator::remoteBufferCopy(const ControlNode &n) const {
  index(n.index, image.remoteCopies.size(), "remote buffer copy");
  const RemoteCopyDesc &c = image.remoteCopies[n.index];
  index(c.buffer, image.remoteBuffers.size(), "remote buffer");
  index(c.layout, image.layouts.size(), "layout");
  const RemoteBufferDesc &b = image.remoteBuffers[c.buffer];
  const TensorLayout &l = image.layouts[c.layout];
  std::uint64_t rows = 1;
  if (c.hasOffset) {
    index(c.offsetLayout, image.layouts.size(), "layout");
    const TensorLayout &offset = image.layouts[c.offsetLayout];
    std::uint64_t offsetBytes = 0;
    for (const MemoryPiece &p : offset.pieces)
      offsetBytes += p.numBytes;
    if (offset.typeName != "unsigned int" || offset.elementBytes != 4)
      fail("the offset of a copy of remote buffer '" + b.handle + "' is " +
           offset.typeName + ", not unsigned int");
    rows = offsetBytes / 4;
  }
  std::uint64_t bytes = 0;
  for (const MemoryPiece &p : l.pieces)
    bytes += p.numBytes;
  if (b.typeName != l.typeName ||
      bytes != rows * b.numElements * b.elementBytes)
    fail("a copy of " + std::to_string(rows) + " row(s) of remote buffer '" +
         b.handle + "' (" + std::to_string(b.numElements) + " " + b.typeName +
         " per row) and a tensor of " + std::to_string(bytes) + " bytes of " +
         l.typeName + " does not match the buffer");
}

void Validator::hostFunctions() const {
  for (const HostFunctionDesc &f : image.hostFunctions)
    for (const auto *args : {&f.inputs, &f.outputs})
      for (const HostArgumentDesc &a : *args) {
        elementType(a.typeName, a.elementBytes,
                    "an argument of host function '" + f.handle + "'");
        if (a.numElements == 0)
          fail("an argument of host function '" + f.handle +
               "' has no elements");
      }
}

void Validator::hostCall(const ControlNode &n) const {
  index(n.index, image.hostCalls.size(), "host function call");
  const HostCallDesc &c = image.hostCalls[n.index];
  index(c.function, image.hostFunctions.size(), "host function");
  const HostFunctionDesc &f = image.hostFunctions[c.function];
  if (c.inputLayouts.size() != f.inputs.size() ||
      c.outputLayouts.size() != f.outputs.size())
    fail("a call of host function '" + f.handle + "' passes " +
         std::to_string(c.inputLayouts.size()) + " input(s) and " +
         std::to_string(c.outputLayouts.size()) +
         " output(s) but the function has " + std::to_string(f.inputs.size()) +
         " and " + std::to_string(f.outputs.size()));
  auto check = [&](const std::vector<std::uint32_t> &layouts,
                   const std::vector<HostArgumentDesc> &args) {
    for (std::size_t i = 0; i < layouts.size(); ++i) {
      index(layouts[i], image.layouts.size(), "layout");
      const TensorLayout &l = image.layouts[layouts[i]];
      std::uint64_t bytes = 0;
      for (const MemoryPiece &p : l.pieces)
        bytes += p.numBytes;
      if (l.typeName != args[i].typeName ||
          bytes != args[i].numElements * args[i].elementBytes)
        fail("argument " + std::to_string(i) + " of a call of host function '" +
             f.handle + "' is " + std::to_string(bytes) + " bytes of " +
             l.typeName + " but the function declares " +
             std::to_string(args[i].numElements) + " " + args[i].typeName);
    }
  };
  check(c.inputLayouts, f.inputs);
  check(c.outputLayouts, f.outputs);
}

void Validator::node(const ControlNode &n) const {
  for (std::uint32_t c : n.children)
    index(c, image.nodes.size(), "control node");
  auto children = [&](std::size_t k) {
    if (n.children.size() != k)
      fail("a control node has " + std::to_string(n.children.size()) +
           " children where " + std::to_string(k) + " are needed");
  };
  switch (n.kind) {
  case NodeKind::Sequence:
  case NodeKind::Sync:
  case NodeKind::Abort:
    break;
  case NodeKind::Exchange:
    index(n.index, image.exchanges.size(), "exchange");
    break;
  case NodeKind::StreamToDevice:
  case NodeKind::StreamFromDevice:
    streamCopy(n);
    break;
  case NodeKind::Print:
    index(n.index, image.prints.size(), "print");
    break;
  case NodeKind::RemoteBufferToDevice:
  case NodeKind::RemoteBufferFromDevice:
    remoteBufferCopy(n);
    break;
  case NodeKind::HostFunctionCall:
    hostCall(n);
    break;
  case NodeKind::Repeat:
  case NodeKind::Loop:
    children(1);
    break;
  case NodeKind::RepeatWhileTrue:
  case NodeKind::RepeatWhileFalse:
  case NodeKind::If:
    children(2);
    scalarLayout(n.layout);
    break;
  case NodeKind::Switch:
    children(n.caseValues.size() + 1);
    scalarLayout(n.layout);
    break;
  case NodeKind::Call:
    index(n.index, image.functions.size(), "function");
    break;
  case NodeKind::AbortOnCondition:
    scalarLayout(n.layout);
    break;
  case NodeKind::ErrorWithTensor:
    index(n.layout, image.layouts.size(), "layout");
    break;
  case NodeKind::Execute:
    index(n.index, image.computeSets.size(), "compute set");
    if (n.count > 1)
      fail("an Execute node has " + std::to_string(n.count) +
           " flags; it has at most one");
    if (n.count == 1)
      scalarLayout(n.layout);
    break;
  }
}

/// Depth-first over children and calls; a node met again while still on the
/// path closes a cycle, which would make the runtime recurse forever.
void Validator::acyclic() const {
  enum class Mark : std::uint8_t { New, OnPath, Done };
  std::vector<Mark> mark(image.nodes.size(), Mark::New);
  auto successors = [&](std::uint32_t i) {
    std::vector<std::uint32_t> next = image.nodes[i].children;
    if (image.nodes[i].kind == NodeKind::Call)
      next.push_back(image.functions[image.nodes[i].index]);
    return next;
  };
  for (std::uint32_t root = 0; root < image.nodes.size(); ++root) {
    if (mark[root] != Mark::New)
      continue;
    // Each frame: a node and how many of its successors have been entered.
    std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>> stack;
    std::vector<std::size_t> entered;
    mark[root] = Mark::OnPath;
    stack.push_back({root, successors(root)});
    entered.push_back(0);
    while (!stack.empty()) {
      auto &[at, next] = stack.back();
      if (entered.back() == next.size()) {
        mark[at] = Mark::Done;
        stack.pop_back();
        entered.pop_back();
        continue;
      }
      std::uint32_t child = next[entered.back()++];
      if (mark[child] == Mark::OnPath)
        fail("control node " + std::to_string(child) +
             " is reached again from inside itself (a cycle of children or "
             "calls)");
      if (mark[child] == Mark::Done)
        continue;
      mark[child] = Mark::OnPath;
      stack.push_back({child, successors(child)});
      entered.push_back(0);
    }
  }
}

void Validator::codelets() const {
  for (const CodeletDesc &c : image.codelets) {
    index(c.object, image.objects.size(), "codelet object");
    if (c.base > 2)
      fail("codelet '" + c.name + "' has the unknown vertex base " +
           std::to_string(c.base));
  }
  for (const ComputeSetDesc &cs : image.computeSets)
    for (std::size_t i = 0; i < cs.vertices.size(); ++i) {
      const VertexDesc &v = cs.vertices[i];
      index(v.codelet, image.codelets.size(), "codelet");
      // The state's first word must be on the tile; the codelet glue checks
      // the rest as it binds fields.
      span(v.tile, v.stateAddress, 4, "vertex state");
      if (v.stateAddress % 4)
        fail("vertex " + std::to_string(v.id) + " of compute set '" + cs.name +
             "' has its state at the unaligned address " +
             std::to_string(v.stateAddress));
      if (i && (cs.vertices[i - 1].tile > v.tile ||
                (cs.vertices[i - 1].tile == v.tile &&
                 cs.vertices[i - 1].id >= v.id)))
        fail("the vertices of compute set '" + cs.name +
             "' are not sorted by tile and id");
    }
}

void Validator::hostAccesses() const {
  std::set<std::pair<std::string, bool>> seen;
  for (const HostAccessDesc &h : image.hostAccesses) {
    index(h.layout, image.layouts.size(), "layout");
    if (!seen.insert({h.handle, h.isWrite}).second)
      fail("host handle '" + h.handle + "' has two " +
           (h.isWrite ? "writes" : "reads"));
  }
}

void Validator::run() {
  for (const InitialData &d : image.initialMemory)
    span(d.tile, d.address, d.bytes.size(), "initial data");
  for (const TensorLayout &l : image.layouts)
    layout(l);
  for (const ExchangeStep &s : image.exchanges)
    for (const Transfer &t : s.transfers) {
      span(t.srcTile, t.srcAddress, t.numBytes, "a transfer source");
      span(t.dstTile, t.dstAddress, t.numBytes, "a transfer destination");
    }
  for (const StreamDesc &s : image.streams)
    elementType(s.typeName, s.elementBytes, "stream '" + s.handle + "'");
  for (const RemoteBufferDesc &b : image.remoteBuffers) {
    elementType(b.typeName, b.elementBytes, "remote buffer '" + b.handle + "'");
    if (b.numElements == 0 || b.repeats == 0)
      fail("remote buffer '" + b.handle + "' has no elements or no repeats");
  }
  hostAccesses();
  hostFunctions();
  for (const PrintDesc &p : image.prints)
    index(p.layout, image.layouts.size(), "layout");
  for (std::uint32_t p : image.programs)
    index(p, image.nodes.size(), "program root");
  for (std::uint32_t f : image.functions)
    index(f, image.nodes.size(), "function root");
  for (const ControlNode &n : image.nodes)
    node(n);
  acyclic();
  codelets();
  for (const VariablePlacement &p : image.placements)
    span(p.tile, p.address, p.numBytes, "the placement of a variable");
}

} // namespace

void validate(const ExecutableImage &image) { Validator(image).run(); }

} // namespace tessel::exe
