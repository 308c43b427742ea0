// poputil::templateVertex: the name of a vertex class template's
// instantiation, spelt as popc names it ("popops::ScaledAdd<float,true>").
#ifndef POPUTIL_VERTEXTEMPLATES_HPP
#define POPUTIL_VERTEXTEMPLATES_HPP

#include <poplar/StringRef.hpp>
#include <poplar/Type.hpp>

#include <string>
#include <type_traits>
#include <utility>

namespace poputil {

/// How one template argument is spelt. Libraries specialise it for their
/// enums (spelt "Enum::VALUE", fully qualified, as popc spells them).
template <typename T> struct VertexTemplateToString {
  static std::string to_string(const T &value) { return std::to_string(value); }
};

template <> struct VertexTemplateToString<poplar::Type> {
  static std::string to_string(const poplar::Type &type) {
    return type.toString();
  }
};

template <> struct VertexTemplateToString<bool> {
  static std::string to_string(bool value) { return value ? "true" : "false"; }
};

template <> struct VertexTemplateToString<std::string> {
  static std::string to_string(const std::string &value) { return value; }
};

template <> struct VertexTemplateToString<poplar::StringRef> {
  static std::string to_string(const poplar::StringRef &value) {
    return std::string(value);
  }
};

template <> struct VertexTemplateToString<const char *> {
  static std::string to_string(const char *value) { return value; }
};

template <> struct VertexTemplateToString<char *> {
  static std::string to_string(const char *value) { return value; }
};

/// The argument list after the first `first` arguments: "<a,b,c>" when
/// `first`, ",b,c>" after it; "" for no arguments at all.
inline std::string templateVertexParams(bool first) { return first ? "" : ">"; }

template <typename T, typename... Args>
std::string templateVertexParams(bool first, const T &value, Args &&...args) {
  using Spelling = VertexTemplateToString<std::decay_t<T>>;
  return std::string(first ? "<" : ",") + Spelling::to_string(value) +
         templateVertexParams(false, std::forward<Args>(args)...);
}

/// `name` with its template arguments: templateVertex("popops::Cast",
/// FLOAT, HALF) is "popops::Cast<float,half>".
template <typename... Args>
std::string templateVertex(const std::string &name, Args &&...args) {
  return name + templateVertexParams(true, std::forward<Args>(args)...);
}

} // namespace poputil

#endif
