// A matrix-vector product y = A x built from custom vertices: one
// DotProduct vertex per (row, column block) writes a partial sum, then a
// reduction compute set adds each row's partials with one SumVertex per row.
// Shared by the example program, its test and the benchmark.
#ifndef TESSEL_EXAMPLES_MATVEC_MATVEC_HPP
#define TESSEL_EXAMPLES_MATVEC_MATVEC_HPP

#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace matvec {

struct Shape {
  std::size_t rows = 0;
  std::size_t cols = 0;
  /// Columns are split into this many equal blocks (cols % colBlocks == 0).
  std::size_t colBlocks = 1;
};

/// Adds tensors "A", "x", "y" with host write handles "A", "x" and read
/// handle "y", and returns the program computing y = A x. `codelets` is a
/// source or .gp file defining DotProduct and SumVertex (matvec.cpp).
inline poplar::program::Program build(poplar::Graph &graph, const Shape &shape,
                                      const std::string &codelets) {
  using namespace poplar;
  const std::size_t rows = shape.rows, blocks = shape.colBlocks;
  const std::size_t width = shape.cols / blocks;
  const std::size_t numTiles = graph.getTarget().getNumTiles();
  graph.addCodelets(codelets);
  Tensor a = graph.addVariable(FLOAT, {rows, shape.cols}, "A");
  Tensor x = graph.addVariable(FLOAT, {shape.cols}, "x");
  Tensor partials = graph.addVariable(FLOAT, {rows, blocks}, "partials");
  Tensor y = graph.addVariable(FLOAT, {rows}, "y");

  // Vertex k = (row, block) goes to tile k * numTiles / vertices, with its
  // slice of A and its partial; row r's sum lives with its first block.
  const std::size_t vertices = rows * blocks;
  auto tileOf = [&](std::size_t k) { return k * numTiles / vertices; };
  ComputeSet dots = graph.addComputeSet("dots");
  ComputeSet reduce = graph.addComputeSet("reduce");
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t b = 0; b < blocks; ++b) {
      const std::size_t tile = tileOf(r * blocks + b);
      Tensor row = a[r].slice(b * width, (b + 1) * width);
      graph.setTileMapping(row, tile);
      graph.setTileMapping(partials[r][b], tile);
      graph.addVertex(dots, "DotProduct",
                      {{"row", row},
                       {"vec", x.slice(b * width, (b + 1) * width)},
                       {"out", partials[r][b]}},
                      tile);
    }
    const std::size_t tile = tileOf(r * blocks);
    graph.setTileMapping(y[r], tile);
    graph.addVertex(reduce, "SumVertex", {{"in", partials[r]}, {"out", y[r]}},
                    tile);
  }
  // x lives spread over the tiles; the compiler copies each block to the
  // tiles that need it before `dots` runs.
  for (std::size_t b = 0; b < blocks; ++b)
    graph.setTileMapping(x.slice(b * width, (b + 1) * width),
                         b * numTiles / blocks);
  graph.createHostWrite("A", a);
  graph.createHostWrite("x", x);
  graph.createHostRead("y", y);
  return program::Sequence{program::Execute(dots), program::Execute(reduce)};
}

/// The same arithmetic, in the same order, as a plain loop.
inline std::vector<float> reference(const Shape &shape,
                                    const std::vector<float> &a,
                                    const std::vector<float> &x) {
  const std::size_t width = shape.cols / shape.colBlocks;
  std::vector<float> y(shape.rows);
  for (std::size_t r = 0; r < shape.rows; ++r) {
    float total = 0.0f;
    for (std::size_t b = 0; b < shape.colBlocks; ++b) {
      float partial = 0.0f;
      for (std::size_t j = b * width; j < (b + 1) * width; ++j)
        partial += a[r * shape.cols + j] * x[j];
      total += partial;
    }
    y[r] = total;
  }
  return y;
}

/// Deterministic inputs with many distinct roundings.
inline std::vector<float> inputs(std::size_t n, unsigned seed) {
  std::vector<float> v(n);
  std::uint32_t s = seed * 2654435761u + 1;
  for (float &f : v) {
    s = s * 1664525u + 1013904223u;
    f = float(s >> 8) / float(1u << 24) * 2.0f - 1.0f;
  }
  return v;
}

} // namespace matvec

#endif
