// Source positions of graph objects: names are interned by content, once per
// process, so equal names share an index whatever their storage; invalid
// locations record nothing; programs record where they were constructed.
#include "compiler/graph/SourceLocations.hpp"
#include "compiler/graph/ProgramTree.hpp"

#include <poplar/Program.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

using namespace tessel;

TEST_CASE("Source names are interned by content", "[graph][locations]") {
  std::string file = "interned/model.cpp";
  std::string copy = file; // other storage, same text
  SourceLoc a = recordSourceLoc(poplar::SourceLocation("f", file.c_str(), 3));
  SourceLoc b = recordSourceLoc(poplar::SourceLocation("f", copy.c_str(), 9));
  REQUIRE(a.valid());
  CHECK(a.file == b.file);
  CHECK(a.function == b.function);
  CHECK(a.line == 3);
  CHECK(b.line == 9);
  CHECK(sourceName(a.file) == "interned/model.cpp");
  CHECK(sourceName(a.function) == "f");
  // The table keeps its own copy: the caller's storage may go away.
  file.assign(file.size(), 'x');
  CHECK(sourceName(a.file) == "interned/model.cpp");
  SourceLoc other =
      recordSourceLoc(poplar::SourceLocation("f", "interned/other.cpp", 1));
  CHECK(other.file != a.file);
}

TEST_CASE("Invalid locations and locations without a file record nothing",
          "[graph][locations]") {
  CHECK_FALSE(recordSourceLoc(poplar::SourceLocation()).valid());
  CHECK_FALSE(recordSourceLoc(poplar::SourceLocation("f", "", 4)).valid());
  CHECK_FALSE(recordSourceLoc(poplar::SourceLocation("f", nullptr, 4)).valid());
  CHECK(sourceName(0).empty());
  // No function name: the position alone.
  SourceLoc noFunction =
      recordSourceLoc(poplar::SourceLocation("", "interned/nofn.cpp", 2));
  CHECK(noFunction.valid());
  CHECK(noFunction.function == 0);
}

TEST_CASE("Threads interning the same names get the same indices",
          "[graph][locations]") {
  std::vector<SourceLoc> seen(8);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t)
    threads.emplace_back([&seen, t] {
      for (int i = 0; i < 100; ++i)
        seen[t] = recordSourceLoc(poplar::SourceLocation(
            "worker", ("interned/thread" + std::to_string(i) + ".cpp").c_str(),
            unsigned(i)));
    });
  for (std::thread &thread : threads)
    thread.join();
  for (const SourceLoc &loc : seen) {
    CHECK(loc.file == seen.front().file);
    CHECK(sourceName(loc.file) == "interned/thread99.cpp");
  }
}

TEST_CASE("Program nodes record the caller's position", "[graph][locations]") {
  const unsigned line = __LINE__ + 1;
  poplar::program::Abort abort("stop");
  const SourceLoc &loc = ProgramAccess::node(abort)->source;
  REQUIRE(loc.valid());
  CHECK(sourceName(loc.file) == __FILE__);
  CHECK(loc.line == line);
}
