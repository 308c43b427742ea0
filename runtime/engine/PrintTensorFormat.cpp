// PrintTensor rendering. First the shown elements are picked (all, or the
// edge items of each dimension when summarising), then the float notation is
// chosen from them as numpy does, then every shown element is formatted and
// padded to the widest, and finally the layout is written by rank.
#include "runtime/engine/PrintTensorFormat.hpp"

#include "compiler/core/Half.hpp"
#include "compiler/core/TypeTable.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace tessel {

namespace {

using Fmt = poplar::program::PrintTensorFmt;

/// Marks the "..." between the edge items of a summarised dimension.
constexpr std::uint64_t kEllipsis = UINT64_MAX;

template <class... Args> std::string printed(const char *format, Args... args) {
  int n = std::snprintf(nullptr, 0, format, args...);
  std::string s(std::size_t(std::max(n, 0)) + 1, '\0');
  std::snprintf(s.data(), s.size(), format, args...);
  s.resize(s.size() - 1);
  return s;
}

/// Formats single elements of one tensor, all in the notation chosen for it.
class ElementFormatter {
public:
  ElementFormatter(const poplar::Type &type,
                   const std::vector<std::uint8_t> &bytes, const Fmt &fmt)
      : type(type), info(typeInfo(type)), bytes(bytes), fmt(fmt) {
    if (!info.deviceSupported)
      throw poplar::type_error("PrintTensor cannot show elements of type " +
                               type.toString() + ", which tensors cannot have");
    isFloat = type == poplar::FLOAT || type == poplar::HALF;
    notation = initialNotation();
  }

  /// Chooses the notation of Auto floats from the elements that are shown.
  void analyse(const std::vector<std::uint64_t> &shown);
  std::string text(std::uint64_t i) const;
  /// Whether elements are padded to the widest one.
  bool aligned() const { return notation != Notation::Unaligned; }

private:
  enum class Notation {
    Integer,    // exact integer text
    Fixed,      // `digits` significant digits, fixed point
    Scientific, // `digits` significant digits, d.ddde+XX
    Decimals,   // FloatFormat::Fixed: `digits` digits after the point
    Unaligned,  // FloatFormat::None or digits == 0: each its own way
  };
  Notation initialNotation() const;
  double floatValue(std::uint64_t i) const;
  std::string integerText(std::uint64_t i) const;
  std::string fixedText(double v) const;
  std::string unalignedText(double v) const;

  const poplar::Type &type;
  const TypeInfo &info;
  const std::vector<std::uint8_t> &bytes;
  const Fmt &fmt;
  bool isFloat = false;
  Notation notation = Notation::Integer;
};

ElementFormatter::Notation ElementFormatter::initialNotation() const {
  if (!isFloat)
    return fmt.floatFormat == Fmt::None ? Notation::Unaligned
                                        : Notation::Integer;
  if (fmt.digits == 0)
    return Notation::Unaligned;
  switch (fmt.floatFormat) {
  case Fmt::Fixed:
    return Notation::Decimals;
  case Fmt::Scientific:
    return Notation::Scientific;
  case Fmt::None:
    return Notation::Unaligned;
  case Fmt::Auto:
    break;
  }
  return Notation::Fixed;
}

void ElementFormatter::analyse(const std::vector<std::uint64_t> &shown) {
  if (!isFloat || fmt.floatFormat != Fmt::Auto || fmt.digits == 0)
    return;
  // numpy's rule: scientific if the finite nonzero magnitudes reach 1e8,
  // go below 1e-4 or span more than three orders of magnitude.
  double most = 0, least = INFINITY;
  for (std::uint64_t i : shown) {
    double v = std::fabs(floatValue(i));
    if (std::isfinite(v) && v != 0) {
      most = std::max(most, v);
      least = std::min(least, v);
    }
  }
  if (most != 0 && (most >= 1e8 || least < 1e-4 || most / least > 1e3))
    notation = Notation::Scientific;
}

double ElementFormatter::floatValue(std::uint64_t i) const {
  if (type == poplar::HALF) {
    std::uint16_t bits;
    std::memcpy(&bits, &bytes[i * 2], 2);
    return halfToFloat(bits);
  }
  float f;
  std::memcpy(&f, &bytes[i * 4], 4);
  return f;
}

std::string ElementFormatter::integerText(std::uint64_t i) const {
  // Raw little-endian bits, then sign extension: exact for 64-bit values.
  std::uint64_t raw = 0;
  for (unsigned b = info.size; b-- > 0;)
    raw = (raw << 8) | bytes[i * info.size + b];
  if (type == poplar::BOOL)
    return raw ? "1" : "0";
  // Quarters need metadata to mean a number: show their raw bits.
  bool isSigned = info.isSigned && info.isInteger;
  if (!isSigned || info.size == 8)
    return isSigned ? std::to_string(std::int64_t(raw)) : std::to_string(raw);
  unsigned bits = 8 * info.size;
  std::int64_t value = std::int64_t(raw);
  if ((raw >> (bits - 1)) & 1)
    value -= std::int64_t(1) << bits;
  return std::to_string(value);
}

std::string ElementFormatter::fixedText(double v) const {
  // The exponent after rounding to `digits` significant digits decides how
  // many of them fall after the point.
  int significant = int(fmt.digits);
  std::string e = printed("%.*e", significant - 1, v);
  int exponent = std::atoi(e.c_str() + e.find('e') + 1);
  int decimals = std::max(0, significant - 1 - exponent);
  std::string s = printed("%.*f", decimals, v);
  if (decimals == 0)
    s += '.';
  return s;
}

std::string ElementFormatter::unalignedText(double v) const {
  if (fmt.digits != 0)
    return printed("%#.*g", int(fmt.digits), v);
  // The shortest text that reads back as the same float.
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, float(v));
  return std::string(buffer, result.ptr);
}

