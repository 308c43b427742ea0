// popops::multiSlice, multiUpdate, multiUpdateAdd and multiUpdateMax
// against host references, with indices written from the host between runs
// (repeated and out-of-range indices included), embedding plans, static
// offsets, several dimensions, and argument errors.
#include "SliceTestSupport.hpp"

#include <popops/DynamicSlice.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using Catch::Matchers::Contains;

namespace {

constexpr std::size_t entries = 20, width = 9, lookups = 6;

/// Rows `indices` of a [entries, width] table, zeros where out of range.
std::vector<double> lookedUp(const std::vector<double> &table,
                             const std::vector<unsigned> &indices) {
  std::vector<double> out;
  for (unsigned i : indices)
    for (std::size_t c = 0; c < width; ++c)
      out.push_back(i < entries ? table[i * width + c] : 0);
  return out;
}

/// `table` with each in-range row indices[i] combined with slice i.
template <class Combine>
std::vector<double>
updated(std::vector<double> table, const std::vector<double> &slices,
        const std::vector<unsigned> &indices, Combine &&combine) {
  for (std::size_t i = 0; i < indices.size(); ++i)
    if (indices[i] < entries)
      for (std::size_t c = 0; c < width; ++c) {
        double &to = table[indices[i] * width + c];
        to = combine(to, slices[i * width + c]);
      }
  return table;
}

double roundToHalf(double v) { return double(float(half(float(v)))); }

std::vector<double> asDoubles(const std::vector<unsigned> &v) {
  return std::vector<double>(v.begin(), v.end());
}

const std::vector<std::vector<unsigned>> indexRuns = {{3, 0, 19, 7, 3, 25},
                                                      {1, 1, 1, 18, 40, 2}};

} // namespace

TEST_CASE("multiSlice and multiUpdate move rows named by run-time indices; "
          "out-of-range rows are zeros or ignored",
          "[popops][multiSlice]") {
  TestGraph g(4);
  popops::SlicePlan plan = popops::embedding::plan(
      g.graph, FLOAT, entries, width, {lookups}, {{"usedForUpdate", "false"}});
  std::ostringstream printed;
  printed << plan;
  CHECK_THAT(printed.str(), Contains("20 entries of 9 elements"));
  Tensor ids = popops::createIndicesTensor(g.graph, {0}, lookups, plan, {});
  Sequence prog;
  HostRuns runs(g);
  runs.input("ids", ids);
  for (const Type &type : {FLOAT, HALF, INT, UNSIGNED_CHAR, LONGLONG}) {
    const std::string n = type.toString();
    Tensor table = popops::createSliceableTensor(
        g.graph, type, {entries, width}, {0}, {1}, plan, {}, "table" + n);
    Tensor rows =
        popops::multiSlice(g.graph, table, ids, {0}, {1}, prog, plan, {});
    REQUIRE(rows.shape() == std::vector<std::size_t>{lookups, 1, width});
    Tensor target = popops::createSliceableTensor(
        g.graph, type, {entries, width}, {0}, {1}, plan, {}, "target" + n);
    Tensor updates = popops::createSliceTensor(g.graph, target, {0}, {1},
                                               lookups, "updates" + n);
    popops::multiUpdate(g.graph, target, updates, ids, {0}, {1}, prog, plan,
                        {});
    runs.input("table" + n, table);
    runs.input("target" + n, target);
    runs.input("updates" + n, updates);
    runs.output("rows" + n, rows);
    runs.output("result" + n, target);
  }
  runs.compile(prog);
  for (const auto &indices : indexRuns) {
    runs.write("ids", asDoubles(indices));
    for (const Type &type : {FLOAT, HALF, INT, UNSIGNED_CHAR, LONGLONG}) {
      const std::string n = type.toString();
      runs.write("table" + n, testValues(entries * width));
      runs.write("target" + n, testValues(entries * width, 0, 1));
      runs.write("updates" + n, testValues(lookups * width, 1, 2));
    }
    runs.run();
    for (const Type &type : {FLOAT, HALF, INT, UNSIGNED_CHAR, LONGLONG}) {
      const std::string n = type.toString();
      INFO("type " << n << ", first index " << indices[0]);
      CHECK(runs.read("rows" + n) ==
            lookedUp(testValues(entries * width), indices));
      CHECK(runs.read("result" + n) ==
            updated(testValues(entries * width, 0, 1),
                    testValues(lookups * width, 1, 2), indices,
                    [](double, double s) { return s; }));
    }
  }
}

