// Generated glue, for one source with vertices SumVertex and ns::T<float>:
//   #include <tessel/internal/CodeletGlue.hpp>
//   namespace tessel::abi::generated_0 {
//   void bind0(::SumVertex &v, Binder &b) { bindField(b, v.in); ... }
//   void run0(RunContext *c) { runVertex<::SumVertex>(c, bind0); }
//   constexpr FieldInfo fields0[] =
//   {describeField<decltype(::SumVertex::in)>("in"), ...}; extern const
//   VertexInfo vertices[] = {{"SumVertex", vertexBase<::SumVertex>(), ...},
//   ...};
//   }
// and in the first source's glue, the object's table and runtime. Everything
// lives in tessel::abi, which the instrumentation pass leaves alone.
#include "tools/popc/GlueGenerator.hpp"

#include <sstream>

namespace tessel::popc {

namespace {

std::string quoted(const std::string &text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string namespaceOf(std::size_t index) {
  return "tessel::abi::generated_" + std::to_string(index);
}

void writeVertex(std::ostream &out, const DiscoveredVertex &v, std::size_t i) {
  const std::string &t = v.cppType;
  out << "void bind" << i << "(" << t << " &v, Binder &b) {";
  for (const std::string &f : v.fields)
    out << " bindField(b, v." << f << ");";
  out << " }\n";
  out << "void run" << i << "(RunContext *c) { runVertex<" << t << ">(c, bind"
      << i << "); }\n";
  if (v.fields.empty())
    return;
  out << "constexpr FieldInfo fields" << i << "[] = {";
  for (std::size_t f = 0; f < v.fields.size(); ++f)
    out << (f ? ", " : "") << "describeField<decltype(" << t
        << "::" << v.fields[f] << ")>(" << quoted(v.fields[f]) << ")";
  out << "};\n";
}

void writeTable(std::ostream &out, const SourceVertices &source) {
  out << "extern const VertexInfo vertices[] = {\n";
  for (std::size_t i = 0; i < source.vertices.size(); ++i) {
    const DiscoveredVertex &v = source.vertices[i];
    out << "    {" << quoted(v.name) << ", vertexBase<" << v.cppType
        << ">(), returnsBool<" << v.cppType << ">(), " << v.fields.size()
        << ", " << (v.fields.empty() ? "nullptr" : "fields" + std::to_string(i))
        << ", run" << i << "},\n";
  }
  out << "};\n";
}

void writeRuntime(std::ostream &out, const std::vector<SourceVertices> &sources,
                  std::size_t index) {
  for (std::size_t s = 0; s < sources.size(); ++s)
    if (s != index && !sources[s].vertices.empty())
      out << "namespace " << namespaceOf(s)
          << " { extern const tessel::abi::VertexInfo vertices["
          << sources[s].vertices.size() << "]; }\n";
  out << "const tessel::abi::VertexInfo tessel_vertices[] = {\n";
  for (std::size_t s = 0; s < sources.size(); ++s)
    for (std::size_t i = 0; i < sources[s].vertices.size(); ++i)
      out << "    " << namespaceOf(s) << "::vertices[" << i << "],\n";
  out << "};\nTESSEL_CODELET_RUNTIME(tessel_vertices)\n";
}

} // namespace

std::string generateGlue(const std::vector<SourceVertices> &sources,
                         std::size_t index, bool definesRuntime) {
  const SourceVertices &source = sources[index];
  std::ostringstream out;
  out << "#line 1 " << quoted("<popc glue for " + source.displayName + ">")
      << "\n// The user's warning flags are about their code, not this.\n"
      << "#pragma clang diagnostic ignored \"-Weverything\"\n"
      << "#include <tessel/internal/CodeletGlue.hpp>\n";
  out << "namespace " << namespaceOf(index) << " {\n";
  for (std::size_t i = 0; i < source.vertices.size(); ++i)
    writeVertex(out, source.vertices[i], i);
  writeTable(out, source);
  out << "} // namespace " << namespaceOf(index) << "\n";
  if (definesRuntime)
    writeRuntime(out, sources, index);
  return out.str();
}

} // namespace tessel::popc
