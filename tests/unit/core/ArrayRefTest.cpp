// ArrayRef, StringRef and Interval accept every form Poplar programs pass
// them and behave as views.
#include <poplar/ArrayRef.hpp>
#include <poplar/Interval.hpp>
#include <poplar/StringRef.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <sstream>
#include <type_traits>

using poplar::ArrayRef;
using poplar::Interval;
using poplar::StringRef;

namespace {
std::vector<std::size_t> copyOf(ArrayRef<std::size_t> a) {
  return a.cloneAsVector();
}
float sum(ArrayRef<float> a) {
  float s = 0;
  for (float f : a)
    s += f;
  return s;
}
std::string text(StringRef s) { return s; }
} // namespace

TEST_CASE("ArrayRef converts from braced lists", "[core][arrayref]") {
  CHECK(copyOf({4}) == std::vector<std::size_t>{4});
  CHECK(copyOf({}).empty());
  CHECK(copyOf({2, 3}) == std::vector<std::size_t>{2, 3});
  CHECK(sum({1.0, 1.5}) == 2.5f);
  ArrayRef<int> none = {};
  CHECK(none.empty());
  CHECK(none.size() == 0);
  CHECK(none.begin() == none.end());
  static_assert(!std::is_constructible_v<ArrayRef<int>, std::nullptr_t>,
                "ArrayRef(nullptr) must not compile");
}

TEST_CASE("ArrayRef views vectors, arrays and C arrays without copying",
          "[core][arrayref]") {
  std::vector<std::size_t> v{1, 2, 3};
  std::array<std::size_t, 2> a{7, 8};
  std::size_t c[4] = {1, 2, 3, 4};
  CHECK(ArrayRef<std::size_t>(v).data() == v.data());
  CHECK(ArrayRef<std::size_t>(a).data() == a.data());
  CHECK(ArrayRef<std::size_t>(c).data() == c);
  CHECK(copyOf(v) == v);
  CHECK(copyOf(a) == std::vector<std::size_t>{7, 8});
  CHECK(copyOf(c).size() == 4);
  ArrayRef<std::size_t> r(v.data() + 1, 2);
  CHECK(r.front() == 2);
  CHECK(r.back() == 3);
  CHECK(r[1] == 3);
  v[1] = 20; // a view sees changes to what it views
  CHECK(r.front() == 20);
}

TEST_CASE("ArrayRefs compare by elements", "[core][arrayref]") {
  std::vector<int> v{1, 2, 3};
  CHECK(ArrayRef<int>(v) == ArrayRef<int>({1, 2, 3}));
  CHECK(ArrayRef<int>(v) != ArrayRef<int>({1, 2}));
  CHECK(ArrayRef<int>(v) != ArrayRef<int>({1, 2, 4}));
}

TEST_CASE("StringRef views and converts strings", "[core][arrayref]") {
  std::string s = "handle";
  StringRef a(s), b("handle"), c("handle-x", 6), empty;
  CHECK(a.data() == s.data());
  CHECK(a == b);
  CHECK(b == c);
  CHECK(a != StringRef("handles"));
  CHECK(empty.size() == 0);
  CHECK(std::string(empty).empty());
  CHECK(std::string(a) == "handle");
  CHECK(a.cloneAsString() == s);
  CHECK(text("literal") == "literal");
  CHECK(text(s) == "handle");
  const char withNul[] = {'a', '\0', 'b'};
  CHECK(StringRef(withNul, 3).cloneAsString() == std::string(withNul, 3));
  std::ostringstream os;
  os << c;
  CHECK(os.str() == "handle");
}

TEST_CASE("Intervals are half-open, ordered and printable",
          "[core][interval]") {
  Interval i(2, 5);
  CHECK(i.begin() == 2);
  CHECK(i.end() == 5);
  CHECK(i.size() == 3);
  CHECK(Interval().size() == 0);
  CHECK(i == Interval(2, 5));
  CHECK(i != Interval(2, 6));
  CHECK(Interval(1, 9) < i);
  CHECK(Interval(2, 4) < i);
  CHECK(i > Interval(2, 4));
  CHECK(i <= Interval(2, 5));
  CHECK(i >= Interval(2, 5));
  CHECK_FALSE(i < i);
  std::ostringstream os;
  os << i << ' ' << poplar::GenericInterval<int>(-1, 3);
  CHECK(os.str() == "[2, 5) [-1, 3)");
}