TEST_CASE("multiUpdateAdd accumulates scaled slices, repeated indices "
          "included, for float, half (half or float scale), int and unsigned",
          "[popops][multiSlice][multiUpdateAdd]") {
  TestGraph g(4);
  popops::SlicePlan plan =
      popops::embedding::plan(g.graph, FLOAT, entries, width, {lookups}, {});
  Tensor ids = popops::createIndicesTensor(g.graph, {0}, lookups, plan, {});
  Sequence prog;
  HostRuns runs(g);
  runs.input("ids", ids);
  struct Case {
    std::string name;
    Type type, scaleType;
    double scale;
  };
  const std::vector<Case> cases = {{"float", FLOAT, FLOAT, 0.5},
                                   {"halfhalf", HALF, HALF, 0.25},
                                   {"halffloat", HALF, FLOAT, 0.1},
                                   {"int", INT, INT, -3},
                                   {"unsigned", UNSIGNED_INT, UNSIGNED_INT, 2}};
  for (const Case &c : cases) {
    Tensor t = popops::createSliceableTensor(g.graph, c.type, {entries, width},
                                             {0}, {1}, plan, {}, "t" + c.name);
    Tensor s = popops::createSliceTensor(g.graph, t, {0}, {1}, lookups);
    Tensor scale = g.graph.addVariable(c.scaleType, {}, "scale" + c.name);
    g.graph.setTileMapping(scale, 2);
    popops::multiUpdateAdd(g.graph, t, s, ids, scale, {0}, {1}, prog, plan,
                           {{"remapOutOfBoundIndices", "false"}});
    runs.input("t" + c.name, t);
    runs.input("s" + c.name, s);
    runs.input("scale" + c.name, scale);
    runs.output("r" + c.name, t);
  }
  runs.compile(prog);
  for (const auto &indices : indexRuns) {
    runs.write("ids", asDoubles(indices));
    for (const Case &c : cases) {
      runs.write("t" + c.name, testValues(entries * width, 1, 10));
      runs.write("s" + c.name, testValues(lookups * width, 1, 1));
      runs.write("scale" + c.name, {c.scale});
    }
    runs.run();
    for (const Case &c : cases) {
      INFO(c.name << ", first index " << indices[0]);
      const bool isHalf = c.type == HALF;
      const double scale =
          c.scaleType == HALF ? roundToHalf(c.scale) : double(float(c.scale));
      const auto add = [&](double to, double s) {
        if (isHalf) // the product rounds to half, then the sum does
          return roundToHalf(to + roundToHalf(double(float(scale) * float(s))));
        if (c.type == FLOAT)
          return double(float(to) + float(float(scale) * float(s)));
        return to + scale * s;
      };
      CHECK(runs.read("r" + c.name) ==
            updated(testValues(entries * width, 1, 10),
                    testValues(lookups * width, 1, 1), indices, add));
    }
  }
}

