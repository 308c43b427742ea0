// popnn losses, accuracy and arg-extremes against host references: both
// loss types in FLOAT and HALF with UNSIGNED_INT and INT labels, masked
// rows, loss scaling, deltas against finite differences, and errors.
#include "../popops/PopopsHarness.hpp"

#include <popnn/Loss.hpp>
#include <poputil/exceptions.hpp>

#include <cmath>

using namespace poplar;
using namespace poplar::program;
using popops_test::errorOf;
using popops_test::Runner;
using popops_test::TestGraph;

namespace {

constexpr std::size_t kBatch = 4, kClasses = 5;

// Row-major [kBatch][kClasses] outputs: each row a softmax-like positive
// distribution with a unique largest element at a known column, except row
// 3 where columns 1 and 4 tie.
std::vector<double> modelOutputs(const Type &type, double scale) {
  const double rows[kBatch][kClasses] = {{0.1, 0.2, 0.4, 0.2, 0.1},
                                         {0.5, 0.1, 0.1, 0.2, 0.1},
                                         {0.05, 0.15, 0.2, 0.25, 0.35},
                                         {0.1, 0.3, 0.1, 0.2, 0.3}};
  std::vector<double> v;
  for (const auto &row : rows)
    for (double x : row) {
      const double s = x * scale;
      v.push_back(type == HALF ? double(float(poplar::half(float(s)))) : s);
    }
  return v;
}

const unsigned kMasked = MASKED_LABEL_CODE;

// The host loss of one row; `label` kMasked gives 0.
double rowLoss(popnn::LossType lossType, const double *y, unsigned label,
               double outScale) {
  if (label == kMasked)
    return 0;
  if (lossType == popnn::CROSS_ENTROPY_LOSS)
    return -std::log(y[label] / outScale);
  double sum = 0;
  for (std::size_t c = 0; c < kClasses; ++c) {
    const double d = y[c] - (c == label ? 1 : 0);
    sum += 0.5 * d * d;
  }
  return sum;
}

void requireClose(const std::vector<double> &actual,
                  const std::vector<double> &expected, double rel, double abs,
                  const std::string &what) {
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    INFO(what << " element " << i << ": " << actual[i] << " vs "
              << expected[i]);
    REQUIRE(std::fabs(actual[i] - expected[i]) <=
            rel * std::fabs(expected[i]) + abs);
  }
}

} // namespace

