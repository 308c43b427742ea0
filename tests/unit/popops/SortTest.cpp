// popops::sort, sortInPlace, sortKeyValue and sortKeyValueInPlace against a
// host stable sort (NaN last), along every dimension, per key type, over
// tiles and views; and their argument errors.
#include "PopopsHarness.hpp"

#include <popops/Sort.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using Catch::Matchers::Contains;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Whether key a goes before key b: ascending, NaN after every number.
bool ascending(double a, double b) {
  return !std::isnan(a) && (std::isnan(b) || a < b);
}

/// The flat positions of the slice along `dim` through element `first`.
std::vector<std::size_t> slicePositions(const std::vector<std::size_t> &shape,
                                        unsigned dim, std::size_t first) {
  std::size_t stride = 1;
  for (std::size_t d = dim + 1; d < shape.size(); ++d)
    stride *= shape[d];
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < shape[dim]; ++i)
    positions.push_back(first + i * stride);
  return positions;
}

/// `values` with each slice along `dim` permuted as a stable sort of the
/// same slice of `keys` permutes it.
std::vector<double> sortReference(const std::vector<double> &keys,
                                  const std::vector<double> &values,
                                  const std::vector<std::size_t> &shape,
                                  unsigned dim) {
  std::vector<double> out = values;
  std::size_t stride = 1;
  for (std::size_t d = dim + 1; d < shape.size(); ++d)
    stride *= shape[d];
  for (std::size_t first = 0; first < keys.size(); ++first) {
    if ((first / stride) % shape[dim] != 0)
      continue; // not the start of a slice
    const std::vector<std::size_t> at = slicePositions(shape, dim, first);
    std::vector<std::size_t> order(at.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
      return ascending(keys[at[a]], keys[at[b]]);
    });
    for (std::size_t i = 0; i < at.size(); ++i)
      out[at[i]] = values[at[order[i]]];
  }
  return out;
}

/// Equal, with NaN equal to NaN and -0 different from +0.
bool sameValues(const std::vector<double> &a, const std::vector<double> &b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(std::isnan(a[i]) && std::isnan(b[i])) &&
        (a[i] != b[i] || std::signbit(a[i]) != std::signbit(b[i])))
      return false;
  return true;
}

/// Keys with many repeats; floating types also get NaNs and both zeros.
std::vector<double> testKeys(std::size_t n, const Type &type) {
  std::vector<double> keys(n);
  for (std::size_t i = 0; i < n; ++i)
    keys[i] = double((i * 7919) % 23);
  if (type == FLOAT || type == HALF)
    for (std::size_t i = 0; i < n; ++i) {
      keys[i] -= 11;
      if (i % 17 == 3)
        keys[i] = kNaN;
      if (i % 19 == 5)
        keys[i] = -0.0;
    }
  if (type == INT)
    for (double &k : keys)
      k -= 11;
  return keys;
}

} // namespace

TEST_CASE("sort orders every slice along each dimension, for each key type",
          "[popops][sort]") {
  const std::vector<std::size_t> shape = {4, 37, 5};
  for (const Type &type : {FLOAT, HALF, INT, UNSIGNED_INT}) {
    DYNAMIC_SECTION(type.toString()) {
      TestGraph g;
      Tensor t = g.variable(type, shape, "t");
      Sequence prog;
      Runner r(g);
      const std::vector<double> keys = testKeys(740, type);
      r.input("t", t, keys);
      for (unsigned dim = 0; dim < 3; ++dim)
        r.output("dim" + std::to_string(dim),
                 popops::sort(g.graph, t, dim, prog, "sort"));
      r.run(prog);
      for (unsigned dim = 0; dim < 3; ++dim) {
        INFO("dimension " << dim);
        CHECK(sameValues(r.read("dim" + std::to_string(dim)),
                         sortReference(keys, keys, shape, dim)));
      }
    }
  }
}

