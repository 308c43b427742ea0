// popops::addCodelets: the .gp archive popc built from codelets/ when
// libpopops was built is linked into the library (see
// cmake/TesselCodelets.cmake), so no file has to be found at run time.
#include <popops/codelets.hpp>

#include <poplar/CodeletFileType.hpp>

#include <sstream>
#include <string>

extern "C" const char tessel_codelets_popops_begin[];
extern "C" const char tessel_codelets_popops_end[];

namespace popops {

void addCodelets(poplar::Graph &graph) {
  // Graph ignores vertices it already has from an identical object, so a
  // second call adds nothing.
  std::stringstream archive(
      std::string(tessel_codelets_popops_begin, tessel_codelets_popops_end));
  graph.addCodelets(archive, "", poplar::CodeletFileType::Object);
}

} // namespace popops
