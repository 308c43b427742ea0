// Writes and reads the `poplar.target` module attribute (see the header for
// its keys and defaults).
#include "compiler/dialects/Poplar/ModuleTarget.hpp"
#include "compiler/dialects/Poplar/TypedErrors.hpp"

#include "compiler/core/TargetParameters.hpp"

#include <poplar/exceptions.hpp>

#include "mlir/IR/Builders.h"

#include <limits>
#include <optional>
#include <sstream>

using namespace mlir;

namespace tessel {

namespace {

constexpr const char *kTargetAttr = "poplar.target";

[[noreturn]] void fail(const std::string &what) {
  throw poplar::graph_program_compilation_error(
      "the module's target is unusable: " + what +
      "; import the graph with tessel::importGraph, or give the module a "
      "poplar.target dictionary {arch, target_type, num_ipus, tiles_per_ipu, "
      "bytes_per_tile}");
}

/// A non-negative integer entry that fits `unsigned`, or `fallback` when
/// the key is absent.
unsigned readCount(DictionaryAttr dict, StringRef key,
                   std::optional<unsigned> fallback) {
  Attribute attr = dict.get(key);
  if (!attr) {
    if (!fallback)
      fail("poplar.target has no '" + key.str() + "' entry");
    return *fallback;
  }
  auto value = dyn_cast<IntegerAttr>(attr);
  if (!value || !value.getType().isIntOrIndex())
    fail("poplar.target '" + key.str() + "' must be an integer");
  int64_t v = value.getInt();
  if (v < 0 || v > int64_t(std::numeric_limits<unsigned>::max()))
    fail("poplar.target '" + key.str() + "' is " + std::to_string(v) +
         ", which is not a count of at most 2^32 - 1");
  return unsigned(v);
}

std::string readString(DictionaryAttr dict, StringRef key,
                       const char *fallback) {
  Attribute attr = dict.get(key);
  if (!attr)
    return fallback;
  auto value = dyn_cast<StringAttr>(attr);
  if (!value)
    fail("poplar.target '" + key.str() + "' must be a string");
  return value.str();
}

poplar::TargetType parseTargetType(const std::string &name) {
  for (poplar::TargetType t :
       {poplar::TargetType::IPU, poplar::TargetType::IPU_MODEL,
        poplar::TargetType::CPU})
    if (poplar::toString(t) == name)
      return t;
  fail("poplar.target 'target_type' is '" + name +
       "'; it must be IPU, IPU_MODEL or CPU");
}

/// Rebuilds a target from the summary keys and the architecture's
/// published parameters.
poplar::Target targetFromKeys(DictionaryAttr dict) {
  poplar::TargetType type =
      parseTargetType(readString(dict, "target_type", "IPU_MODEL"));
  unsigned numIPUs = readCount(dict, "num_ipus", 1u);
  TargetParams params =
      type == poplar::TargetType::CPU
          ? cpuParams(numIPUs, /*accurateHalf=*/false)
          : archParams(readString(dict, "arch", "ipu2"), type);
  setNumIPUs(params, numIPUs);
  params.tilesPerIPU = readCount(dict, "tiles_per_ipu", std::nullopt);
  params.bytesPerTile = readCount(dict, "bytes_per_tile", std::nullopt);
  if (Attribute attr = dict.get("requires_tile_mapping")) {
    auto value = dyn_cast<BoolAttr>(attr);
    if (!value)
      fail("poplar.target 'requires_tile_mapping' must be true or false");
    params.requiresTileMapping = value.getValue();
  }
  return makeTarget(params);
}

/// The exact target the importer recorded; the summary keys, which passes
/// and readers of the IR look at, must agree with it.
poplar::Target targetFromSerialized(DictionaryAttr dict, StringAttr text) {
  std::istringstream in(text.str());
  poplar::Target target(in);
  const TargetParams &p = targetParams(target);
  auto agrees = [&](StringRef key, unsigned actual) {
    if (dict.get(key) && readCount(dict, key, std::nullopt) != actual)
      fail("poplar.target '" + key.str() + "' is " +
           std::to_string(readCount(dict, key, std::nullopt)) +
           " but the serialized target has " + std::to_string(actual) +
           "; edit both or drop 'serialized'");
  };
  agrees("num_ipus", p.numIPUs);
  agrees("tiles_per_ipu", p.tilesPerIPU);
  agrees("bytes_per_tile", p.bytesPerTile);
  return target;
}

/// The compact test form: poplar.num_tiles and poplar.bytes_per_tile.
poplar::Target targetFromFlatAttributes(ModuleOp module) {
  auto tiles = module->getAttrOfType<IntegerAttr>("poplar.num_tiles");
  auto bytes = module->getAttrOfType<IntegerAttr>("poplar.bytes_per_tile");
  if (!tiles || !bytes)
    throw poplar::graph_program_compilation_error(
        "the module needs integer attributes poplar.num_tiles and "
        "poplar.bytes_per_tile or a poplar.target dictionary {arch, "
        "target_type, num_ipus, tiles_per_ipu, bytes_per_tile}; import the "
        "graph with tessel::importGraph or add them");
  Builder b(module.getContext());
  SmallVector<NamedAttribute> keys = {b.getNamedAttr("tiles_per_ipu", tiles),
                                      b.getNamedAttr("bytes_per_tile", bytes)};
  if (Attribute req = module->getAttr("poplar.requires_tile_mapping"))
    keys.push_back(b.getNamedAttr("requires_tile_mapping", req));
  return targetFromKeys(b.getDictionaryAttr(keys));
}

} // namespace

void setModuleTarget(ModuleOp module, const poplar::Target &target) {
  const TargetParams &p = targetParams(target);
  std::ostringstream text;
  target.serialize(text);
  Builder b(module.getContext());
  NamedAttribute keys[] = {
      b.getNamedAttr("arch", b.getStringAttr(p.arch)),
      b.getNamedAttr("target_type", b.getStringAttr(poplar::toString(p.type))),
      b.getNamedAttr("num_ipus", b.getI64IntegerAttr(p.numIPUs)),
      b.getNamedAttr("tiles_per_ipu", b.getI64IntegerAttr(p.tilesPerIPU)),
      b.getNamedAttr("bytes_per_tile", b.getI64IntegerAttr(p.bytesPerTile)),
      b.getNamedAttr("requires_tile_mapping",
                     b.getBoolAttr(p.requiresTileMapping)),
      b.getNamedAttr("serialized", b.getStringAttr(text.str()))};
  module->setAttr(kTargetAttr, b.getDictionaryAttr(keys));
}

poplar::Target targetFromModule(ModuleOp module) {
  Attribute attr = module->getAttr(kTargetAttr);
  if (!attr)
    return targetFromFlatAttributes(module);
  auto dict = dyn_cast<DictionaryAttr>(attr);
  if (!dict)
    fail("poplar.target must be a dictionary");
  if (Attribute text = dict.get("serialized")) {
    auto str = dyn_cast<StringAttr>(text);
    if (!str)
      fail("poplar.target 'serialized' must be a string");
    return targetFromSerialized(dict, str);
  }
  return targetFromKeys(dict);
}

std::optional<int64_t> moduleNumTiles(ModuleOp module) {
  auto intOf = [](Attribute attr) -> std::optional<int64_t> {
    auto value = dyn_cast_or_null<IntegerAttr>(attr);
    if (!value || !value.getType().isIntOrIndex() || value.getInt() < 0 ||
        value.getInt() > int64_t(std::numeric_limits<unsigned>::max()))
      return std::nullopt;
    return value.getInt();
  };
  auto dict = module->getAttrOfType<DictionaryAttr>(kTargetAttr);
  if (!dict)
    return intOf(module->getAttr("poplar.num_tiles"));
  std::optional<int64_t> tiles = intOf(dict.get("tiles_per_ipu"));
  std::optional<int64_t> ipus =
      dict.get("num_ipus") ? intOf(dict.get("num_ipus")) : int64_t(1);
  if (!tiles || !ipus)
    return std::nullopt;
  return *tiles * *ipus;
}

FailureOr<poplar::Target> readModuleTarget(ModuleOp module) {
  try {
    return targetFromModule(module);
  } catch (const poplar::poplar_error &e) {
    // The exception names its own class; the diagnostic carries it on.
    reportError(module, ir::symbolizeErrorKind(e.type).value_or(
                            ir::ErrorKind::graph_program_compilation_error))
        << e.what();
    return failure();
  }
}

} // namespace tessel