TEST_CASE("multiUpdateMax keeps the largest of each element over the "
          "slices, for float, half, int and unsigned",
          "[popops][multiSlice][multiUpdateMax]") {
  TestGraph g(3);
  popops::SlicePlan plan =
      popops::embedding::plan(g.graph, FLOAT, entries, width, {lookups},
                              {{"operationForUpdate", "max"}});
  Tensor ids = g.variable(UNSIGNED_INT, {lookups}, "ids");
  Sequence prog;
  HostRuns runs(g);
  runs.input("ids", ids);
  for (const Type &type : {FLOAT, HALF, INT, UNSIGNED_INT}) {
    const std::string n = type.toString();
    Tensor t = g.variable(type, {entries, width}, "t" + n);
    Tensor s = g.variable(type, {lookups, 1, width}, "s" + n);
    popops::multiUpdateMax(g.graph, t, s, ids, {0}, {1}, prog, plan, {});
    runs.input("t" + n, t);
    runs.input("s" + n, s);
    runs.output("r" + n, t);
  }
  runs.compile(prog);
  std::vector<double> slices(lookups * width);
  for (std::size_t i = 0; i < slices.size(); ++i)
    slices[i] = double((i * 37) % 90);
  for (const auto &indices : indexRuns) {
    runs.write("ids", asDoubles(indices));
    for (const Type &type : {FLOAT, HALF, INT, UNSIGNED_INT}) {
      runs.write("t" + type.toString(), testValues(entries * width));
      runs.write("s" + type.toString(), slices);
    }
    runs.run();
    for (const Type &type : {FLOAT, HALF, INT, UNSIGNED_INT}) {
      INFO("type " << type << ", first index " << indices[0]);
      CHECK(runs.read("r" + type.toString()) ==
            updated(testValues(entries * width), slices, indices,
                    [](double a, double b) { return std::max(a, b); }));
    }
  }
}

TEST_CASE("multiSlice over two dimensions and at static offsets",
          "[popops][multiSlice]") {
  TestGraph g(4);
  Tensor t = popops::createSliceableTensor(g.graph, FLOAT, {4, 5, 3}, {0, 1},
                                           {1, 1}, 0, "t");
  Tensor ids = g.variable(UNSIGNED_INT, {3, 2}, "ids");
  Sequence prog;
  Tensor both = popops::multiSlice(g.graph, t, ids, {0, 1}, {1, 1}, prog,
                                   popops::SlicePlan(), {});
  REQUIRE(both.shape() == std::vector<std::size_t>{3, 1, 1, 3});
  const std::vector<unsigned> fixed{2, 9, 0};
  Tensor columns = popops::multiSlice(g.graph, t, fixed, 1, prog, "fixed");
  REQUIRE(columns.shape() == std::vector<std::size_t>{3, 4, 1, 3});
  Tensor acc = g.variable(FLOAT, {4, 5, 3}, "acc");
  Tensor one = g.graph.addConstant(FLOAT, {}, 1.0f, "one");
  g.graph.setTileMapping(one, 0);
  popops::multiUpdateAdd(g.graph, acc, columns, fixed, one, 1, prog);
  HostRuns runs(g);
  runs.input("t", t);
  runs.input("ids", ids);
  runs.input("acc", acc);
  runs.output("both", both);
  runs.output("columns", columns);
  runs.output("accResult", acc);
  runs.compile(prog);
  const std::vector<double> values = testValues(60);
  for (const auto &pairs : std::vector<std::vector<unsigned>>{
           {1, 2, 3, 4, 0, 0}, {4, 0, 2, 5, 3, 1}}) {
    runs.write("t", values);
    runs.write("ids", asDoubles(pairs));
    runs.write("acc", std::vector<double>(60, 0));
    runs.run();
    std::vector<double> wantBoth;
    for (std::size_t i = 0; i < 3; ++i)
      for (std::size_t e = 0; e < 3; ++e) {
        const unsigned a = pairs[2 * i], b = pairs[2 * i + 1];
        wantBoth.push_back(a < 4 && b < 5 ? values[(a * 5 + b) * 3 + e] : 0);
      }
    CHECK(runs.read("both") == wantBoth);
    std::vector<double> wantColumns, wantAcc(60, 0);
    for (unsigned col : fixed)
      for (std::size_t r = 0; r < 4; ++r)
        for (std::size_t e = 0; e < 3; ++e) {
          const double v = col < 5 ? values[(r * 5 + col) * 3 + e] : 0;
          wantColumns.push_back(v);
          if (col < 5)
            wantAcc[(r * 5 + col) * 3 + e] += v;
        }
    CHECK(runs.read("columns") == wantColumns);
    CHECK(runs.read("accResult") == wantAcc);
  }
}

