// Flat region and piece list helpers shared by verifiers and passes.
#include "compiler/dialects/RegionLists.hpp"

namespace tessel {

int64_t totalSize(llvm::ArrayRef<int64_t> list) {
  int64_t total = 0;
  for (size_t i = 0; i < numTriples(list); ++i) {
    RegionTriple t = tripleAt(list, i);
    total += t.end - t.begin;
  }
  return total;
}

std::optional<std::string> checkTriples(llvm::ArrayRef<int64_t> list,
                                        const char *what) {
  if (list.size() % 3 != 0)
    return std::string(what) + " has " + std::to_string(list.size()) +
           " integers; it must hold [var, begin, end] triples";
  for (size_t i = 0; i < numTriples(list); ++i) {
    RegionTriple t = tripleAt(list, i);
    if (t.var < 0 || t.begin < 0 || t.end < t.begin)
      return std::string(what) + " triple " + std::to_string(i) + " [" +
             std::to_string(t.var) + ", " + std::to_string(t.begin) + ", " +
             std::to_string(t.end) + "] is not a valid range";
  }
  return std::nullopt;
}

int64_t shapeElements(llvm::ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::optional<std::string> checkListSplit(llvm::ArrayRef<int64_t> flat,
                                          llvm::ArrayRef<int64_t> counts,
                                          int64_t numFirst) {
  if (numFirst < 0 || size_t(numFirst) > counts.size())
    return "num_inputs is " + std::to_string(numFirst) + " but there are " +
           std::to_string(counts.size()) + " arguments";
  int64_t sum = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] < 0 || counts[i] % 3 != 0)
      return "argument " + std::to_string(i) + " has a list of " +
             std::to_string(counts[i]) +
             " integers; each must hold whole triples";
    sum += counts[i];
  }
  if (sum != int64_t(flat.size()))
    return "the arguments' lists hold " + std::to_string(sum) +
           " integers but there are " + std::to_string(flat.size());
  return std::nullopt;
}

llvm::ArrayRef<int64_t> listAt(llvm::ArrayRef<int64_t> flat,
                               llvm::ArrayRef<int64_t> counts, size_t i) {
  size_t begin = 0;
  for (size_t j = 0; j < i; ++j)
    begin += size_t(counts[j]);
  return flat.slice(begin, size_t(counts[i]));
}

} // namespace tessel
