// The exceptions the SDK throws. All derive from poplar::poplar_error.
#ifndef POPLAR_EXCEPTIONS_HPP
#define POPLAR_EXCEPTIONS_HPP

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
TESSEL_DECLARE_POPLAR_ERROR(graph_object_load_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(graph_connection_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(graph_cycle_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(graph_recursion_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(graph_replication_error, poplar_error)
// Compilation, codelets and symbols.
TESSEL_DECLARE_POPLAR_ERROR(graph_program_compilation_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(link_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(symbol_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(file_load_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(parse_error, poplar_error)
// Graph lookups and arguments.
TESSEL_DECLARE_POPLAR_ERROR(no_environment, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(unknown_vertex_type, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(unknown_field, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(control_program_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(type_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(index_error, poplar_error)
TESSEL_DECLARE_POPLAR_ERROR(no_size_specified, poplar_error)
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
TESSEL_DECLARE_POPLAR_ERROR(recoverable_runtime_error, system_runtime_error)
TESSEL_DECLARE_POPLAR_ERROR(unrecoverable_runtime_error, system_runtime_error)
TESSEL_DECLARE_POPLAR_ERROR(unknown_runtime_error, system_runtime_error)

#undef TESSEL_DECLARE_POPLAR_ERROR

/// What the host should do after a system_runtime_error.
enum class RecoveryAction {
  IPU_RESET,
  LINK_RESET,
  PARTITION_RESET,
  FULL_RESET
};

} // namespace poplar

#endif
