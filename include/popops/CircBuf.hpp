// popops::CircBuf: a circular buffer of tensors on the device. add()
// advances a device-side index and writes a tensor at it; prev(i) reads the
// tensor added i adds ago. Both are dynamic slices at that index.
#ifndef popops_CircBuf_hpp
#define popops_CircBuf_hpp

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>

#include <string>
#include <vector>

namespace popops {

class CircBuf {
public:
  /// A buffer of `size` tensors of `shape` and `dataType`, laid out so
  /// each tile reads and writes its own part of every entry.
  CircBuf(poplar::Graph &graph, const poplar::Type &dataType, unsigned size,
          const std::vector<std::size_t> &shape,
          const poplar::DebugContext &debugContext = {});

  /// The entry added `i` adds ago (0: the latest), read when `seq` runs;
  /// i must be less than size().
  poplar::Tensor prev(unsigned i, poplar::program::Sequence &seq,
                      const poplar::DebugContext &debugContext = {});

  /// Advances the index and writes `t` (of the buffer's shape) there.
  void add(poplar::Tensor t, poplar::program::Sequence &seq,
           const poplar::DebugContext &debugContext = {});

  /// The UNSIGNED_INT {1} tensor holding the latest entry's position.
  poplar::Tensor getIndex() const;

  /// The number of entries.
  unsigned size() const;

  /// Where prev() puts the tensors it returns.
  poplar::Graph::TileToTensorMapping getTileMapping();

private:
  poplar::Graph &graph;
  unsigned size_;
  poplar::Tensor index;
  std::vector<std::size_t> shape;
  poplar::Tensor hist;
};

} // namespace popops

#endif // popops_CircBuf_hpp
