// Writes the binary seed corpora of the fuzz targets (corpus/executable and
// corpus/codelet_archive) from programs like the e2e tests': a serialized
// Executable of a copy and one of a codelet, and the codelet's .gp archive.
// Each seed starts with the byte that selects the target's checksum-refresh
// mode (0) or raw mode (1). Run: tessel_fuzz_make_seeds <corpus dir>
// <codelet source>; the text corpora are copied from tests/ by
// scripts/fuzz-seeds.sh.
#include "compiler/codelets/CodeletArchive.hpp"

#include <poplar/Engine.hpp>
#include <poplar/Graph.hpp>
#include <poplar/IPUModel.hpp>
#include <poplar/Program.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

using namespace poplar;
using namespace poplar::program;

namespace {

void writeSeed(const std::filesystem::path &path, char mode,
               const std::string &bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.put(mode);
  out << bytes;
}

std::string serialized(const Executable &exe) {
  std::stringstream s;
  exe.serialize(s);
  return s.str();
}

} // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " <corpus dir> <codelet source>\n";
    return 2;
  }
  const std::filesystem::path corpus = argv[1];
  const std::string codelets = argv[2];
  IPUModel model;
  model.numIPUs = 1;
  model.tilesPerIPU = 4;
  Device device = model.createDevice();

  {
    Graph graph(device.getTarget());
    Tensor a = graph.addVariable(FLOAT, {6}, "a");
    Tensor b = graph.addVariable(FLOAT, {6}, "b");
    graph.setTileMapping(a, 0);
    graph.setTileMapping(b, 3);
    graph.createHostWrite("a", a);
    graph.createHostRead("b", b);
    const std::string exe =
        serialized(compileGraph(graph, {Copy(a.reverse(0), b)}));
    writeSeed(corpus / "executable" / "copy", 0, exe);
    writeSeed(corpus / "executable" / "copy-raw", 1, exe);
  }
  {
    Graph graph(device.getTarget());
    graph.addCodelets(codelets);
    Tensor in = graph.addVariable(FLOAT, {8}, "in");
    Tensor out = graph.addVariable(FLOAT, {1}, "out");
    graph.setTileMapping(in, 1);
    graph.setTileMapping(out, 1);
    ComputeSet cs = graph.addComputeSet("sum");
    VertexRef v =
        graph.addVertex(cs, "SumVertex", {{"in", in}, {"out", out[0]}});
    graph.setTileMapping(v, 1);
    const std::string exe = serialized(compileGraph(graph, {Execute(cs)}));
    writeSeed(corpus / "executable" / "codelet", 0, exe);
  }
  {
    std::stringstream source;
    source << std::ifstream(codelets).rdbuf();
    std::stringstream gp;
    tessel::codelets::writeArchive(tessel::codelets::compileCodeletSource(
                                       "", source.str(), "", "", nullptr),
                                   gp);
    const std::string file = gp.str();
    // The payload alone, between the 24-byte header and the SHA-256.
    writeSeed(corpus / "codelet_archive" / "vertices-payload", 0,
              file.substr(24, file.size() - 24 - 32));
    writeSeed(corpus / "codelet_archive" / "vertices-raw", 1, file);
  }
  return 0;
}
