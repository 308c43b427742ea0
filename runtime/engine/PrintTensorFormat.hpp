// How PrintTensor renders a tensor, following numpy's array printing as
// Poplar does, with Poplar's defaults: more than 1000 elements are
// summarised with 3 edge items and "...", lines stop at 75 columns, floats
// show 8 significant digits (1.5 prints as 1.5000000) and elements are
// padded to line up. Rank 1 prints on one (wrapped) line, higher ranks one
// row a line between `name: [` and `]`, nested and indented by two.
// docs/runtime.md gives every rule.
#ifndef TESSEL_RUNTIME_ENGINE_PRINTTENSORFORMAT_HPP
#define TESSEL_RUNTIME_ENGINE_PRINTTENSORFORMAT_HPP

#include <poplar/Program.hpp>
#include <poplar/Type.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tessel {

/// `title: <values>\n` for the row-major device bytes of a tensor of `type`
/// and `shape`. Throws poplar::type_error for a type tensors cannot have.
std::string formatTensor(const std::string &title, const poplar::Type &type,
                         const std::vector<std::uint64_t> &shape,
                         const std::vector<std::uint8_t> &bytes,
                         const poplar::program::PrintTensorFmt &format);

/// The values alone (no title, no final newline), laid out as if they
/// started at column `column`, which is where wrapped lines of a rank-1
/// tensor line up.
std::string formatTensorValues(const poplar::Type &type,
                               const std::vector<std::uint64_t> &shape,
                               const std::vector<std::uint8_t> &bytes,
                               const poplar::program::PrintTensorFmt &format,
                               std::size_t column);

} // namespace tessel

#endif