TEST_CASE("calcLoss and calcAccuracy match the host", "[popnn][loss]") {
  for (const Type &type : {FLOAT, HALF})
    for (const Type &labelType : {UNSIGNED_INT, INT})
      for (popnn::LossType lossType :
           {popnn::SUM_SQUARED_LOSS, popnn::CROSS_ENTROPY_LOSS}) {
        const bool scaled = lossType == popnn::CROSS_ENTROPY_LOSS;
        INFO(type.toString() << " labels " << labelType.toString()
                             << " loss type " << int(lossType));
        const double rel = type == FLOAT ? 1e-5 : 4e-3;
        const double abs = type == FLOAT ? 1e-6 : 2e-3;
        const double outScale = scaled ? 4 : 1, deltasScale = scaled ? 2 : 1;
        TestGraph g(3);
        Sequence prog;
        Runner run(g);
        const std::vector<double> y = modelOutputs(type, outScale);
        // Row 1 is masked; row 3 ties at columns 1 and 4, labelled 4, so
        // the first maximum (1) is not correct.
        const std::vector<unsigned> labels{2, kMasked, 4, 4};
        Tensor outputs = g.variable(type, {kBatch, kClasses}, "y");
        Tensor expected = g.variable(labelType, {kBatch}, "labels");
        Tensor loss = g.variable(type, {kBatch}, "loss");
        Tensor deltas = g.variable(type, {kBatch, kClasses}, "deltas");
        Tensor numCorrect = g.variable(UNSIGNED_INT, {1}, "numCorrect");
        run.input("y", outputs, y);
        run.input("labels", expected,
                  {2, labelType == INT ? -1.0 : double(kMasked), 4, 4});
        if (scaled) {
          Tensor ds = g.variable(FLOAT, {}, "ds");
          Tensor os = g.variable(type, {1}, "os");
          run.input("ds", ds, {deltasScale});
          run.input("os", os, {outScale});
          prog.add(popnn::calcLoss(g.graph, outputs, expected, loss, deltas, ds,
                                   os, numCorrect, lossType, {"loss"}));
        } else {
          prog.add(popnn::calcLoss(g.graph, outputs, expected, loss, deltas,
                                   numCorrect, lossType, {"loss"}));
        }
        run.output("loss", loss);
        run.output("deltas", deltas);
        run.output("numCorrect", numCorrect);
        run.run(prog);

        std::vector<double> expectedLoss(kBatch), expectedDeltas;
        for (std::size_t r = 0; r < kBatch; ++r) {
          const double *row = &y[r * kClasses];
          expectedLoss[r] = rowLoss(lossType, row, labels[r], outScale);
          for (std::size_t c = 0; c < kClasses; ++c) {
            const double hot = c == labels[r] ? 1 : 0;
            expectedDeltas.push_back(labels[r] == kMasked
                                         ? 0
                                         : (row[c] - hot * outScale) *
                                               deltasScale / outScale);
          }
        }
        requireClose(run.read("loss"), expectedLoss, rel, abs, "loss");
        requireClose(run.read("deltas"), expectedDeltas, rel, abs, "deltas");
        CHECK(run.read("numCorrect") == std::vector<double>{2});

        // The deltas are the gradient of the loss (times deltasScale and
        // the output scaling, for cross entropy): central differences.
        const double h = 1e-6;
        for (std::size_t r = 0; r < kBatch; ++r)
          for (std::size_t c = 0; c < kClasses; ++c) {
            std::vector<double> up = y, down = y;
            up[r * kClasses + c] += h;
            down[r * kClasses + c] -= h;
            const double fd =
                (rowLoss(lossType, &up[r * kClasses], labels[r], outScale) -
                 rowLoss(lossType, &down[r * kClasses], labels[r], outScale)) /
                (2 * h);
            if (lossType == popnn::SUM_SQUARED_LOSS)
              CHECK(std::fabs(expectedDeltas[r * kClasses + c] - fd) < 1e-6);
            else if (c == labels[r])
              // Cross entropy's derivative through a softmax is y - onehot;
              // its own derivative at the label column is -1/y.
              CHECK(std::fabs(fd + 1 / y[r * kClasses + c]) < 1e-4);
          }
      }
}

TEST_CASE("calcLoss without numCorrect, calcAccuracy alone, transposed outputs",
          "[popnn][loss]") {
  TestGraph g(2);
  Sequence prog;
  Runner run(g);
  const std::vector<double> y = modelOutputs(FLOAT, 1);
  // The outputs as a transposed view of a [classes][batch] variable.
  Tensor stored = g.variable(FLOAT, {kClasses, kBatch}, "yT");
  Tensor outputs = stored.transpose();
  Tensor expected = g.variable(UNSIGNED_INT, {kBatch}, "labels");
  Tensor loss = g.variable(FLOAT, {kBatch}, "loss");
  Tensor deltas = g.variable(FLOAT, {kBatch, kClasses}, "deltas");
  Tensor numCorrect = g.variable(UNSIGNED_INT, {}, "numCorrect");
  std::vector<double> yT(y.size());
  for (std::size_t r = 0; r < kBatch; ++r)
    for (std::size_t c = 0; c < kClasses; ++c)
      yT[c * kBatch + r] = y[r * kClasses + c];
  run.input("yT", stored, yT);
  run.input("labels", expected, {2, 0, 4, 1});
  prog.add(popnn::calcLoss(g.graph, outputs, expected, loss, deltas,
                           popnn::CROSS_ENTROPY_LOSS));
  prog.add(popnn::calcAccuracy(g.graph, outputs, expected, numCorrect));
  run.output("loss", loss);
  run.output("deltas", deltas);
  run.output("numCorrect", numCorrect);
  run.run(prog);
  const std::vector<double> d = run.read("deltas");
  CHECK(d[0 * kClasses + 2] == Approx(0.4 - 1).epsilon(1e-6));
  CHECK(d[1 * kClasses + 3] == Approx(0.2).epsilon(1e-6));
  const std::vector<double> l = run.read("loss");
  CHECK(l[0] == Approx(-std::log(0.4)).epsilon(1e-6));
  CHECK(l[3] == Approx(-std::log(0.3)).epsilon(1e-6));
  CHECK(run.read("numCorrect") == std::vector<double>{4});
}

