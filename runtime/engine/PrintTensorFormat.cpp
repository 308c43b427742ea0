// PrintTensor rendering. Elements are formatted first (only those shown when
// the tensor is summarised), padded to the widest, then laid out by rank.
#include "runtime/engine/PrintTensorFormat.hpp"

#include "compiler/core/TypeTable.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace tessel {

namespace {

using Fmt = poplar::program::PrintTensorFmt;

class Renderer {
public:
  Renderer(const poplar::Type &type, const std::vector<std::uint64_t> &shape,
           const std::vector<std::uint8_t> &bytes, const Fmt &fmt)
      : type(type), shape(shape), bytes(bytes), fmt(fmt) {
    std::uint64_t n = 1;
    for (std::uint64_t d : shape)
      n *= d;
    summarise = fmt.summariseThreshold > 0 && n > fmt.summariseThreshold;
    strides.assign(shape.size(), 1);
    for (std::size_t d = shape.size(); d-- > 1;)
      strides[d - 1] = strides[d] * shape[d];
    measure(0, 0);
  }

  std::string render(const std::string &title) {
    std::string prefix = title + ": ";
    if (shape.empty())
      return prefix + pad(element(0)) + "\n";
    std::string out;
    if (shape.size() == 1) {
      out = prefix;
      row(0, prefix.size(), out);
    } else {
      out = prefix + fmt.openBracket + "\n";
      block(0, 0, 2, out);
      out += fmt.closeBracket;
    }
    return out + "\n";
  }

private:
  /// Indices shown along a dimension of `size` (SIZE_MAX marks "...").
  std::vector<std::uint64_t> shown(std::uint64_t size) const {
    std::vector<std::uint64_t> idx;
    if (summarise && size > 2ull * fmt.edgeItems) {
      for (std::uint64_t i = 0; i < fmt.edgeItems; ++i)
        idx.push_back(i);
      idx.push_back(UINT64_MAX);
      for (std::uint64_t i = size - fmt.edgeItems; i < size; ++i)
        idx.push_back(i);
    } else {
      for (std::uint64_t i = 0; i < size; ++i)
        idx.push_back(i);
    }
    return idx;
  }

  std::string element(std::uint64_t flat) const {
    double v = deviceValueAsDouble(type, bytes.data(), flat);
    if (!type.isFloatingPoint()) {
      std::ostringstream os;
      os << std::fixed << std::setprecision(0) << v;
      return os.str();
    }
    if (std::isnan(v))
      return "nan";
    if (std::isinf(v))
      return v < 0 ? "-inf" : "inf";
    std::ostringstream os;
    switch (fmt.floatFormat) {
    case Fmt::Fixed:
      os << std::fixed << std::setprecision(int(fmt.digits)) << v;
      break;
    case Fmt::Scientific:
      os << std::scientific
         << std::setprecision(int(std::max(1u, fmt.digits) - 1)) << v;
      break;
    default:
      os << std::showpoint << std::setprecision(int(std::max(1u, fmt.digits)))
         << v;
      break;
    }
    return os.str();
  }

  /// Finds the widest element that will be printed.
  void measure(std::size_t dim, std::uint64_t base) {
    if (dim == shape.size()) {
      width = std::max(width, element(base).size());
      return;
    }
    for (std::uint64_t i : shown(shape[dim]))
      if (i != UINT64_MAX)
        measure(dim + 1, base + i * strides[dim]);
  }

  std::string pad(std::string s) const {
    if (fmt.floatFormat == Fmt::None || s.size() >= width)
      return s;
    return std::string(width - s.size(), ' ') + s;
  }

  /// The last dimension on one bracketed line, wrapped at maxLineWidth with
  /// continuation lines aligned after the bracket.
  void row(std::uint64_t base, std::size_t column, std::string &out) {
    out += fmt.openBracket;
    std::size_t lineLength = column + 1;
    const std::size_t indent = column + 1;
    bool first = true;
    for (std::uint64_t i : shown(shape.back())) {
      std::string word = i == UINT64_MAX ? "..." : pad(element(base + i));
      if (!first) {
        if (fmt.maxLineWidth &&
            lineLength + 1 + word.size() > fmt.maxLineWidth) {
          out += "\n" + std::string(indent, ' ');
          lineLength = indent;
        } else {
          out += fmt.separator;
          ++lineLength;
        }
      }
      out += word;
      lineLength += word.size();
      first = false;
    }
    out += fmt.closeBracket;
  }

  /// Dimensions dim.. of a rank >= 2 tensor, one sub-array per line.
  void block(std::size_t dim, std::uint64_t base, std::size_t indent,
             std::string &out) {
    for (std::uint64_t i : shown(shape[dim])) {
      std::string spaces(indent, ' ');
      if (i == UINT64_MAX) {
        out += spaces + "...\n";
        continue;
      }
      std::uint64_t sub = base + i * strides[dim];
      if (dim + 2 == shape.size()) {
        out += spaces;
        row(sub, indent, out);
        out += "\n";
      } else {
        out += spaces + fmt.openBracket + "\n";
        block(dim + 1, sub, indent + 2, out);
        out += spaces + fmt.closeBracket + "\n";
      }
    }
  }

  const poplar::Type &type;
  const std::vector<std::uint64_t> &shape;
  const std::vector<std::uint8_t> &bytes;
  const Fmt &fmt;
  bool summarise = false;
  std::vector<std::uint64_t> strides;
  std::size_t width = 0;
};

} // namespace

std::string formatTensor(const std::string &title, const poplar::Type &type,
                         const std::vector<std::uint64_t> &shape,
                         const std::vector<std::uint8_t> &bytes,
                         const poplar::program::PrintTensorFmt &format) {
  for (std::uint64_t d : shape)
    if (d == 0)
      return title + ": " + format.openBracket + format.closeBracket + "\n";
  return Renderer(type, shape, bytes, format).render(title);
}

} // namespace tessel