TEST_CASE("The multi-slice functions and embedding::plan name what they "
          "cannot use",
          "[popops][multiSlice][errors]") {
  TestGraph g(2);
  Tensor t = g.variable(FLOAT, {8, 4}, "t");
  Tensor ids = g.variable(UNSIGNED_INT, {3, 1}, "ids");
  Tensor intIds = g.variable(INT, {3, 1}, "intIds");
  Tensor s = g.variable(FLOAT, {3, 1, 4}, "s");
  Sequence prog;
  popops::SlicePlan plan;
  using poputil::poplibs_error;
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::multiSlice(g.graph, t, intIds, {0}, {1}, prog, plan, {},
                                  "lookup");
             }),
             Contains("popops::multiSlice (lookup)") &&
                 Contains("unsigned int, not int"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::multiSlice(g.graph, t, ids.reshape({1, 3}), {0}, {1},
                                  prog, plan, {});
             }),
             Contains("{numIndices,1}") && Contains("not {1,3}"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::multiSlice(g.graph, t, ids, {0}, {2}, prog, plan, {});
             }),
             Contains("every slice size must be 1"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::multiUpdate(g.graph, t, s.reshape({3, 4}), ids, {0}, {1},
                                   prog, plan, {}, "write");
             }),
             Contains("popops::multiUpdate (write)") &&
                 Contains("shape {3,4}") && Contains("need {3,1,4}"));
  Tensor halfScale = g.variable(HALF, {1}, "halfScale");
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::multiUpdateAdd(g.graph, t, s, ids, halfScale, {0}, {1},
                                      prog, plan, {});
             }),
             Contains("scale has type half") &&
                 Contains("scale of type float"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::multiUpdateAdd(g.graph, t, s, ids,
                                      g.variable(FLOAT, {2}, "two"), {0}, {1},
                                      prog, plan, {});
             }),
             Contains("one element"));
  Tensor shorts = g.variable(SHORT, {8, 4}, "shorts");
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::multiUpdateMax(g.graph, shorts,
                                      g.variable(SHORT, {3, 1, 4}, "ss"), ids,
                                      {0}, {1}, prog, plan, {});
             }),
             Contains("type short are not supported"));
  CHECK_THAT(errorOf<invalid_option>([&] {
               popops::embedding::plan(g.graph, FLOAT, 8, 4, {3},
                                       {{"operationForUpdate", "mul"}});
             }),
             Contains("operationForUpdate must be one of none, add, max"));
  CHECK_THAT(errorOf<poplibs_error>([&] {
               popops::embedding::plan(
                   g.graph, FLOAT, 8, 4, {3},
                   {{"usedForSlice", "false"}, {"usedForUpdate", "false"}});
             }),
             Contains("usedForSlice and usedForUpdate are both false"));
}