TEST_CASE("argMax, argMin and their extremes match the host", "[popnn][loss]") {
  for (const Type &type : {FLOAT, HALF, INT, UNSIGNED_INT}) {
    INFO(type.toString());
    TestGraph g(3);
    Sequence prog;
    Runner run(g);
    // 3 rows of 6 with ties: the first extreme wins.
    const std::vector<double> x{3, 1, 4, 1, 5, 5, 9, 2, 6,
                                5, 3, 9, 2, 7, 1, 8, 2, 8};
    Tensor in = g.variable(type, {3, 6}, "in");
    run.input("in", in, x);
    run.output("argMax", popnn::argMax(g.graph, in, prog));
    run.output("argMin", popnn::argMin(g.graph, in, prog));
    auto [max, argMax] = popnn::maxAndArgMax(g.graph, in, prog);
    auto [min, argMin] = popnn::minAndArgMin(g.graph, in, prog);
    CHECK(argMax.elementType() == UNSIGNED_INT);
    CHECK(max.elementType() == type);
    run.output("max", max);
    run.output("argMax2", argMax);
    run.output("min", min);
    run.output("argMin2", argMin);
    // A transposed view: rows are the columns of a 6x3 variable.
    Tensor t = g.variable(type, {6, 3}, "t");
    prog.add(Copy(in, t.transpose()));
    run.output("argMaxT", popnn::argMax(g.graph, t.transpose(), prog));
    run.run(prog);
    CHECK(run.read("argMax") == std::vector<double>{4, 0, 3});
    CHECK(run.read("argMaxT") == std::vector<double>{4, 0, 3});
    CHECK(run.read("argMax2") == std::vector<double>{4, 0, 3});
    CHECK(run.read("max") == std::vector<double>{5, 9, 8});
    CHECK(run.read("argMin") == std::vector<double>{1, 1, 2});
    CHECK(run.read("argMin2") == std::vector<double>{1, 1, 2});
    CHECK(run.read("min") == std::vector<double>{1, 2, 1});
  }
}

TEST_CASE("topK returns the largest values and their columns",
          "[popnn][loss]") {
  TestGraph g(2);
  Sequence prog;
  Runner run(g);
  Tensor in = g.variable(FLOAT, {2, 5}, "in");
  run.input("in", in, {0.5, -1, 3, 2, 7, 4, 4.5, -2, 8, 1});
  Tensor indices;
  Tensor values = popnn::topK(g.graph, in, indices, 3, true, prog);
  REQUIRE(values.shape() == std::vector<std::size_t>{2, 3});
  REQUIRE(indices.shape() == std::vector<std::size_t>{2, 3});
  CHECK(indices.elementType() == UNSIGNED_INT);
  run.output("values", values);
  run.output("indices", indices);
  run.run(prog);
  CHECK(run.read("values") == std::vector<double>{7, 3, 2, 8, 4.5, 4});
  CHECK(run.read("indices") == std::vector<double>{4, 2, 3, 3, 1, 0});
}

