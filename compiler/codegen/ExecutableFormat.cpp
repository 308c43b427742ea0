// The Executable file format: little-endian binary, magic "TESSELEX", a
// format version, the package hash of the writer, then every table of the
// image in declaration order. Integers are written byte by byte so files are
// the same on every host. Reads are length-checked and never allocate more
// than the stream can back: a truncated, corrupted or foreign stream is a
// parse_error saying what was expected and what was found.
#include "compiler/codegen/ExecutableImage.hpp"

#include <poplar/Graph.hpp>
#include <poplar/exceptions.hpp>

#include <algorithm>
#include <cstring>
#include <istream>
#include <ostream>
#include <sstream>

namespace tessel::exe {

namespace {

constexpr char kMagic[8] = {'T', 'E', 'S', 'S', 'E', 'L', 'E', 'X'};
/// No table or string may claim more entries than this.
constexpr std::uint64_t kMaxCount = 1ull << 32;
/// Tables and strings grow in steps of at most this many entries, so a
/// corrupt length fails at the end of the stream instead of exhausting
/// memory first.
constexpr std::uint64_t kGrowthStep = 1ull << 16;

class Writer {
public:
  explicit Writer(std::ostream &out) : out(out) {}
  void u8(std::uint8_t v) { out.put(char(v)); }
  void u32(std::uint32_t v) { little(v, 4); }
  void u64(std::uint64_t v) { little(v, 8); }
  void i32(std::int32_t v) { u32(std::uint32_t(v)); }
  void flag(bool v) { u8(v ? 1 : 0); }
  void str(const std::string &s) {
    u64(s.size());
    raw(s.data(), s.size());
  }
  void bytes(const std::vector<std::uint8_t> &v) {
    u64(v.size());
    raw(v.data(), v.size());
  }
  template <class T, class Fn> void list(const std::vector<T> &v, Fn fn) {
    u64(v.size());
    for (const T &x : v)
      fn(x);
  }
  void raw(const void *p, std::size_t n) {
    out.write(static_cast<const char *>(p), std::streamsize(n));
  }

private:
  void little(std::uint64_t v, int numBytes) {
    char buffer[8];
    for (int i = 0; i < numBytes; ++i)
      buffer[i] = char((v >> (8 * i)) & 0xff);
    raw(buffer, std::size_t(numBytes));
  }

  std::ostream &out;
};

class Reader {
public:
  explicit Reader(std::istream &in) : in(in) {}
  std::uint8_t u8() { return std::uint8_t(little(1, "a byte")); }
  std::uint32_t u32() { return std::uint32_t(little(4, "a 32-bit integer")); }
  std::uint64_t u64() { return little(8, "a 64-bit integer"); }
  std::int32_t i32() { return std::int32_t(u32()); }
  bool flag(const char *what) {
    std::uint8_t v = u8();
    if (v > 1)
      fail(std::string("expected a boolean (0 or 1) for ") + what + ", found " +
           std::to_string(v));
    return v == 1;
  }
  std::uint64_t count(const char *what) {
    std::uint64_t n = u64();
    if (n > kMaxCount)
      fail(std::string("expected a ") + what +
           " count, found the implausible " + std::to_string(n));
    return n;
  }
  std::string str() {
    std::string s;
    chunked(s, count("string length"), "string data");
    return s;
  }
  std::vector<std::uint8_t> bytes() {
    std::vector<std::uint8_t> v;
    chunked(v, count("byte"), "byte data");
    return v;
  }
  template <class T, class Fn> std::vector<T> list(const char *what, Fn fn) {
    std::uint64_t n = count(what);
    std::vector<T> v;
    v.reserve(std::size_t(std::min(n, kGrowthStep)));
    for (std::uint64_t i = 0; i < n; ++i)
      v.push_back(fn());
    return v;
  }
  void raw(void *p, std::size_t n, const char *what) {
    in.read(static_cast<char *>(p), std::streamsize(n));
    if (std::size_t(in.gcount()) != n)
      fail(std::string("the stream ended while reading ") + what);
  }
  [[noreturn]] void fail(const std::string &why) const {
    throw poplar::parse_error("Executable::deserialize: " + why +
                              "; the file is truncated or corrupted");
  }

private:
  std::uint64_t little(int numBytes, const char *what) {
    unsigned char buffer[8];
    raw(buffer, std::size_t(numBytes), what);
    std::uint64_t v = 0;
    for (int i = numBytes - 1; i >= 0; --i)
      v = (v << 8) | buffer[i];
    return v;
  }
  /// Reads `n` bytes into a byte container, growing it step by step.
  template <class Container>
  void chunked(Container &c, std::uint64_t n, const char *what) {
    while (c.size() < n) {
      std::size_t at = c.size();
      std::size_t step = std::size_t(std::min(n - at, kGrowthStep));
      c.resize(at + step);
      raw(&c[at], step, what);
    }
  }

