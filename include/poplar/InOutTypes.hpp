// Input, Output and InOut field types (defined with the rest of the codelet
// API in Vertex.hpp).
#ifndef POPLAR_INOUTTYPES_HPP
#define POPLAR_INOUTTYPES_HPP
#include <poplar/Vertex.hpp>
#endif
