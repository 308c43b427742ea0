// popops::reduce and friends against a double-precision host reduction:
// every operation and type over several sets of dimensions, output types,
// update and scale, views and layouts (transposed, unmapped, on one tile,
// spread over many tiles with several combining stages), reduceMany and
// the compute-set forms, and the errors.
#include "PopopsHarness.hpp"

#include <popops/Reduce.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using Catch::Matchers::Contains;
using popops::Operation;

namespace {

/// Row-major strides of `shape`.
std::vector<std::size_t> stridesOf(const std::vector<std::size_t> &shape) {
  std::vector<std::size_t> strides(shape.size(), 1);
  for (std::size_t d = shape.size(); d-- > 1;)
    strides[d - 1] = strides[d] * shape[d];
  return strides;
}

/// For each output element of reducing `shape` over `dims`, the indices of
/// its input elements in row-major order.
std::vector<std::vector<std::size_t>>
inputsOfOutputs(const std::vector<std::size_t> &shape,
                const std::vector<std::size_t> &dims) {
  std::vector<std::size_t> outShape, keptDims;
  for (std::size_t d = 0; d < shape.size(); ++d)
    if (std::find(dims.begin(), dims.end(), d) == dims.end()) {
      outShape.push_back(shape[d]);
      keptDims.push_back(d);
    }
  const std::vector<std::size_t> inStrides = stridesOf(shape),
                                 outStrides = stridesOf(outShape);
  std::size_t numOut = 1, numIn = 1;
  for (std::size_t s : outShape)
    numOut *= s;
  for (std::size_t s : shape)
    numIn *= s;
  std::vector<std::vector<std::size_t>> result(numOut);
  for (std::size_t i = 0; i < numIn; ++i) {
    std::size_t o = 0;
    for (std::size_t k = 0; k < keptDims.size(); ++k)
      o += (i / inStrides[keptDims[k]] % shape[keptDims[k]]) * outStrides[k];
    result[o].push_back(i);
  }
  return result;
}

/// The reduction in double (integers wrap at 32 bits as on the device).
double reduceOnHost(Operation op, const Type &type,
                    const std::vector<double> &xs) {
  const bool isInt = type == INT || type == UNSIGNED_INT;
  auto wrap = [&](double v) {
    if (!isInt)
      return v;
    const auto u = std::uint32_t(std::int64_t(std::fmod(v, 4294967296.0)));
    return type == INT ? double(std::int32_t(u)) : double(u);
  };
  double acc = op == Operation::MUL || op == Operation::LOGICAL_AND ? 1
               : op == Operation::MIN ? std::numeric_limits<double>::infinity()
               : op == Operation::MAX || op == Operation::LOG_ADD
                   ? -std::numeric_limits<double>::infinity()
                   : 0;
  for (double x : xs) {
    switch (op) {
    case Operation::ADD:
      acc = wrap(acc + x);
      break;
    case Operation::SQUARE_ADD:
      acc = wrap(acc + wrap(x * x));
      break;
    case Operation::MUL:
      acc = wrap(acc * x);
      break;
    case Operation::MIN:
      acc = std::min(acc, x);
      break;
    case Operation::MAX:
      acc = std::max(acc, x);
      break;
    case Operation::LOGICAL_AND:
      acc = acc != 0 && x != 0;
      break;
    case Operation::LOGICAL_OR:
      acc = acc != 0 || x != 0;
      break;
    case Operation::LOG_ADD:
      acc = acc == -std::numeric_limits<double>::infinity()
                ? x
                : std::max(acc, x) + std::log1p(std::exp(-std::abs(acc - x)));
      break;
    }
  }
  return acc;
}

/// Inputs suited to `op` on `type`: small integers for integer products,
/// values near 1 for floating products, mixed signs elsewhere.
std::vector<double> inputsFor(Operation op, const Type &type, std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double k = double((i * 7919) % 23);
    if (type == BOOL)
      v[i] = (i * 13) % 17 != 0;
    else if (op == Operation::MUL)
      v[i] = type == FLOAT || type == HALF ? 0.875 + k / 64 : 1 + (k > 18);
    else if (type == UNSIGNED_INT)
      v[i] = k * 1000 + double(i);
    else if (type == INT)
      v[i] = k * 1000 - 11000 + double(i);
    else
      v[i] = k / 8 + 0.125; // positive floats: relative error is meaningful
  }
  return v;
}

