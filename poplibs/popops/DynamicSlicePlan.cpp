// popops::SlicePlan, embedding::plan and the slice options. A plan records
// the sizes it was made for; no result depends on it, so every operation
// accepts any plan. Options are checked by name and value even where they
// only steer planning.
#include <popops/DynamicSlice.hpp>

#include "DynamicSliceInternal.hpp"

#include <poplar/exceptions.hpp>
#include <poputil/exceptions.hpp>

#include <algorithm>
#include <cstdlib>

using namespace poplar;

namespace popops {
namespace detail {

namespace {

bool parseBool(const std::string &name, const std::string &value,
               const std::string &operation) {
  if (value == "true")
    return true;
  if (value == "false")
    return false;
  throw invalid_option(operation + ": option " + name + " must be true or " +
                       "false, not '" + value + "'");
}

void requireOneOf(const std::string &name, const std::string &value,
                  const std::vector<std::string> &allowed,
                  const std::string &operation) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end())
    return;
  std::string list;
  for (const std::string &a : allowed)
    list += (list.empty() ? "" : ", ") + a;
  throw invalid_option(operation + ": option " + name + " must be one of " +
                       list + ", not '" + value + "'");
}

} // namespace

SliceOptions parseSliceOptions(const OptionFlags &options,
                               const std::string &operation) {
  SliceOptions result;
  for (const auto &[name, value] : options) {
    if (name == "remapOutOfBoundIndices")
      result.remapOutOfBoundIndices = parseBool(name, value, operation);
    else if (name == "paddingIndexUsed")
      result.paddingIndexUsed = parseBool(name, value, operation);
    else if (name == "validateIndices")
      result.validateIndices = parseBool(name, value, operation);
    else if (name == "indicesAreSorted" ||
             name == "internal.alwaysIncludeBaseRearrangementCost")
      parseBool(name, value, operation);
    else if (name == "usedForSlice")
      result.usedForSlice = parseBool(name, value, operation);
    else if (name == "usedForUpdate")
      result.usedForUpdate = parseBool(name, value, operation);
    else if (name == "operationForUpdate") {
      requireOneOf(name, value, {"none", "add", "max"}, operation);
      result.operationForUpdate = value;
    } else if (name == "indicesDistribution")
      requireOneOf(name, value, {"uniform", "onePoint"}, operation);
    else if (name == "partialType")
      requireOneOf(name, value, {"half", "float"}, operation);
    else if (name == "planMinimisationTarget")
      requireOneOf(name, value, {"memory", "cycles"}, operation);
    else if (name == "availableMemoryProportion") {
      char *end = nullptr;
      const double v = std::strtod(value.c_str(), &end);
      if (value.empty() || *end != '\0' || v < 0 || v > 1)
        throw invalid_option(operation +
                             ": option availableMemoryProportion must be a "
                             "number from 0 to 1, not '" +
                             value + "'");
    } else if (name != "planConstraints")
      throw invalid_option(operation + ": unknown option '" + name + "'");
  }
  return result;
}

} // namespace detail

using namespace detail;

SlicePlan::SlicePlan() : internal(std::make_unique<SlicePlanInternal>()) {}
SlicePlan::~SlicePlan() = default;
SlicePlan::SlicePlan(const SlicePlan &other)
    : internal(other.internal->clone()) {}
SlicePlan::SlicePlan(SlicePlan &&other)
    : internal(std::make_unique<SlicePlanInternal>()) {
  std::swap(internal, other.internal);
}
SlicePlan &SlicePlan::operator=(const SlicePlan &other) {
  internal = other.internal->clone();
  return *this;
}
SlicePlan &SlicePlan::operator=(SlicePlan &&other) {
  std::swap(internal, other.internal);
  return *this;
}
SlicePlan::SlicePlan(std::unique_ptr<SlicePlanInternal> impl)
    : internal(std::move(impl)) {}

bool operator<(const SlicePlan &a, const SlicePlan &b) noexcept {
  return a.internal->key() < b.internal->key();
}
bool operator==(const SlicePlan &a, const SlicePlan &b) noexcept {
  return a.internal->key() == b.internal->key();
}
bool operator!=(const SlicePlan &a, const SlicePlan &b) noexcept {
  return !(a == b);
}

std::ostream &operator<<(std::ostream &o, const SlicePlan &p) {
  const SlicePlanInternal &plan = *p.internal;
  if (plan.isNull)
    return o << "SlicePlan: chosen by each operation\n";
  o << "SlicePlan: " << plan.dataType << " embedding of " << plan.numEntries
    << " entries of " << plan.outputSize << " elements";
  if (plan.groupSize != 1)
    o << " in " << plan.groupSize << " groups";
  return o << ", lookups " << listString(plan.numLookups) << "\n";
}

namespace embedding {

SlicePlan plan(const Graph &graph, const Type &dataType,
               const std::size_t groupSize, const std::size_t numEntries,
               const std::size_t outputSize,
               const std::vector<std::size_t> &numLookups,
               const OptionFlags &options) {
  const SliceOptions parsed =
      parseSliceOptions(options, "popops::embedding::plan");
  if (!parsed.usedForSlice && !parsed.usedForUpdate)
    throw poputil::poplibs_error(
        "popops::embedding::plan: a plan must be used for a slice or an "
        "update; usedForSlice and usedForUpdate are both false");
  (void)graph;
  auto internal = std::make_unique<SlicePlanInternal>();
  internal->isNull = false;
  internal->dataType = dataType.toString();
  internal->groupSize = groupSize;
  internal->numEntries = numEntries;
  internal->outputSize = outputSize;
  internal->numLookups = numLookups;
  internal->usedForSlice = parsed.usedForSlice;
  internal->usedForUpdate = parsed.usedForUpdate;
  internal->operationForUpdate = parsed.operationForUpdate;
  internal->validateIndices = parsed.validateIndices;
  return SlicePlan(std::move(internal));
}

SlicePlan plan(const Graph &graph, const Type &dataType,
               const std::size_t numEntries, const std::size_t outputSize,
               const std::vector<std::size_t> &numLookups,
               const OptionFlags &options) {
  return plan(graph, dataType, 1, numEntries, outputSize, numLookups, options);
}

} // namespace embedding

} // namespace popops