TEST_CASE("A table too big for one tile per column piece is split by rows "
          "over tiles, and slices and updates of it still agree",
          "[popops][multiSlice][layout]") {
  TestGraph g(8);
  constexpr std::size_t rows = 8000, cols = 4;
  Tensor table = popops::createSliceableTensor(g.graph, FLOAT, {rows, cols},
                                               {0}, {1}, 0, "table");
  const auto firstRow = g.graph.getTileMapping(table[0]);
  const auto lastRow = g.graph.getTileMapping(table[rows - 1]);
  CHECK(firstRow != lastRow);
  // Two column pieces of 64000 bytes each, each split into two row ranges.
  unsigned tilesUsed = 0;
  for (const auto &tileIntervals : g.graph.getTileMapping(table))
    tilesUsed += !tileIntervals.empty();
  CHECK(tilesUsed == 4);
  Tensor ids = g.variable(UNSIGNED_INT, {5}, "ids");
  Tensor offset = g.variable(UNSIGNED_INT, {1}, "offset");
  Sequence prog;
  Tensor looked = popops::multiSlice(g.graph, table, ids, {0}, {1}, prog,
                                     popops::SlicePlan(), {});
  Tensor window =
      popops::dynamicSlice(g.graph, table, offset, {0}, {3}, prog, "window");
  Tensor one = g.graph.addConstant(FLOAT, {}, 1.0f, "one");
  g.graph.setTileMapping(one, 0);
  popops::multiUpdateAdd(g.graph, table, looked, ids, one, {0}, {1}, prog,
                         popops::SlicePlan(), {});
  HostRuns runs(g);
  runs.input("table", table);
  runs.input("ids", ids);
  runs.input("offset", offset);
  runs.output("looked", looked);
  runs.output("window", window);
  runs.output("result", table);
  runs.compile(prog);
  std::vector<double> values(rows * cols);
  for (std::size_t i = 0; i < values.size(); ++i)
    values[i] = double(i);
  for (const auto &idList : std::vector<std::vector<unsigned>>{
           {0, 3999, 4000, 7999, 9000}, {7000, 7000, 1, 2, 3}}) {
    for (unsigned off : {3998u, 7999u}) {
      runs.write("table", values);
      runs.write("ids", asDoubles(idList));
      runs.write("offset", {double(off)});
      runs.run();
      std::vector<double> want, wantWindow, wantTable = values;
      for (unsigned id : idList)
        for (std::size_t c = 0; c < cols; ++c)
          want.push_back(id < rows ? values[id * cols + c] : 0);
      for (std::size_t r = 0; r < 3; ++r)
        for (std::size_t c = 0; c < cols; ++c)
          wantWindow.push_back(values[((off + r) % rows) * cols + c]);
      for (std::size_t i = 0; i < idList.size(); ++i)
        if (idList[i] < rows)
          for (std::size_t c = 0; c < cols; ++c)
            wantTable[idList[i] * cols + c] += want[i * cols + c];
      INFO("offset " << off << ", first id " << idList[0]);
      CHECK(runs.read("looked") == want);
      CHECK(runs.read("window") == wantWindow);
      CHECK(runs.read("result") == wantTable);
    }
  }
}

TEST_CASE("The grouped multi-slice functions slice and update each group at "
          "its own run-time indices",
          "[popops][multiSlice][grouped]") {
  TestGraph g(4);
  constexpr std::size_t groups = 3, rows = 10, cols = 5, ids = 4;
  popops::SlicePlan plan =
      popops::embedding::plan(g.graph, FLOAT, groups, rows, cols, {ids}, {});
  const auto table = [&](const std::string &name) {
    return popops::createGroupedSliceableTensor(
        g.graph, FLOAT, groups, {rows, cols}, {0}, {1}, plan, {}, name);
  };
  Tensor source = table("source"), added = table("added"),
         maxed = table("maxed"), written = table("written");
  REQUIRE(source.shape() == std::vector<std::size_t>{groups, rows, cols});
  Tensor indices =
      popops::createGroupedIndicesTensor(g.graph, groups, {0}, ids, plan, {});
  REQUIRE(indices.shape() == std::vector<std::size_t>{groups, ids, 1});
  Tensor updates = popops::createGroupedSliceTensor(
      g.graph, FLOAT, groups, {rows, cols}, {0}, {1}, ids, plan, {});
  REQUIRE(updates.shape() == std::vector<std::size_t>{groups, ids, 1, cols});
  Tensor scale = g.graph.addConstant(FLOAT, {}, 2.0f, "scale");
  g.graph.setTileMapping(scale, 1);
  Sequence prog;
  Tensor looked = popops::groupedMultiSlice(g.graph, source, indices, {0}, {1},
                                            prog, plan, {});
  REQUIRE(looked.shape() == std::vector<std::size_t>{groups, ids, 1, cols});
  popops::groupedMultiUpdateAdd(g.graph, added, updates, indices, scale, {0},
                                {1}, prog, plan, {});
  popops::groupedMultiUpdateMax(g.graph, maxed, updates, indices, {0}, {1},
                                prog, plan, {});
  popops::groupedMultiUpdate(g.graph, written, updates, indices, {0}, {1}, prog,
                             plan, {});
  HostRuns runs(g);
  for (auto [name, t] : {std::pair{"source", source},
                         {"added", added},
                         {"maxed", maxed},
                         {"written", written},
                         {"indices", indices},
                         {"updates", updates}})
    runs.input(name, t);
  runs.output("looked", looked);
  runs.output("addedOut", added);
  runs.output("maxedOut", maxed);
  runs.output("writtenOut", written);
  runs.compile(prog);
  const std::vector<double> base = testValues(groups * rows * cols, 1, 3);
  const std::vector<double> upd = testValues(groups * ids * cols, 3, 1);
  for (const auto &idList : std::vector<std::vector<unsigned>>{
           {0, 9, 9, 20, 1, 2, 3, 4, 5, 5, 0, 11},
           {7, 6, 5, 4, 0, 0, 0, 0, 9, 8, 1, 2}}) {
    for (const char *name : {"source", "added", "maxed", "written"})
      runs.write(name, base);
    runs.write("indices", asDoubles(idList));
    runs.write("updates", upd);
    runs.run();
    std::vector<double> wantLooked, wantAdded = base, wantMaxed = base,
                                    wantWritten = base;
    for (std::size_t grp = 0; grp < groups; ++grp)
      for (std::size_t i = 0; i < ids; ++i) {
        const unsigned row = idList[grp * ids + i];
        for (std::size_t c = 0; c < cols; ++c) {
          const std::size_t at = (grp * rows + row) * cols + c;
          const double u = upd[(grp * ids + i) * cols + c];
          wantLooked.push_back(row < rows ? base[at] : 0);
          if (row < rows) {
            wantAdded[at] += 2 * u;
            wantMaxed[at] = std::max(wantMaxed[at], u);
            wantWritten[at] = u;
          }
        }
      }
    INFO("first index " << idList[0]);
    CHECK(runs.read("looked") == wantLooked);
    CHECK(runs.read("addedOut") == wantAdded);
    CHECK(runs.read("maxedOut") == wantMaxed);
    CHECK(runs.read("writtenOut") == wantWritten);
  }
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::groupedMultiSlice(g.graph, source, indices.slice(0, 2),
                                         {0}, {1}, prog, plan, {}, "groups");
             }),
             Contains("popops::groupedMultiSlice (groups)") &&
                 Contains("{2,4,1}") && Contains("(3)"));
}

