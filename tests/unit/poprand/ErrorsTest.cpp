// Bad arguments to poprand are typed errors naming the function, the
// argument and what to pass instead; addCodelets may be called twice.
#include "ErrorOf.hpp"
#include "PoprandHarness.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <functional>

using namespace poplar;
using namespace poplar::program;
using namespace poprand_test;
using Catch::Matchers::Contains;

namespace {

using tessel_test::errorOf;

struct Fixture {
  TestGraph g;
  Tensor ref = g.reference({64});
  Tensor seed = g.seed(1, 2);
  Sequence prog;
};

} // namespace

TEST_CASE("addCodelets may be called again", "[poprand][errors]") {
  TestGraph g; // has added the codelets once
  CHECK_NOTHROW(poprand::addCodelets(g.graph));
  CHECK(g.graph.hasCodelet("poprand::Normal<float>"));
  CHECK(g.graph.hasCodelet("poprand::UniformInt"));
}

TEST_CASE("Without addCodelets, poprand says to call it", "[poprand][errors]") {
  IPUModel model("ipu2");
  model.tilesPerIPU = 2;
  Device device = model.createDevice();
  Graph graph(device.getTarget());
  Tensor ref = graph.addVariable(FLOAT, {8}, "ref");
  graph.setTileMapping(ref, 0);
  Sequence prog;
  const std::string message = errorOf<unknown_vertex_type>(
      [&] { poprand::normal(graph, nullptr, 0, ref, FLOAT, 0, 1, prog); });
  CHECK_THAT(message, Contains("poprand::normal") &&
                          Contains("poprand::addCodelets(graph)"));
}

TEST_CASE("Unsupported output types are type errors", "[poprand][errors]") {
  Fixture f;
  CHECK_THAT(errorOf<type_error>([&] {
               poprand::uniform(f.g.graph, &f.seed, 0, f.ref, BOOL, 0, 1,
                                f.prog);
             }),
             Contains("poprand::uniform") && Contains("outType bool") &&
                 Contains("use float or half or int"));
  CHECK_THAT(errorOf<type_error>([&] {
               poprand::normal(f.g.graph, &f.seed, 0, f.ref, INT, 0, 1, f.prog);
             }),
             Contains("poprand::normal") && Contains("outType int") &&
                 Contains("use float or half"));
  CHECK_THAT(errorOf<type_error>([&] {
               poprand::truncatedNormal(f.g.graph, &f.seed, 0, f.ref,
                                        UNSIGNED_INT, 0, 1, 2, f.prog);
             }),
             Contains("poprand::truncatedNormal"));
  Tensor ints = f.g.reference({64}, INT);
  CHECK_THAT(errorOf<type_error>([&] {
               poprand::dropout(f.g.graph, &f.seed, 0, ints, ints, 0.5, 2,
                                f.prog);
             }),
             Contains("poprand::dropout") && Contains("input's type int"));
}

TEST_CASE("A seed that is not 2 unsigned ints is a type error",
          "[poprand][errors]") {
  Fixture f;
  Tensor wrongType = f.g.graph.addVariable(INT, {2}, "seed");
  Tensor wrongSize = f.g.graph.addVariable(UNSIGNED_INT, {3}, "seed");
  for (const Tensor &bad : {wrongType, wrongSize}) {
    CHECK_THAT(errorOf<type_error>([&] {
                 poprand::uniform(f.g.graph, &bad, 0, f.ref, FLOAT, 0, 1,
                                  f.prog);
               }),
               Contains("poprand::uniform") && Contains("seed") &&
                   Contains("2 unsigned int elements") &&
                   Contains("addVariable(UNSIGNED_INT, {2})"));
    CHECK_THAT(errorOf<type_error>(
                   [&] { poprand::setSeed(f.g.graph, bad, 0, f.prog); }),
               Contains("poprand::setSeed") && Contains("masterSeed"));
  }
  CHECK_THAT(errorOf<type_error>([&] {
               poprand::bernoulli(f.g.graph, &wrongSize, 0, f.ref, FLOAT, 0.5,
                                  f.prog);
             }),
             Contains("shape {3}"));
}