/// Checks `got` against the host reduction of `values`, exactly for
/// integers and booleans, within float or half rounding otherwise.
void checkReduced(const std::vector<double> &got, const std::vector<double> &in,
                  const std::vector<std::size_t> &shape,
                  const std::vector<std::size_t> &dims, Operation op,
                  const Type &inType, const Type &outType,
                  const std::string &what) {
  const auto groups = inputsOfOutputs(shape, dims);
  REQUIRE(got.size() == groups.size());
  const double tolerance = outType == HALF    ? 1e-3
                           : outType == FLOAT ? (inType == HALF ? 1e-5 : 1e-5)
                                              : 0;
  for (std::size_t o = 0; o < groups.size(); ++o) {
    std::vector<double> xs;
    for (std::size_t i : groups[o])
      xs.push_back(in[i]);
    const double want = reduceOnHost(op, inType, xs);
    INFO(what << " output " << o << ": got " << got[o] << ", want " << want);
    if (tolerance == 0)
      REQUIRE(got[o] == want);
    else
      REQUIRE(std::abs(got[o] - want) <= tolerance * std::abs(want) + 1e-30);
  }
}

std::string opName(Operation op) {
  std::ostringstream s;
  s << op;
  return s.str();
}

} // namespace

TEST_CASE("reduce computes every operation over any dimensions",
          "[popops][reduce]") {
  const Type type = GENERATE(FLOAT, HALF, INT, UNSIGNED_INT, BOOL);
  std::vector<Operation> ops;
  if (type == BOOL)
    ops = {Operation::LOGICAL_AND, Operation::LOGICAL_OR};
  else
    ops = {Operation::ADD, Operation::SQUARE_ADD, Operation::MUL,
           Operation::MIN, Operation::MAX};
  if (type == FLOAT || type == HALF)
    ops.push_back(Operation::LOG_ADD);
  const std::vector<std::size_t> shape = {5, 6, 7};
  const std::vector<std::vector<std::size_t>> dimSets = {
      {}, {0}, {1}, {2}, {0, 2}, {2, 0}, {1, 2}, {0, 1, 2}};
  TestGraph g;
  Sequence prog;
  Runner r(g);
  struct Case {
    Operation op;
    std::vector<std::size_t> dims;
    std::string name;
    std::vector<double> in;
  };
  std::vector<Case> cases;
  for (Operation op : ops) {
    Tensor in = g.variable(type, shape, "in");
    const std::vector<double> values =
        fromDevice(type, toDevice(type, inputsFor(op, type, 210)));
    r.input("in" + opName(op), in, values);
    for (const auto &dims : dimSets) {
      const std::string name =
          opName(op) + " dims " + std::to_string(cases.size());
      Tensor out = popops::reduce(g.graph, in, dims, op, prog, name);
      REQUIRE(out.elementType() == type);
      r.output(name, out);
      cases.push_back({op, dims, name, values});
    }
  }
  r.run(prog);
  for (const Case &c : cases) {
    // SQUARE_ADD of integers and products of floats grow: compare in the
    // type's own precision.
    checkReduced(r.read(c.name), c.in, shape, c.dims, c.op, type, type,
                 type.toString() + " " + c.name);
  }
}

TEST_CASE("reduce to another output type keeps partials in float",
          "[popops][reduce]") {
  TestGraph g;
  const std::vector<std::size_t> shape = {40, 30};
  std::vector<double> values(1200);
  for (std::size_t i = 0; i < values.size(); ++i)
    values[i] = 1.0 + double(i % 97) / 32; // exact in half
  Tensor h = g.variable(HALF, shape, "h");
  Tensor f = g.variable(FLOAT, shape, "f");
  Sequence prog;
  Tensor hf = popops::reduce(g.graph, h, FLOAT, {0, 1}, Operation::ADD, prog);
  Tensor fh = popops::reduce(g.graph, f, HALF, {1}, Operation::ADD, prog);
  Tensor hh = popops::reduce(g.graph, h, {0}, Operation::SQUARE_ADD, prog);
  REQUIRE(hf.shape().empty());
  REQUIRE(hf.elementType() == FLOAT);
  REQUIRE(fh.elementType() == HALF);
  Runner r(g);
  r.input("h", h, values);
  r.input("f", f, values);
  r.output("hf", hf);
  r.output("fh", fh);
  r.output("hh", hh);
  r.run(prog);
  // 1200 halves summed in half would lose whole units; in float they don't.
  checkReduced(r.read("hf"), values, shape, {0, 1}, Operation::ADD, HALF, FLOAT,
               "half to float");
  checkReduced(r.read("fh"), values, shape, {1}, Operation::ADD, FLOAT, HALF,
               "float to half");
  checkReduced(r.read("hh"), values, shape, {0}, Operation::SQUARE_ADD, HALF,
               HALF, "half square add");
}

