// Tensor queries: shape, aliasing, constants and their values, contiguous
// and variable regions, intersection, equality and the printed forms.
#include "TensorModel.hpp"

#include <poplar/Graph.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <iostream>
#include <sstream>

using namespace poplar;
using namespace tensor_model;

namespace {

/// Everything written to std::cerr while `fn` runs.
template <class Fn> std::string capturedCerr(Fn fn) {
  std::ostringstream captured;
  std::streambuf *old = std::cerr.rdbuf(captured.rdbuf());
  try {
    fn();
  } catch (...) {
    std::cerr.rdbuf(old);
    throw;
  }
  std::cerr.rdbuf(old);
  return captured.str();
}

} // namespace

TEST_CASE("shape queries", "[graph][tensor]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor x = graph.addVariable(HALF, {2, 3, 4}, "x");
  CHECK(x.elementType() == HALF);
  CHECK(x.numElements() == 24);
  CHECK(x.rank() == 3);
  CHECK(x.dim(0) == 2);
  CHECK(x.dim(2) == 4);
  CHECK(x.shape() == Shape{2, 3, 4});
  CHECK(x.shapeToString() == "{2,3,4}");
  CHECK(x[0][0][0].shapeToString() == "{}");
  CHECK(x[0][0][0].numElements() == 1);
  CHECK(x.slice(1, 1).numElements() == 0);
  CHECK(x.valid());
  CHECK_FALSE(Tensor().valid());
}

TEST_CASE("aliasing queries", "[graph][tensor]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor x = graph.addVariable(INT, {8}, "x");
  Tensor y = graph.addVariable(INT, {8}, "y");
  CHECK_FALSE(x.containsAliases());
  CHECK_FALSE(concat(x, y).containsAliases());
  CHECK(x.broadcast(2, 0).containsAliases());
  CHECK(concat(x.slice(0, 4), x.slice(3, 5)).containsAliases());
  CHECK_FALSE(concat(x.slice(4, 8), x.slice(0, 4)).containsAliases());
  CHECK(x.expand({1}).upsample(2, 1, UpsampleMethod::REPEAT).containsAliases());
  CHECK(x.isParallelWriteable());
  CHECK_FALSE(x.broadcast(2, 0).isParallelWriteable());

  CHECK(x.slice(0, 4).intersectsWith(x.slice(3, 5)));
  CHECK_FALSE(x.slice(0, 4).intersectsWith(x.slice(4, 8)));
  CHECK_FALSE(x.intersectsWith(y));
  CHECK(concat(y, x.slice(6, 7)).intersectsWith(x.reverse(0).slice(0, 2)));
  CHECK_FALSE(x.slice(0, 0).intersectsWith(x));
  Tensor evens = x.subSample(2, 0), odds = x.slice(1, 8).subSample(2, 0);
  CHECK_FALSE(evens.intersectsWith(odds));
  CHECK(evens.intersectsWith(x.slice(4, 5)));
}

TEST_CASE("contiguity and regions", "[graph][tensor]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor x = graph.addVariable(FLOAT, {4, 6}, "x");
  Tensor y = graph.addVariable(FLOAT, {10}, "y");
  CHECK(x.isContiguous());
  CHECK(x.slice(1, 3).isContiguous());
  CHECK_FALSE(x.slice(1, 3, 1).isContiguous());
  CHECK(x.slice(0, 0).isContiguous());

  Tensor t = concat(x.slice(2, 3).flatten(), y.slice(4, 7)).reshape({3, 3});
  CHECK_FALSE(t.isContiguous());
  CHECK(t.getContiguousRegions() ==
        std::vector<Interval>{Interval(0, 6), Interval(6, 9)});
  std::vector<VariableInterval> vars = t.getVarRegions();
  REQUIRE(vars.size() == 2);
  CHECK(vars[0].interval == Interval(12, 18));
  CHECK(vars[1].interval == Interval(4, 7));
  CHECK(vars[0].var != vars[1].var);
  CHECK(vars[0].var == x.getVarRegions()[0].var);
  CHECK(vars[1].var == y.getVarRegions()[0].var);

  std::vector<Interval> pieces = x.transpose().getContiguousRegions();
  CHECK(pieces.size() == 24);
  CHECK(pieces[5] == Interval(5, 6));
  CHECK(x.slice(0, 0).getContiguousRegions().empty());
  CHECK(x.slice(0, 0).getVarRegions().empty());
}

TEST_CASE("constant queries", "[graph][tensor]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor x = graph.addVariable(INT, {4}, "x");
  Tensor c = graph.addConstant(INT, {3}, 7);
  Tensor mixed = graph.addConstant<int>(INT, {3}, {5, 6, 5});
  CHECK_FALSE(x.containsConstant());
  CHECK(c.containsConstant());
  CHECK(concat(x, c).containsConstant());
  CHECK_FALSE(concat(x, c).isParallelWriteable());
  CHECK_FALSE(concat(x, c.slice(0, 0)).containsConstant());

  int value = 0;
  CHECK(c.getConstantValue(&value));
  CHECK(value == 7);
  CHECK(c.broadcast(4, 0).getConstantValue(&value));
  CHECK_FALSE(mixed.getConstantValue(&value));
  value = 0;
  CHECK(mixed.subSample(2, 0).getConstantValue(&value));
  CHECK(value == 5);
  CHECK(concat(c, graph.addConstant(INT, {2}, 7)).getConstantValue(&value));
  CHECK_FALSE(concat(c, x).getConstantValue(&value));
  CHECK_FALSE(x.getConstantValue(&value));
  CHECK_FALSE(c.slice(0, 0).getConstantValue(&value));
  // Initial values are not constants.
  graph.setInitialValue(x, 7);
  CHECK_FALSE(x.getConstantValue(&value));
}

