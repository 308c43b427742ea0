// popnn non-linearities against host references: every NonLinearityType in
// FLOAT and HALF, out of place, in place and through the shortcuts; input
// gradients against finite differences of the host functions; and errors.
#include "../popops/PopopsHarness.hpp"

#include <popnn/NonLinearity.hpp>
#include <popnn/codelets.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <cmath>

using namespace poplar;
using namespace poplar::program;
using popnn::NonLinearityType;
using popops_test::errorOf;
using popops_test::Runner;
using popops_test::TestGraph;

namespace {

const NonLinearityType kElementWise[] = {
    NonLinearityType::SIGMOID, NonLinearityType::HARD_SIGMOID,
    NonLinearityType::RELU,    NonLinearityType::TANH,
    NonLinearityType::GELU,    NonLinearityType::GELU_ERF,
    NonLinearityType::SWISH};
const NonLinearityType kSoftmaxes[] = {NonLinearityType::SOFTMAX,
                                       NonLinearityType::SOFTMAX_STABLE,
                                       NonLinearityType::SOFTMAX_SCALED};

double activation(NonLinearityType type, double x) {
  const double pi = 3.14159265358979323846;
  switch (type) {
  case NonLinearityType::SIGMOID:
    return 1 / (1 + std::exp(-x));
  case NonLinearityType::HARD_SIGMOID:
    return std::clamp(0.2 * x + 0.5, 0.0, 1.0);
  case NonLinearityType::RELU:
    return std::max(x, 0.0);
  case NonLinearityType::TANH:
    return std::tanh(x);
  case NonLinearityType::GELU:
    return 0.5 * x *
           (1 + std::tanh(std::sqrt(2 / pi) * (x + 0.044715 * x * x * x)));
  case NonLinearityType::GELU_ERF:
    return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0)));
  case NonLinearityType::SWISH:
    return x / (1 + std::exp(-x));
  default:
    FAIL("not element-wise");
  }
  return 0;
}

// Softmax of each row of `cols` values, times `scale`.
std::vector<double> softmaxRows(const std::vector<double> &x, std::size_t cols,
                                double scale) {
  std::vector<double> y(x.size());
  for (std::size_t r = 0; r < x.size(); r += cols) {
    double sum = 0;
    for (std::size_t c = 0; c < cols; ++c)
      sum += std::exp(x[r + c]);
    for (std::size_t c = 0; c < cols; ++c)
      y[r + c] = scale * std::exp(x[r + c]) / sum;
  }
  return y;
}

// The type's derivative needs its input rather than its output.
bool gradientFromInput(NonLinearityType type) {
  return type == NonLinearityType::GELU || type == NonLinearityType::GELU_ERF ||
         type == NonLinearityType::SWISH ||
         type == NonLinearityType::HARD_SIGMOID;
}

double roundTo(const Type &type, double v) {
  return type == HALF ? double(float(poplar::half(float(v)))) : v;
}

void requireClose(const std::vector<double> &actual,
                  const std::vector<double> &expected, double rel, double abs,
                  const std::string &what) {
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    INFO(what << " element " << i);
    REQUIRE(std::fabs(actual[i] - expected[i]) <=
            rel * std::fabs(expected[i]) + abs);
  }
}

// Values in [-3, 3] away from the kinks of RELU (0) and HARD_SIGMOID (2.5).
std::vector<double> inputs(std::size_t n, const Type &type) {
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i)
    x[i] = roundTo(type, -2.93 + 5.9 * double((i * 7) % n) / double(n) + 0.011);
  return x;
}

} // namespace