TEST_CASE("reduceWithOutput updates and scales its output",
          "[popops][reduce]") {
  TestGraph g;
  const std::vector<std::size_t> shape = {9, 13};
  std::vector<double> values(117), old(13);
  for (std::size_t i = 0; i < values.size(); ++i)
    values[i] = double(i % 11) / 4 - 1;
  for (std::size_t i = 0; i < old.size(); ++i)
    old[i] = double(i) * 0.5;
  Tensor in = g.variable(FLOAT, shape, "in");
  Tensor scale = g.variable(FLOAT, {}, "scale");
  Tensor halfScale = g.variable(HALF, {1}, "halfScale");
  Tensor added = g.variable(FLOAT, {13}, "added");
  Tensor scaled = g.variable(HALF, {13}, "scaled");
  Tensor logs = g.variable(FLOAT, {13}, "logs");
  Tensor both = g.graph.addVariable(FLOAT, {13}, "both"); // mapped by reduce
  Sequence prog;
  popops::reduceWithOutput(g.graph, in, added, {0}, {Operation::ADD, true},
                           prog);
  popops::reduceWithOutput(g.graph, in, scaled, {0},
                           {Operation::SQUARE_ADD, false, halfScale}, prog);
  popops::reduceWithOutput(g.graph, in, logs, {0},
                           {Operation::LOG_ADD, true, scale}, prog);
  popops::reduceWithOutput(g.graph, in, both, {0},
                           {Operation::ADD, true, scale}, prog, "both");
  Runner r(g);
  r.input("in", in, values);
  r.input("scale", scale, {-2.5});
  r.input("halfScale", halfScale, {0.75});
  r.input("added", added, old);
  r.input("logs", logs, old);
  r.input("both", both, old);
  r.output("added", added);
  r.output("scaled", scaled);
  r.output("logs", logs);
  r.output("both", both);
  r.run(prog);
  const auto groups = inputsOfOutputs(shape, {0});
  const auto gotAdded = r.read("added"), gotScaled = r.read("scaled"),
             gotLogs = r.read("logs"), gotBoth = r.read("both");
  for (std::size_t o = 0; o < 13; ++o) {
    std::vector<double> xs;
    for (std::size_t i : groups[o])
      xs.push_back(values[i]);
    const double sum = reduceOnHost(Operation::ADD, FLOAT, xs);
    const double squares = reduceOnHost(Operation::SQUARE_ADD, FLOAT, xs);
    const double logSum = reduceOnHost(Operation::LOG_ADD, FLOAT, xs);
    CHECK(gotAdded[o] == Approx(old[o] + sum).epsilon(1e-6));
    CHECK(gotScaled[o] == Approx(0.75 * squares).epsilon(1e-3));
    CHECK(gotLogs[o] == Approx(reduceOnHost(Operation::LOG_ADD, FLOAT,
                                            {old[o], logSum - 2.5}))
                            .epsilon(1e-5));
    CHECK(gotBoth[o] == Approx(old[o] - 2.5 * sum).epsilon(1e-6).margin(1e-5));
  }
}

