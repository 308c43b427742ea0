// poputil::poplibs_error: what poplibs functions throw for bad arguments
// (shapes that do not fit, unsupported types, out-of-range dimensions).
// It is a poplar_error, so one catch of poplar::poplar_error sees every
// SDK error, and a std::runtime_error, as Graphcore's is.
#ifndef POPUTIL_EXCEPTIONS_HPP
#define POPUTIL_EXCEPTIONS_HPP

#include <poplar/exceptions.hpp>

#include <string>

namespace poputil {

struct poplibs_error : poplar::poplar_error {
  explicit poplibs_error(const std::string &s)
      : poplar::poplar_error(s, "poplibs_error") {}
  explicit poplibs_error(const char *s) : poplibs_error(std::string(s)) {}
};

} // namespace poputil

#endif