TEST_CASE("sortInPlace sorts views, long rows over tiles and unmapped rows",
          "[popops][sort]") {
  TestGraph g;
  Tensor wide = g.variable(FLOAT, {3000, 2}, "wide"); // columns over 4 tiles
  Tensor unmapped = g.graph.addVariable(INT, {3, 9}, "unmapped");
  Tensor single = g.variable(UNSIGNED_INT, {5, 1}, "single");
  Sequence prog;
  popops::sortInPlace(g.graph, wide.transpose(), 1, prog);
  popops::sortInPlace(g.graph, unmapped, 1, prog, "unmapped");
  popops::sortInPlace(g.graph, single, 1, prog);
  Runner r(g);
  const std::vector<double> wideKeys = testKeys(6000, FLOAT);
  const std::vector<double> intKeys = testKeys(27, INT);
  r.input("wide", wide, wideKeys);
  r.input("unmapped", unmapped, intKeys);
  r.input("single", single, {5, 4, 3, 2, 1});
  r.output("wide", wide);
  r.output("unmapped", unmapped);
  r.output("single", single);
  r.run(prog);
  CHECK(sameValues(r.read("wide"),
                   sortReference(wideKeys, wideKeys, {3000, 2}, 0)));
  CHECK(sameValues(r.read("unmapped"),
                   sortReference(intKeys, intKeys, {3, 9}, 1)));
  CHECK(r.read("single") == std::vector<double>{5, 4, 3, 2, 1});
}

TEST_CASE("sortKeyValue permutes values with their keys, stably",
          "[popops][sort]") {
  const std::vector<std::size_t> shape = {6, 50};
  TestGraph g;
  Tensor keys = g.variable(HALF, shape, "keys");
  Tensor index = g.variable(UNSIGNED_INT, shape, "index");
  Tensor halves = g.variable(HALF, shape, "halves");
  Tensor flags = g.variable(BOOL, shape, "flags");
  Tensor inPlaceKeys = g.variable(INT, shape, "inPlaceKeys");
  Tensor inPlaceValues = g.variable(FLOAT, shape, "inPlaceValues");
  Sequence prog;
  Runner r(g);
  const std::vector<double> keyValues = testKeys(300, HALF);
  const std::vector<double> intKeys = testKeys(300, INT);
  std::vector<double> indices(300), halfValues(300), flagValues(300);
  for (std::size_t i = 0; i < 300; ++i) {
    indices[i] = double(i);
    halfValues[i] = double(i % 50) / 4;
    flagValues[i] = double(i % 3 == 0);
  }
  r.input("keys", keys, keyValues);
  r.input("index", index, indices);
  r.input("halves", halves, halfValues);
  r.input("flags", flags, flagValues);
  r.input("inPlaceKeys", inPlaceKeys, intKeys);
  r.input("inPlaceValues", inPlaceValues, halfValues);
  r.output("byIndex", popops::sortKeyValue(g.graph, keys, index, 1, prog));
  r.output("byHalf", popops::sortKeyValue(g.graph, keys, halves, 1, prog));
  r.output("byFlag", popops::sortKeyValue(g.graph, keys.transpose(),
                                          flags.transpose(), 0, prog)
                         .transpose());
  popops::sortKeyValueInPlace(g.graph, inPlaceKeys, inPlaceValues, 1, prog);
  r.output("keys", keys);
  r.output("inPlaceKeys", inPlaceKeys);
  r.output("inPlaceValues", inPlaceValues);
  r.run(prog);
  CHECK(r.read("byIndex") == sortReference(keyValues, indices, shape, 1));
  CHECK(r.read("byHalf") == sortReference(keyValues, halfValues, shape, 1));
  CHECK(r.read("byFlag") == sortReference(keyValues, flagValues, shape, 1));
  CHECK(sameValues(r.read("keys"), keyValues)); // the copying form
  CHECK(r.read("inPlaceKeys") == sortReference(intKeys, intKeys, shape, 1));
  CHECK(r.read("inPlaceValues") ==
        sortReference(intKeys, halfValues, shape, 1));
}