TEST_CASE("Integer sums scale in float and convert toward zero",
          "[popops][reduce]") {
  TestGraph g(2);
  Tensor in = g.variable(INT, {4, 6}, "in");
  Tensor scale = g.variable(FLOAT, {}, "scale");
  Tensor out = g.variable(INT, {6}, "out");
  Tensor scalar = g.variable(INT, {}, "scalar");
  Sequence prog;
  popops::reduceWithOutput(g.graph, in, out, {0}, {Operation::ADD, true, scale},
                           prog);
  popops::reduceWithOutput(g.graph, in[1][2], scalar, {}, Operation::ADD, prog);
  std::vector<double> values(24);
  for (std::size_t i = 0; i < values.size(); ++i)
    values[i] = double(i) - 11;
  Runner r(g);
  r.input("in", in, values);
  r.input("scale", scale, {-0.5});
  r.input("out", out, std::vector<double>(6, 1000));
  r.output("out", out);
  r.output("scalar", scalar);
  r.run(prog);
  const std::vector<double> got = r.read("out");
  for (std::size_t j = 0; j < 6; ++j) {
    const double sum =
        values[j] + values[6 + j] + values[12 + j] + values[18 + j];
    CHECK(got[j] == 1000 + std::trunc(-0.5 * sum));
  }
  CHECK(r.read("scalar")[0] == values[8]);
}

TEST_CASE("reduce follows transposed, unmapped and single-tile layouts",
          "[popops][reduce]") {
  TestGraph g;
  Tensor byRows = g.variable(FLOAT, {24, 50}, "byRows");
  Tensor loose = g.graph.addVariable(INT, {6, 8, 5}, "loose");
  Tensor one = g.graph.addVariable(UNSIGNED_INT, {30, 7}, "one");
  g.graph.setTileMapping(one, 2);
  g.graph.setTileMapping(loose.slice(0, 2, 0), 1); // the rest unmapped
  std::vector<double> rows(1200), looseValues(240), oneValues(210);
  for (std::size_t i = 0; i < rows.size(); ++i)
    rows[i] = double(i % 29) / 16 + 0.5;
  for (std::size_t i = 0; i < looseValues.size(); ++i)
    looseValues[i] = double(i % 19) - 9;
  for (std::size_t i = 0; i < oneValues.size(); ++i)
    oneValues[i] = double((i * 31) % 101);
  Sequence prog;
  Tensor transposed =
      popops::reduce(g.graph, byRows.transpose(), {1}, Operation::ADD, prog);
  Tensor looseMax = popops::reduce(g.graph, loose.dimShuffle({2, 0, 1}), {1, 2},
                                   Operation::MAX, prog);
  Tensor oneMin = popops::reduce(g.graph, one, {0}, Operation::MIN, prog);
  Tensor looseSum =
      popops::reduce(g.graph, loose, {0, 2}, Operation::ADD, prog);
  // Memory neighbours belong to descending rows: no piece is longer than
  // one element, so each tile gathers its rows instead.
  Tensor scattered = popops::reduce(g.graph, byRows.transpose().reverse(0), {1},
                                    Operation::ADD, prog);
  Runner r(g);
  r.input("byRows", byRows, rows);
  r.input("loose", loose, looseValues);
  r.input("one", one, oneValues);
  r.output("transposed", transposed);
  r.output("looseMax", looseMax);
  r.output("oneMin", oneMin);
  r.output("scattered", scattered);
  r.output("looseSum", looseSum);
  r.run(prog);
  // transposed[j] = sum over i of byRows[i][j].
  checkReduced(r.read("transposed"), rows, {24, 50}, {0}, Operation::ADD, FLOAT,
               FLOAT, "transposed");
  checkReduced(r.read("looseMax"), looseValues, {6, 8, 5}, {0, 1},
               Operation::MAX, INT, INT, "unmapped");
  checkReduced(r.read("oneMin"), oneValues, {30, 7}, {0}, Operation::MIN,
               UNSIGNED_INT, UNSIGNED_INT, "one tile");
  checkReduced(r.read("looseSum"), looseValues, {6, 8, 5}, {0, 2},
               Operation::ADD, INT, INT, "partly unmapped");
  std::vector<double> scatteredGot = r.read("scattered");
  std::reverse(scatteredGot.begin(), scatteredGot.end());
  checkReduced(scatteredGot, rows, {24, 50}, {0}, Operation::ADD, FLOAT, FLOAT,
               "scattered rows");
}

