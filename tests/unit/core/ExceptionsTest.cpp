// Exceptions: every class derives from poplar_error and names itself in
// `type`, and the classes with extra constructors build useful messages.
#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <type_traits>

using namespace poplar;

namespace {

/// T is a poplar_error (and std::runtime_error) built from std::string and
/// const char *, whose `type` is `name`.
template <class T> void checkError(const char *name) {
  INFO(name);
  static_assert(std::is_base_of_v<poplar_error, T>);
  static_assert(std::is_base_of_v<std::runtime_error, T>);
  T fromString(std::string("message"));
  T fromChars("message");
  CHECK(fromString.type == name);
  CHECK(fromChars.type == name);
  CHECK(std::string(fromChars.what()) == "message");
  try {
    throw T("thrown");
  } catch (const poplar_error &e) {
    CHECK(e.type == name);
    CHECK(std::string(e.what()) == "thrown");
  }
}

} // namespace

TEST_CASE("Every exception names its class", "[core][exceptions]") {
  checkError<poplar_error>("poplar_error");
  checkError<graph_object_creation_error>("graph_object_creation_error");
  checkError<graph_object_load_error>("graph_object_load_error");
  checkError<graph_connection_error>("graph_connection_error");
  checkError<graph_cycle_error>("graph_cycle_error");
  checkError<graph_recursion_error>("graph_recursion_error");
  checkError<graph_replication_error>("graph_replication_error");
  checkError<graph_program_compilation_error>(
      "graph_program_compilation_error");
  checkError<link_error>("link_error");
  checkError<symbol_error>("symbol_error");
  checkError<file_load_error>("file_load_error");
  checkError<parse_error>("parse_error");
  checkError<no_environment>("no_environment");
  checkError<unknown_vertex_type>("unknown_vertex_type");
  checkError<unknown_field>("unknown_field");
  checkError<control_program_error>("control_program_error");
  checkError<type_error>("type_error");
  checkError<index_error>("index_error");
  checkError<no_size_specified>("no_size_specified");
  checkError<profiling_disabled>("profiling_disabled");
  checkError<missing_profile_data>("missing_profile_data");
  checkError<missing_graph_profile>("missing_graph_profile");
  checkError<missing_perf_estimate>("missing_perf_estimate");
  checkError<invalid_tile_mapping>("invalid_tile_mapping");
  checkError<tensor_creation_error>("tensor_creation_error");
  checkError<tensor_io_state_error>("tensor_io_state_error");
  checkError<tensor_metadata_error>("tensor_metadata_error");
  checkError<stream_connection_error>("stream_connection_error");
  checkError<overflow_error>("overflow_error");
  checkError<memory_elem_constraints_error>("memory_elem_constraints_error");
  checkError<graph_memory_allocation_error>("graph_memory_allocation_error");
  checkError<stream_memory_allocation_error>("stream_memory_allocation_error");
  checkError<invalid_machine_model>("invalid_machine_model");
  checkError<invalid_option>("invalid_option");
  checkError<runtime_error>("runtime_error");
  checkError<application_runtime_error>("application_runtime_error");
  checkError<system_runtime_error>("system_runtime_error");
  checkError<recoverable_runtime_error>("recoverable_runtime_error");
  checkError<unrecoverable_runtime_error>("unrecoverable_runtime_error");
  checkError<unknown_runtime_error>("unknown_runtime_error");
}

TEST_CASE("Runtime errors form Poplar's hierarchy", "[core][exceptions]") {
  static_assert(std::is_base_of_v<runtime_error, application_runtime_error>);
  static_assert(std::is_base_of_v<runtime_error, system_runtime_error>);
  static_assert(
      std::is_base_of_v<system_runtime_error, recoverable_runtime_error>);
  static_assert(
      std::is_base_of_v<system_runtime_error, unrecoverable_runtime_error>);
  static_assert(std::is_base_of_v<system_runtime_error, unknown_runtime_error>);
  try {
    throw recoverable_runtime_error(RecoveryAction::LINK_RESET, "link down");
  } catch (const runtime_error &e) {
    CHECK(e.type == "recoverable_runtime_error");
    CHECK(std::string(e.what()) == "link down");
    auto &r = dynamic_cast<const recoverable_runtime_error &>(e);
    CHECK(r.getRecoveryAction() == RecoveryAction::LINK_RESET);
  }
  CHECK(toString(RecoveryAction::IPU_RESET) == "IPU_RESET");
  CHECK(toString(RecoveryAction::PARTITION_RESET) == "PARTITION_RESET");
  CHECK(toString(RecoveryAction::FULL_RESET) == "FULL_RESET");
  recoverable_runtime_error fromChars(RecoveryAction::IPU_RESET, "x");
  CHECK(fromChars.getRecoveryAction() == RecoveryAction::IPU_RESET);
  CHECK(recoverable_runtime_error("y").getRecoveryAction() ==
        RecoveryAction::FULL_RESET);
}

TEST_CASE("Exceptions with details put them in the message",
          "[core][exceptions]") {
  unknown_field field("weights", "popops::ScaledAdd<float,true>");
  CHECK(std::string(field.what()) == "Unknown field 'weights' of vertex type "
                                     "'popops::ScaledAdd<float,true>'");
  index_error index("vertex 'v'", 12);
  CHECK(std::string(index.what()).find("12") != std::string::npos);
  CHECK(std::string(index.what()).find("vertex 'v'") != std::string::npos);
  no_size_specified size("out", "Sum");
  CHECK(std::string(size.what()).find("'out'") != std::string::npos);
  CHECK(std::string(size.what()).find("setFieldSize") != std::string::npos);
  symbol_error symbol("compute", 42);
  CHECK(symbol.symbol == "compute");
  CHECK(symbol.tile == 42);
  CHECK(std::string(symbol.what()) ==
        "Symbol 'compute' is not defined on tile 42");
  link_error link("link failed", "undefined reference to foo");
  CHECK(link.output == "undefined reference to foo");
  CHECK(link_error("x").output.empty());
  graph_object_load_error load("codelets.gp", "bad magic");
  CHECK(load.path == "codelets.gp");
  CHECK(std::string(load.what()).find("'codelets.gp': bad magic") !=
        std::string::npos);
}