TEST_CASE("Bounds and parameters out of range are invalid_option errors",
          "[poprand][errors]") {
  Fixture f;
  Graph &graph = f.g.graph;
  const Tensor *seed = &f.seed;
  CHECK_THAT(errorOf<invalid_option>([&] {
               poprand::uniform(graph, seed, 0, f.ref, FLOAT, 2, 1, f.prog);
             }),
             Contains("poprand::uniform") && Contains("minVal (2)") &&
                 Contains("maxVal (1)") && Contains("minVal <= maxVal"));
  CHECK_THAT(errorOf<invalid_option>([&] {
               poprand::uniform(graph, seed, 0, f.ref, INT, 0.5, 3, f.prog);
             }),
             Contains("whole numbers"));
  CHECK_THAT(errorOf<invalid_option>([&] {
               poprand::uniform(graph, seed, 0, f.ref, INT, 0, 1e10, f.prog);
             }),
             Contains("range of int"));
  CHECK_THAT(errorOf<invalid_option>([&] {
               poprand::uniform(graph, seed, 0, f.ref, HALF, 0.1, 0.1, f.prog);
             }),
             Contains("no half value lies in [0.1, 0.1]"));
  CHECK_THAT(errorOf<invalid_option>([&] {
               poprand::bernoulli(graph, seed, 0, f.ref, FLOAT, 1.5, f.prog);
             }),
             Contains("poprand::bernoulli") &&
                 Contains("prob (1.5) must be in [0, 1]"));
  CHECK_THAT(errorOf<invalid_option>([&] {
               poprand::dropout(graph, seed, 0, f.ref, f.ref, -0.1, 1, f.prog);
             }),
             Contains("poprand::dropout") && Contains("keepProbability (-0.1"));
  CHECK_THAT(errorOf<invalid_option>([&] {
               poprand::normal(graph, seed, 0, f.ref, FLOAT, 0, -1, f.prog);
             }),
             Contains("poprand::normal") && Contains("stdDev (-1)"));
  CHECK_THAT(errorOf<invalid_option>([&] {
               poprand::truncatedNormal(graph, seed, 0, f.ref, FLOAT, 0, 1, 0,
                                        f.prog);
             }),
             Contains("poprand::truncatedNormal") && Contains("alpha (0)"));
  CHECK_THAT(errorOf<invalid_option>([&] {
               poprand::logUniform(graph, seed, 0, f.ref, FLOAT, 0, 10, f.prog);
             }),
             Contains("poprand::logUniform") && Contains("0 < minVal"));
  CHECK_THAT(errorOf<invalid_option>([&] {
               poprand::logUniform(graph, seed, 0, f.ref, FLOAT, 1, 10, f.prog,
                                   1.0);
             }),
             Contains("base (1)"));
  CHECK_THAT(errorOf<invalid_option>([&] {
               poprand::logUniform(graph, seed, 0, f.ref, INT, 1.2, 1.8,
                                   f.prog);
             }),
             Contains("no int value lies in"));
}

TEST_CASE("dropout needs a reference of the input's shape",
          "[poprand][errors]") {
  Fixture f;
  Tensor other = f.g.reference({8, 8});
  CHECK_THAT(errorOf<type_error>([&] {
               poprand::dropout(f.g.graph, &f.seed, 0, f.ref, other, 0.5, 2,
                                f.prog);
             }),
             Contains("input has shape {64}") &&
                 Contains("reference has shape {8,8}"));
}

TEST_CASE("A failed call adds nothing to the program", "[poprand][errors]") {
  Fixture f;
  const std::size_t vertices = f.g.graph.getNumVertices();
  CHECK_THROWS_AS(
      poprand::uniform(f.g.graph, &f.seed, 0, f.ref, FLOAT, 2, 1, f.prog),
      invalid_option);
  CHECK(f.g.graph.getNumVertices() == vertices);
}
