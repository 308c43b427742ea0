// The Executable file format: little-endian binary, magic "TESSELEX", a
// format version, the package hash of the writer, then every table of the
// image in declaration order. Reads are length-checked: a truncated,
// corrupted or foreign stream is a parse_error saying what was expected.
#include "compiler/codegen/ExecutableImage.hpp"

#include <poplar/Graph.hpp>
#include <poplar/exceptions.hpp>

#include <cstring>
#include <istream>
#include <ostream>
#include <sstream>

namespace tessel::exe {

namespace {

constexpr char kMagic[8] = {'T', 'E', 'S', 'S', 'E', 'L', 'E', 'X'};
/// No single table may claim more entries than this; guards allocations
/// against corrupt lengths.
constexpr std::uint64_t kMaxCount = 1ull << 32;

class Writer {
public:
  explicit Writer(std::ostream &out) : out(out) {}
  void u8(std::uint8_t v) { out.put(char(v)); }
  void u32(std::uint32_t v) { raw(&v, 4); }
  void u64(std::uint64_t v) { raw(&v, 8); }
  void i32(std::int32_t v) { raw(&v, 4); }
  void str(const std::string &s) {
    u64(s.size());
    raw(s.data(), s.size());
  }
  template <class T, class Fn> void list(const std::vector<T> &v, Fn fn) {
    u64(v.size());
    for (const T &x : v)
      fn(x);
  }
  void bytes(const std::vector<std::uint8_t> &v) {
    u64(v.size());
    raw(v.data(), v.size());
  }
  void raw(const void *p, std::size_t n) {
    out.write(static_cast<const char *>(p), std::streamsize(n));
  }

private:
  std::ostream &out;
};

class Reader {
public:
  explicit Reader(std::istream &in) : in(in) {}
  std::uint8_t u8() {
    std::uint8_t v;
    raw(&v, 1, "a byte");
    return v;
  }
  std::uint32_t u32() {
    std::uint32_t v;
    raw(&v, 4, "a 32-bit integer");
    return v;
  }
  std::uint64_t u64() {
    std::uint64_t v;
    raw(&v, 8, "a 64-bit integer");
    return v;
  }
  std::int32_t i32() {
    std::int32_t v;
    raw(&v, 4, "a 32-bit integer");
    return v;
  }
  std::uint64_t count(const char *what) {
    std::uint64_t n = u64();
    if (n > kMaxCount)
      fail(std::string("an implausible ") + what + " count " +
           std::to_string(n));
    return n;
  }
  std::string str() {
    std::string s(count("string length"), '\0');
    raw(s.data(), s.size(), "string data");
    return s;
  }
  std::vector<std::uint8_t> bytes() {
    std::vector<std::uint8_t> v(count("byte"));
    raw(v.data(), v.size(), "byte data");
    return v;
  }
  template <class T, class Fn> std::vector<T> list(const char *what, Fn fn) {
    std::vector<T> v(count(what));
    for (T &x : v)
      x = fn();
    return v;
  }
  void raw(void *p, std::size_t n, const char *what) {
    in.read(static_cast<char *>(p), std::streamsize(n));
    if (std::size_t(in.gcount()) != n)
      fail(std::string("the stream ended while reading ") + what);
  }
  [[noreturn]] void fail(const std::string &why) {
    throw poplar::parse_error("Executable::deserialize: " + why +
                              "; the file is truncated or corrupted");
  }

private:
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
  w.u32(f.floatFormat);
  w.u8(std::uint8_t(f.separator));
  w.u8(std::uint8_t(f.openBracket));
  w.u8(std::uint8_t(f.closeBracket));
}

poplar::program::PrintTensorFmt readFormat(Reader &r) {
  poplar::program::PrintTensorFmt f;
  f.summariseThreshold = r.u32();
  f.edgeItems = r.u32();
  f.maxLineWidth = r.u32();
  f.digits = r.u32();
  f.floatFormat = poplar::program::PrintTensorFmt::FloatFormat(r.u32());
  f.separator = char(r.u8());
  f.openBracket = char(r.u8());
  f.closeBracket = char(r.u8());
  return f;
}

} // namespace

void serialize(const ExecutableImage &image, std::ostream &out) {
  Writer w(out);
  w.raw(kMagic, sizeof kMagic);
  w.u32(kFormatVersion);
  w.str(poplar::packageHash());
  std::ostringstream target;
  image.target.serialize(target);
  w.str(target.str());
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
    w.u8(s.sourcesOverlapDestinations);
    w.str(s.debugName);
  });
  w.list(image.streams, [&](const StreamDesc &s) {
    w.str(s.handle);
    w.str(s.typeName);
    w.u32(s.elementBytes);
    w.u64(s.numElements);
    w.u8(s.toDevice);
  });
  w.list(image.hostAccesses, [&](const HostAccessDesc &h) {
    w.str(h.handle);
    w.u8(h.isWrite);
    w.u32(h.layout);
  });
  w.list(image.prints, [&](const PrintDesc &p) {
    w.str(p.title);
    w.u32(p.layout);
    writeFormat(w, p.format);
  });
  w.list(image.nodes, [&](const ControlNode &n) {
    w.u8(std::uint8_t(n.kind));
    w.list(n.children, [&](std::uint32_t c) { w.u32(c); });
    w.list(n.caseValues, [&](std::int32_t v) { w.i32(v); });
    w.u64(n.count);
    w.u32(n.index);
    w.u32(n.layout);
    w.str(n.text);
  });
  w.list(image.programs, [&](std::uint32_t p) { w.u32(p); });
  w.list(image.functions, [&](std::uint32_t f) { w.u32(f); });
  w.list(image.tileBytesUsed, [&](std::uint32_t b) { w.u32(b); });
  w.list(image.placements, [&](const VariablePlacement &p) {
    w.str(p.name);
    w.u32(p.tile);
    w.u32(p.address);
    w.u32(p.numBytes);
  });
}