TEST_CASE("A reduction over many tiles combines partials in several stages",
          "[popops][reduce]") {
  TestGraph g(16);
  // Each of the 16 tiles holds 32 of the 512 rows: 16 partials per output.
  Tensor in = g.variable(FLOAT, {512, 9}, "in");
  Tensor wide = g.variable(FLOAT, {3, 4000}, "wide");
  std::vector<double> values(512 * 9), wideValues(12000);
  for (std::size_t i = 0; i < values.size(); ++i)
    values[i] = 1.0 + double((i * 37) % 101) / 101;
  for (std::size_t i = 0; i < wideValues.size(); ++i)
    wideValues[i] = double((i * 53) % 211) / 7;
  std::vector<ComputeSet> css;
  Tensor out = popops::reduce(g.graph, in, {0}, Operation::ADD, css, "tree");
  const std::size_t treeStages = css.size();
  Tensor wideOut = popops::reduce(g.graph, wide, {1}, Operation::ADD, css);
  CHECK(treeStages >= 3); // partials, a combining stage, the final stage
  Sequence prog;
  for (const ComputeSet &cs : css)
    prog.add(Execute(cs));
  Runner r(g);
  r.input("in", in, values);
  r.input("wide", wide, wideValues);
  r.output("out", out);
  r.output("wideOut", wideOut);
  r.run(prog);
  checkReduced(r.read("out"), values, {512, 9}, {0}, Operation::ADD, FLOAT,
               FLOAT, "16 tiles");
  checkReduced(r.read("wideOut"), wideValues, {3, 4000}, {1}, Operation::ADD,
               FLOAT, FLOAT, "wide rows");
}

TEST_CASE("A new output lives where its rows do", "[popops][reduce]") {
  TestGraph g;
  Tensor in = g.variable(FLOAT, {64, 100}, "in"); // 16 whole rows per tile
  Sequence prog;
  Tensor out = popops::reduce(g.graph, in, {1}, Operation::MAX, prog);
  const Graph::TileToTensorMapping inMap = g.graph.getTileMapping(in);
  const Graph::TileToTensorMapping outMap = g.graph.getTileMapping(out);
  for (unsigned tile = 0; tile < 4; ++tile) {
    REQUIRE(outMap[tile].size() == 1);
    CHECK(outMap[tile][0].begin() * 100 == inMap[tile][0].begin());
    CHECK(outMap[tile][0].end() * 100 == inMap[tile][0].end());
  }
}

TEST_CASE("reduceMany runs several reductions side by side",
          "[popops][reduce]") {
  TestGraph g;
  Tensor a = g.variable(FLOAT, {10, 12}, "a");
  Tensor b = g.variable(INT, {7, 3}, "b");
  std::vector<double> av(120), bv(21);
  for (std::size_t i = 0; i < av.size(); ++i)
    av[i] = double(i % 9) + 0.25;
  for (std::size_t i = 0; i < bv.size(); ++i)
    bv[i] = double(i) - 10;
  Sequence prog;
  std::vector<Tensor> created;
  popops::reduceMany(g.graph,
                     {{a, {1}, Operation::ADD, HALF, "sumA"},
                      {b, {0}, Operation::MIN, "minB"}},
                     created, prog);
  REQUIRE(created.size() == 2);
  CHECK(created[0].elementType() == HALF);
  CHECK(created[1].elementType() == INT);
  std::vector<Tensor> given = {g.variable(FLOAT, {12}, "given")};
  popops::reduceMany(g.graph, {{a, {0}, {Operation::ADD, true}}}, given, prog);
  Runner r(g);
  r.input("a", a, av);
  r.input("b", b, bv);
  r.input("given", given[0], std::vector<double>(12, 100));
  r.output("sumA", created[0]);
  r.output("minB", created[1]);
  r.output("given", given[0]);
  r.run(prog);
  checkReduced(r.read("sumA"), av, {10, 12}, {1}, Operation::ADD, FLOAT, HALF,
               "sumA");
  checkReduced(r.read("minB"), bv, {7, 3}, {0}, Operation::MIN, INT, INT,
               "minB");
  std::vector<double> want = r.read("given");
  for (double &v : want)
    v -= 100;
  checkReduced(want, av, {10, 12}, {0}, Operation::ADD, FLOAT, FLOAT,
               "updated");
}

TEST_CASE("Reducing no elements gives the operation's identity",
          "[popops][reduce]") {
  TestGraph g(2);
  Tensor empty = g.graph.addVariable(FLOAT, {0, 5}, "empty");
  Sequence prog;
  Tensor sum = popops::reduce(g.graph, empty, {0}, Operation::ADD, prog);
  Tensor product = popops::reduce(g.graph, empty, {0}, Operation::MUL, prog);
  Tensor most = popops::reduce(g.graph, empty, {0}, Operation::MAX, prog);
  Runner r(g);
  r.output("sum", sum);
  r.output("product", product);
  r.output("most", most);
  r.run(prog);
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(r.read("sum")[i] == 0);
    CHECK(r.read("product")[i] == 1);
    CHECK(r.read("most")[i] == -std::numeric_limits<double>::infinity());
  }
}

