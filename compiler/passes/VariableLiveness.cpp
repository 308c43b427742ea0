// Variable lifetimes for memory sharing. Ops are numbered in pre-order over
// every program and function; each block is a scope, so "nested after the
// writes in the same block" is a range check on positions and "inside a loop
// the writes are not in" is a walk up the scope parents.
#include "compiler/passes/VariableLiveness.hpp"

#include "compiler/passes/VertexEdges.hpp"

#include <tessel/internal/CodeletABI.hpp>

#include <algorithm>
#include <map>

using namespace mlir;
using namespace tessel::graphir;

namespace tessel {

namespace {

/// Elements covered so far by a union of intervals.
class Coverage {
public:
  void add(int64_t begin, int64_t end) {
    if (begin >= end)
      return;
    auto it = intervals.upper_bound(begin);
    if (it != intervals.begin() && std::prev(it)->second >= begin) {
      --it;
      begin = it->first;
      end = std::max(end, it->second);
      covered -= it->second - it->first;
      it = intervals.erase(it);
    }
    while (it != intervals.end() && it->first <= end) {
      end = std::max(end, it->second);
      covered -= it->second - it->first;
      it = intervals.erase(it);
    }
    intervals.emplace(begin, end);
    covered += end - begin;
  }
  int64_t size() const { return covered; }
  /// Adds the parts of [begin, end) that `within` covers.
  void addWithin(const Coverage &within, int64_t begin, int64_t end) {
    auto it = within.intervals.upper_bound(begin);
    if (it != within.intervals.begin())
      --it;
    for (; it != within.intervals.end() && it->first < end; ++it)
      add(std::max(begin, it->first), std::min(end, it->second));
  }

private:
  std::map<int64_t, int64_t> intervals;
  int64_t covered = 0;
};

bool isLoop(Operation &op) { return isa<RepeatOp, LoopOp, RepeatWhileOp>(op); }

/// Whether an interval starting at `begin` starts inside or right at the end
/// of [lastBegin, lastEnd), so that one interval can stand for both. Only a
/// use's union of intervals matters (Coverage), so merging such neighbours
/// changes no lifetime; it keeps vertices that use consecutive pieces of a
/// variable (one row each, say) at one interval instead of one per vertex.
bool extends(int64_t lastBegin, int64_t lastEnd, int64_t begin) {
  return begin >= lastBegin && begin <= lastEnd;
}

/// Appends triple [var, begin, end) to a flat list, merged into the last
/// triple when it continues it.
void appendTriple(std::vector<int64_t> &flat, int64_t var, int64_t begin,
                  int64_t end) {
  size_t n = flat.size();
  if (n >= 3 && flat[n - 3] == var &&
      extends(flat[n - 2], flat[n - 1], begin)) {
    flat[n - 1] = std::max(flat[n - 1], end);
    return;
  }
  flat.insert(flat.end(), {var, begin, end});
}

} // namespace

VariableLiveness::VariableLiveness(ModuleOp module, const GraphFacts &facts)
    : facts(facts), uses(facts.variables.size()),
      hostAccessed(facts.variables.size(), false) {
  build(module);
}

VariableLiveness::VariableLiveness(Operation *module, AnalysisManager &am)
    : facts(am.getAnalysis<GraphFacts>()), uses(facts.variables.size()),
      hostAccessed(facts.variables.size(), false) {
  build(cast<ModuleOp>(module));
}

void VariableLiveness::build(ModuleOp module) {
  for (ComputeSetOp cs : module.getOps<ComputeSetOp>()) {
    auto &[reads, writes] = computeSetEdges[int64_t(cs.getId())];
    for (const TableVertex &v : cs.getVertexTable()) {
      std::string error;
      std::optional<std::vector<FieldEdges>> fields =
          facts.vertexFields(v, error);
      if (!fields)
        continue; // poplar-verify reports it
      CodeletOp codelet = facts.codelet(v.codelet);
      // An InOut edge counts as a read: it must hold a value beforehand.
      for (unsigned f = 0; f < fields->size(); ++f) {
        std::vector<int64_t> &into =
            abi::Direction(codelet.getFieldDirection(f)) ==
                    abi::Direction::Output
                ? writes
                : reads;
        // Merged as they are appended: a stable sort by variable keeps
        // merged neighbours next to each other, so recording the merged
        // list gives every use the same union of intervals.
        for (const EdgeEntry &entry : (*fields)[f].entries)
          for (size_t t = 0; t < numTriples(entry.regions); ++t) {
            RegionTriple triple = tripleAt(entry.regions, t);
            appendTriple(into, triple.var, triple.begin, triple.end);
          }
      }
    }
  }
  for (Operation &op : module.getBody()->getOperations()) {
    if (auto h = dyn_cast<HostAccessOp>(op)) {
      for (size_t i = 0; i < numTriples(h.getRegions()); ++i) {
        int64_t var = tripleAt(h.getRegions(), i).var;
        if (var >= 0 && size_t(var) < hostAccessed.size())
          hostAccessed[var] = true;
      }
    } else if (auto p = dyn_cast<ProgramOp>(op)) {
      int64_t scope = openScope(-1, p.getIndex(), false);
      for (Block &b : p.getBody())
        visitBlock(b, scope);
      scopes[scope].last = scopes[scope].ownerEnd = position - 1;
    } else if (auto f = dyn_cast<FunctionOp>(op)) {
      int64_t scope = openScope(-1, -1, false);
      for (Block &b : f.getBody())
        visitBlock(b, scope);
      scopes[scope].last = scopes[scope].ownerEnd = position - 1;
    }
  }
  lifetimes.reserve(uses.size());
  for (size_t var = 0; var < uses.size(); ++var)
    lifetimes.push_back(decide(int64_t(var)));
  // Only the lifetimes are read from now on, while the analysis stays
  // alive through poplar-lower-to-tile: the uses and the compute sets' edge
  // copies (tens of bytes per vertex) go now.
  std::vector<Scope>().swap(scopes);
  std::vector<std::vector<Use>>().swap(uses);
  std::vector<std::pair<int64_t, int64_t>>().swap(intervals);
  computeSetEdges.clear();
}

int64_t VariableLiveness::openScope(int64_t parent, int64_t program,
                                    bool loop) {
  scopes.push_back(
      {parent, program, loop, position, position - 1, position - 1});
  return int64_t(scopes.size() - 1);
}

void VariableLiveness::visitBlock(Block &block, int64_t scope) {
  for (Operation &op : block)
    visitOp(op, scope);
  scopes[scope].last = position - 1;
}

void VariableLiveness::visitOp(Operation &op, int64_t scope) {
  int64_t at = position++;
  if (auto e = dyn_cast<ExchangeOp>(op))
    recordExchange(e.getTransferList(), at, scope);
  else if (auto s = dyn_cast<StreamCopyOp>(op))
    s.getToDevice() ? recordWrites(s.getRegions(), at, scope)
                    : recordReads(s.getRegions(), at, scope);
  else if (auto r = dyn_cast<RemoteBufferCopyOp>(op)) {
    recordReads(r.getOffset(), at, scope);
    r.getToDevice() ? recordWrites(r.getRegions(), at, scope)
                    : recordReads(r.getRegions(), at, scope);
  } else if (auto h = dyn_cast<HostCallOp>(op)) {
    for (size_t i = 0; i < h.getRegionCounts().size(); ++i)
      i < size_t(h.getNumInputs()) ? recordReads(h.getArgument(i), at, scope)
                                   : recordWrites(h.getArgument(i), at, scope);
  } else if (auto p = dyn_cast<PrintTensorOp>(op))
    recordReads(p.getRegions(), at, scope);
  else if (auto e = dyn_cast<ErrorProgramOp>(op))
    recordReads(e.getRegions(), at, scope);
  else if (auto i = dyn_cast<IfOp>(op))
    recordReads(i.getPredicate(), at, scope);
  else if (auto a = dyn_cast<AbortOnConditionOp>(op))
    recordReads(a.getPredicate(), at, scope);
  else if (auto s = dyn_cast<SwitchOp>(op))
    recordReads(s.getControl(), at, scope);
  else if (auto e = dyn_cast<ExecuteOp>(op)) {
    recordExecute(int64_t(e.getComputeSet()), at, scope);
    // The flag is written once every vertex has run.
    recordWrites(e.getFlag(), at, scope);
  }

  std::vector<int64_t> opened;
  int64_t program = scopes[scope].program;
  for (Region &region : op.getRegions()) {
    int64_t inner = openScope(scope, program, isLoop(op));
    opened.push_back(inner);
    for (Block &b : region)
      visitBlock(b, inner);
    // The predicate of a repeat_while is read after its condition runs, in
    // every iteration.
    if (auto w = dyn_cast<RepeatWhileOp>(op); w && &region == &w.getCond())
      recordReads(w.getPredicate(), std::max(at, position - 1), inner);
  }
  for (int64_t s : opened)
    scopes[s].ownerEnd = position - 1;
}

void VariableLiveness::recordReads(ArrayRef<int64_t> regions, int64_t at,
                                   int64_t scope) {
  recordUses(regions, at, scope, false);
}

void VariableLiveness::recordWrites(ArrayRef<int64_t> regions, int64_t at,
                                    int64_t scope) {
  recordUses(regions, at, scope, true);
}

void VariableLiveness::recordUses(ArrayRef<int64_t> regions, int64_t at,
                                  int64_t scope, bool isWrite) {
  recordTriples(
      numTriples(regions), [&](size_t i) { return tripleAt(regions, i); }, at,
      scope, isWrite);
}

template <class TripleAt>
void VariableLiveness::recordTriples(size_t count, TripleAt tripleAt,
                                     int64_t at, int64_t scope, bool isWrite) {
  // Most lists name their variables in ascending order already (one
  // variable, or a copy between two) and are recorded as they are.
  bool grouped = true;
  for (size_t i = 1; i < count && grouped; ++i)
    grouped = tripleAt(i).var >= tripleAt(i - 1).var;
  if (grouped)
    return recordGroupedUses(count, tripleAt, at, scope, isWrite);
  std::vector<RegionTriple> triples;
  triples.reserve(count);
  for (size_t i = 0; i < count; ++i)
    triples.push_back(tripleAt(i));
  // Stable: a variable's intervals keep their order.
  std::stable_sort(triples.begin(), triples.end(),
                   [](const RegionTriple &a, const RegionTriple &b) {
                     return a.var < b.var;
                   });
  recordGroupedUses(
      triples.size(), [&](size_t i) { return triples[i]; }, at, scope, isWrite);
}

template <class TripleAt>
void VariableLiveness::recordGroupedUses(size_t count, TripleAt tripleAt,
                                         int64_t at, int64_t scope,
                                         bool isWrite) {
  for (size_t i = 0; i < count;) {
    int64_t var = tripleAt(i).var;
    size_t begin = intervals.size();
    for (; i < count && tripleAt(i).var == var; ++i) {
      RegionTriple t = tripleAt(i);
      if (intervals.size() > begin &&
          extends(intervals.back().first, intervals.back().second, t.begin))
        intervals.back().second = std::max(intervals.back().second, t.end);
      else
        intervals.push_back({t.begin, t.end});
    }
    if (var >= 0 && size_t(var) < uses.size())
      uses[var].push_back(
          {at, scope, isWrite, begin, intervals.size() - begin});
    else
      intervals.resize(begin);
  }
}

void VariableLiveness::recordExchange(ElementTransfers transfers, int64_t at,
                                      int64_t scope) {
  auto source = [&](size_t i) {
    ElementTransfer t = transfers[i];
    return RegionTriple{t.srcVar, t.srcBegin, t.srcEnd()};
  };
  auto destination = [&](size_t i) {
    ElementTransfer t = transfers[i];
    return RegionTriple{t.dstVar, t.dstBegin, t.dstEnd()};
  };
  // Reads first: a variable read and written by one exchange is read before
  // it is written. Recorded straight from the transfer list.
  recordTriples(transfers.size(), source, at, scope, false);
  recordTriples(transfers.size(), destination, at, scope, true);
}

void VariableLiveness::recordExecute(int64_t computeSet, int64_t at,
                                     int64_t scope) {
  auto found = computeSetEdges.find(computeSet);
  if (found == computeSetEdges.end())
    return;
  recordReads(found->second.first, at, scope);
  recordWrites(found->second.second, at, scope);
}

int64_t VariableLiveness::extent(const Use &use, int64_t home) const {
  int64_t end = use.position;
  for (int64_t s = use.scope; s != home && s >= 0; s = scopes[s].parent)
    if (scopes[s].loop)
      end = std::max(end, scopes[s].ownerEnd);
  return end;
}

Lifetime VariableLiveness::decide(int64_t var) const {
  VariableOp v = facts.variable(var);
  const std::vector<Use> &list = uses[var];
  if (!v || v.getConstant() || v.getInitialBytes() || hostAccessed[var] ||
      list.empty() || v.getNumElements() == 0)
    return {};
  int64_t program = scopes[list.front().scope].program;
  for (const Use &u : list)
    if (program < 0 || scopes[u.scope].program != program)
      return {};
  // The leading writes, all in one block, must cover every element that is
  // ever read before anything else touches it. Elements nobody reads (such
  // as alignment padding) hold nothing worth keeping.
  Coverage read;
  for (const Use &u : list)
    if (!u.isWrite)
      for (size_t k = 0; k < u.intervalsCount; ++k)
        read.add(intervals[u.intervalsBegin + k].first,
                 intervals[u.intervalsBegin + k].second);
  int64_t home = list.front().scope;
  Coverage coverage;
  size_t next = 0;
  while (coverage.size() < read.size()) {
    if (next == list.size() || !list[next].isWrite || list[next].scope != home)
      return {};
    const Use &w = list[next++];
    for (size_t k = 0; k < w.intervalsCount; ++k) {
      auto [begin, end] = intervals[w.intervalsBegin + k];
      coverage.addWithin(read, begin, end);
    }
  }
  Lifetime life{list.front().position, list.front().position};
  for (const Use &u : list) {
    if (u.position > scopes[home].last)
      return {}; // used after the block that wrote it ends
    life.end = std::max(life.end, extent(u, home));
  }
  return life;
}

} // namespace tessel
