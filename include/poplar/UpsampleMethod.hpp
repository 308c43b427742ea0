// poplar::UpsampleMethod.
#ifndef POPLAR_UPSAMPLEMETHOD_HPP
#define POPLAR_UPSAMPLEMETHOD_HPP

namespace poplar {

enum class UpsampleMethod { REPEAT };

} // namespace poplar

#endif
