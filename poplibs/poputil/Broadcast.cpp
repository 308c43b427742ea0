// numpy-style broadcasting of tensor views (poputil/Broadcast.hpp): the
// result views repeat elements, nothing is copied.
#include <poputil/Broadcast.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <optional>
#include <sstream>

using poplar::Tensor;

namespace poputil {

static std::string shapeString(const std::vector<std::size_t> &shape) {
  std::ostringstream os;
  os << '{';
  for (std::size_t i = 0; i != shape.size(); ++i)
    os << (i ? "," : "") << shape[i];
  os << '}';
  return os.str();
}

/// `t` with singleton outer dimensions added up to `rank`.
static Tensor withRank(const Tensor &t, unsigned rank) {
  if (t.rank() >= rank)
    return t;
  return t.expand(std::vector<std::size_t>(rank - t.rank(), 0));
}

/// The numpy broadcast of two shapes, if they have one.
static std::optional<std::vector<std::size_t>>
commonShape(std::vector<std::size_t> a, std::vector<std::size_t> b) {
  const std::size_t rank = std::max(a.size(), b.size());
  a.insert(a.begin(), rank - a.size(), 1);
  b.insert(b.begin(), rank - b.size(), 1);
  std::vector<std::size_t> shape(rank);
  for (std::size_t d = 0; d != rank; ++d) {
    if (a[d] != b[d] && a[d] != 1 && b[d] != 1)
      return std::nullopt;
    shape[d] = a[d] == 1 ? b[d] : a[d];
  }
  return shape;
}

void expandToMatchRanks(Tensor &a, Tensor &b) {
  const unsigned rank = std::max(a.rank(), b.rank());
  a = withRank(a, rank);
  b = withRank(b, rank);
}

void broadcastToMatch(Tensor &a, const std::vector<std::size_t> &shape) {
  const auto fail = [&](const std::string &why) {
    throw poplibs_error("poputil::broadcastToMatch: a tensor of shape " +
                        a.shapeToString() + " cannot be broadcast to shape " +
                        shapeString(shape) + ": " + why);
  };
  if (a.rank() > shape.size())
    fail("its rank is higher");
  Tensor result = withRank(a, shape.size());
  for (unsigned d = 0; d != shape.size(); ++d) {
    if (result.dim(d) == shape[d])
      continue;
    if (result.dim(d) != 1)
      fail("dimension " + std::to_string(d) + " is " +
           std::to_string(result.dim(d)) + ", neither 1 nor " +
           std::to_string(shape[d]));
    result = result.broadcast(shape[d], d);
  }
  a = result;
}

void broadcastToMatch(Tensor &a, Tensor &b) {
  const auto shape = commonShape(a.shape(), b.shape());
  if (!shape)
    throw poplibs_error("poputil::broadcastToMatch: shapes " +
                        a.shapeToString() + " and " + b.shapeToString() +
                        " cannot be broadcast together; each dimension "
                        "(counted from the innermost) must be equal or 1 in "
                        "one of them");
  broadcastToMatch(a, *shape);
  broadcastToMatch(b, *shape);
}

void broadcastToMatch(Tensor &a, Tensor &b, Tensor &c) {
  auto shape = commonShape(a.shape(), b.shape());
  if (shape)
    shape = commonShape(*shape, c.shape());
  if (!shape)
    throw poplibs_error("poputil::broadcastToMatch: shapes " +
                        a.shapeToString() + ", " + b.shapeToString() + " and " +
                        c.shapeToString() +
                        " cannot be broadcast together; each dimension "
                        "(counted from the innermost) must be equal or 1 in "
                        "all but one size");
  broadcastToMatch(a, *shape);
  broadcastToMatch(b, *shape);
  broadcastToMatch(c, *shape);
}

bool canBroadcastToMatch(const Tensor &a, const Tensor &b) {
  return commonShape(a.shape(), b.shape()).has_value();
}

} // namespace poputil
