// The contract between compiled codelets and the Tessel runtime (codelet ABI
// version 3). popc appends generated glue to every codelet source: a table of
// VertexInfo (one per vertex class, with its fields), a RunFunction per
// vertex, and the per-thread ExecState that popc's instrumentation pass
// updates (cycle counts, the cycle budget, checked loads and stores). The
// runtime loads the shared object, reads the table, and runs a vertex by
// handing its RunFunction a RunContext: the tile's memory and the address of
// the vertex's state in it.
//
// Vertex state in tile memory is a sequence of little-endian 32-bit words,
// field by field in declaration order:
//   Scalar               the value, in ceil(elementBytes / 4) words
//   StateVector          [address, count]        (data elsewhere on the tile)
//   Edge                 [address]
//   EdgeVector           [address, count]
//   VectorOfEdges        [table, count]; table: count x [address, 1]
//   VectorOfEdgeVectors  [table, count]; table: count x [address, count]
//   EdgeVectorList       [table, count]; table: count x [address, count]
// Addresses are byte offsets in the vertex's own tile memory.
#ifndef TESSEL_INTERNAL_CODELETABI_HPP
#define TESSEL_INTERNAL_CODELETABI_HPP

#include <cstdint>

namespace tessel::abi {

inline constexpr std::uint32_t kAbiVersion = 3;

enum class VertexBase : std::uint8_t { Vertex, MultiVertex, SupervisorVertex };

enum class FieldKind : std::uint8_t {
  Scalar,
  StateVector,
  Edge,
  EdgeVector,
  VectorOfEdges,
  VectorOfEdgeVectors,
  EdgeVectorList,
};

enum class Direction : std::uint8_t { None, Input, Output, InOut };

struct FieldInfo {
  const char *name;
  FieldKind kind;
  Direction direction;
  /// poplar::VectorLayout (vectors) or poplar::VectorListLayout (lists) as an
  /// integer; 0 for scalars.
  std::uint8_t layout;
  std::uint8_t interleaved;
  /// The element type as poplar::Type::toString() spells it ("float",
  /// "half", "unsigned int", ...).
  const char *elementType;
  std::uint32_t elementBytes;
  std::uint32_t minAlign;
};

/// Words a field takes in vertex state.
constexpr std::uint32_t stateWords(FieldKind kind, std::uint32_t elementBytes) {
  switch (kind) {
  case FieldKind::Scalar:
    return (elementBytes + 3) / 4;
  case FieldKind::Edge:
    return 1;
  default:
    return 2;
  }
}

enum class RunStatus : std::int32_t {
  Ok = 0,
  /// The vertex stored outside its Output/InOut fields, its own stack and
  /// its vertex object; faultAddress and faultBytes say where.
  BadStore = 1,
  /// The vertex ran longer than cycleBudget (counted) cycles.
  BudgetExceeded = 2,
  /// The vertex state names memory outside the tile (a runtime or compiler
  /// bug, never the codelet's fault).
  BadState = 3,
  /// The vertex loaded from outside its tile's memory, its own stack, its
  /// vertex object and its codelet object; faultAddress and faultBytes say
  /// where.
  BadLoad = 4,
};

struct RunContext {
  // In.
  std::uint8_t *tileBase;
  std::uint32_t tileBytes;
  std::uint32_t stateAddress;
  std::uint32_t workerId;
  std::uint64_t cycleBudget;
  // Out.
  std::uint64_t cycles;
  RunStatus status;
  /// compute() returned true (or returns void).
  std::uint8_t result;
  std::uintptr_t faultAddress;
  std::uint64_t faultBytes;
  /// The running vertex's ExecState::cycleBudget, published before
  /// compute() starts: the runtime's watchdog sets it to 0 to stop a vertex
  /// at its next loop header. Written and read with atomic builtins.
  std::uint64_t *budgetWord;
  // In: where the vertex's printf (print.h) output goes, as
  // print(printSink, text, bytes); null print writes to the process's stdout.
  void (*print)(void *printSink, const char *text, std::uint64_t bytes);
  void *printSink;
};

using RunFunction = void (*)(RunContext *);

struct VertexInfo {
  /// The name addVertex uses, templates spelt as templateVertex does:
  /// "popops::ScaledAdd<float,true>".
  const char *name;
  VertexBase base;
  std::uint8_t returnsBool;
  std::uint32_t numFields;
  const FieldInfo *fields;
  RunFunction run;
};

/// Exported (extern "C") by every codelet shared object as
/// `const tessel::abi::VertexInfo *tessel_codelet_table(std::uint32_t
/// *numVertices, std::uint32_t *abiVersion)`.
using TableFunction = const VertexInfo *(*)(std::uint32_t *, std::uint32_t *);
inline constexpr const char *kTableSymbol = "tessel_codelet_table";

/// Per-thread state of the running vertex. popc's instrumentation pass reads
/// and writes these members by offset, so their layout is fixed.
struct ExecState {
  std::uint64_t cycles;      // offset 0: incremented per basic block
  std::uint64_t cycleBudget; // offset 8: loop headers compare cycles to it
  std::uintptr_t okBegin;    // offset 16: the writable range a store last hit
  std::uintptr_t okEnd;      // offset 24
  std::uintptr_t readBegin;  // offset 32: the readable range a load last hit
  std::uintptr_t readEnd;    // offset 40
};
static_assert(sizeof(ExecState) == 48, "ExecState layout is part of the ABI");

} // namespace tessel::abi

#endif
