// How PrintTensor renders a tensor: numpy-style, with Poplar's defaults
// (summarise above 1000 elements with 3 edge items, 75-column lines, 8
// significant digits so 1.5 prints as 1.5000000). Rank-1 tensors print on
// one line (wrapped), higher ranks one row a line, nested and indented.
#ifndef TESSEL_RUNTIME_ENGINE_PRINTTENSORFORMAT_HPP
#define TESSEL_RUNTIME_ENGINE_PRINTTENSORFORMAT_HPP

#include <poplar/Program.hpp>
#include <poplar/Type.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace tessel {

/// `title: <rendering>\n` for the row-major device bytes of a tensor.
std::string formatTensor(const std::string &title, const poplar::Type &type,
                         const std::vector<std::uint64_t> &shape,
                         const std::vector<std::uint8_t> &bytes,
                         const poplar::program::PrintTensorFmt &format);

} // namespace tessel

#endif
