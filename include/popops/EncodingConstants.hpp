// Constants shared by popops encodings and losses: the index value that
// marks a label to be ignored.
#ifndef popops_EncodingConstants_hpp
#define popops_EncodingConstants_hpp

/// An index with this value names no element: selectScalarFromRows gives 0
/// for it and updateScalarInRows leaves its row alone.
#define MASKED_LABEL_CODE 0xFFFFFFFFU

#endif // popops_EncodingConstants_hpp