std::string ElementFormatter::text(std::uint64_t i) const {
  if (!isFloat)
    return integerText(i);
  double v = floatValue(i);
  if (std::isnan(v))
    return "nan";
  if (std::isinf(v))
    return v < 0 ? "-inf" : "inf";
  switch (notation) {
  case Notation::Fixed:
    return fixedText(v);
  case Notation::Scientific:
    return printed("%.*e", int(fmt.digits) - 1, v);
  case Notation::Decimals:
    return printed("%.*f", int(fmt.digits), v);
  case Notation::Unaligned:
  case Notation::Integer:
    break;
  }
  return unalignedText(v);
}

/// Lays out the formatted elements by rank.
class Renderer {
public:
  Renderer(const std::vector<std::uint64_t> &shape, const Fmt &fmt,
           ElementFormatter &elements)
      : shape(shape), fmt(fmt), elements(elements) {
    std::uint64_t count = 1;
    for (std::uint64_t d : shape)
      count *= d;
    summarise = fmt.summariseThreshold > 0 && count > fmt.summariseThreshold;
    strides.assign(shape.size(), 1);
    for (std::size_t d = shape.size(); d-- > 1;)
      strides[d - 1] = strides[d] * shape[d];
  }

  std::string render(std::size_t column);

private:
  std::vector<std::uint64_t> shownIndices(std::uint64_t size) const;
  void collectShown(std::size_t dim, std::uint64_t base,
                    std::vector<std::uint64_t> &out) const;
  std::string word(std::uint64_t flat) const;
  void row(std::uint64_t base, std::size_t column, std::string &out) const;
  void block(std::size_t dim, std::uint64_t base, std::size_t indent,
             std::string &out) const;

  const std::vector<std::uint64_t> &shape;
  const Fmt &fmt;
  ElementFormatter &elements;
  bool summarise = false;
  std::vector<std::uint64_t> strides;
  std::size_t width = 0;
};

std::vector<std::uint64_t> Renderer::shownIndices(std::uint64_t size) const {
  std::vector<std::uint64_t> shown;
  if (summarise && size > 2ull * fmt.edgeItems) {
    for (std::uint64_t i = 0; i < fmt.edgeItems; ++i)
      shown.push_back(i);
    shown.push_back(kEllipsis);
    for (std::uint64_t i = size - fmt.edgeItems; i < size; ++i)
      shown.push_back(i);
    return shown;
  }
  for (std::uint64_t i = 0; i < size; ++i)
    shown.push_back(i);
  return shown;
}

