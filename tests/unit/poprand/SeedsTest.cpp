// Seeds: the same seed and modifier repeat, others differ; results do not
// depend on the tile mapping; a null seed draws from the graph's hidden
// seed state, which every call and every run moves on and setSeed resets.
#include "PoprandHarness.hpp"

#include <catch2/catch.hpp>

using namespace poplar;
using namespace poplar::program;
using namespace poprand_test;

TEST_CASE("The same seed and modifier repeat, while another seed, modifier "
          "or distribution differs",
          "[poprand][seeds]") {
  TestGraph g;
  Tensor ref = g.reference({kSamples});
  Tensor seed = g.seed(1, 2);
  Tensor other = g.seed(1, 3);
  Sequence prog;
  Tensor a = poprand::uniform(g.graph, &seed, 7, ref, FLOAT, 0, 1, prog);
  Tensor b = poprand::uniform(g.graph, &seed, 7, ref, FLOAT, 0, 1, prog);
  Tensor c = poprand::uniform(g.graph, &seed, 8, ref, FLOAT, 0, 1, prog);
  Tensor d = poprand::uniform(g.graph, &other, 7, ref, FLOAT, 0, 1, prog);
  Tensor n = poprand::normal(g.graph, &seed, 7, ref, FLOAT, 0, 1, prog);
  Run run(g, prog, {{"a", a}, {"b", b}, {"c", c}, {"d", d}, {"n", n}});
  const std::vector<float> av = run.read<float>("a");
  CHECK(av == run.read<float>("b"));
  CHECK(countEqual(av, run.read<float>("c")) <= 5);
  CHECK(countEqual(av, run.read<float>("d")) <= 5);
  CHECK(countEqual(av, run.read<float>("n")) <= 5);
}

TEST_CASE("A seed variable is read when the program runs", "[poprand][seeds]") {
  TestGraph g;
  Tensor ref = g.reference({1000});
  Tensor seed = g.graph.addVariable(UNSIGNED_INT, {2}, "seed");
  g.graph.setTileMapping(seed, 1);
  g.graph.createHostWrite("seed", seed);
  Sequence prog;
  Tensor out = poprand::normal(g.graph, &seed, 0, ref, FLOAT, 0, 1, prog);
  Run run(g, prog, {{"out", out}}, false);
  run.write("seed", {10, 20});
  run.runAgain();
  const std::vector<float> first = run.read<float>("out");
  run.write("seed", {10, 21});
  run.runAgain();
  CHECK(countEqual(first, run.read<float>("out")) <= 1);
  run.write("seed", {10, 20});
  run.runAgain();
  CHECK(first == run.read<float>("out"));
}

TEST_CASE("Results do not depend on the reference's tile mapping",
          "[poprand][seeds]") {
  const std::size_t n = 20000;
  auto generate = [&](unsigned tiles, auto map) {
    TestGraph g(tiles);
    Tensor ref = g.graph.addVariable(FLOAT, {n / 100, 100}, "reference");
    map(g.graph, ref);
    Tensor seed = g.seed(42, 43);
    Sequence prog;
    Tensor out = poprand::normal(g.graph, &seed, 3, ref, FLOAT, 0, 1, prog);
    Tensor keep = poprand::dropout(g.graph, &seed, 3, out, ref, 0.5, 2.0, prog);
    Run run(g, prog, {{"out", out}, {"keep", keep}});
    return std::make_pair(run.read<float>("out"), run.read<float>("keep"));
  };
  const auto linear = generate(4, [](Graph &graph, const Tensor &t) {
    poputil::mapTensorLinearly(graph, t);
  });
  const auto scattered = generate(4, [](Graph &graph, const Tensor &t) {
    // Runs of 37 elements dealt out to the tiles in turn.
    Tensor flat = t.flatten();
    for (std::size_t b = 0; b < flat.numElements(); b += 37)
      graph.setTileMapping(
          flat.slice(b, std::min<std::size_t>(b + 37, flat.numElements())),
          unsigned(b / 37 % 4));
  });
  const auto oneTile = generate(
      2, [](Graph &graph, const Tensor &t) { graph.setTileMapping(t, 1); });
  const auto reversed = generate(7, [](Graph &graph, const Tensor &t) {
    poputil::mapTensorLinearlyWithOffset(graph, t, 3, false);
  });
  const auto unmapped = generate(3, [](Graph &, const Tensor &) {});
  CHECK(linear.first == scattered.first);
  CHECK(linear.first == oneTile.first);
  CHECK(linear.first == reversed.first);
  CHECK(linear.first == unmapped.first);
  CHECK(linear.second == scattered.second);
  CHECK(linear.second == reversed.second);
}

