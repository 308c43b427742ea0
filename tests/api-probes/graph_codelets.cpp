// API probe: graph_codelets. Compiles against the public headers alone.
#include <poplar/Graph.hpp>
void probe(poplar::Graph &g, std::stringstream &ss, std::ostream &os) {
  bool a = g.addCodelets("x.cpp");
  bool b =
      g.addCodelets("x.cpp", poplar::CodeletFileType::CppSource, "-O2", os);
  bool c = g.addCodelets({std::string("a.cpp"), std::string("b.cpp")}, "-O2");
  g.addCodelets(ss);
  g.addCodelets(ss, "", os);
  (void)a;
  (void)b;
  (void)c;
  (void)g.hasCodelet("V");
}
