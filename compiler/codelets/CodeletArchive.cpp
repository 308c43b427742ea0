// The .gp file format (docs/codelets.md): magic "TESSELGP", format version,
// codelet ABI version, payload length; the payload (JSON metadata, then the
// shared objects); a SHA-256 of the payload. Integers are little-endian and
// written byte by byte. Reads are length-checked and grow buffers in steps,
// so a truncated, corrupted or foreign file is a parse_error, never a crash
// or a huge allocation.
#include "compiler/codelets/CodeletArchive.hpp"
#include "compiler/codelets/Sha256.hpp"

#include <poplar/exceptions.hpp>

#include <nlohmann/json.hpp>

#include <cstring>
#include <fstream>
#include <istream>
#include <map>
#include <ostream>

namespace tessel::codelets {

using nlohmann::json;

namespace {

constexpr char kMagic[8] = {'T', 'E', 'S', 'S', 'E', 'L', 'G', 'P'};
/// Buffers grow by at most this much per read, so a corrupt length fails at
/// the end of the stream instead of exhausting memory first.
constexpr std::size_t kReadStep = std::size_t(1) << 20;

const char *const kFieldKindNames[] = {
    "Scalar",        "StateVector",         "Edge",          "EdgeVector",
    "VectorOfEdges", "VectorOfEdgeVectors", "EdgeVectorList"};
const char *const kDirectionNames[] = {"None", "Input", "Output", "InOut"};
const char *const kVertexBaseNames[] = {"Vertex", "MultiVertex",
                                        "SupervisorVertex"};

template <std::size_t N>
std::string enumName(const char *const (&names)[N], std::uint8_t value) {
  return value < N ? names[value] : "?";
}

void appendLittle(std::vector<std::uint8_t> &out, std::uint64_t v,
                  int numBytes) {
  for (int i = 0; i < numBytes; ++i)
    out.push_back(std::uint8_t(v >> (8 * i)));
}

// ---------------------------------------------------------------------------
// Writing.

json fieldToJson(const FieldMeta &f) {
  return {{"name", f.name},
          {"kind", enumName(kFieldKindNames, std::uint8_t(f.kind))},
          {"direction", enumName(kDirectionNames, std::uint8_t(f.direction))},
          {"layout", f.layout},
          {"interleaved", f.interleaved},
          {"elementType", f.elementType},
          {"elementBytes", f.elementBytes},
          {"minAlign", f.minAlign}};
}

json metadataToJson(const CodeletArchive &a) {
  json vertices = json::array();
  for (const VertexMeta &v : a.vertices) {
    json fields = json::array();
    for (const FieldMeta &f : v.fields)
      fields.push_back(fieldToJson(f));
    vertices.push_back(
        {{"name", v.name},
         {"base", enumName(kVertexBaseNames, std::uint8_t(v.base))},
         {"returnsBool", v.returnsBool},
         {"object", v.object},
         {"fields", std::move(fields)}});
  }
  json objects = json::array();
  for (const NativeObject &o : a.objects)
    objects.push_back({{"targets", o.targets},
                       {"contentHash", o.contentHash},
                       {"source", o.source}});
  return {{"vertices", std::move(vertices)}, {"objects", std::move(objects)}};
}

// ---------------------------------------------------------------------------
// Reading.

class ArchiveReader {
public:
  ArchiveReader(std::istream &in, const std::string &where)
      : in(in), where(where) {}

  CodeletArchive read();

private:
  [[noreturn]] void fail(const std::string &what) const {
    throw poplar::parse_error("codelet archive '" + where + "': " + what);
  }
  /// Up to `bytes` bytes from the stream; fewer only at its end.
  std::vector<std::uint8_t> take(std::uint64_t bytes);
  std::uint64_t headerInteger(int numBytes, const char *what);
  void readHeader();
  std::vector<std::uint8_t> readVerifiedPayload();
  void parsePayload(const std::vector<std::uint8_t> &payload,
                    CodeletArchive &a);
  void parseMetadata(const json &meta, std::size_t numBlobs, CodeletArchive &a);
  FieldMeta parseField(const json &j, const std::string &context);

  template <class T>
  T member(const json &j, const char *key, const std::string &context);
  template <class E, std::size_t N>
  E enumMember(const json &j, const char *key, const char *const (&names)[N],
               const std::string &context);

