// The exceptions the SDK throws. All derive from poplar::poplar_error, whose
// `type` member names the most derived class (e.g. "type_error").
#ifndef POPLAR_EXCEPTIONS_HPP
#define POPLAR_EXCEPTIONS_HPP

#include <cstddef>
#include <stdexcept>
#include <string>

namespace poplar {

struct poplar_error : std::runtime_error {
  std::string type;
  explicit poplar_error(const std::string &s)
      : std::runtime_error(s), type("poplar_error") {}
  explicit poplar_error(const char *s) : poplar_error(std::string(s)) {}

protected:
  poplar_error(const std::string &s, const char *typeName)
      : std::runtime_error(s), type(typeName) {}
};

// Each class takes the message as std::string or const char *; the
// protected constructor lets derived classes record their own name in
// `type`.
#define TESSEL_DECLARE_POPLAR_ERROR(name, base)                                \
  struct name : base {                                                         \
    explicit name(const std::string &s) : base(s, #name) {}                    \
    explicit name(const char *s) : name(std::string(s)) {}                     \
                                                                               \
  protected:                                                                   \
    name(const std::string &s, const char *typeName) : base(s, typeName) {}    \
  };

// Graph construction.
TESSEL_DECLARE_POPLAR_ERROR(graph_object_creation_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(graph_connection_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(graph_cycle_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(graph_recursion_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(graph_replication_error, poplar_error)

/// A graph object (e.g. a codelet archive) at `path` could not be loaded.
struct graph_object_load_error : poplar_error {
  explicit graph_object_load_error(const std::string &s)
      : poplar_error(s, "graph_object_load_error") {}
  explicit graph_object_load_error(const char *s)
      : graph_object_load_error(std::string(s)) {}
  graph_object_load_error(const std::string &path, const std::string &error)
      : poplar_error("Failed to load graph object '" + path + "': " + error,
                     "graph_object_load_error"),
        path(path) {}
  std::string path;
};

// Compilation, codelets and symbols.
TESSEL_DECLARE_POPLAR_ERROR(graph_program_compilation_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(file_load_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(parse_error, poplar_error)

/// Linking codelets failed; `output` holds what the linker printed.
struct link_error : poplar_error {
  explicit link_error(const std::string &s, const std::string &output = "")
      : poplar_error(s, "link_error"), output(output) {}
  explicit link_error(const char *s, const char *output = "")
      : link_error(std::string(s), std::string(output ? output : "")) {}
  std::string output;
};

/// A symbol a tile program needs is not defined on `tile`.
struct symbol_error : poplar_error {
  explicit symbol_error(const std::string &s)
      : poplar_error(s, "symbol_error") {}
  explicit symbol_error(const char *s) : symbol_error(std::string(s)) {}
  symbol_error(const std::string &symbol, unsigned tile)
      : poplar_error("Symbol '" + symbol + "' is not defined on tile " +
                         std::to_string(tile),
                     "symbol_error"),
        symbol(symbol), tile(tile) {}
  std::string symbol;
  unsigned tile = 0;
};

// Graph lookups and arguments.
TESSEL_DECLARE_POPLAR_ERROR(no_environment, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(unknown_vertex_type, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(control_program_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(type_error, poplar_error)

/// A vertex type has no field of the given name.
struct unknown_field : poplar_error {
  explicit unknown_field(const std::string &s)
      : poplar_error(s, "unknown_field") {}
  explicit unknown_field(const char *s) : unknown_field(std::string(s)) {}
  unknown_field(const std::string &fieldName, const std::string &vertexName)
      : poplar_error("Unknown field '" + fieldName + "' of vertex type '" +
                         vertexName + "'",
                     "unknown_field") {}
};

/// An index is out of range.
struct index_error : poplar_error {
  explicit index_error(const std::string &s) : poplar_error(s, "index_error") {}
  explicit index_error(const char *s) : index_error(std::string(s)) {}
  index_error(const std::string &vertexDebugStr, std::size_t index)
      : poplar_error("Index " + std::to_string(index) + " out of range in " +
                         vertexDebugStr,
                     "index_error") {}
};

/// A vertex field of unknown size was used before its size was set.
struct no_size_specified : poplar_error {
  explicit no_size_specified(const std::string &s)
      : poplar_error(s, "no_size_specified") {}
  explicit no_size_specified(const char *s)
      : no_size_specified(std::string(s)) {}
  no_size_specified(const std::string &fieldName, const std::string &vertexName)
      : poplar_error("No size specified for field '" + fieldName +
                         "' of vertex '" + vertexName +
                         "'; call Graph::setFieldSize or connect it first",
                     "no_size_specified") {}
};

// Profiling.
TESSEL_DECLARE_POPLAR_ERROR(profiling_disabled, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(missing_profile_data, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(missing_graph_profile, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(missing_perf_estimate, poplar_error)
// Tensors and streams.
TESSEL_DECLARE_POPLAR_ERROR(invalid_tile_mapping, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(tensor_creation_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(tensor_io_state_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(tensor_metadata_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(stream_connection_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(overflow_error, poplar_error)
// Memory.
TESSEL_DECLARE_POPLAR_ERROR(memory_elem_constraints_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(graph_memory_allocation_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(stream_memory_allocation_error, poplar_error)
// Configuration.
TESSEL_DECLARE_POPLAR_ERROR(invalid_machine_model, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(invalid_option, poplar_error)
// Runtime.
TESSEL_DECLARE_POPLAR_ERROR(runtime_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(application_runtime_error, runtime_error)
TESSEL_DECLARE_POPLAR_ERROR(system_runtime_error, runtime_error)
TESSEL_DECLARE_POPLAR_ERROR(unrecoverable_runtime_error, system_runtime_error)
TESSEL_DECLARE_POPLAR_ERROR(unknown_runtime_error, system_runtime_error)

#undef TESSEL_DECLARE_POPLAR_ERROR

/// What the host must do before the device can be used again after a
/// recoverable_runtime_error.
enum class RecoveryAction {
  IPU_RESET,
  LINK_RESET,
  PARTITION_RESET,
  FULL_RESET
};

/// "IPU_RESET", "LINK_RESET", "PARTITION_RESET" or "FULL_RESET".
inline std::string toString(RecoveryAction action) {
  switch (action) {
  case RecoveryAction::IPU_RESET:
    return "IPU_RESET";
  case RecoveryAction::LINK_RESET:
    return "LINK_RESET";
  case RecoveryAction::PARTITION_RESET:
    return "PARTITION_RESET";
  case RecoveryAction::FULL_RESET:
    return "FULL_RESET";
  }
  return "RecoveryAction(" + std::to_string(int(action)) + ")";
}

/// A system error the application can recover from by `getRecoveryAction()`.
/// Without an action, FULL_RESET: the one that always recovers.
struct recoverable_runtime_error : system_runtime_error {
  explicit recoverable_runtime_error(const std::string &s)
      : recoverable_runtime_error(RecoveryAction::FULL_RESET, s) {}
  explicit recoverable_runtime_error(const char *s)
      : recoverable_runtime_error(std::string(s)) {}
  recoverable_runtime_error(RecoveryAction action, const std::string &s)
      : system_runtime_error(s, "recoverable_runtime_error"), action(action) {}
  recoverable_runtime_error(RecoveryAction action, const char *s)
      : recoverable_runtime_error(action, std::string(s)) {}
  RecoveryAction getRecoveryAction() const { return action; }

private:
  RecoveryAction action;
};

} // namespace poplar

#endif