TEST_CASE("every non-linearity matches the host", "[popnn][nonlinearity]") {
  for (const Type &type : {FLOAT, HALF}) {
    INFO(type.toString());
    const double rel = type == FLOAT ? 1e-5 : 4e-3;
    const double abs = type == FLOAT ? 1e-7 : 2e-3;
    TestGraph g(4);
    const std::vector<std::size_t> shape{3, 7};
    const std::vector<double> x = inputs(21, type);
    Sequence prog;
    Runner run(g);
    Tensor in = g.variable(type, shape, "in");
    run.input("in", in, x);
    for (NonLinearityType nl : kElementWise) {
      run.output("out" + asString(nl),
                 popnn::nonLinearity(g.graph, nl, in, prog, {"nl"}));
      Tensor inPlace = g.variable(type, shape, "ip");
      prog.add(Copy(in, inPlace));
      popnn::nonLinearityInPlace(g.graph, nl, inPlace, prog);
      run.output("ip" + asString(nl), inPlace);
    }
    for (NonLinearityType nl : kSoftmaxes) {
      float scaling = 0;
      run.output("out" + asString(nl),
                 popnn::nonLinearity(g.graph, nl, in, scaling, prog));
      CHECK(scaling ==
            (nl == NonLinearityType::SOFTMAX_SCALED ? 62000.f : 1.f));
      // In place on a transposed view: rows of the view are columns of the
      // variable.
      Tensor inPlace = g.variable(type, {7, 3}, "ipT");
      prog.add(Copy(in, inPlace.transpose()));
      scaling = 0;
      popnn::nonLinearityInPlace(g.graph, nl, inPlace.transpose(), scaling,
                                 prog);
      CHECK(scaling ==
            (nl == NonLinearityType::SOFTMAX_SCALED ? 62000.f : 1.f));
      run.output("ip" + asString(nl), inPlace.transpose());
    }
    Tensor copy = g.variable(type, shape, "s");
    prog.add(Copy(in, copy));
    popnn::reluInPlace(g.graph, copy, prog);
    run.output("relu", copy);
    run.output("sigmoid", popnn::sigmoid(g.graph, in, prog));
    run.output("tanh", popnn::tanh(g.graph, in, prog));
    run.output("gelu", popnn::gelu(g.graph, in, prog));
    run.output("softmax", popnn::softmaxStable(g.graph, in[1], prog));
    run.run(prog);

    for (NonLinearityType nl : kElementWise) {
      std::vector<double> expected(x.size());
      for (std::size_t i = 0; i < x.size(); ++i)
        expected[i] = activation(nl, x[i]);
      requireClose(run.read("out" + asString(nl)), expected, rel, abs,
                   asString(nl));
      requireClose(run.read("ip" + asString(nl)), expected, rel, abs,
                   asString(nl) + " in place");
    }
    for (NonLinearityType nl : kSoftmaxes) {
      const double scale = nl == NonLinearityType::SOFTMAX_SCALED ? 62000 : 1;
      const std::vector<double> expected = softmaxRows(x, 7, scale);
      requireClose(run.read("out" + asString(nl)), expected, rel, abs * scale,
                   asString(nl));
      requireClose(run.read("ip" + asString(nl)), expected, rel, abs * scale,
                   asString(nl) + " in place");
    }
    std::vector<double> relu(x.size()), sigmoid(x.size()), tanh(x.size()),
        gelu(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      relu[i] = activation(NonLinearityType::RELU, x[i]);
      sigmoid[i] = activation(NonLinearityType::SIGMOID, x[i]);
      tanh[i] = activation(NonLinearityType::TANH, x[i]);
      gelu[i] = activation(NonLinearityType::GELU, x[i]);
    }
    requireClose(run.read("relu"), relu, rel, abs, "reluInPlace");
    requireClose(run.read("sigmoid"), sigmoid, rel, abs, "sigmoid");
    requireClose(run.read("tanh"), tanh, rel, abs, "tanh");
    requireClose(run.read("gelu"), gelu, rel, abs, "gelu");
    requireClose(
        run.read("softmax"),
        softmaxRows(std::vector<double>(x.begin() + 7, x.begin() + 14), 7, 1),
        rel, abs, "softmaxStable of a row");
  }
}

TEST_CASE("stable softmax survives large inputs", "[popnn][nonlinearity]") {
  TestGraph g(2);
  Tensor in = g.variable(HALF, {2, 4}, "in");
  Sequence prog;
  Runner run(g);
  const std::vector<double> x{100, 101, 102, 103, -50, -50, -50, -50};
  run.input("in", in, x);
  run.output("stable", popnn::softmaxStable(g.graph, in, prog));
  // Rank 3: the innermost dimension of a [2][2][2] view.
  Tensor cube = in.reshape({2, 2, 2});
  run.output("cube", popnn::softmaxStable(g.graph, cube, prog));
  run.output("scaled", popnn::scaledSoftmaxStable(g.graph, in, prog));
  run.run(prog);
  const std::vector<double> shifted{-3, -2, -1, 0, 0, 0, 0, 0};
  requireClose(run.read("stable"), softmaxRows(shifted, 4, 1), 4e-3, 1e-3,
               "stable");
  requireClose(run.read("scaled"), softmaxRows(shifted, 4, 62000), 4e-3, 1,
               "scaled");
  requireClose(run.read("cube"), softmaxRows(x, 2, 1), 4e-3, 1e-3, "rank 3");
}