TEST_CASE("getConstantValue converts device values to the host type",
          "[graph][tensor]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor h = graph.addConstant<float>(HALF, {2, 2}, 1.5f);
  float f = 0;
  CHECK(h.getConstantValue(&f));
  CHECK(f == 1.5f);
  double d = 0;
  CHECK(h.getConstantValue(&d));
  CHECK(d == 1.5);
  int i = 0;
  CHECK(h.getConstantValue(&i));
  CHECK(i == 1);
  bool b = false;
  CHECK(h.getConstantValue(&b));
  CHECK(b);
  unsigned short bits = 0;
  CHECK(h.reinterpret(UNSIGNED_SHORT).getConstantValue(&bits));
  CHECK(bits == 0x3e00); // 1.5 in IEEE half

  Tensor big = graph.addConstant<long long>(LONGLONG, {3}, 1LL << 40);
  long l = 0;
  CHECK(big.getConstantValue(&l));
  CHECK(l == (1L << 40));
  unsigned long ul = 0;
  CHECK(big.getConstantValue(&ul));
  CHECK(ul == (1UL << 40));

  Tensor neg = graph.addConstant<int>(INT, {2}, -3);
  unsigned char uc = 0;
  CHECK(neg.getConstantValue(&uc));
  CHECK(uc == static_cast<unsigned char>(-3));
  float nf = 0;
  CHECK(neg.getConstantValue(&nf));
  CHECK(nf == -3.0f);
}

TEST_CASE("equality compares type, shape and regions", "[graph][tensor]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor x = graph.addVariable(FLOAT, {2, 3}, "x");
  Tensor y = graph.addVariable(FLOAT, {2, 3}, "y");
  CHECK(x == x);
  CHECK(x == x.flatten().reshape({2, 3}));
  CHECK(x != y);
  CHECK(x != x.flatten());
  CHECK(x != x.reinterpret(INT));
  CHECK(x.slice(0, 1) != x.slice(1, 2));
  CHECK(Tensor() == Tensor());
  CHECK(Tensor() != x);
  Graph other(Target::createIPUTarget(1, 4, "ipu2"));
  CHECK(x != other.addVariable(FLOAT, {2, 3}, "x"));
}

TEST_CASE("printed forms name variables, shape and regions",
          "[graph][tensor]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor x = graph.addVariable(FLOAT, {4, 6}, "x");
  Tensor w = graph.addVariable(INT, {3}, "weights");
  Tensor t = concat(x.slice(1, 2).flatten(), x.slice(0, 1).flatten());
  CHECK(t.getVarStr() == "x[6:12) x[0:6)");
  std::ostringstream os;
  os << t;
  CHECK(os.str() == "float {12} x[6:12) x[0:6)");
  CHECK(w.getDebugStr().find("'weights'") != std::string::npos);
  CHECK(w.getDebugStr().find("{3}") != std::string::npos);
  std::ostringstream invalid;
  invalid << Tensor();
  CHECK(invalid.str() == "<invalid tensor>");

  CHECK(capturedCerr([&] { t.dump(); }) == os.str() + "\n");
  std::string regions = capturedCerr([&] { t.dumpRegions(); });
  CHECK(regions.find("2 regions") != std::string::npos);
  CHECK(regions.find("elements [6, 12) = x (variable 0) [0, 6)") !=
        std::string::npos);
  CHECK_FALSE(t.hasMetadata());
}

TEST_CASE("variable references compare by graph and id", "[graph][tensor]") {
  Graph graph(Target::createIPUTarget(1, 4, "ipu2"));
  Tensor x = graph.addVariable(FLOAT, {4}, "x");
  Tensor y = graph.addVariable(FLOAT, {4}, "y");
  VariableRef rx = x.getVarRegions()[0].var;
  VariableRef ry = y.getVarRegions()[0].var;
  CHECK(rx == x.slice(2, 3).getVarRegions()[0].var);
  CHECK(rx != ry);
  CHECK((rx < ry) != (ry < rx));
  CHECK(VariableInterval(rx, Interval(0, 2)) <
        VariableInterval(rx, Interval(1, 2)));
  Graph other(Target::createIPUTarget(1, 4, "ipu2"));
  VariableRef elsewhere =
      other.addVariable(FLOAT, {4}, "x").getVarRegions()[0].var;
  CHECK(elsewhere.getId() == rx.getId());
  CHECK(elsewhere != rx); // same id, another graph
  CHECK(VariableRef() != rx);
}
