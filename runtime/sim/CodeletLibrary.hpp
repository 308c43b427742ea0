// The codelets an executable runs: its native objects loaded into this
// process and each CodeletDesc resolved to the VertexInfo its object
// exports (tessel/internal/CodeletABI.hpp). Objects are loaded from memory
// (memfd), never from temporary files, and once per process: engines whose
// images hold an object of the same content share it.
#ifndef TESSEL_RUNTIME_SIM_CODELETLIBRARY_HPP
#define TESSEL_RUNTIME_SIM_CODELETLIBRARY_HPP

#include "compiler/codegen/ExecutableImage.hpp"

#include <tessel/internal/CodeletABI.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace tessel::sim {

class CodeletLibrary {
public:
  /// Loads every object of `image` and resolves every codelet. Throws
  /// poplar::graph_object_load_error naming the object's sources (and the
  /// codelet, if one is at fault) when an object does not load, does not
  /// export tessel_codelet_table, has another codelet ABI version, lacks a
  /// codelet, or disagrees with the image about a codelet's base or return
  /// type; each message says to rebuild the codelets with this Tessel's
  /// popc.
  explicit CodeletLibrary(const exe::ExecutableImage &image);

  /// The entry of image.codelets[index] in its object's table.
  const abi::VertexInfo &codelet(std::uint32_t index) const {
    return *codelets[index];
  }

  /// How many objects this process has loaded (dlopen calls that
  /// succeeded), for tests of the cache.
  static std::uint64_t objectsLoaded();

private:
  std::vector<const abi::VertexInfo *> codelets;
};

/// "Vertex", "MultiVertex" or "SupervisorVertex".
std::string vertexBaseName(abi::VertexBase base);

} // namespace tessel::sim

#endif
