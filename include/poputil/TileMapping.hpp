// poputil tile-mapping helpers: spread tensors linearly over a graph's
// tiles, map data by where it is used, clone tensors onto other IPUs and
// query how a tensor is spread.
#ifndef POPUTIL_TILEMAPPING_HPP
#define POPUTIL_TILEMAPPING_HPP

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>

#include <memory>
#include <utility>
#include <vector>

namespace poputil {

/// Spreads [0, product(shape)) over the graph's tiles in whole grains, as
/// evenly as possible and on as few tiles as that allows, with at least
/// minElementsPerTile elements on a used tile. The first share goes to tile
/// `offset` (ascending) or numTiles - 1 - offset (descending), the next to
/// the following tile in that direction, wrapping round.
std::vector<std::vector<poplar::Interval>>
calcLinearTileMapping(const poplar::Graph &graph,
                      std::vector<std::size_t> shape,
                      unsigned minElementsPerTile, unsigned grainSize,
                      unsigned offset = 0, bool ascendingOrder = true);

/// As above with grain = the target's vector width for t's type and at least
/// 128 bytes per tile.
std::vector<std::vector<poplar::Interval>>
calcLinearTileMapping(const poplar::Graph &graph, const poplar::Tensor &t,
                      unsigned offset = 0, bool ascendingOrder = true);

/// The default linear mapping from `offset` and the tile after the last one
/// it uses (wrapping round), where a following tensor could start.
std::pair<poplar::Graph::TileToTensorMapping, unsigned>
calcLinearTileMappingAndNewOffset(const poplar::Graph &graph,
                                  const poplar::Tensor &t, unsigned offset = 0);

void mapTensorLinearly(poplar::Graph &graph, const poplar::Tensor &t,
                       unsigned minElementsPerTile, unsigned grainSize);
void mapTensorLinearly(poplar::Graph &graph, const poplar::Tensor &t);

void mapTensorLinearlyWithOffset(poplar::Graph &graph, const poplar::Tensor &t,
                                 unsigned minElementsPerTile,
                                 unsigned grainSize, unsigned offset,
                                 bool ascendingOrder = true);
void mapTensorLinearlyWithOffset(poplar::Graph &graph, const poplar::Tensor &t,
                                 unsigned offset = 0,
                                 bool ascendingOrder = true);

/// A start tile in [0, numTiles) derived from a hash of `shape` (and
/// `seed`), so that tensors of different shapes start on different tiles.
std::size_t chooseMappingOffset(std::size_t numTiles,
                                const std::vector<std::size_t> &shape);
std::size_t chooseMappingOffset(std::size_t numTiles,
                                const std::vector<std::size_t> &shape,
                                std::size_t seed);

/// Elements on the fullest tile beyond the balanced share
/// max(ceil(total / tiles), minElementsPerTile, grainSize); 0 if none.
unsigned getTileImbalance(const poplar::Graph::TileToTensorMapping &mapping,
                          unsigned minElementsPerTile = 0,
                          unsigned grainSize = 1);
unsigned getTileImbalance(const poplar::Graph &graph, const poplar::Tensor &t,
                          unsigned minElementsPerTile = 0,
                          unsigned grainSize = 1);

class TensorUseTrackerState;

/// Records which tiles use which elements of variables, then maps each
/// element onto the tiles that use it, sharing elements used by several
/// tiles out among them.
class TensorUseTracker {
  std::unique_ptr<TensorUseTrackerState> st;

public:
  /// Tracks uses on tiles [0, numTiles). Shares are handed out starting at
  /// startTile and going up (or down from numTiles - 1 - startTile).
  TensorUseTracker(unsigned numTiles, unsigned startTile = 0,
                   bool ascendingMappingOrder = true);
  TensorUseTracker(const TensorUseTracker &other);
  TensorUseTracker(TensorUseTracker &&other);
  TensorUseTracker &operator=(const TensorUseTracker &other);
  TensorUseTracker &operator=(TensorUseTracker &&other);

  enum class MappingMethod {
    /// A region used by the union of the tiles using its two neighbours is
    /// mapped like its left neighbour.
    OptimizeHaloRegions,
    /// Elements go only to tiles that use them, even if that splits grains.
    ConstrainMappingToUsedTiles,
    None
  };

  ~TensorUseTracker();

  /// Records that `tile` uses the (non-constant) elements of `t`.
  void add(const poplar::Graph &graph, unsigned tile, const poplar::Tensor &t);

