// popops::scaledAddTo / scaledSubtractFrom: one ScaledAdd vertex per
// memory-contiguous run of A on each tile, so A is updated where it lives;
// B is converted to A's type first if it differs, and is staged to A's
// tiles when it lives elsewhere.
#include <popops/ScaledAdd.hpp>

#include "CastTypes.hpp"
#include "OperationPlacement.hpp"

#include <poplar/exceptions.hpp>
#include <popops/Cast.hpp>
#include <poputil/VertexTemplates.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

using namespace poplar;
using namespace poplar::program;

namespace popops {

namespace {

bool isFloating(const Type &type) { return type == FLOAT || type == HALF; }

void checkOptions(const OptionFlags &options, const std::string &name) {
  for (const auto &[key, value] : options) {
    if (key == "optimizeForSpeed") {
      if (value != "true" && value != "false")
        throw invalid_option(name +
                             ": option optimizeForSpeed must be true "
                             "or false, not '" +
                             value + "'");
    } else if (key == "scaleFloatToHalfTolerance") {
      char *end = nullptr;
      std::strtod(value.c_str(), &end);
      if (value.empty() || *end != '\0')
        throw invalid_option(name +
                             ": option scaleFloatToHalfTolerance "
                             "must be a number, not '" +
                             value + "'");
    } else {
      throw invalid_option(name + ": unknown option '" + key +
                           "'; scaledAdd accepts optimizeForSpeed and "
                           "scaleFloatToHalfTolerance");
    }
  }
}

void checkScale(const Tensor &scale, const Type &dataType, const char *what,
                const std::string &name) {
  if (scale.numElements() != 1)
    throw poputil::poplibs_error(name + ": " + what +
                                 " must have one element, but its shape is " +
                                 scale.shapeToString());
  const Type &type = scale.elementType();
  if (type != dataType && !(isFloating(type) && isFloating(dataType)))
    throw poputil::poplibs_error(
        name + ": " + what + " of type " + type.toString() + " cannot scale " +
        dataType.toString() + " data; use " +
        (isFloating(dataType) ? std::string("float or half")
                              : dataType.toString()));
}

/// A constant scale: FLOAT for floating data (half data is computed in
/// float), else the data's own type (truncated toward zero).
Tensor constantScale(Graph &graph, const Type &dataType, float value,
                     const DebugContext &debugContext) {
  const double whole = std::isnan(value) ? 0.0 : std::trunc(double(value));
  Tensor c =
      isFloating(dataType)
          ? graph.addConstant(FLOAT, {}, value, {debugContext, "scale"})
      : dataType == INT
          ? graph.addConstant(
                INT, {}, int(std::clamp(whole, -2147483648.0, 2147483647.0)),
                {debugContext, "scale"})
          : graph.addConstant(UNSIGNED_INT, {},
                              unsigned(std::clamp(whole, 0.0, 4294967295.0)),
                              {debugContext, "scale"});
  graph.setTileMapping(c, 0);
  return c;
}

struct ScaledAddForm {
  bool subtract;
  bool xMinusAX;
};

void scaledAddImpl(Graph &graph, Tensor A, std::optional<Tensor> scaleA,
                   Tensor B, Tensor scaleB, ScaledAddForm form, Sequence &prog,
                   const DebugContext &debugContext, const OptionFlags &options,
                   const std::string &name) {
  checkOptions(options, name);
  const Type dataType = A.elementType();
  if (dataType != FLOAT && dataType != HALF && dataType != INT &&
      dataType != UNSIGNED_INT)
    throw poputil::poplibs_error(name + ": A of type " + dataType.toString() +
                                 " is not supported; use float, half, int or "
                                 "unsigned int");
  if (A.shape() != B.shape())
    throw poputil::poplibs_error(name + ": A's shape " + A.shapeToString() +
                                 " differs from B's " + B.shapeToString() +
                                 "; they must be equal");
  if (!A.isParallelWriteable())
    throw poputil::poplibs_error(name + ": A of shape " + A.shapeToString() +
                                 " has aliased or constant elements and "
                                 "cannot be updated in place");
  if (!detail::isCastable(B.elementType()))
    throw poputil::poplibs_error(
        name + ": B of type " + B.elementType().toString() +
        " cannot be converted to " + dataType.toString());
  checkScale(scaleB, dataType, "scaleB", name);
  if (!scaleA) {
    scaleA = graph.addConstant(scaleB.elementType(), {}, 1,
                               {debugContext, "scaleA"});
    graph.setTileMapping(*scaleA, 0);
  }
  checkScale(*scaleA, dataType, "scaleA", name);
  if (scaleA->elementType() != scaleB.elementType())
    *scaleA = cast(graph, *scaleA, scaleB.elementType(), prog,
                   {debugContext, "scaleA"});
  if (B.elementType() != dataType)
    B = cast(graph, B, dataType, prog, {debugContext, "castB"});
  const std::string vertexType = poputil::templateVertex(
      "popops::ScaledAdd", dataType, scaleB.elementType(), form.subtract,
      form.xMinusAX);
  detail::requireCodelet(graph, vertexType, name);
  ComputeSet cs = graph.addComputeSet({debugContext, "scaledAdd"});
  const Tensor aFlat = A.flatten(), bFlat = B.flatten();
  const Tensor sa = scaleA->flatten()[0], sb = scaleB.flatten()[0];
  for (const detail::TileRegions &onTile : detail::regionsByTile(graph, aFlat))
    for (const detail::Region &region : onTile.regions) {
      VertexRef v = graph.addVertex(cs, vertexType);
      graph.connect(v["A"], detail::regionOf(aFlat, region));
      graph.connect(v["B"], detail::regionOf(bFlat, region));
      graph.connect(v["scaleA"], sa);
      graph.connect(v["scaleB"], sb);
      detail::placeVertex(graph, v, onTile.tile);
    }
  prog.add(Execute(cs, {debugContext, "scaledAdd"}));
}

const std::string addName = "popops::scaledAddTo";
const std::string subtractName = "popops::scaledSubtractFrom";

} // namespace

void scaledAddTo(Graph &graph, Tensor A, Tensor B, float scaleB, Sequence &prog,
                 const DebugContext &debugContext, const OptionFlags &options) {
  const std::string name = detail::operationName(debugContext, addName);
  scaledAddImpl(graph, A, std::nullopt, B,
                constantScale(graph, A.elementType(), scaleB, debugContext),
                {false, false}, prog, debugContext, options, name);
}

void scaledAddTo(Graph &graph, Tensor A, Tensor B, Tensor scaleB,
                 Sequence &prog, const DebugContext &debugContext,
                 const OptionFlags &options) {
  const std::string name = detail::operationName(debugContext, addName);
  scaledAddImpl(graph, A, std::nullopt, B, scaleB, {false, false}, prog,
                debugContext, options, name);
}

void scaledSubtractFrom(Graph &graph, Tensor A, Tensor B, float scaleB,
                        Sequence &prog, const DebugContext &debugContext,
                        const OptionFlags &options) {
  const std::string name = detail::operationName(debugContext, subtractName);
  scaledAddImpl(graph, A, std::nullopt, B,
                constantScale(graph, A.elementType(), scaleB, debugContext),
                {true, false}, prog, debugContext, options, name);
}

void scaledSubtractFrom(Graph &graph, Tensor A, Tensor B, Tensor scaleB,
                        Sequence &prog, const DebugContext &debugContext,
                        const OptionFlags &options) {
  const std::string name = detail::operationName(debugContext, subtractName);
  scaledAddImpl(graph, A, std::nullopt, B, scaleB, {true, false}, prog,
                debugContext, options, name);
}

void scaledAddTo(Graph &graph, Tensor A, Tensor scaleA, Tensor B, Tensor scaleB,
                 Sequence &prog, const ScaledAddSpecialisation speciality,
                 const DebugContext &debugContext, const OptionFlags &options) {
  const std::string name = detail::operationName(debugContext, addName);
  const bool xMinusAX =
      speciality == ScaledAddSpecialisation::X_MINUS_AX_PLUS_BY;
  scaledAddImpl(graph, A, scaleA, B, scaleB, {false, xMinusAX}, prog,
                debugContext, options, name);
}

void scaledAddTo(Graph &graph, Tensor A, Tensor scaleA, Tensor B, Tensor scaleB,
                 Sequence &prog, const DebugContext &debugContext,
                 const OptionFlags &options) {
  scaledAddTo(graph, A, scaleA, B, scaleB, prog,
              ScaledAddSpecialisation::DEFAULT, debugContext, options);
}

void scaledAddTo(Graph &graph, Tensor A, float scaleA, Tensor B, float scaleB,
                 Sequence &prog, const ScaledAddSpecialisation speciality,
                 const DebugContext &debugContext, const OptionFlags &options) {
  const Type &type = A.elementType();
  scaledAddTo(graph, A, constantScale(graph, type, scaleA, debugContext), B,
              constantScale(graph, type, scaleB, debugContext), prog,
              speciality, debugContext, options);
}

void scaledAddTo(Graph &graph, Tensor A, float scaleA, Tensor B, float scaleB,
                 Sequence &prog, const DebugContext &debugContext,
                 const OptionFlags &options) {
  scaledAddTo(graph, A, scaleA, B, scaleB, prog,
              ScaledAddSpecialisation::DEFAULT, debugContext, options);
}

void scaledSubtractFrom(Graph &graph, Tensor A, Tensor scaleA, Tensor B,
                        Tensor scaleB, Sequence &prog,
                        const DebugContext &debugContext,
                        const OptionFlags &options) {
  const std::string name = detail::operationName(debugContext, subtractName);
  scaledAddImpl(graph, A, scaleA, B, scaleB, {true, false}, prog, debugContext,
                options, name);
}

void scaledSubtractFrom(Graph &graph, Tensor A, float scaleA, Tensor B,
                        float scaleB, Sequence &prog,
                        const DebugContext &debugContext,
                        const OptionFlags &options) {
  const Type &type = A.elementType();
  scaledSubtractFrom(graph, A, constantScale(graph, type, scaleA, debugContext),
                     B, constantScale(graph, type, scaleB, debugContext), prog,
                     debugContext, options);
}

} // namespace popops