TEST_CASE("input gradients match finite differences", "[popnn][nonlinearity]") {
  for (const Type &type : {FLOAT, HALF}) {
    INFO(type.toString());
    const double rel = type == FLOAT ? 1e-4 : 1e-2;
    const double abs = type == FLOAT ? 1e-6 : 4e-3;
    TestGraph g(3);
    const std::size_t n = 10;
    const std::vector<double> x = inputs(n, type);
    std::vector<double> grad(n);
    for (std::size_t i = 0; i < n; ++i)
      grad[i] = roundTo(type, 0.5 + 0.25 * double(i % 3) - 0.1 * double(i));
    Sequence prog;
    Runner run(g);
    Tensor outGrad = g.variable(type, {2, 5}, "g");
    run.input("g", outGrad, grad);
    for (NonLinearityType nl : kElementWise) {
      // The activation argument: the forward input or output, as the type
      // needs, written exactly (no device rounding of the forward pass).
      std::vector<double> act(n);
      for (std::size_t i = 0; i < n; ++i)
        act[i] =
            gradientFromInput(nl) ? x[i] : roundTo(type, activation(nl, x[i]));
      Tensor a = g.variable(type, {2, 5}, "a" + asString(nl));
      run.input("a" + asString(nl), a, act);
      run.output(asString(nl), popnn::nonLinearityInputGradient(g.graph, nl, a,
                                                                outGrad, prog));
    }
    for (NonLinearityType nl : kSoftmaxes) {
      Tensor a = g.variable(type, {2, 5}, "a" + asString(nl));
      run.input("a" + asString(nl), a, softmaxRows(x, 5, 1));
      run.output(asString(nl), popnn::nonLinearityInputGradient(g.graph, nl, a,
                                                                outGrad, prog));
    }
    run.run(prog);

    const double h = 1e-4;
    for (NonLinearityType nl : kElementWise) {
      std::vector<double> expected(n);
      for (std::size_t i = 0; i < n; ++i) {
        // For output-based types the output was rounded: differentiate at
        // the input that gives it.
        double at = x[i];
        if (!gradientFromInput(nl) && type == HALF) {
          const double y = roundTo(type, activation(nl, x[i]));
          at = nl == NonLinearityType::SIGMOID ? std::log(y / (1 - y))
               : nl == NonLinearityType::TANH  ? std::atanh(y)
                                               : x[i];
        }
        expected[i] = grad[i] *
                      (activation(nl, at + h) - activation(nl, at - h)) /
                      (2 * h);
      }
      requireClose(run.read(asString(nl)), expected, rel, abs, asString(nl));
    }
    // d/dx_j of sum_i g_i softmax(x)_i, by central differences per row.
    std::vector<double> expected(n);
    for (std::size_t j = 0; j < n; ++j) {
      std::vector<double> up = x, down = x;
      up[j] += h;
      down[j] -= h;
      const std::vector<double> yUp = softmaxRows(up, 5, 1),
                                yDown = softmaxRows(down, 5, 1);
      double d = 0;
      for (std::size_t i = 0; i < n; ++i)
        d += grad[i] * (yUp[i] - yDown[i]) / (2 * h);
      expected[j] = d;
    }
    for (NonLinearityType nl : kSoftmaxes)
      requireClose(run.read(asString(nl)), expected, rel, abs, asString(nl));
  }
}

TEST_CASE("popnn::addCodelets works with popops::addCodelets in any order",
          "[popnn][nonlinearity]") {
  for (bool popnnFirst : {true, false}) {
    Device device = TestGraph::makeDevice(2);
    Graph graph(device.getTarget());
    if (popnnFirst) {
      popnn::addCodelets(graph);
      popops::addCodelets(graph);
    } else {
      popops::addCodelets(graph);
      popnn::addCodelets(graph);
    }
    popnn::addCodelets(graph);
    Tensor t = graph.addVariable(FLOAT, {4}, "t");
    poputil::mapTensorLinearly(graph, t);
    Sequence prog;
    popnn::reluInPlace(graph, t, prog);
    Engine engine(graph, prog);
    engine.load(device);
    engine.run(0);
  }
  // popnn::addCodelets alone is enough for popnn's functions.
  Device device = TestGraph::makeDevice(2);
  Graph graph(device.getTarget());
  popnn::addCodelets(graph);
  Tensor t = graph.addVariable(HALF, {2, 3}, "t");
  poputil::mapTensorLinearly(graph, t);
  Sequence prog;
  popnn::softmaxInPlace(graph, t, prog);
  Engine engine(graph, prog);
}