  /// Adds the uses recorded by another tracker of the same number of tiles.
  void add(TensorUseTracker other);

  /// Replaces the recorded uses by the tile each element is to be mapped to.
  void resolve(const poplar::Graph &graph, unsigned grainSize,
               unsigned minElementsPerTile, bool extendPartialUsage = false,
               TensorUseTracker::MappingMethod mappingMethod =
                   TensorUseTracker::MappingMethod::None);

  /// resolve(), then sets the tile mapping of every used variable.
  void mapTensorsByUse(poplar::Graph &graph, unsigned grainSize,
                       unsigned minElementsPerTile,
                       bool extendPartialUsage = false,
                       TensorUseTracker::MappingMethod mappingMethod =
                           TensorUseTracker::MappingMethod::None);

  /// True when no use has been recorded.
  bool empty() const;
};

/// A clone of `t` on IPU `dstIPU`: each element goes to the tile with the
/// same index within dstIPU as the tile within its IPU that holds t's.
poplar::Tensor
cloneToIpu(poplar::Graph &graph, const poplar::Tensor &t, unsigned dstIPU,
           const poplar::DebugContext &debugContext = {},
           poplar::TensorCloneMethod method =
               poplar::TensorCloneMethod::PRESERVE_ORDER_UNLESS_ALIASES);

/// A clone of `t` (of srcGraph) mapped on dstGraph's tiles with the same
/// tile numbers as in srcGraph.
poplar::Tensor
cloneToGraph(poplar::Graph &srcGraph, poplar::Graph &dstGraph,
             const poplar::Tensor &t,
             const poplar::DebugContext &debugContext = {},
             poplar::TensorCloneMethod method =
                 poplar::TensorCloneMethod::PRESERVE_ORDER_UNLESS_ALIASES);

/// A clone of `t` with no aliases: positions whose elements `t` aliases get
/// elements of their own, mapped linearly from tile `offset` (the rest keep
/// t's mapping). Also returns the tile after the last one that mapping used
/// (`offset` when t has no aliases).
std::pair<poplar::Tensor, unsigned>
cloneAndExpandAliasing(poplar::Graph &graph, const poplar::Tensor &t,
                       unsigned offset = 0,
                       const poplar::DebugContext &debugContext = {});

/// cloneToIpu and a Copy of t into the clone, added to `prog`.
poplar::Tensor
copyToIpu(poplar::Graph &masterGraph, const poplar::Tensor &t,
          poplar::program::Sequence &prog, unsigned dstIPU,
          const poplar::DebugContext &debugContext = {},
          poplar::TensorCloneMethod method =
              poplar::TensorCloneMethod::PRESERVE_ORDER_UNLESS_ALIASES);

/// cloneToIpu, with copySrc and copyDst set to views a Copy can use (aliased
/// elements taken once); the Copy is left to the caller.
poplar::Tensor
createIpuCopy(poplar::Graph &graph, const poplar::Tensor &t, unsigned dstIpu,
              poplar::Tensor &copySrc, poplar::Tensor &copyDst,
              const poplar::DebugContext &debugContext = {},
              poplar::TensorCloneMethod method =
                  poplar::TensorCloneMethod::PRESERVE_ORDER_AND_ALIASES);

/// Whether the slices of `t` at different indices of `dimension` are mapped
/// differently.
bool dimIsSplitOverTiles(const poplar::Graph &graph, const poplar::Tensor &t,
                         unsigned dimension);

/// Whether some run of `t` along `dimension` (the other indices fixed)
/// spans more than one IPU.
bool dimIsSplitOverIPUs(const poplar::Graph &graph, const poplar::Tensor &t,
                        unsigned dimension);

/// A 1-D variable of fullTensor.dim(dim) elements of `type`, each mapped to
/// a tile that holds elements of fullTensor with that index in `dim`.
poplar::Tensor
createBroadcastOperand(poplar::Graph &graph, const poplar::Tensor &fullTensor,
                       const poplar::Type &type, unsigned dim,
                       bool ditherMapping = false,
                       const poplar::DebugContext &debugContext = {});

/// The position of `tile` in the order a mapping from `offset` in the given
/// direction visits tiles (0 for the first tile it uses).
unsigned transformTileIndex(unsigned tile, unsigned numTiles, unsigned offset,
                            bool ascending);

/// The tile such a mapping uses in position `tile` (transformTileIndex's
/// inverse).
unsigned invTransformTileIndex(unsigned tile, unsigned numTiles,
                               unsigned offset, bool ascending);

} // namespace poputil

#endif
