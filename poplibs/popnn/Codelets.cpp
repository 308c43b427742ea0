// popnn::addCodelets: popnn's own vertices (the .gp archive popc built from
// codelets/ when libpopnn was built, linked into the library; see
// cmake/TesselCodelets.cmake) and popops's, which popnn's functions also
// run. Both libraries ignore a second call, so programs may call
// popops::addCodelets and popnn::addCodelets in either order.
#include <popnn/codelets.hpp>

#include <poplar/CodeletFileType.hpp>
#include <popops/codelets.hpp>

#include <sstream>
#include <string>

extern "C" const char tessel_codelets_popnn_begin[];
extern "C" const char tessel_codelets_popnn_end[];

namespace popnn {

void addCodelets(poplar::Graph &graph) {
  popops::addCodelets(graph);
  std::stringstream archive(
      std::string(tessel_codelets_popnn_begin, tessel_codelets_popnn_end));
  graph.addCodelets(archive, "", poplar::CodeletFileType::Object);
}

} // namespace popnn
