// popops::pad: one dimension at a time, the tensor is first truncated where
// the padding is negative, then concatenated with the padding: a broadcast
// constant (constant padding) or views of its own edge elements (edge and
// reflect padding). No program runs; the result is a view.
#include <popops/Pad.hpp>

#include "OperationPlacement.hpp"

#include <poputil/Broadcast.hpp>
#include <poputil/exceptions.hpp>

#include <functional>
#include <string>

using namespace poplar;

namespace popops {

namespace {

enum class Side { Lower, Upper };

/// The padding of `count` elements on `side` of dimension `dim` of `t`.
using PaddingMaker = std::function<Tensor(const Tensor &t, unsigned dim,
                                          Side side, std::size_t count)>;

std::string sideName(Side side) {
  return side == Side::Lower ? "lower" : "upper";
}

std::string paddingText(std::ptrdiff_t lower, std::ptrdiff_t upper,
                        unsigned dim) {
  return "padding (" + std::to_string(lower) + ", " + std::to_string(upper) +
         ") of dimension " + std::to_string(dim);
}

/// `t` with dimension `dim` truncated or padded on both sides.
Tensor padDimension(const Tensor &t, std::ptrdiff_t lower, std::ptrdiff_t upper,
                    unsigned dim, const PaddingMaker &makePadding,
                    const std::string &name) {
  if (dim >= t.rank())
    throw poputil::poplibs_error(name + ": cannot pad dimension " +
                                 std::to_string(dim) +
                                 " of a tensor of shape " + t.shapeToString());
  const std::ptrdiff_t size = std::ptrdiff_t(t.dim(dim));
  const std::ptrdiff_t cutLower = lower < 0 ? -lower : 0;
  const std::ptrdiff_t cutUpper = upper < 0 ? -upper : 0;
  if (cutLower + cutUpper > size)
    throw poputil::poplibs_error(
        name + ": " + paddingText(lower, upper, dim) + " removes " +
        std::to_string(cutLower + cutUpper) + " elements, but the tensor of " +
        "shape " + t.shapeToString() + " has only " + std::to_string(size));
  Tensor result =
      t.slice(std::size_t(cutLower), std::size_t(size - cutUpper), dim);
  std::vector<Tensor> pieces;
  if (lower > 0)
    pieces.push_back(makePadding(result, dim, Side::Lower, std::size_t(lower)));
  pieces.push_back(result);
  if (upper > 0)
    pieces.push_back(makePadding(result, dim, Side::Upper, std::size_t(upper)));
  return pieces.size() == 1 ? result : concat(pieces, dim);
}

Tensor padDimensions(const Tensor &t, const std::vector<std::ptrdiff_t> &lower,
                     const std::vector<std::ptrdiff_t> &upper,
                     const PaddingMaker &makePadding, const std::string &name) {
  if (lower.size() != t.rank() || upper.size() != t.rank())
    throw poputil::poplibs_error(
        name + ": a tensor of shape " + t.shapeToString() + " needs " +
        std::to_string(t.rank()) + " lower and upper paddings, not " +
        std::to_string(lower.size()) + " and " + std::to_string(upper.size()));
  Tensor result = t;
  for (unsigned d = 0; d < t.rank(); ++d)
    result = padDimension(result, lower[d], upper[d], d, makePadding, name);
  return result;
}

/// The shape of the padding of `count` elements of dimension `dim` of `t`.
std::vector<std::size_t> paddingShape(const Tensor &t, unsigned dim,
                                      std::size_t count) {
  std::vector<std::size_t> shape = t.shape();
  shape[dim] = count;
  return shape;
}

/// `t`'s elements next to `side` of dimension `dim`, as a slice of size 1.
Tensor edgeOf(const Tensor &t, unsigned dim, Side side) {
  const std::size_t size = t.dim(dim);
  return side == Side::Lower ? t.slice(0, 1, dim)
                             : t.slice(size - 1, size, dim);
}

/// `value` (shape all ones, rank of `shape`) repeated to `shape`.
Tensor broadcastTo(Tensor value, const std::vector<std::size_t> &shape) {
  poputil::broadcastToMatch(value, shape);
  return value;
}

bool hasNoElements(const std::vector<std::size_t> &shape) {
  for (std::size_t n : shape)
    if (n == 0)
      return true;
  return false;
}

/// Constant padding: a constant made by `makeConstant(shape)`, mapped by
/// `method`, broadcast to the padding's shape.
PaddingMaker
constantPadding(Graph &graph,
                std::function<Tensor(const std::vector<std::size_t> &)> make,
                padding::MappingMethod method, const std::string &name) {
  return [&graph, make, method, name](const Tensor &t, unsigned dim, Side side,
                                      std::size_t count) {
    const std::vector<std::size_t> shape = paddingShape(t, dim, count);
    if (hasNoElements(shape)) // t has no elements either
      return t.flatten().slice(0, 0).reshape(shape);
    if (method != padding::MappingMethod::EDGE) {
      Tensor value = make(std::vector<std::size_t>(shape.size(), 1));
      if (method == padding::MappingMethod::ZERO)
        graph.setTileMapping(value, 0);
      return broadcastTo(value, shape);
    }
    if (t.dim(dim) == 0)
      throw poputil::poplibs_error(
          name +
          ": MappingMethod::EDGE maps padding like the tensor's edge, "
          "but dimension " +
          std::to_string(dim) + " of the tensor of shape " + t.shapeToString() +
          " is empty; use MappingMethod::ZERO");
    const Tensor edge = edgeOf(t, dim, side);
    bool complete = true;
    const Graph::TileToTensorMapping mapping =
        graph.getTileMapping(edge, &complete);
    if (!complete)
      throw poputil::poplibs_error(
          name +
          ": MappingMethod::EDGE maps padding like the tensor's edge, "
          "but the " +
          sideName(side) + " edge of dimension " + std::to_string(dim) +
          " is not completely mapped; map the tensor first or use "
          "MappingMethod::ZERO");
    Tensor value = make(edge.shape());
    graph.setTileMapping(value, mapping);
    return value.broadcast(unsigned(count), dim);
  };
}

template <typename T>
PaddingMaker constantOf(Graph &graph, const Type &type, T value,
                        padding::MappingMethod method,
                        const std::string &name) {
  return constantPadding(
      graph,
      [&graph, type, value](const std::vector<std::size_t> &shape) {
        return graph.addConstant(type, shape, value, "padding");
      },
      method, name);
}

PaddingMaker tensorValue(const Tensor &t, const Tensor &val,
                         const std::string &name) {
  if (val.numElements() != 1 || val.elementType() != t.elementType())
    throw poputil::poplibs_error(
        name + ": the padding value must be one element of the tensor's type " +
        t.elementType().toString() + ", but it has shape " +
        val.shapeToString() + " and type " + val.elementType().toString());
  const Tensor value = val.flatten();
  return [value](const Tensor &padded, unsigned dim, Side, std::size_t count) {
    const std::vector<std::size_t> shape = paddingShape(padded, dim, count);
    if (hasNoElements(shape))
      return padded.flatten().slice(0, 0).reshape(shape);
    return broadcastTo(value.reshape(std::vector<std::size_t>(shape.size(), 1)),
                       shape);
  };
}

PaddingMaker repeatingPadding(padding::Type type, const std::string &name) {
  return [type, name](const Tensor &t, unsigned dim, Side side,
                      std::size_t count) {
    const std::size_t size = t.dim(dim);
    if (type == padding::Type::EDGE) {
      if (size == 0)
        throw poputil::poplibs_error(
            name + ": edge padding of dimension " + std::to_string(dim) +
            " needs an element to repeat, but the tensor's shape is " +
            t.shapeToString());
      return edgeOf(t, dim, side).broadcast(unsigned(count), dim);
    }
    if (count >= size)
      throw poputil::poplibs_error(
          name + ": reflect padding of " + std::to_string(count) +
          " elements on the " + sideName(side) + " side of dimension " +
          std::to_string(dim) + " needs more than " + std::to_string(count) +
          " elements, but the tensor's shape is " + t.shapeToString());
    const Tensor mirrored = side == Side::Lower
                                ? t.slice(1, count + 1, dim)
                                : t.slice(size - 1 - count, size - 1, dim);
    return mirrored.reverse(dim);
  };
}

const char *const kPad = "popops::pad";

} // namespace

Tensor pad(Graph &graph, const Tensor &t,
           const std::vector<std::ptrdiff_t> &paddingLower,
           const std::vector<std::ptrdiff_t> &paddingUpper, float val,
           padding::MappingMethod mappingMethod) {
  return padDimensions(
      t, paddingLower, paddingUpper,
      constantOf(graph, t.elementType(), val, mappingMethod, kPad), kPad);
}

Tensor pad(Graph &graph, const Tensor &t,
           const std::vector<std::ptrdiff_t> &paddingLower,
           const std::vector<std::ptrdiff_t> &paddingUpper, int val,
           padding::MappingMethod mappingMethod) {
  return padDimensions(
      t, paddingLower, paddingUpper,
      constantOf(graph, t.elementType(), val, mappingMethod, kPad), kPad);
}

Tensor pad(Graph &, const Tensor &t,
           const std::vector<std::ptrdiff_t> &paddingLower,
           const std::vector<std::ptrdiff_t> &paddingUpper, const Tensor &val,
           padding::MappingMethod) {
  return padDimensions(t, paddingLower, paddingUpper, tensorValue(t, val, kPad),
                       kPad);
}

Tensor pad(Graph &graph, const Tensor &t, std::ptrdiff_t paddingLower,
           std::ptrdiff_t paddingUpper, unsigned dim, float val,
           padding::MappingMethod mappingMethod) {
  return padDimension(
      t, paddingLower, paddingUpper, dim,
      constantOf(graph, t.elementType(), val, mappingMethod, kPad), kPad);
}

Tensor pad(Graph &graph, const Tensor &t, std::ptrdiff_t paddingLower,
           std::ptrdiff_t paddingUpper, unsigned dim, int val,
           padding::MappingMethod mappingMethod) {
  return padDimension(
      t, paddingLower, paddingUpper, dim,
      constantOf(graph, t.elementType(), val, mappingMethod, kPad), kPad);
}

Tensor pad(Graph &, const Tensor &t, std::ptrdiff_t paddingLower,
           std::ptrdiff_t paddingUpper, unsigned dim, const Tensor &val,
           padding::MappingMethod) {
  return padDimension(t, paddingLower, paddingUpper, dim,
                      tensorValue(t, val, kPad), kPad);
}

Tensor pad(const Tensor &t, const std::vector<std::ptrdiff_t> &paddingLower,
           const std::vector<std::ptrdiff_t> &paddingUpper,
           padding::Type type) {
  return padDimensions(t, paddingLower, paddingUpper,
                       repeatingPadding(type, kPad), kPad);
}

Tensor pad(const Tensor &t, std::ptrdiff_t paddingLower,
           std::ptrdiff_t paddingUpper, unsigned dim, padding::Type type) {
  return padDimension(t, paddingLower, paddingUpper, dim,
                      repeatingPadding(type, kPad), kPad);
}

} // namespace popops
