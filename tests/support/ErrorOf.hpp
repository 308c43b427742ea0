// errorOf<Error>(f): the message of the Error that f throws. The test fails
// when f throws nothing, another poplar error or a non-poplar exception, so
// an error path is proven by its type and its words.
#ifndef TESSEL_TESTS_SUPPORT_ERROROF_HPP
#define TESSEL_TESTS_SUPPORT_ERROROF_HPP

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <exception>
#include <string>

namespace tessel_test {

template <class Error, class F> std::string errorOf(F &&f) {
  try {
    f();
  } catch (const Error &e) {
    return e.what();
  } catch (const poplar::poplar_error &e) {
    FAIL("threw " << e.type << " instead: " << e.what());
  } catch (const std::exception &e) {
    FAIL("threw a non-poplar exception: " << e.what());
  }
  FAIL("threw nothing");
  return "";
}

} // namespace tessel_test

#endif