  std::istream &in;
  const std::string &where;
};

std::vector<std::uint8_t> ArchiveReader::take(std::uint64_t bytes) {
  std::vector<std::uint8_t> data;
  while (data.size() < bytes && in) {
    const std::size_t step =
        std::size_t(std::min<std::uint64_t>(bytes - data.size(), kReadStep));
    const std::size_t had = data.size();
    data.resize(had + step);
    in.read(reinterpret_cast<char *>(data.data() + had), std::streamsize(step));
    data.resize(had + std::size_t(in.gcount()));
  }
  return data;
}

std::uint64_t ArchiveReader::headerInteger(int numBytes, const char *what) {
  const std::vector<std::uint8_t> bytes = take(std::uint64_t(numBytes));
  if (bytes.size() != std::size_t(numBytes))
    fail(std::string("truncated: the header ends before its ") + what);
  std::uint64_t v = 0;
  for (int i = 0; i < numBytes; ++i)
    v |= std::uint64_t(bytes[std::size_t(i)]) << (8 * i);
  return v;
}

void ArchiveReader::readHeader() {
  const std::vector<std::uint8_t> magic = take(sizeof(kMagic));
  if (magic.empty())
    fail("not a .gp codelet archive: it is empty");
  if (magic.size() != sizeof(kMagic) ||
      std::memcmp(magic.data(), kMagic, sizeof(kMagic)) != 0)
    fail("not a .gp codelet archive: it does not start with \"TESSELGP\" "
         "(compile codelet sources with popc, or pass them to addCodelets "
         "as .cpp/.c files)");
  const std::uint64_t version = headerInteger(4, "format version");
  if (version != kArchiveFormatVersion)
    fail("written in .gp format version " + std::to_string(version) +
         ", but this Tessel reads version " +
         std::to_string(kArchiveFormatVersion) +
         "; recompile it with this Tessel's popc");
  const std::uint64_t abiVersion = headerInteger(4, "codelet ABI version");
  if (abiVersion != tessel::abi::kAbiVersion)
    fail("built for codelet ABI version " + std::to_string(abiVersion) +
         ", but this Tessel runs version " +
         std::to_string(tessel::abi::kAbiVersion) +
         "; recompile it with this Tessel's popc");
}

std::vector<std::uint8_t> ArchiveReader::readVerifiedPayload() {
  const std::uint64_t payloadBytes = headerInteger(8, "payload length");
  std::vector<std::uint8_t> payload = take(payloadBytes);
  if (payload.size() != payloadBytes)
    fail("truncated: the header promises " + std::to_string(payloadBytes) +
         " payload bytes but only " + std::to_string(payload.size()) +
         " follow");
  const std::vector<std::uint8_t> checksum = take(32);
  if (checksum.size() != 32)
    fail("truncated: the payload checksum is missing (" +
         std::to_string(checksum.size()) + " of its 32 bytes are there)");
  if (in.peek() != std::char_traits<char>::eof())
    fail("corrupted: unexpected bytes after the payload checksum");
  const Sha256::Digest digest = Sha256::of(payload.data(), payload.size());
  if (std::memcmp(digest.data(), checksum.data(), 32) != 0)
    fail("corrupted: the payload checksum does not match its contents");
  return payload;
}

template <class T>
T ArchiveReader::member(const json &j, const char *key,
                        const std::string &context) {
  auto it = j.find(key);
  if (it == j.end())
    fail("corrupted metadata: " + context + " has no '" + key + "'");
  try {
    return it->get<T>();
  } catch (const json::exception &) {
    fail("corrupted metadata: " + context + " has a '" + key +
         "' of the wrong type (" + it->type_name() + ")");
  }
}

template <class E, std::size_t N>
E ArchiveReader::enumMember(const json &j, const char *key,
                            const char *const (&names)[N],
                            const std::string &context) {
  const std::string name = member<std::string>(j, key, context);
  for (std::size_t i = 0; i < N; ++i)
    if (name == names[i])
      return E(i);
  fail("corrupted metadata: " + context + " has an unknown " + key + " '" +
       name + "'");
}

FieldMeta ArchiveReader::parseField(const json &j, const std::string &context) {
  if (!j.is_object())
    fail("corrupted metadata: " + context + " is not an object");
  FieldMeta f;
  f.name = member<std::string>(j, "name", context);
  const std::string named = context + " ('" + f.name + "')";
  f.kind =
      enumMember<tessel::abi::FieldKind>(j, "kind", kFieldKindNames, named);
  f.direction = enumMember<tessel::abi::Direction>(j, "direction",
                                                   kDirectionNames, named);
  f.layout = member<std::uint8_t>(j, "layout", named);
  f.interleaved = member<bool>(j, "interleaved", named);
  f.elementType = member<std::string>(j, "elementType", named);
  f.elementBytes = member<std::uint32_t>(j, "elementBytes", named);
  f.minAlign = member<std::uint32_t>(j, "minAlign", named);
  return f;
}

void ArchiveReader::parseMetadata(const json &meta, std::size_t numBlobs,
                                  CodeletArchive &a) {
  if (!meta.is_object())
    fail("corrupted metadata: it is not a JSON object");
  const json objects = member<json>(meta, "objects", "the archive");
  const json vertices = member<json>(meta, "vertices", "the archive");
  if (!objects.is_array() || !vertices.is_array())
    fail("corrupted metadata: 'objects' and 'vertices' must be arrays");
  if (objects.size() != numBlobs)
    fail("corrupted metadata: it describes " + std::to_string(objects.size()) +
         " objects but the payload holds " + std::to_string(numBlobs));
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const std::string context = "object " + std::to_string(i);
    NativeObject &o = a.objects[i];
    o.targets =
        member<std::vector<std::string>>(objects[i], "targets", context);
    o.contentHash = member<std::string>(objects[i], "contentHash", context);
    o.source = member<std::string>(objects[i], "source", context);
    if (o.contentHash != hashSharedObject(o.sharedObject))
      fail("corrupted: the content hash of " + context + " (from " + o.source +
           ") does not match its bytes");
  }
  for (std::size_t i = 0; i < vertices.size(); ++i) {
    const json &j = vertices[i];
    const std::string context = "vertex " + std::to_string(i);
    VertexMeta v;
    v.name = member<std::string>(j, "name", context);
    const std::string named = context + " ('" + v.name + "')";
    v.base =
        enumMember<tessel::abi::VertexBase>(j, "base", kVertexBaseNames, named);
    v.returnsBool = member<bool>(j, "returnsBool", named);
    v.object = member<std::uint32_t>(j, "object", named);
    if (v.object >= a.objects.size())
      fail("corrupted metadata: " + named + " names object " +
           std::to_string(v.object) + " of " +
           std::to_string(a.objects.size()));
    const json fields = member<json>(j, "fields", named);
    if (!fields.is_array())
      fail("corrupted metadata: the fields of " + named + " are not an array");
    for (std::size_t k = 0; k < fields.size(); ++k)
      v.fields.push_back(
          parseField(fields[k], "field " + std::to_string(k) + " of " + named));
    a.vertices.push_back(std::move(v));
  }
}

void ArchiveReader::parsePayload(const std::vector<std::uint8_t> &payload,
                                 CodeletArchive &a) {
  std::size_t at = 0;
  auto integer = [&](int numBytes, const char *what) {
    if (payload.size() - at < std::size_t(numBytes))
      fail(std::string("corrupted: the payload ends before ") + what);
    std::uint64_t v = 0;
    for (int i = 0; i < numBytes; ++i)
      v |= std::uint64_t(payload[at++]) << (8 * i);
    return v;
  };
  auto span = [&](std::uint64_t bytes, const char *what) {
    if (payload.size() - at < bytes)
      fail(std::string("corrupted: ") + what + " claims " +
           std::to_string(bytes) + " bytes but " +
           std::to_string(payload.size() - at) + " remain");
    const std::size_t begin = at;
    at += std::size_t(bytes);
    return begin;
  };
  const std::uint64_t metaBytes = integer(8, "the metadata length");
  const std::size_t metaBegin = span(metaBytes, "the metadata");
  const std::uint64_t numBlobs = integer(4, "the object count");
  if (numBlobs > payload.size())
    fail("corrupted: it claims " + std::to_string(numBlobs) + " objects");
  a.objects.resize(std::size_t(numBlobs));
  for (NativeObject &o : a.objects) {
    const std::uint64_t bytes = integer(8, "an object's length");
    const std::size_t begin = span(bytes, "an object");
    o.sharedObject.assign(payload.begin() + std::ptrdiff_t(begin),
                          payload.begin() + std::ptrdiff_t(at));
  }
  if (at != payload.size())
    fail("corrupted: " + std::to_string(payload.size() - at) +
         " unexplained bytes at the end of the payload");
  json meta;
  try {
    meta = json::parse(payload.begin() + std::ptrdiff_t(metaBegin),
                       payload.begin() + std::ptrdiff_t(metaBegin + metaBytes));
  } catch (const json::exception &e) {
    fail(std::string("corrupted metadata: not valid JSON (") + e.what() + ")");
  }
  parseMetadata(meta, a.objects.size(), a);
}

CodeletArchive ArchiveReader::read() {
  readHeader();
  const std::vector<std::uint8_t> payload = readVerifiedPayload();
  CodeletArchive a;
  parsePayload(payload, a);
  return a;
}

} // namespace

