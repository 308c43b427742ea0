// popops top-k against a host stable selection: largest and smallest, every
// SortOrder, per key type, with indices and values; createTopKInput's
// layout; and the argument errors.
#include "PopopsHarness.hpp"

#include <popops/TopK.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

using namespace poplar;
using namespace poplar::program;
using namespace popops_test;
using Catch::Matchers::Contains;
using popops::SortOrder;
using popops::TopKParams;

namespace {

/// Whether a goes before b: NaN is larger than every number.
bool before(double a, double b, bool descending) {
  if (std::isnan(a) || std::isnan(b))
    return descending ? std::isnan(a) && !std::isnan(b)
                      : !std::isnan(a) && std::isnan(b);
  return descending ? a > b : a < b;
}

/// The innermost indices topK selects from each row of `keys` (row length
/// n), in the order it returns them.
std::vector<std::size_t> topKReference(const std::vector<double> &keys,
                                       std::size_t n,
                                       const TopKParams &params) {
  std::vector<std::size_t> result;
  for (std::size_t first = 0; first < keys.size(); first += n) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    auto by = [&](bool descending) {
      return [&, descending](std::size_t a, std::size_t b) {
        return before(keys[first + a], keys[first + b], descending);
      };
    };
    std::stable_sort(order.begin(), order.end(), by(params.largest));
    order.resize(params.k);
    if (params.sortOrder != SortOrder::NONE)
      std::stable_sort(order.begin(), order.end(),
                       by(params.sortOrder == SortOrder::DESCENDING));
    result.insert(result.end(), order.begin(), order.end());
  }
  return result;
}

std::vector<double> keysAt(const std::vector<double> &keys, std::size_t n,
                           const std::vector<std::size_t> &indices,
                           std::size_t k) {
  std::vector<double> out;
  for (std::size_t i = 0; i < indices.size(); ++i)
    out.push_back(keys[(i / k) * n + indices[i]]);
  return out;
}

bool sameValues(const std::vector<double> &a, const std::vector<double> &b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(std::isnan(a[i]) && std::isnan(b[i])) && a[i] != b[i])
      return false;
  return true;
}

std::vector<double> topKKeys(std::size_t count, const Type &type) {
  std::vector<double> keys(count);
  for (std::size_t i = 0; i < count; ++i) {
    keys[i] = double((i * 7919) % 29);
    if (type == FLOAT || type == HALF)
      keys[i] = i % 13 == 4 ? std::numeric_limits<double>::quiet_NaN()
                            : keys[i] / 2 - 5;
    if (type == INT)
      keys[i] -= 14;
  }
  return keys;
}

} // namespace

TEST_CASE("topKWithPermutation selects the k largest or smallest in order",
          "[popops][topK]") {
  const std::size_t n = 40, k = 7, count = 3 * 5 * n;
  for (const Type &type : {FLOAT, HALF, INT, UNSIGNED_INT}) {
    DYNAMIC_SECTION(type.toString()) {
      TestGraph g;
      Tensor t = g.variable(type, {3, 5, n}, "t");
      const std::vector<double> keys = topKKeys(count, type);
      std::vector<TopKParams> cases;
      for (bool largest : {true, false})
        for (SortOrder order :
             {SortOrder::NONE, SortOrder::ASCENDING, SortOrder::DESCENDING})
          cases.emplace_back(k, largest, order, true);
      Sequence prog;
      Runner r(g);
      r.input("t", t, keys);
      for (std::size_t c = 0; c < cases.size(); ++c) {
        auto [values, indices] =
            popops::topKWithPermutation(g.graph, prog, t, cases[c], "top");
        CHECK(values.shape() == std::vector<std::size_t>{3, 5, k});
        CHECK(indices.elementType() == UNSIGNED_INT);
        r.output("values" + std::to_string(c), values);
        r.output("indices" + std::to_string(c), indices);
      }
      r.run(prog);
      for (std::size_t c = 0; c < cases.size(); ++c) {
        std::ostringstream params;
        params << cases[c];
        INFO(params.str());
        const std::vector<std::size_t> expected =
            topKReference(keys, n, cases[c]);
        const std::vector<double> got = r.read("indices" + std::to_string(c));
        CHECK(got == std::vector<double>(expected.begin(), expected.end()));
        CHECK(sameValues(r.read("values" + std::to_string(c)),
                         keysAt(keys, n, expected, k)));
      }
    }
  }
}

