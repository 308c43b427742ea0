// graphfn: a body built once on cloned parameters runs on several argument
// sets, inlined or through program::Call, with inputs copied in, outputs
// and created tensors copied out.
#include "PoputilHarness.hpp"

#include <poputil/GraphFunction.hpp>
#include <poputil/TileMapping.hpp>
#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;
using namespace poputil;
using namespace poputil_test;
using Catch::Matchers::Contains;
namespace fn = poputil::graphfn;

namespace {

std::vector<float> reversed(std::vector<float> v) {
  std::reverse(v.begin(), v.end());
  return v;
}

struct Fixture {
  TestGraph g{4};
  Runner run{g};
  Tensor vector(const std::string &name, float start) {
    Tensor t = g.graph.addVariable(FLOAT, {5}, name);
    mapTensorLinearly(g.graph, t, 1, 1);
    run.input(name, t, iota(5, start));
    return t;
  }
  Tensor result(const std::string &name) {
    Tensor t = g.graph.addVariable(FLOAT, {5}, name);
    mapTensorLinearly(g.graph, t, 1, 1);
    run.output(name, t);
    return t;
  }
};

} // namespace

TEST_CASE("VoidFunction runs its body on each call's arguments",
          "[poputil][graphfn]") {
  for (bool inlined : {false, true}) {
    CAPTURE(inlined);
    Fixture f;
    Tensor a = f.vector("a", 1), b = f.result("b");
    Tensor c = f.vector("c", 10), d = f.result("d");
    Tensor e = f.vector("e", 20);
    f.run.output("e", e);
    fn::VoidFunction reverse(
        f.g.graph, {fn::input(a, "in"), fn::output(b, "out")},
        [](std::vector<Tensor> &p, Sequence &body) {
          body.add(Copy(p[0].reverse(0), p[1]));
        },
        inlined, "reverse");
    fn::VoidFunction reverseInPlace(
        f.g.graph, {fn::inout(a)},
        [&](std::vector<Tensor> &p, Sequence &body,
            const DebugNameAndId &name) {
          Tensor tmp = f.g.graph.clone(p[0], {name, "tmp"});
          body.add(Copy(p[0].reverse(0), tmp));
          body.add(Copy(tmp, p[0]));
        },
        inlined);
    Sequence prog;
    std::vector<Tensor> first = {a, b}, second = {c, d}, third = {e};
    reverse(first, prog);
    reverse(second, prog);
    reverseInPlace(third, prog);
    f.run.run(prog);
    CHECK(f.run.read("b") == reversed(iota(5, 1)));
    CHECK(f.run.read("d") == reversed(iota(5, 10)));
    CHECK(f.run.read("e") == reversed(iota(5, 20)));
  }
}

TEST_CASE("ProgramFunction and TensorFunction return programs and tensors",
          "[poputil][graphfn]") {
  Fixture f;
  Tensor a = f.vector("a", 1), b = f.result("b");
  Tensor c = f.vector("c", 7);
  fn::ProgramFunction reverseInto(f.g.graph, {fn::input(a), fn::output(b)},
                                  [](std::vector<Tensor> &p) -> Program {
                                    return Copy(p[0].reverse(0), p[1]);
                                  });
  fn::TensorFunction twice(
      f.g.graph, {fn::input(a, "in")},
      [&](std::vector<Tensor> &p, Sequence &body) {
        Tensor out = f.g.graph.addVariable(FLOAT, {2, 5}, "twice");
        f.g.graph.setTileMapping(out, 3);
        body.add(Copy(p[0], out[0]));
        body.add(Copy(p[0].reverse(0), out[1]));
        return out;
      },
      true);
  std::vector<Tensor> args = {c, b};
  Sequence prog;
  prog.add(reverseInto(args));
  std::vector<Tensor> one = {a}, two = {c};
  Tensor fromA = twice(one, prog), fromC = twice(two, prog);
  CHECK(one.size() == 1);
  CHECK(fromA.shape() == std::vector<std::size_t>{2, 5});
  CHECK(f.g.graph.getTileMapping(fromA)[3].size() == 1);
  CHECK_FALSE(fromA.intersectsWith(fromC));
  f.run.output("fromA", fromA);
  f.run.output("fromC", fromC);
  f.run.run(prog);
  CHECK(f.run.read("b") == reversed(iota(5, 7)));
  std::vector<float> expectA = iota(5, 1), expectC = iota(5, 7);
  for (float x : reversed(iota(5, 1)))
    expectA.push_back(x);
  for (float x : reversed(iota(5, 7)))
    expectC.push_back(x);
  CHECK(f.run.read("fromA") == expectA);
  CHECK(f.run.read("fromC") == expectC);
}

TEST_CASE("A created argument is a new tensor on every call",
          "[poputil][graphfn]") {
  Fixture f;
  Tensor a = f.vector("a", 3);
  fn::VoidFunction copyOut(f.g.graph, {fn::input(a), fn::created("made")},
                           [&](std::vector<Tensor> &p, Sequence &body) {
                             p[1] = f.g.graph.clone(p[0], "made");
                             body.add(Copy(p[0], p[1]));
                           });
  std::vector<Tensor> args = {a, Tensor()};
  Sequence prog;
  copyOut(args, prog);
  REQUIRE(args[1].valid());
  CHECK_FALSE(args[1].intersectsWith(a));
  f.run.output("made", args[1]);
  f.run.run(prog);
  CHECK(f.run.read("made") == iota(5, 3));
}

TEST_CASE("graphfn errors name the argument", "[poputil][graphfn][errors]") {
  Fixture f;
  Tensor a = f.vector("a", 0);
  auto nothing = [](std::vector<Tensor> &, Sequence &) {};
  CHECK_THAT(errorOf<poplibs_error>([&] {
               fn::VoidFunction(f.g.graph, {fn::input(Tensor(), "x")}, nothing,
                                false, "fn");
             }),
             Contains("argument 0 (x)") && Contains("fn"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               fn::VoidFunction(f.g.graph, {fn::created("r")}, nothing, false,
                                "maker");
             }),
             Contains("did not set created argument 0 (r)") &&
                 Contains("maker"));
  fn::VoidFunction one(f.g.graph, {fn::input(a)}, nothing);
  std::vector<Tensor> two = {a, a};
  Sequence prog;
  CHECK_THAT(errorOf<poplibs_error>([&] { one(two, prog); }),
             Contains("2 arguments") && Contains("1 parameters"));
}
