// VariableLayout: the records of a `poplar.variable`'s `mapping` (which tile
// holds each interval of elements) and `allocation` (where on the tile each
// interval lives), read through RecordList so that no pass, verifier or
// report indexes those lists by position.
#ifndef TESSEL_COMPILER_DIALECTS_POPLAR_VARIABLELAYOUT_HPP
#define TESSEL_COMPILER_DIALECTS_POPLAR_VARIABLELAYOUT_HPP

#include "compiler/dialects/RecordList.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tessel {

/// Elements [begin, end) of a variable are mapped to `tile`.
struct MappedInterval {
  static constexpr std::size_t kFields = 3;
  static constexpr const char *kLayout = "[begin, end, tile]";

  int64_t begin, end, tile;

  static MappedInterval read(const int64_t *f) { return {f[0], f[1], f[2]}; }
  void appendTo(std::vector<int64_t> &flat) const {
    flat.insert(flat.end(), {begin, end, tile});
  }
};
using MappedIntervals = RecordList<MappedInterval>;

/// Elements [begin, end) of a variable live at byte `address` of `tile`.
struct AllocatedInterval {
  static constexpr std::size_t kFields = 4;
  static constexpr const char *kLayout = "[begin, end, tile, address]";

  int64_t begin, end, tile, address;

  static AllocatedInterval read(const int64_t *f) {
    return {f[0], f[1], f[2], f[3]};
  }
  void appendTo(std::vector<int64_t> &flat) const {
    flat.insert(flat.end(), {begin, end, tile, address});
  }
};
using AllocatedIntervals = RecordList<AllocatedInterval>;

} // namespace tessel

#endif
