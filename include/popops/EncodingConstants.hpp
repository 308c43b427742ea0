// Constants shared by popops encodings, row selections and losses, and the
// codelets that use them.
#ifndef POPOPS_ENCODINGCONSTANTS_HPP
#define POPOPS_ENCODINGCONSTANTS_HPP

/// An index with this value names no element: encodeOneHot writes an all-off
/// row for it, selectScalarFromRows gives 0 and updateScalarInRows leaves its
/// row alone.
#define MASKED_LABEL_CODE 0xFFFFFFFFU

/// The smallest normal float and the smallest half subnormal, added before
/// taking natural logarithms so that log(0) stays finite.
#define EPS_LOG_N_FLOAT (1.17549435e-38F)
#define EPS_LOG_N_HALF (0.000000059605F)

#endif
