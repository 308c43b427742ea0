// templateVertex spells instantiations exactly as popc names them: a
// templated codelet compiled at run time answers hasCodelet for names built
// from types, enums, bools, unsigned and signed values and strings, with
// trailing default arguments left out, and the named vertex runs.
#include "PoputilHarness.hpp"

#include <poputil/TileMapping.hpp>
#include <poputil/VertexTemplates.hpp>

#include <sstream>

using namespace poplar;
using namespace poplar::program;
using namespace poputil_test;
using poputil::templateVertex;

namespace tpl {
enum class Mode { Plain, Scaled };
} // namespace tpl

template <> struct poputil::VertexTemplateToString<tpl::Mode> {
  static std::string to_string(tpl::Mode mode) {
    return mode == tpl::Mode::Plain ? "tpl::Mode::Plain" : "tpl::Mode::Scaled";
  }
};

namespace {

const char *const codelet = R"(
#include <poplar/Vertex.hpp>
using namespace poplar;
namespace tpl {
enum class Mode { Plain, Scaled };
template <class T, Mode mode, bool negate = false, unsigned factor = 2,
          int bias = 0>
class Affine : public Vertex {
public:
  Input<Vector<T>> in;
  Output<Vector<T>> out;
  void compute() {
    for (unsigned i = 0; i != in.size(); ++i) {
      float x = float(in[i]);
      if (mode == Mode::Scaled)
        x = x * float(factor);
      x = x + float(bias);
      out[i] = T(negate ? -x : x);
    }
  }
};
template class Affine<float, Mode::Plain>;
template class Affine<half, Mode::Scaled, true>;
template class Affine<unsigned int, Mode::Scaled, false, 3>;
template class Affine<int, Mode::Plain, true, 2, -5>;
} // namespace tpl
)";

} // namespace

TEST_CASE("templateVertex names match popc's instantiation names",
          "[poputil][templates]") {
  TestGraph g(4);
  std::stringstream source(codelet);
  g.graph.addCodelets(source);
  using tpl::Mode;
  CHECK(templateVertex("tpl::Affine", FLOAT, Mode::Plain) ==
        "tpl::Affine<float,tpl::Mode::Plain>");
  CHECK(g.graph.hasCodelet(templateVertex("tpl::Affine", FLOAT, Mode::Plain)));
  CHECK(g.graph.hasCodelet(
      templateVertex("tpl::Affine", HALF, Mode::Scaled, true)));
  CHECK(g.graph.hasCodelet(
      templateVertex("tpl::Affine", UNSIGNED_INT, Mode::Scaled, false, 3u)));
  CHECK(templateVertex("tpl::Affine", INT, Mode::Plain, true, 2u, -5) ==
        "tpl::Affine<int,tpl::Mode::Plain,true,2,-5>");
  CHECK(g.graph.hasCodelet(
      templateVertex("tpl::Affine", INT, Mode::Plain, true, 2u, -5)));
  // Strings pass through as written.
  CHECK(g.graph.hasCodelet(templateVertex("tpl::Affine", std::string("half"),
                                          "tpl::Mode::Scaled", "true")));
  CHECK(g.graph.hasCodelet(
      templateVertex("tpl::Affine", StringRef("float"), Mode::Plain)));
  // Spelling the defaults out is not the name popc gives.
  CHECK_FALSE(g.graph.hasCodelet(
      templateVertex("tpl::Affine", FLOAT, Mode::Plain, false)));
  CHECK_FALSE(
      g.graph.hasCodelet(templateVertex("tpl::Affine", FLOAT, Mode::Scaled)));
  CHECK(templateVertex("Plain") == "Plain");

  // The name reaches the right instantiation: 3 x, unsigned.
  Tensor in = g.graph.addVariable(UNSIGNED_INT, {4}, "in");
  Tensor out = g.graph.addVariable(UNSIGNED_INT, {4}, "out");
  g.graph.setTileMapping(in, 1);
  g.graph.setTileMapping(out, 1);
  ComputeSet cs = g.graph.addComputeSet("affine");
  g.graph.addVertex(
      cs, templateVertex("tpl::Affine", UNSIGNED_INT, Mode::Scaled, false, 3u),
      {{"in", in}, {"out", out}});
  g.graph.createHostWrite("in", in);
  g.graph.createHostRead("out", out);
  Engine engine(g.graph, Execute(cs));
  engine.load(g.device);
  const std::vector<unsigned> values = {1, 2, 5, 7};
  std::vector<unsigned> result(4);
  engine.writeTensor("in", values.data(), values.data() + values.size());
  engine.run();
  engine.readTensor("out", result.data(), result.data() + result.size());
  CHECK(result == std::vector<unsigned>{3, 6, 15, 21});
}