std::string hashSharedObject(const std::vector<std::uint8_t> &sharedObject) {
  return Sha256::hexOf(sharedObject.data(), sharedObject.size());
}

void writeArchive(const CodeletArchive &a, std::ostream &out) {
  const std::string meta = metadataToJson(a).dump();
  std::vector<std::uint8_t> payload;
  appendLittle(payload, meta.size(), 8);
  payload.insert(payload.end(), meta.begin(), meta.end());
  appendLittle(payload, a.objects.size(), 4);
  for (const NativeObject &o : a.objects) {
    appendLittle(payload, o.sharedObject.size(), 8);
    payload.insert(payload.end(), o.sharedObject.begin(), o.sharedObject.end());
  }
  std::vector<std::uint8_t> header(kMagic, kMagic + sizeof(kMagic));
  appendLittle(header, kArchiveFormatVersion, 4);
  appendLittle(header, tessel::abi::kAbiVersion, 4);
  appendLittle(header, payload.size(), 8);
  const Sha256::Digest checksum = Sha256::of(payload.data(), payload.size());
  out.write(reinterpret_cast<const char *>(header.data()),
            std::streamsize(header.size()));
  out.write(reinterpret_cast<const char *>(payload.data()),
            std::streamsize(payload.size()));
  out.write(reinterpret_cast<const char *>(checksum.data()),
            std::streamsize(checksum.size()));
}

