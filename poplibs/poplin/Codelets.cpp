// poplin::addCodelets: poplin's own vertices (the .gp archive popc built from
// codelets/ when libpoplin was built, linked into the library; see
// cmake/TesselCodelets.cmake) and popops's, which poplin's functions also
// run. Both libraries ignore a second call, so programs may call
// popops::addCodelets and poplin::addCodelets in either order.
#include <poplin/codelets.hpp>

#include <poplar/CodeletFileType.hpp>
#include <popops/codelets.hpp>

#include <sstream>
#include <string>

extern "C" const char tessel_codelets_poplin_begin[];
extern "C" const char tessel_codelets_poplin_end[];

namespace poplin {

void addCodelets(poplar::Graph &graph) {
  popops::addCodelets(graph);
  std::stringstream archive(
      std::string(tessel_codelets_poplin_begin, tessel_codelets_poplin_end));
  graph.addCodelets(archive, "", poplar::CodeletFileType::Object);
}

} // namespace poplin
