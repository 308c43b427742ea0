// popops counted loops. countedLoop knows its number of passes when the
// graph is built, so it is a Repeat whose body ends with a counter
// increment. countedForLoop tests the counter against a tensor on the
// device after every pass: a RepeatWhileTrue whose predicate the counter
// vertex writes.
#include <popops/Loop.hpp>

#include "OperationPlacement.hpp"

#include <poputil/exceptions.hpp>

using namespace poplar;
using namespace poplar::program;

namespace popops {

namespace {

void checkCounter(const Tensor &count, const Tensor &countLimit,
                  const std::string &name) {
  const Type type = countLimit.elementType();
  if (type != INT && type != UNSIGNED_INT)
    throw poputil::poplibs_error(
        name + ": the count limit must be of type int or unsigned int, not " +
        type.toString());
  if (count.elementType() != type)
    throw poputil::poplibs_error(name + ": the count (" +
                                 count.elementType().toString() +
                                 ") and the count limit (" + type.toString() +
                                 ") must be of the same type");
  if (count.numElements() != 1 || countLimit.numElements() != 1)
    throw poputil::poplibs_error(
        name +
        ": the count and the count limit must be one element each, "
        "but their shapes are " +
        count.shapeToString() + " and " + countLimit.shapeToString());
}

/// The tile of `t`'s one element, or 0 when it is not mapped.
unsigned tileOf(const Graph &graph, const Tensor &t) {
  bool complete = true;
  const Graph::TileToTensorMapping mapping = graph.getTileMapping(t, &complete);
  for (unsigned tile = 0; tile < mapping.size(); ++tile)
    if (!mapping[tile].empty())
      return tile;
  return 0;
}

/// Adds the counter vertex that steps `count` and writes `notDone`.
void addCounterStep(Graph &graph, const Tensor &count, const Tensor &countLimit,
                    const Tensor &notDone, int countStep, unsigned tile,
                    Sequence &prog, const DebugContext &debugContext,
                    const std::string &name) {
  const std::string vertexType = poputil::templateVertex(
      "popops::ForLoopCounter", countLimit.elementType());
  detail::requireCodelet(graph, vertexType, name);
  ComputeSet cs = graph.addComputeSet({debugContext, "loopCounter"});
  VertexRef v = graph.addVertex(cs, vertexType);
  graph.connect(v["count"], count.reshape({}));
  graph.connect(v["limit"], countLimit.reshape({}));
  graph.connect(v["notDone"], notDone);
  graph.setInitialValue(v["step"], countStep);
  graph.setTileMapping(v, tile);
  prog.add(Execute(cs, {debugContext, "loopCounter"}));
}

/// Copies the host value `value` into the one-element `t`.
template <typename T>
void initialise(Graph &graph, const Tensor &t, T value, unsigned tile,
                Sequence &prog, const DebugContext &debugContext) {
  Tensor constant = graph.addConstant(t.elementType(), t.shape(), value,
                                      {debugContext, "initialCount"});
  graph.setTileMapping(constant, tile);
  prog.add(Copy(constant, t, false, {debugContext, "initialCount"}));
}

} // namespace

Sequence countedLoop(Graph &graph, std::size_t begin, std::size_t end,
                     size_t step, const CountedLoopBodyType &body,
                     const DebugContext &debugContext) {
  const std::string name =
      detail::operationName(debugContext, "popops::countedLoop");
  if (step == 0 || begin > end)
    throw poputil::poplibs_error(
        name + ": a loop from " + std::to_string(begin) + " to " +
        std::to_string(end) + " by " + std::to_string(step) +
        " needs a positive step and a begin no greater than the end");
  if (end > std::size_t(~0u) || step > std::size_t(~0u >> 1))
    throw poputil::poplibs_error(
        name + ": the loop counter is an unsigned int, so the end " +
        std::to_string(end) + " and step " + std::to_string(step) +
        " must fit in 32 and 31 bits");
  const std::string vertexType =
      poputil::templateVertex("popops::LoopCounterIncrement", UNSIGNED_INT);
  detail::requireCodelet(graph, vertexType, name);
  Tensor counter =
      graph.addVariable(UNSIGNED_INT, {1}, {debugContext, "loopCounter"});
  graph.setTileMapping(counter, 0);
  ComputeSet cs = graph.addComputeSet({debugContext, "loopIncrement"});
  VertexRef v = graph.addVertex(cs, vertexType);
  graph.connect(v["count"], counter.reshape({}));
  graph.setInitialValue(v["step"], int(step));
  graph.setTileMapping(v, 0);
  Sequence loop({}, debugContext);
  initialise(graph, counter, unsigned(begin), 0, loop, debugContext);
  const std::size_t passes = (end - begin + step - 1) / step;
  Sequence pass({body(counter), Execute(cs, {debugContext, "loopIncrement"})},
                {debugContext, "pass"});
  loop.add(Repeat(unsigned(passes), pass, {debugContext, "loop"}));
  return loop;
}

Sequence countedLoop(Graph &graph, std::size_t count,
                     const CountedLoopBodyType &body,
                     const DebugContext &debugContext) {
  return countedLoop(graph, 0, count, 1, body, debugContext);
}

Tensor addForLoopCounterVertex(Graph &graph, const Tensor &count,
                               const Tensor &countLimit, int countStep,
                               unsigned tile, Sequence &prog,
                               const DebugContext &di) {
  const std::string name =
      detail::operationName(di, "popops::addForLoopCounterVertex");
  checkCounter(count, countLimit, name);
  Tensor notDone = graph.addVariable(BOOL, {}, {di, "notDone"});
  graph.setTileMapping(notDone, tile);
  addCounterStep(graph, count, countLimit, notDone, countStep, tile, prog, di,
                 name);
  return notDone;
}

Sequence countedForLoop(Graph &graph, const Tensor &count, int initialCount,
                        const Tensor &countLimit, int countStep,
                        const Program &body, const DebugContext &debugContext) {
  const std::string name =
      detail::operationName(debugContext, "popops::countedForLoop");
  checkCounter(count, countLimit, name);
  const unsigned tile = tileOf(graph, count);
  Tensor notDone = graph.addVariable(BOOL, {}, {debugContext, "notDone"});
  graph.setTileMapping(notDone, tile);
  Sequence loop({}, debugContext);
  initialise(graph, count, initialCount, tile, loop, debugContext);
  addCounterStep(graph, count, countLimit, notDone, 0, tile, loop, debugContext,
                 name);
  Sequence pass({body}, {debugContext, "pass"});
  addCounterStep(graph, count, countLimit, notDone, countStep, tile, pass,
                 debugContext, name);
  loop.add(RepeatWhileTrue(Sequence(), notDone, pass, {debugContext, "loop"}));
  return loop;
}

Sequence countedForLoop(Graph &graph, int initialCount,
                        const Tensor &countLimit, int countStep,
                        const Program &body, const DebugContext &debugContext) {
  Tensor count = graph.addVariable(countLimit.elementType(), {},
                                   {debugContext, "loopCounter"});
  graph.setTileMapping(count, tileOf(graph, countLimit));
  return countedForLoop(graph, count, initialCount, countLimit, countStep, body,
                        debugContext);
}

} // namespace popops
