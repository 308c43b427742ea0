// popc's steps in order: classify inputs, read .gp inputs, discover the
// vertices of every source (all problems reported together), check for
// duplicates, compile and link one object, then write the archive.
#include "tools/popc/PopcDriver.hpp"
#include "tools/popc/CodeletTable.hpp"
#include "tools/popc/GlueGenerator.hpp"
#include "tools/popc/NativeBuild.hpp"
#include "tools/popc/PopcError.hpp"
#include "tools/popc/VertexDiscovery.hpp"

#include "compiler/codelets/CodeletArchive.hpp"
#include "compiler/codelets/CodeletCache.hpp"
#include "compiler/codelets/ScratchDirectory.hpp"

#include <poplar/exceptions.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace tessel::popc {

using codelets::CodeletArchive;
using codelets::NativeObject;

namespace {

enum class InputKind { Cpp, C, Archive };

struct Input {
  std::string path;
  InputKind kind;
};

std::vector<Input> classifyInputs(const std::vector<std::string> &paths) {
  std::vector<Input> inputs;
  std::vector<std::string> problems;
  for (const std::string &path : paths) {
    const std::string ext = fs::path(path).extension().string();
    if (!std::ifstream(path)) {
      problems.push_back("popc: error: cannot read " + path + ": " +
                         std::strerror(errno));
    } else if (ext == ".gp") {
      inputs.push_back({path, InputKind::Archive});
    } else if (ext == ".c") {
      inputs.push_back({path, InputKind::C});
    } else if (ext == ".cpp" || ext == ".cc" || ext == ".cxx" || ext == ".C" ||
               ext == ".c++") {
      inputs.push_back({path, InputKind::Cpp});
    } else if (ext == ".S" || ext == ".s") {
      problems.push_back("popc: error: " + path +
                         ": assembly codelets run only on a real IPU; "
                         "Tessel runs codelets written in C or C++");
    } else {
      problems.push_back("popc: error: " + path +
                         ": unknown kind of input (expected .cpp, .cc, .cxx, "
                         ".c or .gp)");
    }
  }
  if (!problems.empty())
    throw PopcError(problems);
  return inputs;
}

/// Where each vertex comes from, to name both sources of a duplicate.
class VertexOrigins {
public:
  void add(const std::string &vertex, const std::string &origin) {
    auto [it, fresh] = origins.emplace(vertex, origin);
    if (!fresh)
      problems.push_back("popc: error: vertex '" + vertex +
                         "' is defined twice: in " + it->second + " and in " +
                         origin);
  }
  void throwIfAny() const {
    if (!problems.empty())
      throw PopcError(problems);
  }

private:
  std::map<std::string, std::string> origins;
  std::vector<std::string> problems;
};

std::vector<CodeletArchive> readArchives(const std::vector<Input> &inputs,
                                         VertexOrigins &origins) {
  std::vector<CodeletArchive> archives;
  for (const Input &input : inputs) {
    if (input.kind != InputKind::Archive)
      continue;
    try {
      archives.push_back(codelets::readArchiveFile(input.path));
    } catch (const poplar::poplar_error &e) {
      throw PopcError::plain(e.what());
    }
    for (const codelets::VertexMeta &v : archives.back().vertices)
      origins.add(v.name, input.path + " (compiled from " +
                              archives.back().objects.at(v.object).source +
                              ")");
  }
  return archives;
}

/// The vertices of every C/C++ source, in input order (C has none).
std::vector<SourceVertices> discoverAll(const std::vector<Input> &inputs,
                                        const PopcOptions &options,
                                        const Toolchain &toolchain,
                                        VertexOrigins &origins) {
  std::vector<SourceVertices> sources;
  std::vector<std::string> problems;
  for (const Input &input : inputs) {
    if (input.kind == InputKind::Archive)
      continue;
    SourceVertices source{input.path, {}};
    if (input.kind == InputKind::Cpp) {
      try {
        Discovery found = discoverVertices(
            input.path, frontendArguments(options, toolchain, false));
        for (const std::string &warning : found.warnings)
          std::cerr << warning << "\n";
        source.vertices = std::move(found.vertices);
      } catch (const PopcError &e) {
        problems.insert(problems.end(), e.lines.begin(), e.lines.end());
      }
    }
    for (const DiscoveredVertex &v : source.vertices)
      origins.add(v.name, input.path);
    sources.push_back(std::move(source));
  }
  if (!problems.empty())
    throw PopcError(problems);
  return sources;
}

std::string joinSources(const std::vector<SourceVertices> &sources) {
  std::string names;
  for (const SourceVertices &s : sources)
    names += (names.empty() ? "" : " ") + s.displayName;
  return names;
}

std::vector<std::uint8_t> readBytes(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  if (!in && !in.eof())
    throw PopcError::plain("cannot read " + path);
  return bytes;
}

void writeText(const std::string &path, const std::string &text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out.flush())
    throw PopcError::plain("cannot write " + path + ": " +
                           std::strerror(errno));
}

struct CompiledObject {
  CodeletArchive archive;
  std::vector<std::string> dependencies;
};

