// Builds ExecutableImages by hand, so runtime tests need no compiler: tensors
// at chosen tiles and addresses, exchange steps, streams, host handles,
// prints, codelets, compute sets and control trees.
#ifndef TESSEL_TESTS_UNIT_RUNTIME_IMAGEBUILDER_HPP
#define TESSEL_TESTS_UNIT_RUNTIME_IMAGEBUILDER_HPP

#include "compiler/codegen/ExecutableImage.hpp"
#include "compiler/core/TypeTable.hpp"

#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>
#include <tessel/internal/CodeletABI.hpp>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace runtime_test {

using tessel::exe::ControlNode;
using tessel::exe::NodeKind;
using tessel::exe::Transfer;

/// An IPUModel device with `tiles` tiles of the given architecture.
inline poplar::Device modelDevice(unsigned tiles = 4,
                                  const char *arch = "ipu2") {
  poplar::IPUModel model(arch);
  model.tilesPerIPU = tiles;
  return model.createDevice();
}

class ImageBuilder {
public:
  explicit ImageBuilder(const poplar::Target &target) {
    image.target = target;
    image.tileBytesUsed.assign(target.getNumTiles(), 0);
  }

  /// A tensor of `type` and `shape` made of `pieces` (in row-major order).
  std::uint32_t layout(const std::string &name, const poplar::Type &type,
                       std::vector<std::uint64_t> shape,
                       std::vector<tessel::exe::MemoryPiece> pieces) {
    tessel::exe::TensorLayout l;
    l.typeName = type.toString();
    l.elementBytes = tessel::typeInfo(type).size;
    l.shape = std::move(shape);
    l.pieces = std::move(pieces);
    l.debugName = name;
    for (const auto &p : l.pieces) {
      image.placements.push_back({name, p.tile, p.address, p.numBytes});
      auto &used = image.tileBytesUsed[p.tile];
      used = std::max(used, p.address + p.numBytes);
    }
    image.layouts.push_back(std::move(l));
    return std::uint32_t(image.layouts.size() - 1);
  }

  /// A tensor held in one piece at `address` of `tile`.
  std::uint32_t tensor(const std::string &name, const poplar::Type &type,
                       std::vector<std::uint64_t> shape, std::uint32_t tile,
                       std::uint32_t address) {
    std::uint64_t n = 1;
    for (std::uint64_t d : shape)
      n *= d;
    auto bytes = std::uint32_t(n * tessel::typeInfo(type).size);
    return layout(name, type, std::move(shape), {{tile, address, bytes}});
  }

  template <class T>
  void initial(std::uint32_t tile, std::uint32_t address,
               const std::vector<T> &values) {
    std::vector<std::uint8_t> bytes(values.size() * sizeof(T));
    std::memcpy(bytes.data(), values.data(), bytes.size());
    image.initialMemory.push_back({tile, address, std::move(bytes)});
  }

  void hostWrite(const std::string &handle, std::uint32_t layout) {
    image.hostAccesses.push_back({handle, true, layout});
  }
  void hostRead(const std::string &handle, std::uint32_t layout) {
    image.hostAccesses.push_back({handle, false, layout});
  }

  std::uint32_t stream(const std::string &handle, const poplar::Type &type,
                       std::uint64_t numElements, bool toDevice) {
    image.streams.push_back({handle, type.toString(),
                             tessel::typeInfo(type).size, numElements,
                             toDevice});
    return std::uint32_t(image.streams.size() - 1);
  }

  std::uint32_t node(ControlNode n) {
    image.nodes.push_back(std::move(n));
    return std::uint32_t(image.nodes.size() - 1);
  }
  std::uint32_t sequence(std::vector<std::uint32_t> children) {
    ControlNode n;
    n.kind = NodeKind::Sequence;
    n.children = std::move(children);
    return node(std::move(n));
  }
  std::uint32_t exchange(std::vector<Transfer> transfers,
                         bool overlap = false) {
    image.exchanges.push_back({std::move(transfers), overlap, "step"});
    ControlNode n;
    n.kind = NodeKind::Exchange;
    n.index = std::uint32_t(image.exchanges.size() - 1);
    return node(std::move(n));
  }
  std::uint32_t streamCopy(std::uint32_t stream, std::uint32_t layout) {
    ControlNode n;
    n.kind = image.streams[stream].toDevice ? NodeKind::StreamToDevice
                                            : NodeKind::StreamFromDevice;
    n.index = stream;
    n.layout = layout;
    return node(std::move(n));
  }
  std::uint32_t print(const std::string &title, std::uint32_t layout,
                      poplar::program::PrintTensorFmt fmt = {}) {
    image.prints.push_back({title, layout, fmt});
    ControlNode n;
    n.kind = NodeKind::Print;
    n.index = std::uint32_t(image.prints.size() - 1);
    return node(std::move(n));
  }
  /// A node with a predicate (or control) tensor and children.
  std::uint32_t control(NodeKind kind, std::uint32_t layout,
                        std::vector<std::uint32_t> children,
                        std::string text = "") {
    ControlNode n;
    n.kind = kind;
    n.layout = layout;
    n.children = std::move(children);
    n.text = std::move(text);
    return node(std::move(n));
  }
  std::uint32_t counted(NodeKind kind, std::uint64_t count,
                        std::vector<std::uint32_t> children = {}) {
    ControlNode n;
    n.kind = kind;
    n.count = count;
    n.children = std::move(children);
    return node(std::move(n));
  }

  std::uint32_t object(tessel::exe::NativeObject o) {
    image.objects.push_back(std::move(o));
    return std::uint32_t(image.objects.size() - 1);
  }
  std::uint32_t codelet(const std::string &name, std::uint32_t object,
                        tessel::abi::VertexBase base, bool returnsBool) {
    image.codelets.push_back(
        {name, object, std::uint8_t(base), returnsBool, false, {}});
    return std::uint32_t(image.codelets.size() - 1);
  }
  /// A compute set; `vertices` must be sorted by tile, then id.
  std::uint32_t computeSet(const std::string &name,
                           std::vector<tessel::exe::VertexDesc> vertices) {
    image.computeSets.push_back({name, std::move(vertices)});
    return std::uint32_t(image.computeSets.size() - 1);
  }
  /// Execute of `computeSet`, setting `flag` (a layout) if given.
  std::uint32_t execute(std::uint32_t computeSet, int flag = -1) {
    ControlNode n;
    n.kind = NodeKind::Execute;
    n.index = computeSet;
    n.count = flag >= 0 ? 1 : 0;
    n.layout = flag >= 0 ? std::uint32_t(flag) : 0;
    return node(std::move(n));
  }

  void program(std::uint32_t root) { image.programs.push_back(root); }
  std::uint32_t function(std::uint32_t root) {
    image.functions.push_back(root);
    return std::uint32_t(image.functions.size() - 1);
  }

  poplar::Executable executable() const {
    tessel::exe::validate(image);
    return tessel::ExecutableAccess::make(image);
  }
  poplar::Engine engine(const poplar::OptionFlags &options = {}) const {
    return poplar::Engine(executable(), options);
  }

  tessel::exe::ExecutableImage image;
};

/// The bytes of `values`, as a device holds them.
template <class T> std::vector<std::uint8_t> bytesOf(std::vector<T> values) {
  std::vector<std::uint8_t> b(values.size() * sizeof(T));
  std::memcpy(b.data(), values.data(), b.size());
  return b;
}

} // namespace runtime_test

#endif