  std::istream &in;
};

void writePieces(Writer &w, const std::vector<MemoryPiece> &pieces) {
  w.list(pieces, [&](const MemoryPiece &p) {
    w.u32(p.tile);
    w.u32(p.address);
    w.u32(p.numBytes);
  });
}

std::vector<MemoryPiece> readPieces(Reader &r) {
  return r.list<MemoryPiece>("piece", [&] {
    MemoryPiece p;
    p.tile = r.u32();
    p.address = r.u32();
    p.numBytes = r.u32();
    return p;
  });
}

void writeFormat(Writer &w, const poplar::program::PrintTensorFmt &f) {
  w.u32(f.summariseThreshold);
  w.u32(f.edgeItems);
  w.u32(f.maxLineWidth);
  w.u32(f.digits);
  w.u32(std::uint32_t(f.floatFormat));
  w.u8(std::uint8_t(f.separator));
  w.u8(std::uint8_t(f.openBracket));
  w.u8(std::uint8_t(f.closeBracket));
}

poplar::program::PrintTensorFmt readFormat(Reader &r) {
  using FloatFormat = poplar::program::PrintTensorFmt::FloatFormat;
  poplar::program::PrintTensorFmt f;
  f.summariseThreshold = r.u32();
  f.edgeItems = r.u32();
  f.maxLineWidth = r.u32();
  f.digits = r.u32();
  std::uint32_t floatFormat = r.u32();
  if (floatFormat > std::uint32_t(FloatFormat::None))
    r.fail("expected a print float format, found " +
           std::to_string(floatFormat));
  f.floatFormat = FloatFormat(floatFormat);
  f.separator = char(r.u8());
  f.openBracket = char(r.u8());
  f.closeBracket = char(r.u8());
  return f;
}

void writeNode(Writer &w, const ControlNode &n) {
  w.u8(std::uint8_t(n.kind));
  w.list(n.children, [&](std::uint32_t c) { w.u32(c); });
  w.list(n.caseValues, [&](std::int32_t v) { w.i32(v); });
  w.u64(n.count);
  w.u32(n.index);
  w.u32(n.layout);
  w.str(n.text);
}

ControlNode readNode(Reader &r) {
  ControlNode n;
  std::uint8_t kind = r.u8();
  if (kind > std::uint8_t(NodeKind::Execute))
    r.fail("expected a control node kind, found the unknown kind " +
           std::to_string(kind));
  n.kind = NodeKind(kind);
  n.children = r.list<std::uint32_t>("child", [&] { return r.u32(); });
  n.caseValues = r.list<std::int32_t>("case", [&] { return r.i32(); });
  n.count = r.u64();
  n.index = r.u32();
  n.layout = r.u32();
  n.text = r.str();
  return n;
}

void writeHeader(Writer &w, const ExecutableImage &image) {
  w.raw(kMagic, sizeof kMagic);
  w.u32(kFormatVersion);
  w.str(poplar::packageHash());
  std::ostringstream target;
  image.target.serialize(target);
  w.str(target.str());
}

/// Checks magic, version and writer; returns the serialized target.
std::string readHeader(Reader &r, bool checkPackageHash) {
  char magic[8];
  r.raw(magic, sizeof magic, "the file signature");
  if (std::memcmp(magic, kMagic, sizeof magic) != 0)
    throw poplar::parse_error(
        "Executable::deserialize: the stream is not a Tessel executable "
        "(expected it to start with \"TESSELEX\", found \"" +
        std::string(magic, sizeof magic) + "\")");
  std::uint32_t version = r.u32();
  if (version != kFormatVersion)
    throw poplar::parse_error("Executable::deserialize: found executable "
                              "format version " +
                              std::to_string(version) +
                              ", but this Tessel reads version " +
                              std::to_string(kFormatVersion) +
                              "; recompile the graph with this Tessel");
  std::string writerHash = r.str();
  if (checkPackageHash && writerHash != poplar::packageHash())
    throw poplar::parse_error(
        "Executable::deserialize: the executable was written by Tessel "
        "package " +
        writerHash + ", this is " + poplar::packageHash() +
        "; recompile it or pass checkPackageHash=false");
  return r.str();
}

void writeTables(Writer &w, const ExecutableImage &image) {
  w.list(image.initialMemory, [&](const InitialData &d) {
    w.u32(d.tile);
    w.u32(d.address);
    w.bytes(d.bytes);
  });
  w.list(image.layouts, [&](const TensorLayout &l) {
    w.str(l.typeName);
    w.u32(l.elementBytes);
    w.list(l.shape, [&](std::uint64_t d) { w.u64(d); });
    writePieces(w, l.pieces);
    w.str(l.debugName);
  });
  w.list(image.exchanges, [&](const ExchangeStep &s) {
    w.list(s.transfers, [&](const Transfer &t) {
      w.u32(t.srcTile);
      w.u32(t.srcAddress);
      w.u32(t.dstTile);
      w.u32(t.dstAddress);
      w.u32(t.numBytes);
    });
    w.flag(s.sourcesOverlapDestinations);
    w.str(s.debugName);
  });
  w.list(image.streams, [&](const StreamDesc &s) {
    w.str(s.handle);
    w.str(s.typeName);
    w.u32(s.elementBytes);
    w.u64(s.numElements);
    w.flag(s.toDevice);
  });
  w.list(image.hostAccesses, [&](const HostAccessDesc &h) {
    w.str(h.handle);
    w.flag(h.isWrite);
    w.u32(h.layout);
  });
  w.list(image.prints, [&](const PrintDesc &p) {
    w.str(p.title);
    w.u32(p.layout);
    writeFormat(w, p.format);
  });
  w.list(image.nodes, [&](const ControlNode &n) { writeNode(w, n); });
}

void readTables(Reader &r, ExecutableImage &image) {
  image.initialMemory = r.list<InitialData>("memory image", [&] {
    InitialData d;
    d.tile = r.u32();
    d.address = r.u32();
    d.bytes = r.bytes();
    return d;
  });
  image.layouts = r.list<TensorLayout>("layout", [&] {
    TensorLayout l;
    l.typeName = r.str();
    l.elementBytes = r.u32();
    l.shape = r.list<std::uint64_t>("dimension", [&] { return r.u64(); });
    l.pieces = readPieces(r);
    l.debugName = r.str();
    return l;
  });
  image.exchanges = r.list<ExchangeStep>("exchange", [&] {
    ExchangeStep s;
    s.transfers = r.list<Transfer>("transfer", [&] {
      Transfer t;
      t.srcTile = r.u32();
      t.srcAddress = r.u32();
      t.dstTile = r.u32();
      t.dstAddress = r.u32();
      t.numBytes = r.u32();
      return t;
    });
    s.sourcesOverlapDestinations = r.flag("sourcesOverlapDestinations");
    s.debugName = r.str();
    return s;
  });
  image.streams = r.list<StreamDesc>("stream", [&] {
    StreamDesc s;
    s.handle = r.str();
    s.typeName = r.str();
    s.elementBytes = r.u32();
    s.numElements = r.u64();
    s.toDevice = r.flag("a stream's direction");
    return s;
  });
  image.hostAccesses = r.list<HostAccessDesc>("host access", [&] {
    HostAccessDesc h;
    h.handle = r.str();
    h.isWrite = r.flag("a host access's direction");
    h.layout = r.u32();
    return h;
  });
  image.prints = r.list<PrintDesc>("print", [&] {
    PrintDesc p;
    p.title = r.str();
    p.layout = r.u32();
    p.format = readFormat(r);
    return p;
  });
  image.nodes =
      r.list<ControlNode>("control node", [&] { return readNode(r); });
}

void writeCodelets(Writer &w, const ExecutableImage &image) {
  w.list(image.objects, [&](const NativeObject &o) {
    w.bytes(o.sharedObject);
    w.str(o.contentHash);
    w.str(o.source);
  });
  w.list(image.codelets, [&](const CodeletDesc &c) {
    w.str(c.name);
    w.u32(c.object);
    w.u8(c.base);
    w.flag(c.returnsBool);
  });
  w.list(image.computeSets, [&](const ComputeSetDesc &cs) {
    w.str(cs.name);
    w.list(cs.vertices, [&](const VertexDesc &v) {
      w.u32(v.id);
      w.u32(v.tile);
      w.u32(v.codelet);
      w.u32(v.stateAddress);
      w.u64(std::uint64_t(v.fixedCycles));
    });
  });
}

void readCodelets(Reader &r, ExecutableImage &image) {
  image.objects = r.list<NativeObject>("codelet object", [&] {
    NativeObject o;
    o.sharedObject = r.bytes();
    o.contentHash = r.str();
    o.source = r.str();
    return o;
  });
  image.codelets = r.list<CodeletDesc>("codelet", [&] {
    CodeletDesc c;
    c.name = r.str();
    c.object = r.u32();
    c.base = r.u8();
    c.returnsBool = r.flag("a codelet's return type");
    return c;
  });
  image.computeSets = r.list<ComputeSetDesc>("compute set", [&] {
    ComputeSetDesc cs;
    cs.name = r.str();
    cs.vertices = r.list<VertexDesc>("vertex", [&] {
      VertexDesc v;
      v.id = r.u32();
      v.tile = r.u32();
      v.codelet = r.u32();
      v.stateAddress = r.u32();
      v.fixedCycles = std::int64_t(r.u64());
      return v;
    });
    return cs;
  });
}

void writeRootsAndReport(Writer &w, const ExecutableImage &image) {
  w.list(image.programs, [&](std::uint32_t p) { w.u32(p); });
  w.list(image.functions, [&](std::uint32_t f) { w.u32(f); });
  w.list(image.tileBytesUsed, [&](std::uint32_t b) { w.u32(b); });
  w.list(image.placements, [&](const VariablePlacement &p) {
    w.str(p.name);
    w.u32(p.tile);
    w.u32(p.address);
    w.u32(p.numBytes);
    w.u8(std::uint8_t(p.category));
    w.u64(std::uint64_t(p.liveFrom));
    w.u64(std::uint64_t(p.liveTo));
  });
}

void readRootsAndReport(Reader &r, ExecutableImage &image) {
  image.programs = r.list<std::uint32_t>("program", [&] { return r.u32(); });
  image.functions = r.list<std::uint32_t>("function", [&] { return r.u32(); });
  image.tileBytesUsed = r.list<std::uint32_t>("tile", [&] { return r.u32(); });
  image.placements = r.list<VariablePlacement>("placement", [&] {
    VariablePlacement p;
    p.name = r.str();
    p.tile = r.u32();
    p.address = r.u32();
    p.numBytes = r.u32();
    std::uint8_t category = r.u8();
    if (category > std::uint8_t(VariableCategory::VertexState))
      r.fail("unknown variable category " + std::to_string(category));
    p.category = VariableCategory(category);
    p.liveFrom = std::int64_t(r.u64());
    p.liveTo = std::int64_t(r.u64());
    return p;
  });
}

} // namespace

void serialize(const ExecutableImage &image, std::ostream &out) {
  Writer w(out);
  writeHeader(w, image);
  writeTables(w, image);
  writeCodelets(w, image);
  writeRootsAndReport(w, image);
}

ExecutableImage deserialize(std::istream &in, bool checkPackageHash) {
  Reader r(in);
  ExecutableImage image;
  std::istringstream target(readHeader(r, checkPackageHash));
  image.target = poplar::Target(target);
  readTables(r, image);
  readCodelets(r, image);
  readRootsAndReport(r, image);
  validate(image);
  return image;
}

} // namespace tessel::exe
