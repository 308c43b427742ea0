/* Which compact vertex field layouts the codelet's target offers, for
 * codelets that choose a layout with #ifdef, as poplibs' do. Tessel's
 * simulated IPU accepts every VectorLayout and VectorListLayout
 * (docs/codelets.md), so all of them are available. */
#ifndef POPLAR_AVAILABLEVTYPES_H
#define POPLAR_AVAILABLEVTYPES_H

#define VECTOR_AVAIL_SCALED_PTR32 1
#define VECTOR_AVAIL_SCALED_PTR64 1
#define VECTOR_AVAIL_SCALED_PTR128 1
#define VECTOR_AVAIL_SHORT_SPAN 1
#define VECTORLIST_AVAIL_DELTAN 1

#endif
