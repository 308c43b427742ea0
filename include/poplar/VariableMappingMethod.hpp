// poplar::VariableMappingMethod.
#ifndef POPLAR_VARIABLEMAPPINGMETHOD_HPP
#define POPLAR_VARIABLEMAPPINGMETHOD_HPP

namespace poplar {

enum class VariableMappingMethod { NONE, LINEAR };

} // namespace poplar

#endif