TEST_CASE("Without a seed, every call and every run draws new numbers",
          "[poprand][seeds][hidden]") {
  TestGraph g;
  Tensor ref = g.reference({kSamples});
  Sequence prog;
  Tensor a = poprand::uniform(g.graph, nullptr, 0, ref, FLOAT, 0, 1, prog);
  Tensor b = poprand::uniform(g.graph, nullptr, 0, ref, FLOAT, 0, 1, prog);
  Run run(g, prog, {{"a", a}, {"b", b}});
  const std::vector<float> firstRun = run.read<float>("a");
  CHECK(countEqual(firstRun, run.read<float>("b")) <= 5);
  const Moments m = momentsOf(firstRun);
  CHECK(m.mean == Approx(0.5).margin(0.005));
  run.runAgain();
  const std::vector<float> secondRun = run.read<float>("a");
  CHECK(countEqual(firstRun, secondRun) <= 5);
  CHECK(momentsOf(secondRun).mean == Approx(0.5).margin(0.005));
}

TEST_CASE("setSeed makes the hidden seed state repeatable",
          "[poprand][seeds][hidden]") {
  auto generate = [](unsigned masterLow, unsigned modifier) {
    TestGraph g;
    Tensor ref = g.reference({5000});
    Tensor master = g.seed(masterLow, 99);
    Sequence prog;
    poprand::setSeed(g.graph, master, modifier, prog);
    Tensor a = poprand::normal(g.graph, nullptr, 0, ref, FLOAT, 0, 1, prog);
    Tensor b = poprand::normal(g.graph, nullptr, 0, ref, FLOAT, 0, 1, prog);
    Run run(g, prog, {{"a", a}, {"b", b}});
    std::vector<float> first = run.read<float>("a");
    CHECK(countEqual(first, run.read<float>("b")) <= 1);
    run.runAgain(); // setSeed runs again first: the same numbers
    CHECK(first == run.read<float>("a"));
    return first;
  };
  const std::vector<float> a = generate(1, 0);
  CHECK(a == generate(1, 0));
  CHECK(countEqual(a, generate(2, 0)) <= 1);
  CHECK(countEqual(a, generate(1, 1)) <= 1);
}

TEST_CASE("Each graph has its own hidden seed state, even at a reused "
          "address",
          "[poprand][seeds][hidden]") {
  auto firstDraw = [] {
    TestGraph g;
    Tensor unrelated = g.graph.addVariable(INT, {3}, "unrelated");
    g.graph.setTileMapping(unrelated, 0);
    Tensor ref = g.reference({1000});
    Sequence prog;
    Tensor a = poprand::uniform(g.graph, nullptr, 0, ref, FLOAT, 0, 1, prog);
    Run run(g, prog, {{"a", a}});
    return run.read<float>("a");
  };
  // Graphs built one after another often land at the same addresses; each
  // still starts from the initial hidden state.
  const std::vector<float> first = firstDraw();
  for (int i = 0; i < 3; ++i)
    CHECK(firstDraw() == first);

  TestGraph g;
  Tensor ref = g.reference({1000});
  Sequence prog;
  Tensor a = poprand::uniform(g.graph, nullptr, 0, ref, FLOAT, 0, 1, prog);
  Graph virtualGraph = g.graph.createVirtualGraph(2, 4);
  Tensor vref = virtualGraph.addVariable(FLOAT, {1000}, "vref");
  poputil::mapTensorLinearly(virtualGraph, vref);
  Tensor b =
      poprand::uniform(virtualGraph, nullptr, 0, vref, FLOAT, 0, 1, prog);
  Run run(g, prog, {{"a", a}, {"b", b}});
  CHECK(run.read<float>("a") == first);
  // A virtual graph shares its top-level graph's state: b is the next draw.
  CHECK(countEqual(run.read<float>("b"), first) <= 1);
}