TEST_CASE("non-linearity errors name the operation and the problem",
          "[popnn][nonlinearity]") {
  TestGraph g(2);
  Sequence prog;
  Tensor ints = g.variable(INT, {4}, "ints");
  Tensor a = g.variable(FLOAT, {2, 3}, "a");
  Tensor b = g.variable(FLOAT, {3, 2}, "b");
  Tensor h = g.variable(HALF, {2, 3}, "h");
  Tensor scalar = g.variable(FLOAT, {}, "scalar");
  using poputil::poplibs_error;

  std::string msg = errorOf<poplibs_error>([&] {
    popnn::nonLinearity(g.graph, NonLinearityType::RELU, ints, prog, {"act"});
  });
  CHECK_THAT(msg, Catch::Contains("popnn::nonLinearity (act)") &&
                      Catch::Contains("FLOAT or HALF") &&
                      Catch::Contains("int"));
  msg = errorOf<poplibs_error>(
      [&] { popnn::sigmoidInPlace(g.graph, ints, prog); });
  CHECK_THAT(msg, Catch::Contains("popnn::nonLinearityInPlace"));
  msg = errorOf<poplibs_error>(
      [&] { popnn::softmax(g.graph, scalar, prog, {"sm"}); });
  CHECK_THAT(msg, Catch::Contains("popnn::nonLinearity (sm)") &&
                      Catch::Contains("rank 1") && Catch::Contains("{}"));
  msg = errorOf<poplibs_error>([&] {
    popnn::nonLinearityInputGradient(g.graph, NonLinearityType::TANH, a, b,
                                     prog, {"grad"});
  });
  CHECK_THAT(msg, Catch::Contains("popnn::nonLinearityInputGradient (grad)") &&
                      Catch::Contains("{2,3}") && Catch::Contains("{3,2}"));
  msg = errorOf<poplibs_error>([&] {
    popnn::nonLinearityInputGradient(g.graph, NonLinearityType::SOFTMAX, a, h,
                                     prog);
  });
  CHECK_THAT(msg, Catch::Contains("half") && Catch::Contains("float"));
  msg = errorOf<poplibs_error>([&] {
    popnn::nonLinearityInputGradient(g.graph, NonLinearityType::GELU, ints,
                                     ints, prog);
  });
  CHECK_THAT(msg, Catch::Contains("FLOAT or HALF"));
  ComputeSet cs = g.graph.addComputeSet("cs");
  msg = errorOf<poplibs_error>([&] {
    popnn::nonLinearityInPlace(g.graph, NonLinearityType::SOFTMAX, a, cs,
                               {"c"});
  });
  CHECK_THAT(msg, Catch::Contains("popnn::nonLinearityInPlace (c)") &&
                      Catch::Contains("SOFTMAX") &&
                      Catch::Contains("Sequence"));
  float scaling = 0;
  msg = errorOf<poplibs_error>([&] {
    popnn::nonLinearityInPlace(g.graph, NonLinearityType::RELU, ints, scaling,
                               cs);
  });
  CHECK_THAT(msg, Catch::Contains("FLOAT or HALF"));
  msg = errorOf<poplibs_error>([&] {
    popnn::nonLinearityInputGradient(g.graph, NonLinearityType::SOFTMAX_STABLE,
                                     a, a, cs);
  });
  CHECK_THAT(msg, Catch::Contains("popnn::nonLinearityInputGradient") &&
                      Catch::Contains("Sequence"));
  msg = errorOf<poplibs_error>([&] {
    popnn::nonLinearityInputGradient(g.graph, NonLinearityType::RELU, a, b, cs);
  });
  CHECK_THAT(msg, Catch::Contains("{2,3}") && Catch::Contains("{3,2}"));
  msg = errorOf<poplibs_error>([&] {
    popnn::nonLinearityInPlace(g.graph, NonLinearityType::TANH,
                               a[0].expand({0}).broadcast(2, 0), cs, {"bc"});
  });
  CHECK_THAT(msg, Catch::Contains("popnn::nonLinearityInPlace (bc)") &&
                      Catch::Contains("alias"));
  msg = errorOf<poplibs_error>([&] {
    popnn::reluInPlace(g.graph, a[0].expand({0}).broadcast(2, 0), prog);
  });
  CHECK_THAT(msg, Catch::Contains("alias"));
  // Without popnn's codelets the vertices are unknown.
  TestGraph popopsOnly(2);
  Tensor p = popopsOnly.variable(FLOAT, {4}, "p");
  ComputeSet pcs = popopsOnly.graph.addComputeSet("pcs");
  msg = errorOf<poplar::unknown_vertex_type>([&] {
    popnn::nonLinearityInPlace(popopsOnly.graph, NonLinearityType::RELU, p,
                               pcs);
  });
  CHECK_THAT(msg, Catch::Contains("popnn::addCodelets"));
  msg = errorOf<poplibs_error>(
      [&] { popnn::nonLinearity(g.graph, NonLinearityType(99), a, prog); });
  CHECK_THAT(msg, Catch::Contains("popnn::nonLinearity") &&
                      Catch::Contains("NonLinearityType value 99"));
  msg = errorOf<poplibs_error>([&] {
    popnn::nonLinearityInputGradient(g.graph, NonLinearityType(99), a, a, prog);
  });
  CHECK_THAT(msg, Catch::Contains("NonLinearityType value 99"));
}