TEST_CASE("validateIndices stops the run at an out-of-range index, allowing "
          "the padding index when paddingIndexUsed is set",
          "[popops][multiSlice][validateIndices]") {
  TestGraph g(2);
  Tensor t = g.variable(FLOAT, {5, 3}, "t");
  Tensor ids = g.variable(UNSIGNED_INT, {3}, "ids");
  Tensor padded = g.variable(UNSIGNED_INT, {3}, "padded");
  popops::SlicePlan checking = popops::embedding::plan(
      g.graph, FLOAT, 5, 3, {3}, {{"validateIndices", "true"}});
  Sequence prog;
  Tensor a = popops::multiSlice(g.graph, t, ids, {0}, {1}, prog, checking, {},
                                "checked");
  Tensor b = popops::multiSlice(
      g.graph, t, padded, {0}, {1}, prog, popops::SlicePlan(),
      {{"validateIndices", "true"}, {"paddingIndexUsed", "true"}});
  HostRuns runs(g);
  runs.input("t", t);
  runs.input("ids", ids);
  runs.input("padded", padded);
  runs.output("a", a);
  runs.output("b", b);
  runs.compile(prog);
  runs.write("t", testValues(15));
  runs.write("ids", {4, 0, 2});
  runs.write("padded", {5, 1, 5}); // 5 is the padding index: zeros
  runs.run();
  CHECK(runs.read("a") == std::vector<double>{12, 13, 14, 0, 1, 2, 6, 7, 8});
  CHECK(runs.read("b") == std::vector<double>{0, 0, 0, 3, 4, 5, 0, 0, 0});
  runs.write("ids", {4, 5, 2});
  CHECK_THAT(errorOf<application_runtime_error>([&] { runs.run(); }),
             Contains("popops::multiSlice (checked)") &&
                 Contains("an index is out of range") && Contains("{5,3}"));
  runs.write("ids", {0, 0, 0});
  runs.write("padded", {6, 0, 0});
  CHECK_THAT(errorOf<application_runtime_error>([&] { runs.run(); }),
             Contains("an index is out of range"));
}
