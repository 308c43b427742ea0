// poprand::dropout: the share of elements kept, the exact scaling of the
// kept ones, a mask that depends only on the seed, and the layout of the
// result (reference or input).
#include "PoprandHarness.hpp"

#include <catch2/catch.hpp>

using namespace poplar;
using namespace poplar::program;
using namespace poprand_test;

namespace {

/// Nonzero values, so a zero in the output is always a dropped element.
std::vector<float> inputValues(std::size_t n) {
  std::vector<float> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = (0.25f + 0.01f * float(i % 1000)) * (i % 2 ? 1.0f : -1.0f);
  return v;
}

Tensor constantInput(TestGraph &g, const Type &type,
                     const std::vector<float> &values) {
  Tensor t = g.graph.addConstant(type, {values.size()}, values.data(), "in");
  poputil::mapTensorLinearly(g.graph, t);
  return t;
}

} // namespace

TEST_CASE("dropout keeps about keepProbability of the elements, scaled "
          "exactly",
          "[poprand][dropout]") {
  TestGraph g;
  const std::vector<float> values = inputValues(kSamples);
  Tensor in = constantInput(g, FLOAT, values);
  Tensor inHalf = constantInput(g, HALF, values);
  Tensor seed = g.seed(17, 18);
  Sequence prog;
  Tensor out = poprand::dropout(g.graph, &seed, 0, in, in, 0.8, 1.25, prog);
  Tensor outHalf =
      poprand::dropout(g.graph, &seed, 0, inHalf, inHalf, 0.3, 2.0, prog);
  CHECK(out.elementType() == FLOAT);
  CHECK(outHalf.elementType() == HALF);
  Run run(g, prog, {{"out", out}, {"outHalf", outHalf}});

  const std::vector<float> o = run.read<float>("out");
  std::size_t dropped = 0, exact = 0;
  for (std::size_t i = 0; i < o.size(); ++i) {
    dropped += o[i] == 0.0f;
    exact += o[i] == 0.0f || o[i] == values[i] * 1.25f;
  }
  CHECK(exact == kSamples);
  CHECK(double(dropped) / kSamples == Approx(0.2).margin(0.006));

  const std::vector<float> oh = run.read<float>("outHalf");
  dropped = exact = 0;
  for (std::size_t i = 0; i < oh.size(); ++i) {
    const float kept =
        float(poplar::half(float(poplar::half(values[i])) * 2.0f));
    dropped += oh[i] == 0.0f;
    exact += oh[i] == 0.0f || oh[i] == kept;
  }
  CHECK(exact == kSamples);
  CHECK(double(dropped) / kSamples == Approx(0.7).margin(0.007));
}

TEST_CASE("dropout's mask depends on the seed, not on the input",
          "[poprand][dropout]") {
  TestGraph g;
  Tensor x = constantInput(g, FLOAT, inputValues(10000));
  Tensor y = constantInput(g, FLOAT, std::vector<float>(10000, 3.0f));
  Tensor seed = g.seed(5, 5);
  Sequence prog;
  Tensor dx = poprand::dropout(g.graph, &seed, 1, x, x, 0.5, 2.0, prog);
  Tensor dy = poprand::dropout(g.graph, &seed, 1, y, y, 0.5, 2.0, prog);
  Tensor all = poprand::dropout(g.graph, &seed, 1, y, y, 1.0, 1.0, prog);
  Tensor none = poprand::dropout(g.graph, &seed, 1, y, y, 0.0, 1.0, prog);
  Run run(g, prog, {{"dx", dx}, {"dy", dy}, {"all", all}, {"none", none}});
  const std::vector<float> a = run.read<float>("dx");
  const std::vector<float> b = run.read<float>("dy");
  std::size_t sameMask = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    sameMask += (a[i] == 0.0f) == (b[i] == 0.0f);
  CHECK(sameMask == a.size());
  CHECK(run.read<float>("all") == std::vector<float>(10000, 3.0f));
  CHECK(run.read<float>("none") == std::vector<float>(10000, 0.0f));
}

TEST_CASE("dropout lays its result out like the reference, or like the "
          "input when asked",
          "[poprand][dropout]") {
  TestGraph g;
  Tensor in = g.graph.addConstant(FLOAT, {4, 100}, 1.5f, "in");
  g.graph.setTileMapping(in, 0);
  Tensor ref = g.reference({4, 100});
  Tensor seed = g.seed(8, 9);
  Sequence prog;
  Tensor likeRef =
      poprand::dropout(g.graph, &seed, 2, in, ref, 0.5, 2.0, true, prog);
  Tensor likeIn =
      poprand::dropout(g.graph, &seed, 2, in, ref, 0.5, 2.0, false, prog);
  CHECK(g.graph.getTileMapping(likeRef) == g.graph.getTileMapping(ref));
  CHECK(g.graph.getTileMapping(likeIn) == g.graph.getTileMapping(in));
  Run run(g, prog, {{"likeRef", likeRef}, {"likeIn", likeIn}});
  CHECK(run.read<float>("likeRef") == run.read<float>("likeIn"));
}