TEST_CASE("loss errors name the operation and the shapes", "[popnn][loss]") {
  TestGraph g(2);
  Tensor y = g.variable(FLOAT, {4, 5}, "y");
  Tensor y1 = g.variable(FLOAT, {20}, "y1");
  Tensor yi = g.variable(INT, {4, 5}, "yi");
  Tensor labels = g.variable(UNSIGNED_INT, {4}, "labels");
  Tensor badLabels = g.variable(UNSIGNED_INT, {3}, "badLabels");
  Tensor floatLabels = g.variable(FLOAT, {4}, "floatLabels");
  Tensor loss = g.variable(FLOAT, {4}, "loss");
  Tensor halfLoss = g.variable(HALF, {4}, "halfLoss");
  Tensor deltas = g.variable(FLOAT, {4, 5}, "deltas");
  Tensor badDeltas = g.variable(FLOAT, {5, 4}, "badDeltas");
  Tensor scale = g.variable(FLOAT, {}, "scale");
  Tensor twoScales = g.variable(FLOAT, {2}, "twoScales");
  Tensor count = g.variable(UNSIGNED_INT, {1}, "count");
  Tensor floatCount = g.variable(FLOAT, {1}, "floatCount");
  using poputil::poplibs_error;
  const auto sq = popnn::SUM_SQUARED_LOSS;
  const auto ce = popnn::CROSS_ENTROPY_LOSS;

  std::string msg = errorOf<poplibs_error>(
      [&] { popnn::calcLoss(g.graph, y1, labels, loss, deltas, sq, {"L"}); });
  CHECK_THAT(msg, Catch::Contains("popnn::calcLoss (L)") &&
                      Catch::Contains("2-D") && Catch::Contains("{20}"));
  msg = errorOf<poplibs_error>(
      [&] { popnn::calcLoss(g.graph, yi, labels, loss, deltas, sq); });
  CHECK_THAT(msg, Catch::Contains("FLOAT or HALF"));
  msg = errorOf<poplibs_error>(
      [&] { popnn::calcLoss(g.graph, y, badLabels, loss, deltas, sq); });
  CHECK_THAT(msg, Catch::Contains("{4}") && Catch::Contains("{3}"));
  msg = errorOf<poplibs_error>(
      [&] { popnn::calcLoss(g.graph, y, floatLabels, loss, deltas, sq); });
  CHECK_THAT(msg, Catch::Contains("UNSIGNED_INT or INT"));
  msg = errorOf<poplibs_error>(
      [&] { popnn::calcLoss(g.graph, y, labels, halfLoss, deltas, sq); });
  CHECK_THAT(msg, Catch::Contains("the loss has type half"));
  msg = errorOf<poplibs_error>(
      [&] { popnn::calcLoss(g.graph, y, labels, loss, badDeltas, ce); });
  CHECK_THAT(msg, Catch::Contains("{5,4}") && Catch::Contains("{4,5}"));
  msg = errorOf<poplibs_error>([&] {
    popnn::calcLoss(g.graph, y, labels, loss, deltas, scale, scale, sq);
  });
  CHECK_THAT(msg, Catch::Contains("only for CROSS_ENTROPY_LOSS"));
  msg = errorOf<poplibs_error>([&] {
    popnn::calcLoss(g.graph, y, labels, loss, deltas, twoScales, scale, ce);
  });
  CHECK_THAT(msg, Catch::Contains("deltasScale") && Catch::Contains("{2}"));
  msg = errorOf<poplibs_error>([&] {
    popnn::calcLoss(g.graph, y, labels, loss, deltas, popnn::LossType(7));
  });
  CHECK_THAT(msg, Catch::Contains("LossType value 7"));
  msg = errorOf<poplibs_error>(
      [&] { popnn::calcAccuracy(g.graph, y, labels, floatCount, {"A"}); });
  CHECK_THAT(msg, Catch::Contains("popnn::calcAccuracy (A)") &&
                      Catch::Contains("UNSIGNED_INT"));
  msg = errorOf<poplibs_error>([&] {
    popnn::calcLoss(g.graph, y, labels, loss, deltas, floatCount, sq);
  });
  CHECK_THAT(msg, Catch::Contains("popnn::calcAccuracy"));
  Sequence prog;
  msg =
      errorOf<poplibs_error>([&] { popnn::argMax(g.graph, y1, prog, {"am"}); });
  CHECK_THAT(msg, Catch::Contains("popnn::maxAndArgMax (am)") &&
                      Catch::Contains("{20}"));
  msg = errorOf<poplibs_error>([&] { popnn::argMin(g.graph, y1, prog); });
  CHECK_THAT(msg, Catch::Contains("popnn::minAndArgMin"));
  Tensor indices;
  msg = errorOf<poplibs_error>(
      [&] { popnn::topK(g.graph, y, indices, 6, true, prog, {"tk"}); });
  CHECK_THAT(msg, Catch::Contains("popnn::topK (tk)") &&
                      Catch::Contains("{4,5}") && Catch::Contains("K is 6"));
  (void)count;
}
