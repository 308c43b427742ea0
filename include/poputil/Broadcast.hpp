// poputil broadcasting: numpy-style rank and shape matching of tensors.
#ifndef POPUTIL_BROADCAST_HPP
#define POPUTIL_BROADCAST_HPP

#include <poplar/Tensor.hpp>

#include <vector>

namespace poputil {

/// Adds outer singleton dimensions to the tensor of lower rank.
void expandToMatchRanks(poplar::Tensor &a, poplar::Tensor &b);

/// Broadcasts `a` to `shape`: missing outer dimensions are added and each
/// size-1 dimension repeats; any other mismatch is a poplibs_error.
void broadcastToMatch(poplar::Tensor &a, const std::vector<std::size_t> &shape);

/// Broadcasts `a` and `b` to their common numpy shape.
void broadcastToMatch(poplar::Tensor &a, poplar::Tensor &b);

/// Broadcasts all three to their common numpy shape.
void broadcastToMatch(poplar::Tensor &a, poplar::Tensor &b, poplar::Tensor &c);

/// Whether broadcastToMatch(a, b) would succeed.
bool canBroadcastToMatch(const poplar::Tensor &a, const poplar::Tensor &b);

} // namespace poputil

#endif
