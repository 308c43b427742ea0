// The seed a poprand call draws from: the caller's seed tensor, or the
// graph's hidden seed state, which every call that uses it moves on.
#ifndef POPRAND_SEEDSTATE_HPP
#define POPRAND_SEEDSTATE_HPP

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>

#include <cstdint>

namespace poprand::detail {

struct CallSeed {
  /// 2 UNSIGNED_INT elements: the Philox key.
  poplar::Tensor key;
  std::uint32_t modifier = 0;
  /// True when `key` is the graph's hidden seed state.
  bool hidden = false;
};

/// Throws type_error unless `seed` is a tensor of 2 UNSIGNED_INT elements.
void checkSeedTensor(const poplar::Tensor &seed, const char *function,
                     const char *argument);

/// The caller's seed (checked) with its modifier, or, when `seed` is null,
/// the hidden seed state of `graph`. `graphTensor` is any tensor of `graph`.
CallSeed seedForCall(poplar::Graph &graph, const poplar::Tensor *seed,
                     std::uint32_t seedModifier,
                     const poplar::Tensor &graphTensor, const char *function);

/// Appends what must follow a call that drew from `seed`: moving the hidden
/// seed state on, so the next call (or run) draws different numbers.
void finishCall(poplar::Graph &graph, const CallSeed &seed,
                poplar::program::Sequence &prog,
                const poplar::DebugContext &debugContext);

} // namespace poprand::detail

#endif