TEST_CASE("Sorts name the dimension, shapes and types they cannot sort",
          "[popops][sort][errors]") {
  TestGraph g;
  Tensor t = g.variable(FLOAT, {2, 3});
  Sequence prog;
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::sort(g.graph, t, 2, prog, "order"); }),
             Contains("popops::sort (order)") && Contains("dimension 2") &&
                 Contains("{2,3}") && Contains("less than 2"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::sortInPlace(g.graph, t, 5, prog); }),
             Contains("popops::sortInPlace") && Contains("dimension 5"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::sort(g.graph, g.variable(BOOL, {4}), 0, prog);
             }),
             Contains("float, half, int or unsigned int, not bool"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::sortInPlace(
                   g.graph, g.variable(INT, {1, 3}).broadcast(2, 0), 1, prog);
             }),
             Contains("in place") && Contains("{2,3}"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::sortKeyValue(g.graph, t, g.variable(INT, {3, 2}), 1,
                                    prog, "kv");
             }),
             Contains("popops::sortKeyValue (kv)") && Contains("{2,3}") &&
                 Contains("{3,2}") && Contains("same shape"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::sortKeyValueInPlace(
                   g.graph, t, g.variable(LONGLONG, {2, 3}), 1, prog);
             }),
             Contains("1, 2 or 4 bytes") && Contains("long long"));
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::sortKeyValue(g.graph, t, t, 3, prog); }),
             Contains("dimension 3"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::sortKeyValueInPlace(
                   g.graph, t, g.graph.addConstant(INT, {2, 3}, 1), 1, prog);
             }),
             Contains("cannot sort values of shape {2,3} in place"));
}

TEST_CASE("Without addCodelets, sort says to call it", "[popops][errors]") {
  Device device = TestGraph::makeDevice(2);
  Graph graph(device.getTarget());
  Tensor t = graph.addVariable(FLOAT, {2, 8}, "t");
  graph.setTileMapping(t, 0);
  Sequence prog;
  CHECK_THAT(errorOf<unknown_vertex_type>(
                 [&] { popops::sortInPlace(graph, t, 1, prog); }),
             Contains("popops::sortInPlace") &&
                 Contains("popops::addCodelets(graph)"));
}

namespace {

/// Pseudo-random keys in [0, 1000) with NaNs, for rows too long for a tile.
std::vector<double> scatteredKeys(std::size_t n) {
  std::vector<double> keys(n);
  std::uint32_t state = 12345;
  for (double &k : keys) {
    state = state * 1664525u + 1013904223u;
    k = (state >> 8) % 97 == 0 ? kNaN : double((state >> 8) % 1000);
  }
  return keys;
}

} // namespace

TEST_CASE("Rows longer than a tile's share are sorted in chunks and merged",
          "[popops][sort]") {
  TestGraph g;
  // A little over three sort chunks of floats per row, and more than three
  // chunks of key-value pairs.
  const std::size_t n = 3 * g.graph.getTarget().getBytesPerTile() / 64 + 17;
  Tensor keys = g.variable(FLOAT, {2, n}, "keys");
  Tensor pairKeys = g.variable(FLOAT, {1, n}, "pairKeys");
  Tensor index = g.variable(UNSIGNED_INT, {1, n}, "index");
  Sequence prog;
  Tensor sorted = popops::sort(g.graph, keys, 1, prog);
  popops::sortKeyValueInPlace(g.graph, pairKeys, index, 1, prog);
  const std::vector<double> keyValues = scatteredKeys(2 * n);
  const std::vector<double> pairValues(keyValues.begin(),
                                       keyValues.begin() + n);
  std::vector<double> indices(n);
  std::iota(indices.begin(), indices.end(), 0.0);
  Runner r(g);
  r.input("keys", keys, keyValues);
  r.input("pairKeys", pairKeys, pairValues);
  r.input("index", index, indices);
  r.output("sorted", sorted);
  r.output("index", index);
  r.run(prog);
  CHECK(sameValues(r.read("sorted"),
                   sortReference(keyValues, keyValues, {2, n}, 1)));
  CHECK(r.read("index") == sortReference(pairValues, indices, {1, n}, 1));
}
