// Debug contexts: every form Poplar code passes converts, names nest into
// paths, DebugInfo ids are unique, and source locations name the caller.
#include <poplar/DebugContext.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace poplar;

namespace {
std::string pathOf(const DebugContext &dc = {}) { return dc.getPathName(); }
unsigned lineOf(const DebugContext &dc) {
  return dc.getLocation().getLineNumber();
}
} // namespace

TEST_CASE("DebugContexts convert from names and parents", "[core][debug]") {
  CHECK(pathOf() == "");
  CHECK(pathOf("a") == "a");
  CHECK(pathOf(std::string("b")) == "b");
  DebugContext layer("layer");
  CHECK(pathOf({layer, "matmul"}) == "layer/matmul");
  DebugContext child(layer, "x");
  CHECK(pathOf({child, "y"}) == "layer/x/y");
  CHECK(pathOf({child}) == "layer/x");
  CHECK(pathOf({DebugContext(), "top"}) == "top");
  DebugNameAndId named("n", 7, "p");
  CHECK(named.getPathName() == "p/n");
  CHECK(named.getId() == 7);
  CHECK(pathOf(named) == "p/n");
  CHECK(DebugContext(named).getId() == 7);
  CHECK(DebugNameAndId(DebugId(9)).getId() == 9);
  CHECK(DebugNameAndId(named, "m").getPathName() == "p/n/m");
  CHECK(DebugNameAndId(named, "m").getId() == 7);
}

TEST_CASE("DebugInfo records one call with a fresh id", "[core][debug]") {
  DebugContext dc("layer");
  DebugInfo first(dc, "popops::add");
  DebugInfo second(dc, "popops::add");
  CHECK(first.getId() != 0);
  CHECK(second.getId() > first.getId());
  CHECK(first.getPathName() == "layer");
  CHECK(first.getApi() == "popops::add");
  CHECK(pathOf({first, "out"}) == "layer/out");
  CHECK(DebugContext(first, "out").getId() == first.getId());
  CHECK(DebugNameAndId(first).getId() == first.getId());
  CHECK(DebugNameAndId(first, "t").getPathName() == "layer/t");
}

TEST_CASE("Source locations name the caller", "[core][debug]") {
  SourceLocation here = SourceLocation::Current();
  CHECK(here.isValid());
  CHECK(here.getLineNumber() == __LINE__ - 2);
  CHECK(std::string(here.getFileName()).find("DebugContextTest.cpp") !=
        std::string::npos);
  CHECK(std::string(here.getFunctionName()).size() > 0);
  CHECK_FALSE(SourceLocation().isValid());
  // A name passed to a function records the line of the call.
  unsigned expected = __LINE__ + 1;
  CHECK(lineOf("name") == expected);
  CHECK(lineOf(std::string("name")) == __LINE__);
}
