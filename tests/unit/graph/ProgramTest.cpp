// Programs are values: copies do not see later additions, and dumpProgram
// shows the tree.
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace poplar;
using namespace poplar::program;

TEST_CASE("Sequence::add copies on write", "[graph][program]") {
  Graph graph(Target::createIPUTarget(1, 2, "ipu2"));
  Tensor a = graph.addVariable(INT, {2}, "a");
  Tensor b = graph.addVariable(INT, {2}, "b");
  Sequence s;
  CHECK(s.isEmpty());
  s.add(Copy(a, b));
  Program snapshot = s;
  s.add(Copy(b, a));
  std::ostringstream before, after;
  dumpProgram(graph, snapshot, before);
  dumpProgram(graph, s, after);
  CHECK(before.str() == "Sequence\n  Copy 'a' (int {2}) -> 'b' (int {2})\n");
  CHECK(after.str() == "Sequence\n  Copy 'a' (int {2}) -> 'b' (int {2})\n"
                       "  Copy 'b' (int {2}) -> 'a' (int {2})\n");
  CHECK_FALSE(s.isEmpty());
}

TEST_CASE("The variadic Sequence form adds every program", "[graph][program]") {
  Graph graph(Target::createIPUTarget(1, 2, "ipu2"));
  Tensor p = graph.addVariable(BOOL, {}, "p");
  Sequence s(Sync(SyncType::INTERNAL), Repeat(2, Sequence{}),
             If(p, Sequence{}, Sequence{}));
  std::ostringstream out;
  dumpProgram(graph, s, out);
  CHECK(out.str() == "Sequence\n  Sync\n  Repeat x2\n    Sequence\n"
                     "  If 'p' (bool {})\n    Sequence\n    Sequence\n");
}
