// poplin::matMul and friends, built on the planner (MatMulPlan.hpp): one
// compute set of block products, tile (g, i, j, s) multiplying its blocks of
// A and B (the compiler gathers them in the exchange before it), then, when
// K is split, a compute set summing each output block's partials.
#include <poplin/MatMul.hpp>

#include "MatMulPlan.hpp"

#include <poplar/exceptions.hpp>
#include <popops/ScaledAdd.hpp>
#include <popops/Zero.hpp>
#include <poputil/VertexTemplates.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <sstream>

using namespace poplar;
using namespace poplar::program;

namespace poplin {

bool operator<(const MatMulParams &a, const MatMulParams &b) {
  return std::tie(a.inputType, a.outputType, a.aShape, a.bShape) <
         std::tie(b.inputType, b.outputType, b.aShape, b.bShape);
}

namespace {

void checkType(const Type &type, const char *what, const std::string &name) {
  if (type != FLOAT && type != HALF)
    throw poputil::poplibs_error(name + ": the " + what + " type is " +
                                 type.toString() +
                                 "; matrix products take float or half");
}

/// The shape of the product, from operands' shapes; throws naming both
/// shapes when they do not form one.
MatMulShape productShape(const std::vector<std::size_t> &a,
                         const std::vector<std::size_t> &b, bool grouped,
                         const Type &inputType, const Type &outputType,
                         const std::string &name) {
  const std::size_t rank = grouped ? 3 : 2;
  const std::string form =
      grouped ? "A {g, m, k} and B {g, k, n}" : "A {m, k} and B {k, n}";
  if (a.size() != rank || b.size() != rank)
    throw poputil::poplibs_error(name + ": A is " + shapeString(a) + " and B " +
                                 shapeString(b) + "; it takes " + form);
  const std::size_t g = grouped ? a[0] : 1;
  if (grouped && b[0] != g)
    throw poputil::poplibs_error(
        name + ": A " + shapeString(a) + " has " + std::to_string(a[0]) +
        " groups but B " + shapeString(b) + " has " + std::to_string(b[0]));
  if (a[rank - 1] != b[rank - 2])
    throw poputil::poplibs_error(
        name + ": the inner dimensions differ: A " + shapeString(a) + " has " +
        std::to_string(a[rank - 1]) + " columns but B " + shapeString(b) +
        " has " + std::to_string(b[rank - 2]) + " rows");
  checkType(inputType, "input", name);
  checkType(outputType, "output", name);
  MatMulShape shape;
  shape.groups = g;
  shape.m = a[rank - 2];
  shape.k = a[rank - 1];
  shape.n = b[rank - 1];
  shape.inputType = inputType;
  shape.outputType = outputType;
  return shape;
}

/// [begin, end) of block `i` of a dimension cut into blocks of `block`.
std::pair<std::size_t, std::size_t>
blockRange(std::size_t size, std::size_t block, std::size_t i) {
  const std::size_t begin = std::min(size, i * block);
  return {begin, std::min(size, begin + block)};
}

/// [begin, end) of run s of `elements` cut into numChunks near-equal runs:
/// how operand blocks spread over their tiles and how an output block's
/// partial sums are shared among its K split's tiles.
std::pair<std::size_t, std::size_t>
chunkRange(std::size_t elements, std::size_t numChunks, std::size_t s) {
  return {elements * s / numChunks, elements * (s + 1) / numChunks};
}

/// Maps `t` (one dimension) in tiles.size() near-equal runs, run p to
/// tiles[p]: by elements, so a block of few rows still reaches every tile
/// that shares it.
void mapRunsOver(Graph &graph, const Tensor &t,
                 const std::vector<unsigned> &tiles) {
  for (std::size_t p = 0; p < tiles.size(); ++p) {
    auto [begin, end] = chunkRange(t.numElements(), tiles.size(), p);
    if (begin != end)
      graph.setTileMapping(t.slice(begin, end), tiles[p]);
  }
}

/// An operand {G, R, C} mapped as the plan gathers it: each block of the
/// operand is spread evenly over the tiles that use it.
Tensor createOperand(Graph &graph, const MatMulShape &shape,
                     const MatMulPlan &plan, bool lhs,
                     const DebugContext &debugContext) {
  const std::size_t rows = lhs ? shape.m : shape.k;
  const std::size_t cols = lhs ? shape.k : shape.n;
  Tensor t = graph.addVariable(shape.inputType, {shape.groups, rows, cols},
                               debugContext);
  const std::size_t rowBlock = lhs ? plan.mBlock : plan.kBlock;
  const std::size_t colBlock = lhs ? plan.kBlock : plan.nBlock;
  const std::size_t rowSplit = lhs ? plan.mSplit : plan.kSplit;
  const std::size_t colSplit = lhs ? plan.kSplit : plan.nSplit;
  const std::size_t sharers = lhs ? plan.nSplit : plan.mSplit;
  for (std::size_t g = 0; g < plan.gSplit; ++g) {
    auto [g0, g1] = blockRange(shape.groups, plan.gBlock, g);
    for (std::size_t r = 0; r < rowSplit; ++r) {
      auto [r0, r1] = blockRange(rows, rowBlock, r);
      for (std::size_t c = 0; c < colSplit; ++c) {
        auto [c0, c1] = blockRange(cols, colBlock, c);
        std::vector<unsigned> tiles;
        for (std::size_t x = 0; x < sharers; ++x)
          tiles.push_back(lhs ? plan.tile(g, r, x, c) : plan.tile(g, x, c, r));
        Tensor block = t.slice({g0, r0, c0}, {g1, r1, c1});
        mapRunsOver(graph, block.flatten(), tiles);
      }
    }
  }
  return t;
}

/// A {G, M, N} result laid out as the plan computes it: every tile's share
/// one contiguous variable, so the vertices write it in place.
Tensor createOutput(Graph &graph, const MatMulShape &shape,
                    const MatMulPlan &plan, const DebugContext &debugContext) {
  std::vector<Tensor> groupBlocks;
  for (std::size_t g = 0; g < plan.gSplit; ++g) {
    auto [g0, g1] = blockRange(shape.groups, plan.gBlock, g);
    std::vector<Tensor> blockRows;
    for (std::size_t i = 0; i < plan.mSplit; ++i) {
      auto [m0, m1] = blockRange(shape.m, plan.mBlock, i);
      std::vector<Tensor> blocks;
      for (std::size_t j = 0; j < plan.nSplit; ++j) {
        auto [n0, n1] = blockRange(shape.n, plan.nBlock, j);
        const std::size_t elements = (g1 - g0) * (m1 - m0) * (n1 - n0);
        std::vector<Tensor> chunks;
        for (std::size_t s = 0; s < plan.kSplit; ++s) {
          auto [e0, e1] = chunkRange(elements, plan.kSplit, s);
          if (e0 == e1)
            continue;
          Tensor chunk = graph.addVariable(
              shape.outputType, {e1 - e0},
              {debugContext,
               "output/block" + std::to_string(plan.tile(g, i, j, s))});
          graph.setTileMapping(chunk, plan.tile(g, i, j, s));
          chunks.push_back(chunk);
        }
        Tensor block = chunks.empty() ? graph.addVariable(shape.outputType, {0})
                                      : concat(chunks);
        blocks.push_back(block.reshape({g1 - g0, m1 - m0, n1 - n0}));
      }
      blockRows.push_back(concat(blocks, 2));
    }
    groupBlocks.push_back(concat(blockRows, 1));
  }
  return concat(groupBlocks, 0);
}

void requireVertex(const Graph &graph, const std::string &vertexType,
                   const std::string &name) {
  if (!graph.hasCodelet(vertexType))
    throw unknown_vertex_type(name + ": the graph has no vertex type '" +
                              vertexType +
                              "'; call poplin::addCodelets(graph) once "
                              "before using poplin");
}

/// Adds the product's compute sets to `prog`, writing `out` ({G, M, N}).
void buildProduct(Graph &graph, const MatMulShape &shape,
                  const MatMulPlan &plan, const Tensor &A, const Tensor &B,
                  const Tensor &out, Sequence &prog, const std::string &name,
                  const DebugNameAndId &debug) {
  const Target &target = graph.getTarget();
  if (out.numElements() == 0)
    return;
  if (shape.k == 0) {
    popops::zero(graph, out, prog, {debug, "zero"});
    return;
  }
  const bool splitK = plan.kSplit > 1;
  const Type blockOutType = splitK ? plan.partialsType : shape.outputType;
  const std::string productVertex = poputil::templateVertex(
      "poplin::MatMulBlock", shape.inputType, blockOutType);
  requireVertex(graph, productVertex, name);
  const std::string sumVertex = poputil::templateVertex(
      "poplin::SumPartials", plan.partialsType, shape.outputType);
  if (splitK)
    requireVertex(graph, sumVertex, name);

  ComputeSet products = graph.addComputeSet({debug, "products"});
  ComputeSet sums;
  if (splitK)
    sums = graph.addComputeSet({debug, "partialSums"});
  const unsigned workers = target.getNumWorkerContexts();
  for (std::size_t g = 0; g < plan.gSplit; ++g) {
    auto [g0, g1] = blockRange(shape.groups, plan.gBlock, g);
    for (std::size_t i = 0; i < plan.mSplit; ++i) {
      auto [m0, m1] = blockRange(shape.m, plan.mBlock, i);
      for (std::size_t j = 0; j < plan.nSplit; ++j) {
        auto [n0, n1] = blockRange(shape.n, plan.nBlock, j);
        Tensor outBlock = out.slice({g0, m0, n0}, {g1, m1, n1}).flatten();
        std::vector<Tensor> partials;
        for (std::size_t s = 0; s < plan.kSplit; ++s) {
          auto [k0, k1] = blockRange(shape.k, plan.kBlock, s);
          if (k0 == k1)
            continue;
          const unsigned tile = plan.tile(g, i, j, s);
          Tensor result = outBlock;
          if (splitK) {
            result =
                graph.addVariable(plan.partialsType, {outBlock.numElements()},
                                  {debug, "partials"});
            graph.setTileMapping(result, tile);
            partials.push_back(result);
          }
          VertexRef v = graph.addVertex(
              products, productVertex,
              {{"a", A.slice({g0, m0, k0}, {g1, m1, k1}).flatten()},
               {"b", B.slice({g0, k0, n0}, {g1, k1, n1}).flatten()},
               {"out", result}});
          graph.setInitialValue(v["groups"], unsigned(g1 - g0));
          graph.setInitialValue(v["rows"], unsigned(m1 - m0));
          graph.setInitialValue(v["depth"], unsigned(k1 - k0));
          graph.setInitialValue(v["cols"], unsigned(n1 - n0));
          graph.setTileMapping(v, tile);
          BlockCost cost =
              estimateBlockProduct(target, shape.inputType, plan.partialsType,
                                   (g1 - g0) * (m1 - m0), k1 - k0, n1 - n0);
          graph.setPerfEstimate(v, cost.workerCycles, 2 * cost.macs);
        }
        if (!splitK)
          continue;
        const std::size_t elements = outBlock.numElements();
        for (std::size_t s = 0; s < plan.kSplit; ++s) {
          auto [e0, e1] = chunkRange(elements, plan.kSplit, s);
          if (e0 == e1)
            continue;
          std::vector<Tensor> pieces;
          for (const Tensor &p : partials)
            pieces.push_back(p.slice(e0, e1));
          VertexRef v = graph.addVertex(sums, sumVertex,
                                        {{"out", outBlock.slice(e0, e1)}});
          graph.connect(v["partials"], pieces);
          graph.setTileMapping(v, plan.tile(g, i, j, s));
          const std::size_t perWorker = (e1 - e0 + workers - 1) / workers;
          graph.setPerfEstimate(v,
                                estimatePartialSum(target, plan.partialsType,
                                                   perWorker, pieces.size()),
                                (e1 - e0) * (pieces.size() - 1));
        }
      }
    }
  }
  prog.add(Execute(products));
  if (splitK)
    prog.add(Execute(sums));
}

/// Views a 2-D operand as one group.
Tensor asGrouped(const Tensor &t, bool grouped) {
  return grouped ? t : t.expand({0});
}

struct Planned {
  MatMulShape shape;
  MatMulPlan plan;
};

Planned planFor(const Target &target, const std::vector<std::size_t> &aShape,
                const std::vector<std::size_t> &bShape, bool grouped,
                const Type &inputType, const Type &outputType,
                const OptionFlags &options, PlanningCache *cache,
                const std::string &name) {
  Planned p;
  p.shape = productShape(aShape, bShape, grouped, inputType, outputType, name);
  p.plan = planMatMul(target, p.shape, parseMatMulOptions(options), cache);
  return p;
}

void checkOperands(const Tensor &A, const Tensor &B, const std::string &name) {
  if (A.elementType() != B.elementType())
    throw poputil::poplibs_error(name + ": A is " + A.elementType().toString() +
                                 " but B is " + B.elementType().toString() +
                                 "; both operands must have one type");
}

Tensor product(Graph &graph, const Tensor &A, const Tensor &B, Sequence &prog,
               const Type &outputType, const DebugContext &debugContext,
               const OptionFlags &options, PlanningCache *cache, bool grouped,
               const std::string &name) {
  checkOperands(A, B, name);
  Planned p = planFor(graph.getTarget(), A.shape(), B.shape(), grouped,
                      A.elementType(), outputType, options, cache, name);
  DebugInfo info(debugContext, name);
  Tensor out = createOutput(graph, p.shape, p.plan, {info.getNameAndId()});
  buildProduct(graph, p.shape, p.plan, asGrouped(A, grouped),
               asGrouped(B, grouped), out, prog, name, info.getNameAndId());
  return grouped ? out : out.squeeze({0});
}

void productInto(Graph &graph, const Tensor &A, const Tensor &B,
                 const Tensor &out, Sequence &prog,
                 const DebugContext &debugContext, const OptionFlags &options,
                 PlanningCache *cache, bool grouped, const std::string &name) {
  checkOperands(A, B, name);
  Planned p = planFor(graph.getTarget(), A.shape(), B.shape(), grouped,
                      A.elementType(), out.elementType(), options, cache, name);
  const std::vector<std::size_t> expected =
      grouped ? std::vector<std::size_t>{p.shape.groups, p.shape.m, p.shape.n}
              : std::vector<std::size_t>{p.shape.m, p.shape.n};
  if (out.shape() != expected)
    throw poputil::poplibs_error(name + ": out is " + shapeString(out.shape()) +
                                 " but A " + shapeString(A.shape()) + " * B " +
                                 shapeString(B.shape()) + " is " +
                                 shapeString(expected));
  DebugInfo info(debugContext, name);
  buildProduct(graph, p.shape, p.plan, asGrouped(A, grouped),
               asGrouped(B, grouped), asGrouped(out, grouped), prog, name,
               info.getNameAndId());
}

Tensor createInput(Graph &graph, const Type &inputType, const Type &outputType,
                   const std::vector<std::size_t> &aShape,
                   const std::vector<std::size_t> &bShape,
                   const DebugContext &debugContext, const OptionFlags &options,
                   PlanningCache *cache, bool grouped, bool lhs,
                   const std::string &name) {
  Planned p = planFor(graph.getTarget(), aShape, bShape, grouped, inputType,
                      outputType, options, cache, name);
  Tensor t = createOperand(graph, p.shape, p.plan, lhs, debugContext);
  return grouped ? t : t.squeeze({0});
}

Tensor createResult(Graph &graph, const Type &inputType, const Type &outputType,
                    const std::vector<std::size_t> &aShape,
                    const std::vector<std::size_t> &bShape,
                    const DebugContext &debugContext,
                    const OptionFlags &options, PlanningCache *cache,
                    bool grouped, const std::string &name) {
  Planned p = planFor(graph.getTarget(), aShape, bShape, grouped, inputType,
                      outputType, options, cache, name);
  Tensor t = createOutput(graph, p.shape, p.plan, debugContext);
  return grouped ? t : t.squeeze({0});
}

void reportPlan(std::ostream &out, const Graph &graph, const Type &inputType,
                const Type &outputType, const std::vector<std::size_t> &aShape,
                const std::vector<std::size_t> &bShape,
                const OptionFlags &options, PlanningCache *cache, bool grouped,
                const std::string &name) {
  Planned p = planFor(graph.getTarget(), aShape, bShape, grouped, inputType,
                      outputType, options, cache, name);
  printMatMulPlan(out, p.shape, p.plan);
}

template <typename Scale>
void accumulate(Graph &graph, const Tensor &C, Scale k, const Tensor &A,
                const Tensor &B, Sequence &prog,
                const DebugContext &debugContext, const OptionFlags &options,
                PlanningCache *cache, bool grouped, const std::string &name) {
  DebugInfo info(debugContext, name);
  Tensor result = product(graph, A, B, prog, C.elementType(),
                          {info.getNameAndId()}, options, cache, grouped, name);
  if (result.shape() != C.shape())
    throw poputil::poplibs_error(name + ": C is " + shapeString(C.shape()) +
                                 " but A " + shapeString(A.shape()) + " * B " +
                                 shapeString(B.shape()) + " is " +
                                 shapeString(result.shape()));
  popops::scaledAddTo(graph, C, result, k, prog,
                      {info.getNameAndId(), "accumulate"});
}

} // namespace

Tensor matMul(Graph &graph, const Tensor &A, const Tensor &B, Sequence &prog,
              const Type &outputType, const DebugContext &debugContext,
              const OptionFlags &options, PlanningCache *cache) {
  return product(graph, A, B, prog, outputType, debugContext, options, cache,
                 false, "poplin::matMul");
}

Tensor matMul(Graph &graph, const Tensor &A, const Tensor &B, Sequence &prog,
              const DebugContext &debugContext, const OptionFlags &options,
              PlanningCache *cache) {
  return product(graph, A, B, prog, A.elementType(), debugContext, options,
                 cache, false, "poplin::matMul");
}

void matMulWithOutput(Graph &graph, const Tensor &A, const Tensor &B,
                      Tensor &out, Sequence &prog,
                      const DebugContext &debugContext,
                      const OptionFlags &options, PlanningCache *cache) {
  productInto(graph, A, B, out, prog, debugContext, options, cache, false,
              "poplin::matMulWithOutput");
}

void matMulReportPlan(std::ostream &out, const Graph &graph,
                      const Type &inputType, const Type &outputType,
                      const std::vector<std::size_t> &aShape,
                      const std::vector<std::size_t> &bShape,
                      const OptionFlags &options, PlanningCache *cache) {
  reportPlan(out, graph, inputType, outputType, aShape, bShape, options, cache,
             false, "poplin::matMulReportPlan");
}

Tensor matMulGrouped(Graph &graph, const Tensor &A, const Tensor &B,
                     Sequence &prog, const Type &outputType,
                     const DebugContext &debugContext,
                     const OptionFlags &options, PlanningCache *cache) {
  return product(graph, A, B, prog, outputType, debugContext, options, cache,
                 true, "poplin::matMulGrouped");
}

void matMulGroupedWithOutput(Graph &graph, const Tensor &A, const Tensor &B,
                             Tensor &out, Sequence &prog,
                             const DebugContext &debugContext,
                             const OptionFlags &options, PlanningCache *cache) {
  productInto(graph, A, B, out, prog, debugContext, options, cache, true,
              "poplin::matMulGroupedWithOutput");
}

void matMulGroupedReportPlan(std::ostream &out, const Graph &graph,
                             const Type &inputType, const Type &outputType,
                             const std::vector<std::size_t> &aShape,
                             const std::vector<std::size_t> &bShape,
                             const OptionFlags &options, PlanningCache *cache) {
  reportPlan(out, graph, inputType, outputType, aShape, bShape, options, cache,
             true, "poplin::matMulGroupedReportPlan");
}

void matMulAcc(Graph &graph, const Tensor &C, float k, const Tensor &A,
               const Tensor &B, Sequence &prog,
               const DebugContext &debugContext, const OptionFlags &options,
               PlanningCache *cache) {
  accumulate(graph, C, k, A, B, prog, debugContext, options, cache, false,
             "poplin::matMulAcc");
}

void matMulAcc(Graph &graph, const Tensor &C, const Tensor &k, const Tensor &A,
               const Tensor &B, Sequence &prog,
               const DebugContext &debugContext, const OptionFlags &options,
               PlanningCache *cache) {
  accumulate(graph, C, k, A, B, prog, debugContext, options, cache, false,
             "poplin::matMulAcc");
}

void matMulGroupedAcc(Graph &graph, const Tensor &C, float k, const Tensor &A,
                      const Tensor &B, Sequence &prog,
                      const DebugContext &debugContext,
                      const OptionFlags &options, PlanningCache *cache) {
  accumulate(graph, C, k, A, B, prog, debugContext, options, cache, true,
             "poplin::matMulGroupedAcc");
}

void matMulGroupedAcc(Graph &graph, const Tensor &C, const Tensor &k,
                      const Tensor &A, const Tensor &B, Sequence &prog,
                      const DebugContext &debugContext,
                      const OptionFlags &options, PlanningCache *cache) {
  accumulate(graph, C, k, A, B, prog, debugContext, options, cache, true,
             "poplin::matMulGroupedAcc");
}

Tensor createMatMulInputLHS(Graph &graph, const Type &inputType,
                            const Type &outputType,
                            const std::vector<std::size_t> &aShape,
                            const std::vector<std::size_t> &bShape,
                            const DebugContext &debugContext,
                            const OptionFlags &options, PlanningCache *cache) {
  return createInput(graph, inputType, outputType, aShape, bShape, debugContext,
                     options, cache, false, true,
                     "poplin::createMatMulInputLHS");
}

Tensor createMatMulInputLHS(Graph &graph, const Type &dataType,
                            const std::vector<std::size_t> &aShape,
                            const std::vector<std::size_t> &bShape,
                            const DebugContext &debugContext,
                            const OptionFlags &options, PlanningCache *cache) {
  return createInput(graph, dataType, dataType, aShape, bShape, debugContext,
                     options, cache, false, true,
                     "poplin::createMatMulInputLHS");
}

Tensor createMatMulGroupedInputLHS(Graph &graph, const Type &inputType,
                                   const Type &outputType,
                                   const std::vector<std::size_t> &aShape,
                                   const std::vector<std::size_t> &bShape,
                                   const DebugContext &debugContext,
                                   const OptionFlags &options,
                                   PlanningCache *cache) {
  return createInput(graph, inputType, outputType, aShape, bShape, debugContext,
                     options, cache, true, true,
                     "poplin::createMatMulGroupedInputLHS");
}

Tensor createMatMulInputRHS(Graph &graph, const Type &inputType,
                            const Type &outputType,
                            const std::vector<std::size_t> &aShape,
                            const std::vector<std::size_t> &bShape,
                            const DebugContext &debugContext,
                            const OptionFlags &options, PlanningCache *cache) {
  return createInput(graph, inputType, outputType, aShape, bShape, debugContext,
                     options, cache, false, false,
                     "poplin::createMatMulInputRHS");
}

Tensor createMatMulInputRHS(Graph &graph, const Type &dataType,
                            const std::vector<std::size_t> &aShape,
                            const std::vector<std::size_t> &bShape,
                            const DebugContext &debugContext,
                            const OptionFlags &options, PlanningCache *cache) {
  return createInput(graph, dataType, dataType, aShape, bShape, debugContext,
                     options, cache, false, false,
                     "poplin::createMatMulInputRHS");
}

Tensor createMatMulGroupedInputRHS(Graph &graph, const Type &inputType,
                                   const Type &outputType,
                                   const std::vector<std::size_t> &aShape,
                                   const std::vector<std::size_t> &bShape,
                                   const DebugContext &debugContext,
                                   const OptionFlags &options,
                                   PlanningCache *cache) {
  return createInput(graph, inputType, outputType, aShape, bShape, debugContext,
                     options, cache, true, false,
                     "poplin::createMatMulGroupedInputRHS");
}

Tensor createMatMulOutput(Graph &graph, const Type &inputType,
                          const Type &outputType,
                          const std::vector<std::size_t> &aShape,
                          const std::vector<std::size_t> &bShape,
                          const DebugContext &debugContext,
                          const OptionFlags &options, PlanningCache *cache) {
  return createResult(graph, inputType, outputType, aShape, bShape,
                      debugContext, options, cache, false,
                      "poplin::createMatMulOutput");
}

Tensor createMatMulOutput(Graph &graph, const Type &dataType,
                          const std::vector<std::size_t> &aShape,
                          const std::vector<std::size_t> &bShape,
                          const DebugContext &debugContext,
                          const OptionFlags &options, PlanningCache *cache) {
  return createResult(graph, dataType, dataType, aShape, bShape, debugContext,
                      options, cache, false, "poplin::createMatMulOutput");
}

Tensor createMatMulGroupedOutput(Graph &graph, const Type &inputType,
                                 const Type &outputType,
                                 const std::vector<std::size_t> &aShape,
                                 const std::vector<std::size_t> &bShape,
                                 const DebugContext &debugContext,
                                 const OptionFlags &options,
                                 PlanningCache *cache) {
  return createResult(graph, inputType, outputType, aShape, bShape,
                      debugContext, options, cache, true,
                      "poplin::createMatMulGroupedOutput");
}

Tensor preArrangeMatMulInputRHS(Graph &, const std::vector<std::size_t> &,
                                const Tensor &B, Sequence &, const Type &,
                                const DebugContext &,
                                const OptionFlags &options, PlanningCache *) {
  matmulValidateOptions(options);
  return B;
}

Tensor preArrangeMatMulInputRHS(Graph &, const std::vector<std::size_t> &,
                                const Tensor &B, Sequence &,
                                const DebugContext &,
                                const OptionFlags &options, PlanningCache *) {
  matmulValidateOptions(options);
  return B;
}

Tensor preArrangeMatMulGroupedInputRHS(Graph &,
                                       const std::vector<std::size_t> &,
                                       const Tensor &B, Sequence &,
                                       const Type &, const DebugContext &,
                                       const OptionFlags &options,
                                       PlanningCache *) {
  matmulValidateOptions(options);
  return B;
}

Tensor transposeGroupedMatrix(const Tensor &A) {
  if (A.rank() != 3)
    throw poputil::poplibs_error("poplin::transposeGroupedMatrix: A is " +
                                 A.shapeToString() +
                                 "; it takes a grouped matrix {g, m, n}");
  return A.dimShuffle({0, 2, 1});
}

void matmulValidateOptions(const OptionFlags &options) {
  parseMatMulOptions(options);
}

void preplanMatMuls(const std::set<MatMulPlanParams> &matmuls,
                    PlanningCache &cache) {
  for (const auto &[target, params, options] : matmuls) {
    if (!target)
      throw poputil::poplibs_error(
          "poplin::preplanMatMuls: an entry has no target");
    const bool grouped = params.aShape.size() == 3;
    planFor(*target, params.aShape, params.bShape, grouped, params.inputType,
            params.outputType, options ? *options : OptionFlags(), &cache,
            "poplin::preplanMatMuls");
  }
}

} // namespace poplin
