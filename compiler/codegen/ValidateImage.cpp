// Consistency checks on an ExecutableImage: every node, layout, stream and
// exchange index in range, every piece and transfer inside its tile's memory.
#include "compiler/codegen/ExecutableImage.hpp"

#include <poplar/exceptions.hpp>

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
           std::to_string(size));
  }
  void span(std::uint32_t tile, std::uint64_t address, std::uint64_t bytes,
            const char *what) const {
    if (tile >= numTiles || address + bytes > bytesPerTile)
      fail(std::string(what) + " at tile " + std::to_string(tile) +
           ", address " + std::to_string(address) + ", " +
           std::to_string(bytes) + " bytes is outside the tile memories");
  }
  void node(const ControlNode &n) const;

  const ExecutableImage &image;
  std::uint64_t numTiles, bytesPerTile;
};

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
    break;
  case NodeKind::Exchange:
    index(n.index, image.exchanges.size(), "exchange");
    break;
  case NodeKind::StreamToDevice:
  case NodeKind::StreamFromDevice:
    index(n.index, image.streams.size(), "stream");
    index(n.layout, image.layouts.size(), "layout");
    break;
  case NodeKind::Print:
    index(n.index, image.prints.size(), "print");
    break;
  case NodeKind::Repeat:
  case NodeKind::Loop:
    children(1);
    break;
  case NodeKind::RepeatWhileTrue:
  case NodeKind::RepeatWhileFalse:
  case NodeKind::If:
    children(2);
    index(n.layout, image.layouts.size(), "layout");
    break;
  case NodeKind::Switch:
    children(n.caseValues.size() + 1);
    index(n.layout, image.layouts.size(), "layout");
    break;
  case NodeKind::Call:
    index(n.index, image.functions.size(), "function");
    break;
  case NodeKind::AbortOnCondition:
  case NodeKind::ErrorWithTensor:
    index(n.layout, image.layouts.size(), "layout");
    break;
  case NodeKind::Sync:
  case NodeKind::Abort:
    break;
  }
}

void Validator::run() {
  for (const InitialData &d : image.initialMemory)
    span(d.tile, d.address, d.bytes.size(), "initial data");
  for (const TensorLayout &l : image.layouts) {
    std::uint64_t bytes = 0;
    for (const MemoryPiece &p : l.pieces) {
      span(p.tile, p.address, p.numBytes, "a tensor piece");
      bytes += p.numBytes;
    }
    std::uint64_t elements = 1;
    for (std::uint64_t d : l.shape)
      elements *= d;
    if (l.elementBytes == 0 || bytes != elements * l.elementBytes)
      fail("layout '" + l.debugName + "' holds " + std::to_string(bytes) +
           " bytes for " + std::to_string(elements) + " elements");
  }
  for (const ExchangeStep &s : image.exchanges)
    for (const Transfer &t : s.transfers) {
      span(t.srcTile, t.srcAddress, t.numBytes, "a transfer source");
      span(t.dstTile, t.dstAddress, t.numBytes, "a transfer destination");
    }
  for (const HostAccessDesc &h : image.hostAccesses)
    index(h.layout, image.layouts.size(), "layout");
  for (const PrintDesc &p : image.prints)
    index(p.layout, image.layouts.size(), "layout");
  for (const ControlNode &n : image.nodes)
    node(n);
  for (std::uint32_t p : image.programs)
    index(p, image.nodes.size(), "program root");
  for (std::uint32_t f : image.functions)
    index(f, image.nodes.size(), "function root");
}

} // namespace

void validate(const ExecutableImage &image) { Validator(image).run(); }

} // namespace tessel::exe
