// poplar-schedule-supersteps: adjacent exchanges in a block become one BSP
// superstep when that cannot change the result: no transfer of the later one
// reads or writes what the earlier ones write, and none writes what they
// read. One superstep costs one sync instead of one per copy. Exchanges whose
// own destinations overlap their sources are marked so the runtime reads
// before it writes.
#include "compiler/passes/PassSupport.hpp"
#include "compiler/passes/Passes.hpp"

#include "mlir/IR/Builders.h"

#include <map>

namespace tessel {
#define GEN_PASS_DEF_POPLARSCHEDULESUPERSTEPS
#include "compiler/passes/Passes.h.inc"
} // namespace tessel

using namespace mlir;
using namespace tessel;
using namespace tessel::graphir;

namespace {

/// Disjoint element intervals per variable.
class ElementSet {
public:
  bool overlaps(int64_t var, int64_t begin, int64_t end) const {
    auto v = sets.find(var);
    if (v == sets.end())
      return false;
    auto it = v->second.upper_bound(begin);
    if (it != v->second.end() && it->first < end)
      return true;
    return it != v->second.begin() && std::prev(it)->second > begin;
  }
  void add(int64_t var, int64_t begin, int64_t end) {
    auto &set = sets[var];
    auto it = set.upper_bound(begin);
    if (it != set.begin() && std::prev(it)->second >= begin) {
      --it;
      begin = it->first;
      end = std::max(end, it->second);
      it = set.erase(it);
    }
    while (it != set.end() && it->first <= end) {
      end = std::max(end, it->second);
      it = set.erase(it);
    }
    set.emplace(begin, end);
  }
  void clear() { sets.clear(); }

private:
  std::map<int64_t, std::map<int64_t, int64_t>> sets;
};

struct Access {
  ElementSet reads, writes;
};

void addAccesses(ElementTransfers transfers, Access &a) {
  for (ElementTransfer t : transfers) {
    a.reads.add(t.srcVar, t.srcBegin, t.srcEnd());
    a.writes.add(t.dstVar, t.dstBegin, t.dstEnd());
  }
}

Access accessesOf(ExchangeOp op) {
  Access a;
  addAccesses(op.getTransferList(), a);
  return a;
}

bool selfOverlaps(ExchangeOp op) {
  ElementSet writes;
  for (ElementTransfer t : op.getTransferList())
    writes.add(t.dstVar, t.dstBegin, t.dstEnd());
  for (ElementTransfer t : op.getTransferList())
    if (writes.overlaps(t.srcVar, t.srcBegin, t.srcEnd()))
      return true;
  return false;
}

/// True when `op` may join a superstep with accesses `group`.
bool independent(ExchangeOp op, const Access &group) {
  for (ElementTransfer t : op.getTransferList())
    if (group.writes.overlaps(t.srcVar, t.srcBegin, t.srcEnd()) ||
        group.writes.overlaps(t.dstVar, t.dstBegin, t.dstEnd()) ||
        group.reads.overlaps(t.dstVar, t.dstBegin, t.dstEnd()))
      return false;
  return true;
}

class ScheduleSuperstepsPass
    : public tessel::impl::PoplarScheduleSuperstepsBase<
          ScheduleSuperstepsPass> {
public:
  void runOnOperation() override {
    ModuleOp module = getOperation();
    Builder builder(module.getContext());
    std::vector<Block *> blocks;
    module.walk([&](Block *block) { blocks.push_back(block); });
    for (Block *block : blocks)
      mergeIn(*block, builder);
    int64_t index = 0;
    module.walk([&](ExchangeOp op) {
      op.setSuperstepAttr(builder.getI64IntegerAttr(index++));
    });
    // Merges exchanges; declares nothing.
    markAnalysesPreserved<GraphFacts>();
  }

private:
  void mergeIn(Block &block, Builder &builder) {
    ExchangeOp head;
    Access group;
    std::vector<int64_t> merged;
    auto flush = [&] {
      if (head && merged.size() != head.getTransfers().size())
        head.setTransfersAttr(builder.getDenseI64ArrayAttr(merged));
      head = ExchangeOp();
      group = Access();
      merged.clear();
    };
    for (Operation &op : llvm::make_early_inc_range(block)) {
      auto exchange = dyn_cast<ExchangeOp>(op);
      if (!exchange) {
        // WriteUndef only marks liveness; it does not end a superstep.
        if (!isa<WriteUndefOp>(op))
          flush();
        continue;
      }
      bool overlaps = selfOverlaps(exchange);
      if (overlaps)
        exchange.setSourcesOverlapDestinations(true);
      if (mergeExchanges && head && !overlaps &&
          exchange.getElementBytes() == head.getElementBytes() &&
          independent(exchange, group)) {
        ArrayRef<int64_t> t = exchange.getTransfers();
        merged.insert(merged.end(), t.begin(), t.end());
        addAccesses(exchange.getTransferList(), group);
        exchange.erase();
        continue;
      }
      flush();
      if (!overlaps) {
        head = exchange;
        group = accessesOf(exchange);
        ArrayRef<int64_t> t = exchange.getTransfers();
        merged.assign(t.begin(), t.end());
      }
    }
    flush();
  }
};

} // namespace

std::unique_ptr<Pass> tessel::createScheduleSuperstepsPass() {
  return std::make_unique<ScheduleSuperstepsPass>();
}
