// popnn pooling: MAX, AVG and SUM over the field dimensions of a
// [batch][channels][field...] tensor (any number of field dimensions), and
// the input gradients of those poolings.
#ifndef POPNN_POOLING_HPP
#define POPNN_POOLING_HPP

#include <poplar/Graph.hpp>
#include <poplar/OptionFlags.hpp>
#include <poplar/Program.hpp>
#include <popnn/PoolingDef.hpp>

#include <cstdint>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

namespace popnn {
namespace pooling {

/// The geometry of one pooling. Per field dimension: the input size, the
/// kernel size, the stride and the padding before and after the input (a
/// negative value truncates that many input elements instead).
struct PoolParams {
  PoolingType poolingType;
  std::vector<std::size_t> inputFieldShape;
  std::vector<std::size_t> kernelShape;
  std::vector<unsigned> stride;
  std::vector<int> inputTruncationOrPaddingLower;
  std::vector<int> inputTruncationOrPaddingUpper;
  std::size_t numChannels;
  std::size_t batchSize;
  poplar::Type dType;

  PoolParams(PoolingType poolingType, std::vector<std::size_t> inputFieldShape,
             std::vector<std::size_t> kernelShape, std::vector<unsigned> stride,
             std::vector<int> inputTruncationOrPaddingLower,
             std::vector<int> inputTruncationOrPaddingUpper,
             std::size_t numChannels, std::size_t batchSize, poplar::Type dType)
      : poolingType(poolingType), inputFieldShape(std::move(inputFieldShape)),
        kernelShape(std::move(kernelShape)), stride(std::move(stride)),
        inputTruncationOrPaddingLower(std::move(inputTruncationOrPaddingLower)),
        inputTruncationOrPaddingUpper(std::move(inputTruncationOrPaddingUpper)),
        numChannels(numChannels), batchSize(batchSize), dType(dType) {}

  std::size_t getNumFieldDims() const { return inputFieldShape.size(); }
  /// Per field dimension: (padded input - kernel) / stride + 1.
  std::vector<std::size_t> getOutputFieldShape() const;
};

std::ostream &operator<<(std::ostream &o, const PoolParams &params);

/// "MAX", "AVG" or "SUM".
const char *asString(const PoolingType &method);

/// params.getOutputFieldShape(); throws poputil::poplibs_error for
/// inconsistent parameters.
std::vector<std::size_t> getOutputFieldShape(const PoolParams &params);

/// Additions or comparisons of the forward pooling: one per in-bounds
/// kernel element of every output element.
uint64_t getFwdFlops(const PoolParams &params);

/// Additions of the input gradient: one per in-bounds kernel element of
/// every output element, plus one scaling per output element for AVG.
uint64_t getBwdFlops(const PoolParams &params);

/// Cycles of the forward pooling with every tile's vector unit busy.
double getFwdPerfectCycleCount(const poplar::Graph &graph,
                               const PoolParams &params);

/// Cycles of the input gradient with every tile's vector unit busy.
double getBwdPerfectCycleCount(const poplar::Graph &graph,
                               const PoolParams &params);

/// The pooling of `in` ([batchSize][numChannels][inputFieldShape...]),
/// shaped [batchSize][numChannels][getOutputFieldShape()...]. MAX ignores
/// padding; AVG divides each sum by the number of in-bounds (non-padding)
/// input elements of its window; SUM adds the in-bounds elements.
///
/// Options: `poolUseIntrospectiveMapping` (true, false) [=true].
poplar::Tensor pool(poplar::Graph &graph, const PoolParams &params,
                    const poplar::Tensor &in, poplar::program::Sequence &prog,
                    const std::string &debugPrefix = "",
                    const poplar::OptionFlags &options = {});

/// The gradient of the pooling with respect to `in`, given its forward
/// input `in`, output `pooled` and the output gradient `pooledGradient`.
/// For MAX, every input element equal to its window's maximum receives the
/// window's gradient, divided by the number of such elements when
/// `useScaledGradient` is set. AVG and SUM use neither `in` nor `pooled`.
poplar::Tensor poolInputGradient(poplar::Graph &graph, const PoolParams &params,
                                 const poplar::Tensor &in,
                                 const poplar::Tensor &pooled,
                                 const poplar::Tensor &pooledGradient,
                                 bool useScaledGradient,
                                 poplar::program::Sequence &prog,
                                 const std::string &debugPrefix = "",
                                 const poplar::OptionFlags &options = {});

/// The AVG or SUM input gradient, shaped
/// [batchSize][numChannels][inputFieldShape...]; numChannels must be a
/// multiple of fwdChansPerGroup.
poplar::Tensor poolInputGradient(poplar::Graph &graph, const PoolParams &params,
                                 const unsigned fwdChansPerGroup,
                                 const poplar::Tensor &pooledGradient,
                                 poplar::program::Sequence &prog,
                                 const std::string &debugPrefix = "",
                                 const poplar::OptionFlags &options = {});

} // namespace pooling
} // namespace popnn

#endif