TEST_CASE("ComputeSet forms match the host", "[popnn][nonlinearity]") {
  for (const Type &type : {FLOAT, HALF}) {
    INFO(type.toString());
    const double rel = type == FLOAT ? 1e-5 : 4e-3;
    const double abs = type == FLOAT ? 1e-7 : 2e-3;
    TestGraph g(3);
    popnn::addCodelets(g.graph);
    const std::size_t n = 13;
    const std::vector<double> x = inputs(n, type);
    std::vector<double> grad(n);
    for (std::size_t i = 0; i < n; ++i)
      grad[i] = roundTo(type, 1.0 - 0.15 * double(i));
    Sequence prog;
    Runner run(g);
    Tensor in = g.variable(type, {n}, "in");
    // Partly unmapped: the compiler places those vertices.
    Tensor unmapped = g.graph.addVariable(type, {n}, "unmapped");
    g.graph.setTileMapping(unmapped.slice(0, 5), 1);
    Tensor outGrad = g.variable(type, {n}, "g");
    run.input("in", in, x);
    run.input("g", outGrad, grad);
    ComputeSet forward = g.graph.addComputeSet("forward");
    ComputeSet backward = g.graph.addComputeSet("backward");
    std::vector<Tensor> activations;
    for (NonLinearityType nl : kElementWise) {
      Tensor t = g.variable(type, {n}, "t" + asString(nl));
      prog.add(Copy(in, t));
      float scaling = 0;
      popnn::nonLinearityInPlace(g.graph, nl, t, scaling, forward);
      CHECK(scaling == 1.0f);
      run.output("f" + asString(nl), t);
      run.output(
          "b" + asString(nl),
          popnn::nonLinearityInputGradient(
              g.graph, nl, gradientFromInput(nl) ? in : t, outGrad, backward));
    }
    prog.add(Copy(in, unmapped));
    popnn::nonLinearityInPlace(g.graph, NonLinearityType::SWISH, unmapped,
                               forward);
    run.output("unmapped", unmapped);
    prog.add(Execute(forward));
    prog.add(Execute(backward));
    run.run(prog);

    const double h = 1e-4;
    for (NonLinearityType nl : kElementWise) {
      std::vector<double> y(n), dx(n);
      for (std::size_t i = 0; i < n; ++i) {
        y[i] = activation(nl, x[i]);
        // The backward pass reads the device's (rounded) forward output.
        double at = x[i];
        if (!gradientFromInput(nl) && type == HALF) {
          const double r = roundTo(type, y[i]);
          at = nl == NonLinearityType::SIGMOID ? std::log(r / (1 - r))
               : nl == NonLinearityType::TANH  ? std::atanh(r)
                                               : x[i];
        }
        dx[i] = grad[i] * (activation(nl, at + h) - activation(nl, at - h)) /
                (2 * h);
      }
      requireClose(run.read("f" + asString(nl)), y, rel, abs, asString(nl));
      requireClose(run.read("b" + asString(nl)), dx,
                   type == FLOAT ? 1e-4 : 1e-2, type == FLOAT ? 1e-6 : 4e-3,
                   asString(nl) + " gradient");
    }
    std::vector<double> swish(n);
    for (std::size_t i = 0; i < n; ++i)
      swish[i] = activation(NonLinearityType::SWISH, x[i]);
    requireClose(run.read("unmapped"), swish, rel, abs, "unmapped SWISH");
  }
}
