// The matrix-product planner. Every figure comes from the target: the AMP
// unit's getters for the block products, tessel::CostModel (the simulator's
// cycle model) for compute sets and exchanges, bytes per tile for memory.
#include "MatMulPlan.hpp"

#include <poplar/exceptions.hpp>
#include <poplin/Convolution.hpp>
#include <tessel/CostModel.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <ostream>
#include <tuple>
#include <vector>

using namespace poplar;

namespace poplin {

namespace {

std::uint64_t ceilDiv(std::uint64_t a, std::uint64_t b) {
  return (a + b - 1) / std::max<std::uint64_t>(b, 1);
}

const char *const kPasses[] = {"NONE", "INFERENCE_FWD", "TRAINING_FWD",
                               "TRAINING_BWD", "TRAINING_WU"};

const char *const kBooleanOptions[] = {
    "inputRHSIsPreArranged", "use128BitConvUnitLoad", "enableMultiStageReduce",
    "enableFastReduce",      "remapOutputTensor",     "gatherOutput"};

[[noreturn]] void badValue(const std::string &key, const std::string &value,
                           const std::string &expected) {
  throw invalid_option("matMul: option " + key + " cannot be '" + value +
                       "'; it takes " + expected);
}

using PlanKey = std::tuple<Target, std::size_t, std::size_t, std::size_t,
                           std::size_t, Type, Type, Type, double>;

} // namespace

class PlanningCacheImpl {
public:
  std::mutex mutex;
  std::map<PlanKey, MatMulPlan> plans;
};

PlanningCache::PlanningCache() : impl(std::make_unique<PlanningCacheImpl>()) {}
PlanningCache::~PlanningCache() = default;
std::size_t PlanningCache::size() const {
  std::lock_guard<std::mutex> lock(impl->mutex);
  return impl->plans.size();
}

MatMulPlanOptions parseMatMulOptions(const OptionFlags &flags) {
  MatMulPlanOptions options;
  for (const auto &[key, value] : flags) {
    if (key == "availableMemoryProportion") {
      std::size_t used = 0;
      double proportion = -1;
      try {
        proportion = std::stod(value, &used);
      } catch (const std::exception &) {
        used = 0;
      }
      if (used != value.size() || !(proportion >= 0 && proportion <= 1))
        badValue(key, value, "a decimal from 0 to 1, such as 0.6");
      options.availableMemoryProportion = proportion;
    } else if (key == "partialsType") {
      if (value == "float")
        options.partialsType = FLOAT;
      else if (value == "half")
        options.partialsType = HALF;
      else
        badValue(key, value, "float or half");
    } else if (key == "fullyConnectedPass") {
      if (std::find(std::begin(kPasses), std::end(kPasses), value) ==
          std::end(kPasses))
        badValue(key, value,
                 "NONE, INFERENCE_FWD, TRAINING_FWD, TRAINING_BWD or "
                 "TRAINING_WU");
      options.fullyConnectedPass = value;
    } else if (std::find(std::begin(kBooleanOptions), std::end(kBooleanOptions),
                         key) != std::end(kBooleanOptions)) {
      if (value != "true" && value != "false")
        badValue(key, value, "true or false");
    } else {
      throw invalid_option(
          "matMul: unknown option '" + key +
          "'; matMul takes availableMemoryProportion, partialsType, "
          "fullyConnectedPass, inputRHSIsPreArranged, use128BitConvUnitLoad, "
          "enableMultiStageReduce, enableFastReduce, remapOutputTensor and "
          "gatherOutput");
    }
  }
  return options;
}

BlockCost estimateBlockProduct(const Target &target, const Type &inputType,
                               const Type &partialsType, std::size_t rows,
                               std::size_t depth, std::size_t cols) {
  BlockCost cost;
  cost.macs = std::uint64_t(rows) * depth * cols;
  if (cost.macs == 0)
    return cost;
  // Units that cannot keep these partials work in float.
  unsigned units = target.getNumConvUnits(inputType, partialsType);
  if (units == 0)
    units = target.getNumConvUnits(inputType, FLOAT);
  const unsigned weights = target.getWeightsPerConvUnit(inputType);
  const unsigned loadElems =
      target.getConvUnitInputLoadElemsPerCycle(inputType);
  const unsigned workers = target.getNumWorkerContexts();
  if (units == 0 || weights == 0 || loadElems == 0) {
    // No AMP for this type: one vector multiply-add per element pair.
    const unsigned width = target.getVectorWidth(inputType);
    cost.workerCycles =
        ceilDiv(ceilDiv(cost.macs, width), workers) + 2 * rows + 20;
    return cost;
  }
  // The supervisor loads one chunk of weights (`weights` deep, `units` wide)
  // into the units; each worker then streams its rows through it, one
  // `loadElems` load a cycle, and the pipeline drains.
  const std::uint64_t chunks = ceilDiv(depth, weights) * ceilDiv(cols, units);
  const std::uint64_t weightLoad =
      ceilDiv(std::uint64_t(weights) * units * target.getTypeSize(inputType),
              target.getConvUnitCoeffLoadBytesPerCycle());
  const std::uint64_t stream =
      ceilDiv(rows, workers) * ceilDiv(weights, loadElems) +
      target.getConvUnitMaxPipelineDepth(inputType);
  cost.workerCycles = chunks * (ceilDiv(weightLoad, workers) + stream) + 20;
  return cost;
}

std::uint64_t estimatePartialSum(const Target &target, const Type &partialsType,
                                 std::size_t elements,
                                 std::size_t numPartials) {
  // A load and add dual-issue: one cycle per vector per partial, and the
  // store of the sum.
  const std::uint64_t vectors =
      ceilDiv(elements, target.getVectorWidth(partialsType));
  return vectors * (numPartials + 1) + 10;
}

namespace {

/// The splits of a dimension worth trying: for each block size, the fewest
/// blocks that give it.
std::vector<std::size_t> candidateSplits(std::size_t size, std::size_t most) {
  std::vector<std::size_t> splits;
  std::size_t lastBlock = 0;
  for (std::size_t s = 1; s <= std::min(size, most); ++s) {
    std::size_t block = ceilDiv(size, s);
    if (block != lastBlock && ceilDiv(size, block) == s)
      splits.push_back(s);
    lastBlock = block;
  }
  if (splits.empty())
    splits.push_back(1);
  return splits;
}

/// Whether a block of a row-major array is one run of it: every dimension
/// inside the outermost one the block cuts is whole.
bool contiguousBlock(const std::array<std::size_t, 3> &block,
                     const std::array<std::size_t, 3> &whole) {
  std::size_t d = block.size();
  while (d > 0 && block[d - 1] >= whole[d - 1])
    --d;
  // Dimensions 0 .. d-1 remain; the innermost of them may be cut, the
  // others must be single.
  for (std::size_t i = 0; i + 1 < d; ++i)
    if (block[i] != 1)
      return false;
  return true;
}

void costPlan(const Target &target, const tessel::CostModel &model,
              const MatMulShape &shape, const MatMulPlanOptions &options,
              MatMulPlan &plan) {
  const std::uint64_t inBytes = target.getTypeSize(shape.inputType);
  const std::uint64_t pBytes = target.getTypeSize(plan.partialsType);
  const std::uint64_t outBytes = target.getTypeSize(shape.outputType);
  plan.gBlock = ceilDiv(shape.groups, plan.gSplit);
  plan.mBlock = ceilDiv(shape.m, plan.mSplit);
  plan.nBlock = ceilDiv(shape.n, plan.nSplit);
  plan.kBlock = ceilDiv(shape.k, plan.kSplit);
  const std::uint64_t aBlock = plan.gBlock * plan.mBlock * plan.kBlock;
  const std::uint64_t bBlock = plan.gBlock * plan.kBlock * plan.nBlock;
  const std::uint64_t cBlock = plan.gBlock * plan.mBlock * plan.nBlock;

  // Gathering: the planned layout spreads each A block over the nSplit
  // tiles that use it and each B block over its mSplit tiles, so a tile
  // receives (and sends) all but its own share; its share is copied on-tile,
  // unless the tile holds the whole block as one run of the operand, which
  // the vertex then reads in place.
  const bool aInPlace = plan.nSplit == 1 &&
                        contiguousBlock({plan.gBlock, plan.mBlock, plan.kBlock},
                                        {shape.groups, shape.m, shape.k});
  const bool bInPlace = plan.mSplit == 1 &&
                        contiguousBlock({plan.gBlock, plan.kBlock, plan.nBlock},
                                        {shape.groups, shape.k, shape.n});
  // The tile holding the smallest share receives the most, the one holding
  // the largest copies the most.
  const std::uint64_t moved = (aBlock - aBlock / plan.nSplit) * inBytes +
                              (bBlock - bBlock / plan.mSplit) * inBytes;
  const std::uint64_t local = ((aInPlace ? 0 : ceilDiv(aBlock, plan.nSplit)) +
                               (bInPlace ? 0 : ceilDiv(bBlock, plan.mSplit))) *
                              inBytes;
  plan.gatherCycles = model.exchangeCycles(moved, local);

  const BlockCost block =
      estimateBlockProduct(target, shape.inputType, plan.partialsType,
                           plan.gBlock * plan.mBlock, plan.kBlock, plan.nBlock);
  plan.productCycles =
      model.computeSetCycles(model.tileCycles(block.workerCycles));

  std::uint64_t bytes = (aBlock + bBlock) * inBytes;
  if (plan.kSplit > 1) {
    const std::uint64_t chunk = ceilDiv(cBlock, plan.kSplit);
    plan.reduceExchangeCycles =
        model.exchangeCycles((plan.kSplit - 1) * chunk * pBytes);
    const std::uint64_t perWorker = ceilDiv(chunk, model.numWorkerContexts());
    plan.reduceCycles = model.computeSetCycles(model.tileCycles(
        estimatePartialSum(target, plan.partialsType, perWorker, plan.kSplit)));
    bytes += cBlock * pBytes + (plan.kSplit - 1) * chunk * pBytes;
  } else {
    plan.reduceExchangeCycles = plan.reduceCycles = 0;
  }
  plan.bytesPerTile = bytes;
  // The operands and result themselves, spread over the tiles used.
  const std::uint64_t resident =
      ceilDiv(std::uint64_t(shape.groups) * shape.m * shape.k * inBytes +
                  std::uint64_t(shape.groups) * shape.k * shape.n * inBytes +
                  std::uint64_t(shape.groups) * shape.m * shape.n * outBytes,
              plan.tilesUsed());
  plan.fitsMemory = double(bytes) <= options.availableMemoryProportion *
                                         double(target.getBytesPerTile()) &&
                    bytes + resident <= target.getBytesPerTile();
}

bool better(const MatMulPlan &a, const MatMulPlan &b) {
  if (a.fitsMemory != b.fitsMemory)
    return a.fitsMemory;
  if (!a.fitsMemory)
    return a.bytesPerTile < b.bytesPerTile;
  if (a.totalCycles() != b.totalCycles())
    return a.totalCycles() < b.totalCycles();
  return a.tilesUsed() < b.tilesUsed();
}

MatMulPlan searchPlans(const Target &target, const MatMulShape &shape,
                       const MatMulPlanOptions &options) {
  const tessel::CostModel model(target);
  const std::size_t numTiles = target.getNumTiles();
  MatMulPlan best;
  bool found = false;
  MatMulPlan plan;
  plan.partialsType = options.partialsType;
  // Each dimension's splits once; the loops stop where the tiles run out.
  const std::vector<std::size_t> gSplits =
      candidateSplits(shape.groups, numTiles);
  const std::vector<std::size_t> mSplits = candidateSplits(shape.m, numTiles);
  const std::vector<std::size_t> nSplits = candidateSplits(shape.n, numTiles);
  const std::vector<std::size_t> kSplits = candidateSplits(shape.k, numTiles);
  for (std::size_t g : gSplits) {
    for (std::size_t m : mSplits) {
      if (g * m > numTiles)
        break;
      for (std::size_t n : nSplits) {
        if (g * m * n > numTiles)
          break;
        for (std::size_t k : kSplits) {
          if (g * m * n * k > numTiles)
            break;
          plan.gSplit = g;
          plan.mSplit = m;
          plan.nSplit = n;
          plan.kSplit = k;
          costPlan(target, model, shape, options, plan);
          if (!found || better(plan, best)) {
            best = plan;
            found = true;
          }
        }
      }
    }
  }
  return best;
}

} // namespace

MatMulPlan planMatMul(const Target &target, const MatMulShape &shape,
                      const MatMulPlanOptions &options, PlanningCache *cache) {
  PlanKey key{target,
              shape.groups,
              shape.m,
              shape.k,
              shape.n,
              shape.inputType,
              shape.outputType,
              options.partialsType,
              options.availableMemoryProportion};
  if (cache) {
    std::lock_guard<std::mutex> lock(cache->impl->mutex);
    auto it = cache->impl->plans.find(key);
    if (it != cache->impl->plans.end())
      return it->second;
  }
  MatMulPlan plan = searchPlans(target, shape, options);
  if (cache) {
    std::lock_guard<std::mutex> lock(cache->impl->mutex);
    cache->impl->plans.emplace(key, plan);
  }
  return plan;
}

std::string shapeString(const std::vector<std::size_t> &shape) {
  std::string s = "{";
  for (std::size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "}";
}

void printMatMulPlan(std::ostream &out, const MatMulShape &shape,
                     const MatMulPlan &plan) {
  out << "matMul plan: " << shape.groups << " x {" << shape.m << ", " << shape.k
      << "} * {" << shape.k << ", " << shape.n << "}, " << shape.inputType
      << " in, " << plan.partialsType << " partials, " << shape.outputType
      << " out\n"
      << "  split: groups " << plan.gSplit << ", M " << plan.mSplit << ", N "
      << plan.nSplit << ", K " << plan.kSplit << " (" << plan.tilesUsed()
      << " tiles)\n"
      << "  block per tile: " << plan.gBlock << " x {" << plan.mBlock << ", "
      << plan.kBlock << "} * {" << plan.kBlock << ", " << plan.nBlock << "}\n"
      << "  estimated cycles: gather " << plan.gatherCycles << ", products "
      << plan.productCycles;
  if (plan.kSplit > 1)
    out << ", partials exchange " << plan.reduceExchangeCycles
        << ", partial sums " << plan.reduceCycles;
  out << ", total " << plan.totalCycles() << "\n"
      << "  temporary bytes on the busiest tile: " << plan.bytesPerTile
      << (plan.fitsMemory ? "" : " (over the available memory)") << "\n";
}

} // namespace poplin
