// How a vertex field's vector or vector list is described in vertex state.
// In Tessel every layout is held as an address plus a count; the layout
// decides which members the field offers (only SPAN and SHORT_SPAN vectors
// know their size on the IPU, and so in a codelet) and how many state bytes
// the field is charged.
#ifndef POPLAR_VECTORLAYOUT_HPP
#define POPLAR_VECTORLAYOUT_HPP

namespace poplar {

enum class VectorLayout {
  NOT_A_VECTOR,
  SPAN,
  SHORT_SPAN,
  ONE_PTR,
  SCALED_PTR32,
  SCALED_PTR64,
  SCALED_PTR128,
  COMPACT_PTR
};

enum class VectorListLayout {
  ONE_PTR,
  SCALED_PTR32,
  SCALED_PTR64,
  DELTAN,
  DELTANELEMENTS,
  COMPACT_DELTAN
};

} // namespace poplar

#endif
