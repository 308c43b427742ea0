// The front of the compiler at the scale ordinary programs reach: 10^5
// copies and a 10^7-element variable on a 1472-tile ipu2 go through the
// importer and poplar-verify, poplar-complete-tile-mapping and
// poplar-lower-copies-to-exchange, and the result is what the heuristics
// promise (copies stay on their tiles, the big variable is spread over every
// tile). The times are reported, not checked: bench/ measures speed.
#include "compiler/dialects/Poplar/PoplarDialect.hpp"
#include "compiler/graph/GraphImpl.hpp"
#include "compiler/import/ImportGraph.hpp"
#include "compiler/passes/Passes.hpp"

#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>

#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <set>

using namespace poplar;
using namespace poplar::program;
namespace gir = tessel::graphir;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

} // namespace

TEST_CASE("10^5 copies and a 10^7-element variable import and map, each "
          "copy on its own tile",
          "[import][scale]") {
  constexpr std::size_t numCopies = 100000, bigElements = 10000000;
  Graph graph(IPUModel("ipu2").createTarget());
  const unsigned numTiles = graph.getTarget().getNumTiles();
  Tensor src = graph.addVariable(FLOAT, {2 * numCopies}, "src");
  Tensor dst = graph.addVariable(FLOAT, {2 * numCopies}, "dst");
  Tensor big = graph.addVariable(FLOAT, {bigElements}, "big");
  const std::size_t perTile = (2 * numCopies + numTiles - 1) / numTiles;
  for (unsigned t = 0; t * perTile < 2 * numCopies; ++t)
    graph.setTileMapping(
        src.slice(t * perTile, std::min(2 * numCopies, (t + 1) * perTile)), t);
  // Copy i moves src[2i, 2i+2) to the mirror-image slot of dst.
  Sequence prog;
  for (std::size_t i = 0; i < numCopies; ++i) {
    std::size_t j = numCopies - 1 - i;
    prog.add(Copy(src.slice(2 * i, 2 * i + 2), dst.slice(2 * j, 2 * j + 2)));
  }
  prog.add(WriteUndef(big));

  mlir::MLIRContext context;
  context.disableMultithreading();
  auto start = std::chrono::steady_clock::now();
  auto module = tessel::importGraph(
      context, *tessel::GraphAccess::impl(graph).store, {prog});
  double importSeconds = secondsSince(start);

  mlir::PassManager pm(&context);
  pm.addPass(tessel::createVerifyPass());
  pm.addPass(tessel::createCompleteTileMappingPass());
  pm.addPass(tessel::createLowerCopiesToExchangePass());
  start = std::chrono::steady_clock::now();
  REQUIRE(mlir::succeeded(pm.run(*module)));
  double passSeconds = secondsSince(start);
  INFO("import " << importSeconds << " s, passes " << passSeconds << " s");

  // Every copy is one on-tile transfer: dst followed src.
  std::size_t exchanges = 0, offTile = 0;
  module->walk([&](gir::ExchangeOp e) {
    ++exchanges;
    llvm::ArrayRef<int64_t> t = e.getTransfers();
    for (std::size_t i = 0; i < t.size(); i += 7)
      offTile += t[i] != t[i + 3];
  });
  CHECK(exchanges == numCopies);
  CHECK(offTile == 0);
  // The big variable is spread over every tile in 128-byte-or-larger chunks.
  std::set<int64_t> tiles;
  module->walk([&](gir::VariableOp v) {
    if (v.getName() != "big")
      return;
    llvm::ArrayRef<int64_t> m = v.getMapping();
    for (std::size_t i = 0; i < m.size(); i += 3)
      tiles.insert(m[i + 2]);
  });
  CHECK(tiles.size() == numTiles);
}
