// What popnn's batch, group and layer norms share: argument checks whose
// errors name the popnn function the caller used, and the parameter update.
#ifndef TESSEL_POPLIBS_POPNN_NORMCOMMON_HPP
#define TESSEL_POPLIBS_POPNN_NORMCOMMON_HPP

#include <poplar/DebugContext.hpp>
#include <poplar/Graph.hpp>
#include <poplar/OptionFlags.hpp>
#include <poplar/Program.hpp>
#include <poplar/Tensor.hpp>

#include <cstddef>
#include <string>

namespace popnn {

/// `operation`, followed by the debug path when there is one.
std::string normOperationName(const poplar::DebugContext &debugContext,
                              const std::string &operation);

/// A non-empty FLOAT or HALF tensor of rank 2 or more, [N][C][..F..].
void checkNormActs(const poplar::Tensor &acts, const std::string &what,
                   const std::string &name);

/// A FLOAT or HALF vector of shape {size}; `meaning` says what one element
/// stands for.
void checkNormVector(const poplar::Tensor &v, std::size_t size,
                     const std::string &what, const std::string &meaning,
                     const std::string &name);

void checkNormSameShape(const poplar::Tensor &a, const std::string &whatA,
                        const poplar::Tensor &b, const std::string &whatB,
                        const std::string &name);

/// Batch norm takes no options: any is poplar::invalid_option.
/// Both acts and gradsIn are norm activations, of one shape.
void checkNormActsAndGradients(const poplar::Tensor &acts,
                               const std::string &whatActs,
                               const poplar::Tensor &gradsIn,
                               const std::string &name);

void checkNoNormOptions(const poplar::OptionFlags &options,
                        const std::string &name);

/// The value of groupNormStridedChannelGrouping (default true); any other
/// option is poplar::invalid_option.
bool stridedChannelGrouping(const poplar::OptionFlags &options,
                            const std::string &name);

/// gamma += scale · gammaDelta and beta += scale · betaDelta, after checking
/// that all four are {C} and `scale` one FLOAT or HALF element.
void updateNormParams(poplar::Graph &graph, const poplar::Tensor &gammaDelta,
                      const poplar::Tensor &betaDelta, float scale,
                      poplar::Tensor &gamma, poplar::Tensor &beta,
                      poplar::program::Sequence &prog,
                      const poplar::DebugContext &debugContext,
                      const std::string &name);
void updateNormParams(poplar::Graph &graph, const poplar::Tensor &gammaDelta,
                      const poplar::Tensor &betaDelta,
                      const poplar::Tensor &scale, poplar::Tensor &gamma,
                      poplar::Tensor &beta, poplar::program::Sequence &prog,
                      const poplar::DebugContext &debugContext,
                      const std::string &name);

} // namespace popnn

#endif
