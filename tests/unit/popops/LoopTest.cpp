// popops::countedLoop and countedForLoop run their body the right number of
// times with the right counter values on the device, and name bad counters.
#include "PopopsHarness.hpp"

#include <popops/Loop.hpp>
#include <poputil/exceptions.hpp>

#include <sstream>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using Catch::Matchers::Contains;

namespace {

// history = history * 31 + count + 1 records every counter value in order.
const char *const kRecorder = R"(
#include <poplar/Vertex.hpp>
using namespace poplar;
template <typename T> class RecordCount : public Vertex {
public:
  Input<T> count;
  InOut<unsigned> history;
  void compute() { *history = *history * 31u + unsigned(*count) + 1u; }
};
template class RecordCount<unsigned>;
template class RecordCount<int>;
)";

/// A body program that records `count` into `history`.
Program recordCount(TestGraph &g, const Tensor &count, const Tensor &history) {
  ComputeSet cs = g.graph.addComputeSet("record");
  VertexRef v = g.graph.addVertex(
      cs, poputil::templateVertex("RecordCount", count.elementType()));
  g.graph.connect(v["count"], count.reshape({}));
  g.graph.connect(v["history"], history);
  g.graph.setTileMapping(v, 1);
  return Execute(cs);
}

unsigned historyOf(std::vector<long> counts) {
  unsigned h = 0;
  for (long c : counts)
    h = h * 31u + unsigned(c) + 1u;
  return h;
}

} // namespace

TEST_CASE("countedLoop passes each counter value to its body in order",
          "[popops][loop]") {
  TestGraph g;
  std::stringstream source(kRecorder);
  g.graph.addCodelets(source);
  Tensor stepped = g.variable(UNSIGNED_INT, {}, "stepped");
  Tensor counted = g.variable(UNSIGNED_INT, {}, "counted");
  Tensor none = g.variable(UNSIGNED_INT, {}, "none");
  Sequence prog;
  prog.add(popops::countedLoop(
      g.graph, 3, 20, 4,
      [&](const Tensor &i) {
        CHECK(i.elementType() == UNSIGNED_INT);
        CHECK(i.shape() == std::vector<std::size_t>{1});
        return recordCount(g, i, stepped);
      },
      "stepped"));
  prog.add(popops::countedLoop(
      g.graph, 5, [&](const Tensor &i) { return recordCount(g, i, counted); }));
  prog.add(popops::countedLoop(g.graph, 7, 7, 1, [&](const Tensor &i) {
    return recordCount(g, i, none);
  }));
  Runner r(g);
  r.input("stepped", stepped, {0});
  r.input("counted", counted, {0});
  r.input("none", none, {0});
  r.output("stepped", stepped);
  r.output("counted", counted);
  r.output("none", none);
  r.run(prog);
  CHECK(r.read("stepped")[0] == historyOf({3, 7, 11, 15, 19}));
  CHECK(r.read("counted")[0] == historyOf({0, 1, 2, 3, 4}));
  CHECK(r.read("none")[0] == 0);
}

TEST_CASE("countedForLoop reads its limit on the device, for int and unsigned",
          "[popops][loop]") {
  for (const Type &type : {INT, UNSIGNED_INT}) {
    DYNAMIC_SECTION(type.toString()) {
      TestGraph g;
      std::stringstream source(kRecorder);
      g.graph.addCodelets(source);
      Tensor count = g.variable(type, {1}, "count");
      Tensor limit = g.variable(type, {}, "limit");
      Tensor history = g.variable(UNSIGNED_INT, {}, "history");
      Tensor passes = g.variable(UNSIGNED_INT, {}, "passes");
      Tensor never = g.variable(UNSIGNED_INT, {}, "never");
      Tensor one = g.graph.addConstant(UNSIGNED_INT, {}, 1u);
      g.graph.setTileMapping(one, 2);
      Sequence prog;
      prog.add(popops::countedForLoop(g.graph, count, 2, limit, 3,
                                      recordCount(g, count, history), "for"));
      // The counter-less form counting down: a history of ones counts the
      // passes. A loop that starts at its limit runs no pass.
      prog.add(popops::countedForLoop(g.graph, 20, limit, -2,
                                      recordCount(g, one, passes)));
      Tensor unused = g.variable(type, {}, "unused");
      prog.add(popops::countedForLoop(g.graph, unused, 14, limit, 1,
                                      recordCount(g, one, never)));
      Runner r(g);
      r.input("limit", limit, {14});
      r.input("history", history, {0});
      r.input("passes", passes, {0});
      r.input("never", never, {0});
      r.output("never", never);
      r.output("history", history);
      r.output("passes", passes);
      r.output("count", count);
      r.run(prog);
      CHECK(r.read("history")[0] == historyOf({2, 5, 8, 11}));
      CHECK(r.read("count")[0] == 14);
      CHECK(r.read("passes")[0] == historyOf({1, 1, 1})); // 20, 18, 16
      CHECK(r.read("never")[0] == 0);
    }
  }
}

TEST_CASE("Counted loops name bad steps, bounds and counters",
          "[popops][loop][errors]") {
  TestGraph g;
  auto body = [](const Tensor &) { return Sequence(); };
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::countedLoop(g.graph, 0, 4, 0, body, "l"); }),
             Contains("popops::countedLoop (l)") &&
                 Contains("from 0 to 4 by 0") && Contains("positive step"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::countedLoop(g.graph, 5, 4, 1, body); }),
             Contains("from 5 to 4 by 1"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::countedLoop(g.graph, std::size_t(1) << 33, body);
             }),
             Contains("end 8589934592") && Contains("32 and 31 bits"));
  Tensor intCount = g.variable(INT, {});
  Tensor unsignedLimit = g.variable(UNSIGNED_INT, {});
  Tensor floatLimit = g.variable(FLOAT, {});
  Tensor twoCounts = g.variable(INT, {2});
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::countedForLoop(g.graph, intCount, 0, unsignedLimit, 1,
                                      Sequence(), "f");
             }),
             Contains("popops::countedForLoop (f)") &&
                 Contains("count (int) and the count limit (unsigned int)"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::countedForLoop(g.graph, 0, floatLimit, 1, Sequence());
             }),
             Contains("int or unsigned int, not float"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::countedForLoop(g.graph, twoCounts, 0, intCount, 1,
                                      Sequence());
             }),
             Contains("one element each") && Contains("{2}"));
  Sequence prog;
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::addForLoopCounterVertex(g.graph, intCount, floatLimit, 1,
                                               0, prog, {});
             }),
             Contains("popops::addForLoopCounterVertex") &&
                 Contains("not float"));
}