TEST_CASE("Operation reads and writes its enumerator names",
          "[popops][reduce]") {
  std::istringstream in("LOG_ADD SQUARE_ADD nonsense");
  Operation a, b, c;
  in >> a >> b;
  CHECK(a == Operation::LOG_ADD);
  CHECK(b == Operation::SQUARE_ADD);
  CHECK(opName(Operation::LOGICAL_OR) == "LOGICAL_OR");
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] { in >> c; }),
             Contains("'nonsense'") && Contains("LOG_ADD"));
}

TEST_CASE("reduce names the dimensions, shapes and types it refuses",
          "[popops][reduce][errors]") {
  TestGraph g(2);
  Tensor in = g.variable(FLOAT, {4, 5, 6}, "in");
  Tensor flags = g.variable(BOOL, {4, 5}, "flags");
  Tensor ints = g.variable(INT, {4, 5}, "ints");
  Tensor out = g.variable(FLOAT, {4, 5}, "out");
  Tensor scale2 = g.variable(FLOAT, {2}, "scale2");
  Tensor intScale = g.variable(INT, {}, "intScale");
  Sequence prog;
  auto fails = [&](const std::function<void()> &f) {
    return errorOf<poputil::poplibs_error>(f);
  };
  CHECK_THAT(fails([&] {
               popops::reduce(g.graph, in, {3}, Operation::ADD, prog, "sum");
             }),
             Contains("popops::reduce (sum)") && Contains("dimension 3") &&
                 Contains("{4,5,6}") && Contains("rank 3"));
  CHECK_THAT(fails([&] {
               popops::reduce(g.graph, in, {1, 1}, Operation::ADD, prog);
             }),
             Contains("dimension 1 appears twice") && Contains("{1,1}"));
  CHECK_THAT(fails([&] {
               popops::reduceWithOutput(g.graph, in, out, {1}, Operation::ADD,
                                        prog, "into");
             }),
             Contains("popops::reduceWithOutput (into)") && Contains("{4,5}") &&
                 Contains("{4,6}"));
  CHECK_THAT(fails([&] {
               popops::reduce(g.graph, in, {0}, Operation::LOGICAL_AND, prog);
             }),
             Contains("LOGICAL_AND does not reduce float into float"));
  CHECK_THAT(
      fails([&] { popops::reduce(g.graph, flags, {0}, Operation::MIN, prog); }),
      Contains("MIN does not reduce bool"));
  CHECK_THAT(fails([&] {
               popops::reduce(g.graph, ints, FLOAT, {0}, Operation::ADD, prog);
             }),
             Contains("ADD does not reduce int into float"));
  CHECK_THAT(fails([&] {
               popops::reduceWithOutput(g.graph, in, out, {2},
                                        {Operation::MAX, true}, prog);
             }),
             Contains("MAX cannot update"));
  CHECK_THAT(fails([&] {
               popops::reduceWithOutput(g.graph, in, out, {2},
                                        {Operation::ADD, false, scale2}, prog);
             }),
             Contains("one-element float or half") && Contains("{2}"));
  CHECK_THAT(fails([&] {
               popops::reduceWithOutput(g.graph, in, out, {2},
                                        {Operation::ADD, false, intScale},
                                        prog);
             }),
             Contains("not int"));
  CHECK_THAT(fails([&] {
               popops::reduce(g.graph, in, {2}, {Operation::ADD, true}, prog);
             }),
             Contains("reduceWithOutput"));
  std::vector<Tensor> two = {out, out};
  CHECK_THAT(
      fails([&] {
        popops::reduceMany(g.graph, {{in, {2}, Operation::ADD}}, two, prog);
      }),
      Contains("popops::reduceMany") && Contains("2 outputs") &&
          Contains("1 reductions"));
  CHECK_THAT(errorOf<invalid_option>([&] {
               popops::reduce(g.graph, in, {2}, Operation::ADD, prog, {},
                              {{"accumType.interTile", "double"}});
             }),
             Contains("float or half"));
}
