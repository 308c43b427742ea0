// popops::CircBuf against a host ring buffer: one compiled program adds a
// host-written tensor and reads older entries, run repeatedly so the
// device-side index wraps; the layout it reports; and argument errors.
#include "SliceTestSupport.hpp"

#include <popops/CircBuf.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using Catch::Matchers::Contains;

TEST_CASE("CircBuf returns the entries added 0, 1 and 2 adds ago while its "
          "index wraps round",
          "[popops][CircBuf]") {
  TestGraph g(4);
  popops::CircBuf buffer(g.graph, HALF, 3, {2, 5}, "history");
  CHECK(buffer.size() == 3);
  Tensor in = g.variable(HALF, {2, 5}, "in");
  Sequence prog;
  buffer.add(in, prog);
  Tensor latest = buffer.prev(0, prog);
  Tensor before = buffer.prev(1, prog, "before");
  Tensor oldest = buffer.prev(2, prog);
  CHECK(latest.shape() == std::vector<std::size_t>{2, 5});
  CHECK(g.graph.getTileMapping(latest) == buffer.getTileMapping());
  HostRuns runs(g);
  runs.input("in", in);
  runs.output("latest", latest);
  runs.output("before", before);
  runs.output("oldest", oldest);
  runs.output("index", buffer.getIndex());
  runs.compile(prog);
  std::vector<std::vector<double>> added;
  for (unsigned run = 0; run < 7; ++run) {
    added.push_back(testValues(10, 0.5, run * 10));
    runs.write("in", added.back());
    runs.run();
    INFO("run " << run);
    CHECK(runs.read("index") == std::vector<double>{double((run + 1) % 3)});
    CHECK(runs.read("latest") == added[run]);
    if (run >= 1)
      CHECK(runs.read("before") == added[run - 1]);
    if (run >= 2)
      CHECK(runs.read("oldest") == added[run - 2]);
  }
}

TEST_CASE("CircBuf names the entries and tensors it cannot take",
          "[popops][CircBuf][errors]") {
  TestGraph g(2);
  popops::CircBuf buffer(g.graph, FLOAT, 4, {3}, "ring");
  Sequence prog;
  using poputil::poplibs_error;
  CHECK_THAT(errorOf<poplibs_error>([&] { buffer.prev(4, prog, "look"); }),
             Contains("popops::CircBuf::prev (look)") &&
                 Contains("entry 4 ago") && Contains("fewer than 4"));
  CHECK_THAT(errorOf<poplibs_error>(
                 [&] { buffer.add(g.variable(FLOAT, {4}, "wide"), prog); }),
             Contains("shape {4}") && Contains("shape {3}"));
  CHECK_THAT(errorOf<poplibs_error>(
                 [&] { buffer.add(g.variable(INT, {3}, "ints"), prog); }),
             Contains("type int") && Contains("holds float"));
  CHECK_THAT(errorOf<poplibs_error>(
                 [&] { popops::CircBuf(g.graph, FLOAT, 0, {3}, "none"); }),
             Contains("at least one entry"));
}
