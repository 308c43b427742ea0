// The shared dialect enumerations (generated) and their poplar conversions.
#include "compiler/dialects/DialectEnums.hpp"

#include <poplar/Program.hpp>
#include <poplar/SyncType.hpp>
#include <poplar/exceptions.hpp>
#include <tessel/internal/CodeletABI.hpp>

#include "compiler/dialects/DialectEnums.cpp.inc"

namespace tessel {

static_assert(unsigned(ir::ElementType::Bool) == poplar::BOOL.getId() &&
                  unsigned(ir::ElementType::UnsignedInt) ==
                      poplar::UNSIGNED_INT.getId() &&
                  unsigned(ir::ElementType::Quarter) ==
                      poplar::QUARTER.getId() &&
                  unsigned(ir::ElementType::Double) == poplar::DOUBLE.getId(),
              "element type cases are poplar::Type ids");
static_assert(unsigned(ir::SyncType::Global) ==
                  unsigned(poplar::SyncType::GLOBAL),
              "sync types are numbered as poplar::SyncType");
static_assert(unsigned(ir::CodeletBase::SupervisorVertex) ==
                  unsigned(tessel::abi::VertexBase::SupervisorVertex),
              "codelet bases are numbered as VertexBase");
static_assert(unsigned(ir::FloatFormat::None) ==
                  unsigned(poplar::program::PrintTensorFmt::None),
              "float formats are numbered as PrintTensorFmt::FloatFormat");

ir::ElementType elementTypeOf(const poplar::Type &type) {
  typeInfo(type); // throws type_error for an invalid type
  std::optional<ir::ElementType> result =
      ir::symbolizeElementType(type.getId());
  if (!result)
    throw poplar::type_error("element type '" + type.toString() +
                             "' has no IR name; add it to TesselEnums.td");
  return *result;
}

std::optional<ir::ElementType> elementTypeNamed(llvm::StringRef name) {
  for (unsigned id = 1; id <= ir::getMaxEnumValForElementType(); ++id)
    if (std::optional<ir::ElementType> type = ir::symbolizeElementType(id);
        type && name == typeName(*type))
      return type;
  return std::nullopt;
}

} // namespace tessel