/// Compiles every source into one shared object and reads its table.
CompiledObject compileSources(const std::vector<SourceVertices> &sources,
                              const std::vector<Input> &inputs,
                              const PopcOptions &options,
                              const Toolchain &toolchain) {
  std::error_code tempError;
  codelets::ScratchDirectory scratch(
      (fs::temp_directory_path(tempError) / "popc.").string());
  if (!scratch.made())
    throw PopcError::plain("cannot make a temporary directory: " +
                           scratch.error);
  std::vector<CompileUnit> units;
  std::vector<std::string> vertexNames;
  bool runtimeDefined = false;
  std::size_t sourceIndex = 0;
  for (const Input &input : inputs) {
    if (input.kind == InputKind::Archive)
      continue;
    const SourceVertices &source = sources[sourceIndex];
    const std::string stem =
        scratch.path + "/unit" + std::to_string(sourceIndex);
    CompileUnit unit;
    unit.source = input.path;
    unit.isC = input.kind == InputKind::C;
    unit.bitcode = stem + ".bc";
    unit.dependencies = stem + ".d";
    unit.scratchDir = scratch.path;
    if (!source.vertices.empty()) {
      unit.glue = stem + "-glue.cpp";
      writeText(unit.glue, generateGlue(sources, sourceIndex, !runtimeDefined));
      runtimeDefined = true;
    }
    for (const DiscoveredVertex &v : source.vertices)
      vertexNames.push_back(v.name);
    units.push_back(unit);
    ++sourceIndex;
  }
  if (vertexNames.empty())
    throw PopcError::plain(
        "no vertex classes in " + joinSources(sources) +
        "; a codelet is a class deriving from poplar::Vertex, "
        "poplar::MultiVertex or poplar::SupervisorVertex (templates need an "
        "explicit instantiation: template class V<float>;)");

  CompiledObject compiled;
  std::vector<std::string> bitcode;
  std::set<std::string> seen;
  for (const CompileUnit &unit : units) {
    compileToBitcode(unit, options, toolchain);
    bitcode.push_back(unit.bitcode);
    std::ifstream depFile(unit.dependencies);
    std::stringstream text;
    text << depFile.rdbuf();
    for (const std::string &file : codelets::parseDependencyFile(text.str()))
      if (!scratch.holds(file) && seen.insert(file).second)
        compiled.dependencies.push_back(file);
  }
  const std::string sharedObject = scratch.path + "/codelets.so";
  buildSharedObject(bitcode, sharedObject, scratch.path, options, toolchain);

  NativeObject object;
  object.targets = options.targets;
  object.sharedObject = readBytes(sharedObject);
  object.contentHash = codelets::hashSharedObject(object.sharedObject);
  object.source = joinSources(sources);
  compiled.archive.vertices = readCodeletTable(sharedObject, vertexNames, 0);
  compiled.archive.objects.push_back(std::move(object));
  return compiled;
}

std::string makeEscaped(const std::string &path) {
  std::string out;
  for (char c : path) {
    if (c == ' ' || c == '#' || c == '\\')
      out += '\\';
    if (c == '$')
      out += '$';
    out += c;
  }
  return out;
}

void writeDependencyFile(const PopcOptions &options,
                         const std::vector<std::string> &dependencies) {
  std::string text = makeEscaped(options.output) + ":";
  for (const std::string &file : dependencies)
    text += " \\\n  " + makeEscaped(file);
  writeText(options.output + ".d", text + "\n");
}

void writeOutput(const CodeletArchive &archive, const std::string &path) {
  const std::string temporary = path + ".tmp" + std::to_string(getpid());
  {
    std::ofstream out(temporary, std::ios::binary);
    codelets::writeArchive(archive, out);
    if (!out.flush()) {
      std::remove(temporary.c_str());
      throw PopcError::plain("cannot write " + path + ": " +
                             std::strerror(errno));
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(temporary.c_str());
    throw PopcError::plain("cannot write " + path + ": " + reason);
  }
}

} // namespace

void runPopc(const PopcOptions &options) {
  const std::vector<Input> inputs = classifyInputs(options.inputs);
  const Toolchain toolchain = locateToolchain();
  VertexOrigins origins;
  std::vector<CodeletArchive> parts = readArchives(inputs, origins);
  const std::vector<SourceVertices> sources =
      discoverAll(inputs, options, toolchain, origins);
  origins.throwIfAny();

  std::vector<std::string> dependencies;
  if (!sources.empty()) {
    CompiledObject compiled =
        compileSources(sources, inputs, options, toolchain);
    parts.insert(parts.begin(), std::move(compiled.archive));
    dependencies = std::move(compiled.dependencies);
  }
  for (const Input &input : inputs)
    if (input.kind == InputKind::Archive)
      dependencies.push_back(input.path);

  CodeletArchive linked;
  try {
    linked = codelets::linkArchives(parts);
  } catch (const poplar::poplar_error &e) {
    throw PopcError::plain(e.what());
  }
  writeOutput(linked, options.output);
  if (options.writeDependencies)
    writeDependencyFile(options, dependencies);
}

} // namespace tessel::popc