ExecutableImage deserialize(std::istream &in, bool checkPackageHash) {
  Reader r(in);
  char magic[8];
  r.raw(magic, sizeof magic, "the file signature");
  if (std::memcmp(magic, kMagic, sizeof magic) != 0)
    throw poplar::parse_error(
        "Executable::deserialize: the stream is not a Tessel executable "
        "(it does not start with \"TESSELEX\")");
  std::uint32_t version = r.u32();
  if (version != kFormatVersion)
    throw poplar::parse_error(
        "Executable::deserialize: executable format version " +
        std::to_string(version) +
        " cannot be read by this Tessel, which "
        "reads version " +
        std::to_string(kFormatVersion) + "; recompile it");
  ExecutableImage image;
  std::string writerHash = r.str();
  if (checkPackageHash && writerHash != poplar::packageHash())
    throw poplar::parse_error(
        "Executable::deserialize: the executable was written by Tessel "
        "package " +
        writerHash + ", this is " + poplar::packageHash() +
        "; recompile it or pass checkPackageHash=false");
  std::istringstream target(r.str());
  image.target = poplar::Target(target);
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
    s.sourcesOverlapDestinations = r.u8() != 0;
    s.debugName = r.str();
    return s;
  });
  image.streams = r.list<StreamDesc>("stream", [&] {
    StreamDesc s;
    s.handle = r.str();
    s.typeName = r.str();
    s.elementBytes = r.u32();
    s.numElements = r.u64();
    s.toDevice = r.u8() != 0;
    return s;
  });
  image.hostAccesses = r.list<HostAccessDesc>("host access", [&] {
    HostAccessDesc h;
    h.handle = r.str();
    h.isWrite = r.u8() != 0;
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
  image.nodes = r.list<ControlNode>("control node", [&] {
    ControlNode n;
    std::uint8_t kind = r.u8();
    if (kind > std::uint8_t(NodeKind::ErrorWithTensor))
      r.fail("unknown control node kind " + std::to_string(kind));
    n.kind = NodeKind(kind);
    n.children = r.list<std::uint32_t>("child", [&] { return r.u32(); });
    n.caseValues = r.list<std::int32_t>("case", [&] { return r.i32(); });
    n.count = r.u64();
    n.index = r.u32();
    n.layout = r.u32();
    n.text = r.str();
    return n;
  });
  image.programs = r.list<std::uint32_t>("program", [&] { return r.u32(); });
  image.functions = r.list<std::uint32_t>("function", [&] { return r.u32(); });
  image.tileBytesUsed = r.list<std::uint32_t>("tile", [&] { return r.u32(); });
  image.placements = r.list<VariablePlacement>("placement", [&] {
    VariablePlacement p;
    p.name = r.str();
    p.tile = r.u32();
    p.address = r.u32();
    p.numBytes = r.u32();
    return p;
  });
  validate(image);
  return image;
}

} // namespace tessel::exe