TEST_CASE("topK and topKKeyValue on a createTopKInput layout",
          "[popops][topK]") {
  const std::size_t n = 33;
  TestGraph g;
  const TopKParams params(4, true, SortOrder::DESCENDING);
  Tensor t = popops::createTopKInput(g.graph, FLOAT, {10, n}, params, "in");
  for (std::size_t row = 0; row < 10; ++row) {
    std::size_t tilesHoldingRow = 0;
    for (const auto &intervals : g.graph.getTileMapping(t[row]))
      tilesHoldingRow += !intervals.empty();
    CHECK(tilesHoldingRow == 1);
  }
  Tensor payload = g.variable(HALF, {10, n}, "payload");
  Sequence prog;
  Tensor top = popops::topK(g.graph, prog, t, params);
  auto [keys, values] = popops::topKKeyValue(
      g.graph, prog, t, payload, TopKParams(n, false, SortOrder::ASCENDING));
  Tensor none =
      popops::topK(g.graph, prog, t, TopKParams(0, true, SortOrder::NONE));
  CHECK(none.shape() == std::vector<std::size_t>{10, 0});
  // A transposed view: column c of the payload holds c in every row.
  Tensor columnTop = popops::topK(g.graph, prog, payload.transpose(),
                                  TopKParams(2, false, SortOrder::NONE));
  // Slices of one element: each is its own top 1, at index 0.
  Tensor column = g.variable(INT, {4, 1}, "column");
  auto [columnValues, columnIndices] = popops::topKWithPermutation(
      g.graph, prog, column, TopKParams(1, false, SortOrder::NONE));
  const std::vector<double> input = topKKeys(10 * n, FLOAT);
  std::vector<double> payloadValues(10 * n);
  for (std::size_t i = 0; i < payloadValues.size(); ++i)
    payloadValues[i] = double(i % n);
  Runner r(g);
  r.input("t", t, input);
  r.input("payload", payload, payloadValues);
  r.output("top", top);
  r.output("keys", keys);
  r.output("values", values);
  r.input("column", column, {-3, 5, 0, 2});
  r.output("columnValues", columnValues);
  r.output("columnIndices", columnIndices);
  r.output("columnTop", columnTop);
  r.run(prog);
  CHECK(r.read("columnValues") == std::vector<double>{-3, 5, 0, 2});
  CHECK(r.read("columnIndices") == std::vector<double>{0, 0, 0, 0});
  std::vector<double> expectedColumnTop;
  for (std::size_t c = 0; c < n; ++c)
    expectedColumnTop.insert(expectedColumnTop.end(), {double(c), double(c)});
  CHECK(r.read("columnTop") == expectedColumnTop);
  const auto expectedTop = topKReference(input, n, params);
  CHECK(sameValues(r.read("top"), keysAt(input, n, expectedTop, 4)));
  const TopKParams all(n, false, SortOrder::ASCENDING);
  const auto expectedAll = topKReference(input, n, all);
  CHECK(sameValues(r.read("keys"), keysAt(input, n, expectedAll, n)));
  CHECK(r.read("values") ==
        std::vector<double>(expectedAll.begin(), expectedAll.end()));
}

TEST_CASE("TopKParams prints its fields", "[popops][topK]") {
  std::ostringstream os;
  os << TopKParams(3, false, SortOrder::ASCENDING, true);
  CHECK(os.str() ==
        "{k=3, largest=false, sortOrder=ascending, stableSort=true}");
}

TEST_CASE("top-k names the k, shapes and types it cannot take",
          "[popops][topK][errors]") {
  TestGraph g;
  Tensor t = g.variable(FLOAT, {2, 5});
  Sequence prog;
  const TopKParams six(6, true, SortOrder::NONE);
  CHECK_THAT(errorOf<poputil::poplibs_error>(
                 [&] { popops::topK(g.graph, prog, t, six, "best"); }),
             Contains("popops::topK (best)") && Contains("k=6") &&
                 Contains("5 elements") && Contains("{2,5}"));
  const TopKParams one(1, true, SortOrder::NONE);
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::topK(g.graph, prog, g.variable(FLOAT, {}), one);
             }),
             Contains("scalar"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::topKWithPermutation(g.graph, prog, g.variable(BOOL, {4}),
                                           one);
             }),
             Contains("popops::topKWithPermutation") && Contains("not bool"));
  CHECK_THAT(
      errorOf<poputil::poplibs_error>([&] {
        popops::topKKeyValue(g.graph, prog, t, g.variable(INT, {5, 2}), one);
      }),
      Contains("popops::topKKeyValue") && Contains("{5,2}") &&
          Contains("same shape"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::topKKeyValue(g.graph, prog, t,
                                    g.variable(LONGLONG, {2, 5}), one);
             }),
             Contains("1, 2 or 4 bytes") && Contains("long long"));
  CHECK_THAT(errorOf<poputil::poplibs_error>([&] {
               popops::createTopKInput(g.graph, FLOAT, {3, 2}, six, "input");
             }),
             Contains("popops::createTopKInput (input)") && Contains("k=6") &&
                 Contains("{3,2}"));
}

TEST_CASE("topK of rows longer than a tile's share", "[popops][topK]") {
  TestGraph g;
  const std::size_t n = 2 * g.graph.getTarget().getBytesPerTile() / 48 + 5;
  Tensor t = g.variable(HALF, {1, n}, "t");
  const TopKParams params(9, true, SortOrder::ASCENDING);
  Sequence prog;
  auto [values, indices] =
      popops::topKWithPermutation(g.graph, prog, t, params);
  std::vector<double> keys(n);
  for (std::size_t i = 0; i < n; ++i)
    keys[i] = double((i * 7919) % 1999);
  Runner r(g);
  r.input("t", t, keys);
  r.output("values", values);
  r.output("indices", indices);
  r.run(prog);
  const auto expected = topKReference(keys, n, params);
  CHECK(r.read("indices") ==
        std::vector<double>(expected.begin(), expected.end()));
  CHECK(r.read("values") == keysAt(keys, n, expected, 9));
}
