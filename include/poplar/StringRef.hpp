// StringRef: a non-owning view of characters that converts to std::string.
#ifndef POPLAR_STRINGREF_HPP
#define POPLAR_STRINGREF_HPP

#include <poplar/ArrayRef.hpp>

#include <cstring>
#include <ostream>
#include <string>

namespace poplar {

class StringRef : public ArrayRef<char> {
public:
  StringRef() : ArrayRef<char>("", 0) {}
  StringRef(const std::string &s) : ArrayRef<char>(s.data(), s.size()) {}
  StringRef(const char *s) : ArrayRef<char>(s, std::strlen(s)) {}
  StringRef(const char *s, std::size_t n) : ArrayRef<char>(s, n) {}

  std::string cloneAsString() const { return std::string(data(), size()); }
  operator std::string() const { return cloneAsString(); }
};

inline bool operator==(StringRef a, StringRef b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size()) == 0;
}
inline bool operator!=(StringRef a, StringRef b) { return !(a == b); }
inline std::ostream &operator<<(std::ostream &os, StringRef s) {
  return os.write(s.data(), static_cast<std::streamsize>(s.size()));
}

} // namespace poplar

#endif
