// The .gp codelet archive: vertex metadata plus the native shared objects
// that implement the vertices (see docs/codelets.md for the file format),
// and compiling codelet sources into one by running popc.
#ifndef TESSEL_COMPILER_CODELETS_CODELETARCHIVE_HPP
#define TESSEL_COMPILER_CODELETS_CODELETARCHIVE_HPP

#include <tessel/internal/CodeletABI.hpp>

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace tessel::codelets {

/// The .gp format version this build writes and reads.
inline constexpr std::uint32_t kArchiveFormatVersion = 1;

struct FieldMeta {
  std::string name;
  tessel::abi::FieldKind kind = tessel::abi::FieldKind::Scalar;
  tessel::abi::Direction direction = tessel::abi::Direction::None;
  std::uint8_t layout = 0; // VectorLayout / VectorListLayout value
  bool interleaved = false;
  std::string elementType; // "float", "half", "unsigned int", ...
  std::uint32_t elementBytes = 0;
  std::uint32_t minAlign = 1;
};

struct VertexMeta {
  std::string name; // "SumVertex", "ns::Tmpl<float,true>"
  tessel::abi::VertexBase base = tessel::abi::VertexBase::Vertex;
  bool returnsBool = true;
  std::vector<FieldMeta> fields; // declaration order = state order
  std::uint32_t object = 0;      // index into CodeletArchive::objects
};

struct NativeObject {
  std::vector<std::string> targets; // e.g. {"cpu","ipu1","ipu2","ipu21"}
  std::vector<std::uint8_t>
      sharedObject;        // ELF .so exporting tessel_codelet_table
  std::string contentHash; // hex hash of sharedObject
  /// The source files it was compiled from ("a.cpp b.c"), for messages.
  std::string source;
};

struct CodeletArchive {
  std::vector<VertexMeta> vertices;
  std::vector<NativeObject> objects;
};

/// The hex SHA-256 of a shared object, as NativeObject::contentHash holds it.
std::string hashSharedObject(const std::vector<std::uint8_t> &sharedObject);

void writeArchive(const CodeletArchive &a, std::ostream &out);
/// poplar::parse_error naming `where` (a path or "<stream>") and what is
/// wrong: not a .gp file, another format or ABI version, truncated, or
/// corrupted (a checksum over the payload does not match).
CodeletArchive readArchive(std::istream &in, const std::string &where);
/// poplar::file_load_error if the file cannot be read.
CodeletArchive readArchiveFile(const std::string &path);
/// Merges archives; the same vertex name twice is poplar::link_error naming
/// the sources of both definitions.
CodeletArchive linkArchives(const std::vector<CodeletArchive> &parts);
/// The native object of `a` serving target name `target` ("ipu2", "cpu",
/// ...) for vertex `v`, or poplar::graph_object_load_error saying which
/// targets the archive has.
const NativeObject &objectForTarget(const CodeletArchive &a,
                                    const VertexMeta &v,
                                    const std::string &target);

/// Compiles C/C++ codelet source (the file `pathOrEmpty`, or `sourceText`
/// when the path is empty; with both, `sourceText` is the file's text) by
/// running popc, cached by content (see docs/codelets.md). Compile errors are
/// poplar::graph_program_compilation_error whose what() holds the compiler's
/// diagnostics, also written to *compileOutput if not null; an empty
/// `targetName` compiles for every target.
CodeletArchive compileCodeletSource(const std::string &pathOrEmpty,
                                    const std::string &sourceText,
                                    const std::string &compileFlags,
                                    const std::string &targetName,
                                    std::ostream *compileOutput);

} // namespace tessel::codelets

#endif