void Renderer::collectShown(std::size_t dim, std::uint64_t base,
                            std::vector<std::uint64_t> &out) const {
  if (dim == shape.size()) {
    out.push_back(base);
    return;
  }
  for (std::uint64_t i : shownIndices(shape[dim]))
    if (i != kEllipsis)
      collectShown(dim + 1, base + i * strides[dim], out);
}

std::string Renderer::word(std::uint64_t flat) const {
  std::string s = elements.text(flat);
  if (s.size() < width)
    s.insert(0, width - s.size(), ' ');
  return s;
}

/// The last dimension between brackets, wrapped before maxLineWidth: each
/// element but the last must fit with its separator, the last with the
/// closing bracket, and wrapped lines start under the first element.
void Renderer::row(std::uint64_t base, std::size_t column,
                   std::string &out) const {
  std::string separator(1, fmt.separator);
  std::string kept = fmt.separator == ' ' ? "" : separator;
  std::vector<std::uint64_t> shown = shownIndices(shape.back());
  std::string line(1, fmt.openBracket);
  std::size_t lineStart = column;
  for (std::size_t k = 0; k < shown.size(); ++k) {
    std::string w =
        shown[k] == kEllipsis ? "..." : word(base + shown[k] * strides.back());
    bool last = k + 1 == shown.size();
    std::size_t needed = w.size() + (last ? 1 : kept.size());
    if (k > 0) {
      if (fmt.maxLineWidth &&
          lineStart + line.size() + 1 + needed > fmt.maxLineWidth) {
        out += line + kept + "\n";
        line = std::string(column + 1, ' ');
        lineStart = 0;
      } else {
        line += separator;
      }
    }
    line += w;
  }
  out += line + fmt.closeBracket;
}

void Renderer::block(std::size_t dim, std::uint64_t base, std::size_t indent,
                     std::string &out) const {
  const std::string spaces(indent, ' ');
  for (std::uint64_t i : shownIndices(shape[dim])) {
    if (i == kEllipsis) {
      out += spaces + "...\n";
      continue;
    }
    std::uint64_t sub = base + i * strides[dim];
    if (dim + 2 == shape.size()) {
      out += spaces;
      row(sub, indent, out);
      out += "\n";
      continue;
    }
    out += spaces + fmt.openBracket + "\n";
    block(dim + 1, sub, indent + 2, out);
    out += spaces + fmt.closeBracket + "\n";
  }
}

std::string Renderer::render(std::size_t column) {
  for (std::uint64_t d : shape)
    if (d == 0)
      return std::string(1, fmt.openBracket) + fmt.closeBracket;
  std::vector<std::uint64_t> shown;
  collectShown(0, 0, shown);
  elements.analyse(shown);
  if (elements.aligned())
    for (std::uint64_t i : shown)
      width = std::max(width, elements.text(i).size());
  if (shape.empty())
    return elements.text(0);
  std::string out;
  if (shape.size() == 1) {
    row(0, column, out);
    return out;
  }
  out = std::string(1, fmt.openBracket) + "\n";
  block(0, 0, 2, out);
  return out + fmt.closeBracket;
}

} // namespace

std::string formatTensorValues(const poplar::Type &type,
                               const std::vector<std::uint64_t> &shape,
                               const std::vector<std::uint8_t> &bytes,
                               const Fmt &format, std::size_t column) {
  std::uint64_t count = 1;
  for (std::uint64_t d : shape)
    count *= d;
  const TypeInfo &info = typeInfo(type);
  if (bytes.size() != count * info.size)
    throw poplar::poplar_error("PrintTensor: " + std::to_string(bytes.size()) +
                               " bytes given for " + std::to_string(count) +
                               " " + type.toString() + " elements of " +
                               std::to_string(info.size) + " bytes");
  ElementFormatter elements(type, bytes, format);
  return Renderer(shape, format, elements).render(column);
}

std::string formatTensor(const std::string &title, const poplar::Type &type,
                         const std::vector<std::uint64_t> &shape,
                         const std::vector<std::uint8_t> &bytes,
                         const Fmt &format) {
  std::string prefix = title + ": ";
  return prefix +
         formatTensorValues(type, shape, bytes, format, prefix.size()) + "\n";
}

} // namespace tessel
