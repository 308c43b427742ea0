// ArrayRef and StringRef accept every form Poplar programs pass them.
#include <poplar/ArrayRef.hpp>
#include <poplar/StringRef.hpp>

#include <catch2/catch.hpp>

using poplar::ArrayRef;

namespace {
std::size_t count(ArrayRef<std::size_t> a) { return a.size(); }
float sum(ArrayRef<float> a) {
  float s = 0;
  for (float f : a)
    s += f;
  return s;
}
} // namespace

TEST_CASE("ArrayRef converts from braced lists, vectors and arrays",
          "[core][arrayref]") {
  CHECK(count({4}) == 1);
  CHECK(count({}) == 0);
  CHECK(count({2, 3}) == 2);
  CHECK(sum({1.0, 1.5}) == 2.5f);
  std::vector<std::size_t> v{1, 2, 3};
  CHECK(count(v) == 3);
  std::array<std::size_t, 2> a{7, 8};
  CHECK(count(a) == 2);
  std::size_t c[4] = {1, 2, 3, 4};
  CHECK(count(c) == 4);
  ArrayRef<std::size_t> r(v);
  CHECK(r.front() == 1);
  CHECK(r[2] == 3);
  CHECK(r.cloneAsVector() == v);
  CHECK(ArrayRef<std::size_t>(v) == ArrayRef<std::size_t>({1, 2, 3}));
}

TEST_CASE("StringRef views and converts strings", "[core][arrayref]") {
  std::string s = "handle";
  poplar::StringRef a(s), b("handle"), c("handle-x", 6);
  CHECK(a == b);
  CHECK(b == c);
  CHECK(std::string(a) == "handle");
  CHECK(a.cloneAsString() == s);
}