CodeletArchive readArchive(std::istream &in, const std::string &where) {
  return ArchiveReader(in, where).read();
}

CodeletArchive readArchiveFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw poplar::file_load_error("cannot open codelet archive '" + path +
                                  "': " + std::strerror(errno));
  return readArchive(in, path);
}

CodeletArchive linkArchives(const std::vector<CodeletArchive> &parts) {
  CodeletArchive linked;
  std::map<std::string, std::string> sourceOfVertex;
  for (const CodeletArchive &part : parts) {
    const auto objectBase = std::uint32_t(linked.objects.size());
    for (const VertexMeta &v : part.vertices) {
      const std::string &source = part.objects.at(v.object).source;
      auto [it, fresh] = sourceOfVertex.emplace(v.name, source);
      if (!fresh)
        throw poplar::link_error("vertex '" + v.name +
                                 "' is defined twice: in " + it->second +
                                 " and in " + source);
      VertexMeta copy = v;
      copy.object += objectBase;
      linked.vertices.push_back(std::move(copy));
    }
    linked.objects.insert(linked.objects.end(), part.objects.begin(),
                          part.objects.end());
  }
  return linked;
}

const NativeObject &objectForTarget(const CodeletArchive &a,
                                    const VertexMeta &v,
                                    const std::string &target) {
  const NativeObject &object = a.objects.at(v.object);
  for (const std::string &t : object.targets)
    if (t == target)
      return object;
  std::string targets;
  for (const std::string &t : object.targets)
    targets += (targets.empty() ? "" : ",") + t;
  throw poplar::graph_object_load_error(
      "vertex '" + v.name + "' (from " + object.source +
      ") is compiled for targets " + (targets.empty() ? "(none)" : targets) +
      ", not for " + target + "; recompile it with popc --target " + target);
}

} // namespace tessel::codelets
