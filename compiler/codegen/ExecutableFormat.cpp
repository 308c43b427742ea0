// The Executable file format (docs/executable-format.md): a fixed header
// (magic "TESSELEX", format version, section count, file size, header
// checksum), a directory giving each section's tag, offset, size and
// checksum, then the sections back to back. Integers are little-endian,
// written byte by byte, so files are the same on every host.
//
// One field visitor (`visit*` below) describes every table once; the Writer
// and the Reader both walk it, so the two directions cannot drift apart.
// A section is read whole, its checksum compared before any of its bytes are
// interpreted, and its parse must end exactly at its last byte. Codelet
// objects are checked against their SHA-256 content hashes. Every failure is
// a parse_error naming the section and what is wrong.
#include "compiler/codegen/ExecutableImage.hpp"

#include "compiler/codelets/Sha256.hpp"

#include <poplar/Graph.hpp>
#include <poplar/exceptions.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <istream>
#include <iterator>
#include <ostream>
#include <sstream>

namespace tessel::exe {

namespace {

constexpr char kMagic[8] = {'T', 'E', 'S', 'S', 'E', 'L', 'E', 'X'};

/// The sections, in file order.
enum class Section : std::uint32_t {
  Writer = 1,
  Target,
  Tables,
  Codelets,
  Roots
};
constexpr std::array<Section, 5> kSections = {
    Section::Writer, Section::Target, Section::Tables, Section::Codelets,
    Section::Roots};
/// magic, version, section count, file size, header checksum.
constexpr std::size_t kFixedHeaderBytes = 8 + 4 + 4 + 8 + 8;
/// tag, offset, size, checksum.
constexpr std::size_t kDirectoryEntryBytes = 4 + 8 + 8 + 8;
constexpr std::size_t kHeaderBytes =
    kFixedHeaderBytes + kSections.size() * kDirectoryEntryBytes;
/// Where the header checksum sits; it covers every other header byte.
constexpr std::size_t kHeaderChecksumAt = 24;
/// Sections are read in steps of at most this many bytes, so a corrupt
/// size fails at the end of the stream instead of exhausting memory first.
constexpr std::size_t kReadStep = std::size_t(1) << 20;
/// A list reserves at most this many entries up front.
constexpr std::uint64_t kReserveStep = 1ull << 16;

const char *sectionName(Section s) {
  switch (s) {
  case Section::Writer:
    return "writer";
  case Section::Target:
    return "target";
  case Section::Tables:
    return "tables";
  case Section::Codelets:
    return "codelets";
  case Section::Roots:
    return "roots";
  }
  return "unknown";
}

std::uint64_t rotateLeft(std::uint64_t v, int bits) {
  return (v << bits) | (v >> (64 - bits));
}

std::uint64_t littleWord(const unsigned char *p, std::size_t numBytes) {
  std::uint64_t v = 0;
  for (std::size_t i = numBytes; i-- > 0;)
    v = (v << 8) | p[i];
  return v;
}

void putLittle(std::string &out, std::size_t at, std::uint64_t v,
               int numBytes) {
  for (int i = 0; i < numBytes; ++i)
    out[at + std::size_t(i)] = char((v >> (8 * i)) & 0xff);
}

/// Appends fields to a byte buffer. The `const` views of the visitor; the
/// field names are for the Printer.
class Writer {
public:
  void u8(const std::uint8_t &v, const char * = nullptr) {
    out.push_back(char(v));
  }
  void u32(const std::uint32_t &v, const char * = nullptr) { little(v, 4); }
  void u64(const std::uint64_t &v, const char * = nullptr) { little(v, 8); }
  void i32(const std::int32_t &v, const char * = nullptr) {
    little(std::uint32_t(v), 4);
  }
  void i64(const std::int64_t &v, const char * = nullptr) {
    little(std::uint64_t(v), 8);
  }
  void character(const char &c, const char *) { u8(std::uint8_t(c)); }
  void flag(const bool &v, const char *, const char *) { u8(v ? 1 : 0); }
  template <class Enum>
  void enumeration(const Enum &e, Enum, const char *, const char *) {
    little(std::uint64_t(e), sizeof(Enum));
  }
  void str(const std::string &s, const char *) {
    u64(s.size());
    out.append(s);
  }
  void blob(const std::vector<std::uint8_t> &v, const char *) {
    u64(v.size());
    out.append(reinterpret_cast<const char *>(v.data()), v.size());
  }
  template <class T, class Fn>
  void list(const std::vector<T> &v, const char *, const char *, Fn fn) {
    u64(v.size());
    for (const T &x : v)
      fn(x);
  }
  template <class T, class Fn>
  void values(const std::vector<T> &v, const char *name, const char *what,
              Fn fn) {
    list(v, name, what, fn);
  }

  std::string out;

private:
  void little(std::uint64_t v, int numBytes) {
    for (int i = 0; i < numBytes; ++i)
      out.push_back(char((v >> (8 * i)) & 0xff));
  }
};

/// Reads fields from one section's bytes, never past its end.
class Reader {
public:
  Reader(const std::string &bytes, Section section)
      : bytes(bytes), section(section) {}
  void u8(std::uint8_t &v, const char * = nullptr) {
    v = std::uint8_t(little(1, "a byte"));
  }
  void u32(std::uint32_t &v, const char * = nullptr) {
    v = std::uint32_t(little(4, "a 32-bit integer"));
  }
  void u64(std::uint64_t &v, const char * = nullptr) {
    v = little(8, "a 64-bit integer");
  }
  void i32(std::int32_t &v, const char * = nullptr) {
    v = std::int32_t(little(4, "a 32-bit integer"));
  }
  void i64(std::int64_t &v, const char * = nullptr) {
    v = std::int64_t(little(8, "a 64-bit integer"));
  }
  void character(char &c, const char *) { c = char(little(1, "a character")); }
  void flag(bool &v, const char *, const char *what) {
    std::uint64_t b = little(1, what);
    if (b > 1)
      fail(std::string("expected a boolean (0 or 1) for ") + what + ", found " +
           std::to_string(b));
    v = b == 1;
  }
  template <class Enum>
  void enumeration(Enum &e, Enum last, const char *, const char *what) {
    std::uint64_t v = little(sizeof(Enum), what);
    if (v > std::uint64_t(last))
      fail(std::string("expected a ") + what + ", found the unknown value " +
           std::to_string(v));
    e = Enum(v);
  }
  void str(std::string &s, const char *) {
    std::uint64_t n = count("string length", 1);
    s.assign(bytes, at, std::size_t(n));
    at += std::size_t(n);
  }
  void blob(std::vector<std::uint8_t> &v, const char *) {
    std::uint64_t n = count("byte", 1);
    const auto *p = reinterpret_cast<const std::uint8_t *>(bytes.data() + at);
    v.assign(p, p + n);
    at += std::size_t(n);
  }
  template <class T, class Fn>
  void list(std::vector<T> &v, const char *, const char *what, Fn fn) {
    // Every entry takes at least one byte, so the count is bounded by what
    // is left and nothing is allocated that the section cannot back.
    std::uint64_t n = count(what, 1);
    v.clear();
    v.reserve(std::size_t(std::min<std::uint64_t>(n, kReserveStep)));
    for (std::uint64_t i = 0; i < n; ++i)
      fn(v.emplace_back());
  }
  template <class T, class Fn>
  void values(std::vector<T> &v, const char *name, const char *what, Fn fn) {
    list(v, name, what, fn);
  }
  /// The section must end where its last field does.
  void finish() const {
    if (at != bytes.size())
      fail(std::to_string(bytes.size() - at) +
           " bytes are left over after its last field");
  }
  [[noreturn]] void fail(const std::string &why) const {
    throw poplar::parse_error("Executable::deserialize: section '" +
                              std::string(sectionName(section)) + "' at byte " +
                              std::to_string(at) + ": " + why +
                              "; the file is corrupted");
  }

private:
  std::uint64_t count(const char *what, std::uint64_t bytesPerEntry) {
    std::uint64_t n = little(8, what);
    std::uint64_t left = bytes.size() - at;
    if (n > left / bytesPerEntry)
      fail(std::string("a ") + what + " count of " + std::to_string(n) +
           " is more than the " + std::to_string(left) +
           " bytes left in the section");
    return n;
  }
  std::uint64_t little(std::size_t numBytes, const char *what) {
    if (bytes.size() - at < numBytes)
      fail(std::string("the section ends while reading ") + what);
    std::uint64_t v = littleWord(
        reinterpret_cast<const unsigned char *>(bytes.data() + at), numBytes);
    at += numBytes;
    return v;
  }

  const std::string &bytes;
  Section section;
  std::size_t at = 0;
};

const char *enumName(NodeKind kind) {
  static const char *const names[] = {"Sequence",
                                      "Exchange",
                                      "StreamToDevice",
                                      "StreamFromDevice",
                                      "Print",
                                      "Repeat",
                                      "Loop",
                                      "RepeatWhileTrue",
                                      "RepeatWhileFalse",
                                      "If",
                                      "Switch",
                                      "Call",
                                      "Sync",
                                      "Abort",
                                      "AbortOnCondition",
                                      "ErrorWithTensor",
                                      "Execute",
                                      "RemoteBufferToDevice",
                                      "RemoteBufferFromDevice",
                                      "HostFunctionCall"};
  static_assert(std::size(names) == std::size_t(NodeKind::HostFunctionCall) + 1,
                "every control node kind needs a name");
  return names[std::size_t(kind)];
}

const char *enumName(VariableCategory category) {
  switch (category) {
  case VariableCategory::Variable:
    return "variable";
  case VariableCategory::Constant:
    return "constant";
  case VariableCategory::VertexState:
    return "vertex_state";
  }
  return "unknown";
}

const char *enumName(poplar::program::PrintTensorFmt::FloatFormat format) {
  using FloatFormat = poplar::program::PrintTensorFmt::FloatFormat;
  switch (format) {
  case FloatFormat::Auto:
    return "Auto";
  case FloatFormat::Fixed:
    return "Fixed";
  case FloatFormat::Scientific:
    return "Scientific";
  case FloatFormat::None:
    return "None";
  }
  return "unknown";
}

/// `text` in `quote`s, with the quote, backslashes and bytes outside
/// printable ASCII as \XX hex escapes, so every dump line is plain text.
std::string quoted(const std::string &text, char quote) {
  static const char *const hex = "0123456789ABCDEF";
  std::string out(1, quote);
  for (char c : text) {
    auto b = static_cast<unsigned char>(c);
    if (b >= 0x20 && b < 0x7f && c != quote && c != '\\') {
      out.push_back(c);
    } else {
      out.push_back('\\');
      out.push_back(hex[b >> 4]);
      out.push_back(hex[b & 15]);
    }
  }
  out.push_back(quote);
  return out;
}

/// The byte count, then the first bytes in hex (all of them for small
/// blobs such as constants; codelet objects are kilobytes of ELF).
std::string hexBytes(const std::vector<std::uint8_t> &bytes) {
  constexpr std::size_t kShown = 64;
  static const char *const hex = "0123456789abcdef";
  std::string out = std::to_string(bytes.size()) + " [";
  for (std::size_t i = 0; i < bytes.size() && i < kShown; ++i) {
    if (i > 0)
      out.push_back(' ');
    out.push_back(hex[bytes[i] >> 4]);
    out.push_back(hex[bytes[i] & 15]);
  }
  if (bytes.size() > kShown)
    out += " ...";
  out.push_back(']');
  return out;
}

/// Renders fields as text for `dump`, through the same visitors as the
/// Writer and Reader, so the dump shows every field the format holds. A
/// record is one line of `name value` pairs in field order; `values` lists
/// print inline (`shape [2, 3]`); `list` entries print as lines of their
/// own (`piece 0: ...`) indented under the record that holds them, whose
/// line gives their count. Fields outside any record get a line each.
class Printer {
public:
  void u8(const std::uint8_t &v, const char *name = nullptr) {
    field(name, std::to_string(unsigned(v)));
  }
  void u32(const std::uint32_t &v, const char *name = nullptr) {
    field(name, std::to_string(v));
  }
  void u64(const std::uint64_t &v, const char *name = nullptr) {
    field(name, std::to_string(v));
  }
  void i32(const std::int32_t &v, const char *name = nullptr) {
    field(name, std::to_string(v));
  }
  void i64(const std::int64_t &v, const char *name = nullptr) {
    field(name, std::to_string(v));
  }
  void character(const char &c, const char *name) {
    field(name, quoted(std::string(1, c), '\''));
  }
  void flag(const bool &v, const char *name, const char *) {
    field(name, v ? "true" : "false");
  }
  template <class Enum>
  void enumeration(const Enum &e, Enum, const char *name, const char *) {
    field(name, enumName(e));
  }
  void str(const std::string &s, const char *name) {
    field(name, quoted(s, '"'));
  }
  void blob(const std::vector<std::uint8_t> &v, const char *name) {
    field(name, hexBytes(v));
  }
  template <class T, class Fn>
  void list(const std::vector<T> &v, const char *name, const char *what,
            Fn fn) {
    field(name, std::to_string(v.size()));
    for (std::size_t i = 0; i < v.size(); ++i) {
      records.emplace_back();
      fn(v[i]);
      Record entry = std::move(records.back());
      records.pop_back();
      std::string line = std::string(what) + " " + std::to_string(i) + ":";
      if (!entry.line.empty())
        line += " " + entry.line;
      records.back().lines.push_back("  " + line);
      for (const std::string &l : entry.lines)
        records.back().lines.push_back("  " + l);
    }
  }
  template <class T, class Fn>
  void values(const std::vector<T> &v, const char *name, const char *, Fn fn) {
    std::string joined;
    for (const T &x : v) {
      records.emplace_back();
      fn(x);
      if (!joined.empty())
        joined += ", ";
      joined += records.back().line;
      records.pop_back();
    }
    field(name, "[" + joined + "]");
  }

  /// The lines printed so far, indented by `indent`.
  void write(std::ostream &out, const char *indent) const {
    for (const std::string &l : records.front().lines)
      out << indent << l << '\n';
  }

private:
  struct Record {
    std::string line;               // this record's own fields
    std::vector<std::string> lines; // its list entries, indented
  };

  void field(const char *name, const std::string &value) {
    std::string text = name ? std::string(name) + " " + value : value;
    if (records.size() == 1) {
      records.front().lines.push_back(text); // outside every record
      return;
    }
    std::string &line = records.back().line;
    if (!line.empty())
      line += ' ';
    line += text;
  }

  std::vector<Record> records = std::vector<Record>(1);
};

// The field visitors. `Image` and the element references are const when
// writing and printing and mutable when reading. Every field carries the
// name the dump prints; `what` says in a reader's message what was expected.
// `values` lists hold plain numbers, `list` lists hold records.

template <class IO, class Format> void visitFormat(IO &io, Format &f) {
  using FloatFormat = poplar::program::PrintTensorFmt::FloatFormat;
  io.u32(f.summariseThreshold, "summarise_threshold");
  io.u32(f.edgeItems, "edge_items");
  io.u32(f.maxLineWidth, "max_line_width");
  io.u32(f.digits, "digits");
  io.enumeration(f.floatFormat, FloatFormat::None, "float_format",
                 "print float format");
  io.character(f.separator, "separator");
  io.character(f.openBracket, "open_bracket");
  io.character(f.closeBracket, "close_bracket");
}

template <class IO, class Image> void visitTables(IO &io, Image &image) {
  io.list(image.initialMemory, "memory_images", "memory image", [&](auto &d) {
    io.u32(d.tile, "tile");
    io.u32(d.address, "address");
    io.blob(d.bytes, "bytes");
  });
  io.list(image.layouts, "layouts", "layout", [&](auto &l) {
    io.str(l.typeName, "type");
    io.u32(l.elementBytes, "element_bytes");
    io.values(l.shape, "shape", "dimension", [&](auto &d) { io.u64(d); });
    io.list(l.pieces, "pieces", "piece", [&](auto &p) {
      io.u32(p.tile, "tile");
      io.u32(p.address, "address");
      io.u32(p.numBytes, "num_bytes");
    });
    io.str(l.debugName, "debug_name");
  });
  io.list(image.exchanges, "exchanges", "exchange", [&](auto &s) {
    io.list(s.transfers, "transfers", "transfer", [&](auto &t) {
      io.u32(t.srcTile, "src_tile");
      io.u32(t.srcAddress, "src_address");
      io.u32(t.dstTile, "dst_tile");
      io.u32(t.dstAddress, "dst_address");
      io.u32(t.numBytes, "num_bytes");
    });
    io.flag(s.sourcesOverlapDestinations, "sources_overlap_destinations",
            "sourcesOverlapDestinations");
    io.str(s.debugName, "debug_name");
  });
  io.list(image.streams, "streams", "stream", [&](auto &s) {
    io.str(s.handle, "handle");
    io.str(s.typeName, "type");
    io.u32(s.elementBytes, "element_bytes");
    io.u64(s.numElements, "num_elements");
    io.flag(s.toDevice, "to_device", "a stream's direction");
  });
  io.list(image.hostAccesses, "host_accesses", "host access", [&](auto &h) {
    io.str(h.handle, "handle");
    io.flag(h.isWrite, "is_write", "a host access's direction");
    io.u32(h.layout, "layout");
  });
  io.list(image.prints, "prints", "print", [&](auto &p) {
    io.str(p.title, "title");
    io.u32(p.layout, "layout");
    visitFormat(io, p.format);
  });
  io.list(image.nodes, "control_nodes", "control node", [&](auto &n) {
    io.enumeration(n.kind, NodeKind::HostFunctionCall, "kind",
                   "control node kind");
    io.values(n.children, "children", "child", [&](auto &c) { io.u32(c); });
    io.values(n.caseValues, "case_values", "case", [&](auto &v) { io.i32(v); });
    io.u64(n.count, "count");
    io.u32(n.index, "index");
    io.u32(n.layout, "layout");
    io.str(n.text, "text");
  });
  io.list(image.remoteBuffers, "remote_buffers", "remote buffer", [&](auto &b) {
    io.str(b.handle, "handle");
    io.str(b.typeName, "type");
    io.u32(b.elementBytes, "element_bytes");
    io.u64(b.numElements, "num_elements");
    io.u64(b.repeats, "repeats");
  });
  io.list(image.remoteCopies, "remote_copies", "remote buffer copy",
          [&](auto &c) {
            io.u32(c.buffer, "buffer");
            io.u32(c.layout, "layout");
            io.flag(c.hasOffset, "has_offset", "a remote buffer copy's offset");
            io.u32(c.offsetLayout, "offset_layout");
          });
  auto hostArgument = [&](auto &a) {
    io.str(a.typeName, "type");
    io.u32(a.elementBytes, "element_bytes");
    io.u64(a.numElements, "num_elements");
  };
  io.list(image.hostFunctions, "host_functions", "host function", [&](auto &f) {
    io.str(f.handle, "handle");
    io.list(f.inputs, "inputs", "host function input", hostArgument);
    io.list(f.outputs, "outputs", "host function output", hostArgument);
  });
  io.list(image.hostCalls, "host_calls", "host function call", [&](auto &c) {
    io.u32(c.function, "function");
    io.values(c.inputLayouts, "input_layouts", "host call input",
              [&](auto &l) { io.u32(l); });
    io.values(c.outputLayouts, "output_layouts", "host call output",
              [&](auto &l) { io.u32(l); });
  });
}

template <class IO, class Image> void visitCodelets(IO &io, Image &image) {
  io.list(image.objects, "objects", "codelet object", [&](auto &o) {
    io.blob(o.sharedObject, "shared_object");
    io.str(o.contentHash, "content_hash");
    io.str(o.source, "source");
  });
  io.list(image.codelets, "codelets", "codelet", [&](auto &c) {
    io.str(c.name, "name");
    io.u32(c.object, "object");
    io.u8(c.base, "base");
    io.flag(c.returnsBool, "returns_bool", "a codelet's return type");
    io.flag(c.hasFields, "has_fields",
            "whether a codelet's fields are recorded");
    io.list(c.fields, "fields", "codelet field", [&](auto &f) {
      io.u8(f.kind, "kind");
      io.u8(f.direction, "direction");
      io.u32(f.elementBytes, "element_bytes");
    });
  });
  io.list(image.computeSets, "compute_sets", "compute set", [&](auto &cs) {
    io.str(cs.name, "name");
    io.list(cs.vertices, "vertices", "vertex", [&](auto &v) {
      io.u32(v.id, "id");
      io.u32(v.tile, "tile");
      io.u32(v.codelet, "codelet");
      io.u32(v.stateAddress, "state_address");
      io.i64(v.fixedCycles, "fixed_cycles");
    });
  });
}

template <class IO, class Image> void visitRoots(IO &io, Image &image) {
  io.values(image.programs, "programs", "program", [&](auto &p) { io.u32(p); });
  io.values(image.functions, "functions", "function",
            [&](auto &f) { io.u32(f); });
  io.values(image.tileBytesUsed, "tile_bytes_used", "tile",
            [&](auto &b) { io.u32(b); });
  io.list(image.placements, "placements", "placement", [&](auto &p) {
    io.str(p.name, "name");
    io.u32(p.tile, "tile");
    io.u32(p.address, "address");
    io.u32(p.numBytes, "num_bytes");
    io.enumeration(p.category, VariableCategory::VertexState, "category",
                   "variable category");
    io.i64(p.liveFrom, "live_from");
    io.i64(p.liveTo, "live_to");
  });
}

std::string sectionBytes(Section s, const ExecutableImage &image) {
  Writer w;
  switch (s) {
  case Section::Writer:
    w.out = poplar::packageHash();
    break;
  case Section::Target: {
    std::ostringstream target;
    image.target.serialize(target);
    w.out = target.str();
    break;
  }
  case Section::Tables:
    visitTables(w, image);
    break;
  case Section::Codelets:
    visitCodelets(w, image);
    break;
  case Section::Roots:
    visitRoots(w, image);
    break;
  }
  return std::move(w.out);
}

[[noreturn]] void failFile(const std::string &why) {
  throw poplar::parse_error("Executable::deserialize: " + why);
}

/// Reads exactly `n` bytes, growing `out` in steps that double, so a
/// size larger than the stream costs no more than the stream holds and a
/// large section is copied O(1) times.
void readExactly(std::istream &in, std::string &out, std::uint64_t n,
                 const std::string &what) {
  out.clear();
  while (out.size() < n) {
    std::size_t at = out.size();
    std::size_t step =
        std::size_t(std::min<std::uint64_t>(n - at, std::max(kReadStep, at)));
    out.reserve(at + step);
    out.resize(at + step);
    in.read(&out[at], std::streamsize(step));
    if (std::size_t(in.gcount()) != step)
      failFile("the stream ended after " +
               std::to_string(at + std::size_t(in.gcount())) + " of the " +
               std::to_string(n) + " bytes of " + what +
               "; the file is truncated");
  }
}

struct DirectoryEntry {
  Section section;
  std::uint64_t offset = 0, size = 0, checksum = 0;
};

/// Checks magic, version, header checksum and the directory against the
/// file size it claims; returns the directory.
std::vector<DirectoryEntry> readHeader(std::istream &in) {
  std::string header;
  header.resize(kHeaderBytes);
  in.read(&header[0], std::streamsize(kHeaderBytes));
  std::size_t got = std::size_t(in.gcount());
  const auto *p = reinterpret_cast<const unsigned char *>(header.data());
  if (got < sizeof kMagic || std::memcmp(p, kMagic, sizeof kMagic) != 0)
    failFile("the stream is not a Tessel executable (expected it to start "
             "with \"TESSELEX\", found \"" +
             header.substr(0, std::min(got, sizeof kMagic)) + "\")");
  if (got < 12)
    failFile("the stream ended inside the format version; the file is "
             "truncated");
  std::uint64_t version = littleWord(p + 8, 4);
  if (version != kFormatVersion)
    failFile("found executable format version " + std::to_string(version) +
             ", but this Tessel reads version " +
             std::to_string(kFormatVersion) +
             "; recompile the graph with this Tessel");
  if (got < kHeaderBytes)
    failFile("the stream ended after " + std::to_string(got) + " of the " +
             std::to_string(kHeaderBytes) +
             " header bytes; the file is truncated");
  std::uint64_t stored = littleWord(p + kHeaderChecksumAt, 8);
  std::string covered = header;
  putLittle(covered, kHeaderChecksumAt, 0, 8);
  std::uint64_t actual = checksum(covered.data(), covered.size());
  if (stored != actual)
    failFile("the header checksum is " + std::to_string(stored) +
             " but the header bytes sum to " + std::to_string(actual) +
             "; the file is corrupted");
  // The checksum holds, so what follows was written by a serializer; still
  // check it, so a wrong writer is named instead of trusted.
  std::uint64_t numSections = littleWord(p + 12, 4);
  std::uint64_t fileSize = littleWord(p + 16, 8);
  if (numSections != kSections.size())
    failFile("the header lists " + std::to_string(numSections) +
             " sections, expected " + std::to_string(kSections.size()));
  std::vector<DirectoryEntry> directory;
  std::uint64_t expectedOffset = kHeaderBytes;
  for (std::size_t i = 0; i < kSections.size(); ++i) {
    const unsigned char *e = p + kFixedHeaderBytes + i * kDirectoryEntryBytes;
    DirectoryEntry entry{kSections[i], littleWord(e + 4, 8),
                         littleWord(e + 12, 8), littleWord(e + 20, 8)};
    std::string name = std::string("section '") + sectionName(kSections[i]) +
                       "' (directory entry " + std::to_string(i) + ")";
    if (littleWord(e, 4) != std::uint32_t(kSections[i]))
      failFile(name + " has tag " + std::to_string(littleWord(e, 4)) +
               ", expected " + std::to_string(std::uint32_t(kSections[i])));
    if (entry.offset != expectedOffset)
      failFile(name + " starts at byte " + std::to_string(entry.offset) +
               ", expected " + std::to_string(expectedOffset) +
               " right after the previous one");
    if (entry.size > fileSize || entry.offset > fileSize - entry.size)
      failFile(name + " of " + std::to_string(entry.size) + " bytes at byte " +
               std::to_string(entry.offset) + " ends past the " +
               std::to_string(fileSize) + "-byte file");
    expectedOffset = entry.offset + entry.size;
    directory.push_back(entry);
  }
  if (expectedOffset != fileSize)
    failFile("the sections end at byte " + std::to_string(expectedOffset) +
             " but the header gives a file of " + std::to_string(fileSize) +
             " bytes");
  return directory;
}

/// Every codelet object's bytes against its stored hash, before anything
/// can map them.
void verifyObjects(const ExecutableImage &image) {
  for (std::size_t i = 0; i < image.objects.size(); ++i) {
    const NativeObject &o = image.objects[i];
    std::string actual =
        codelets::Sha256::hexOf(o.sharedObject.data(), o.sharedObject.size());
    if (actual != o.contentHash)
      failFile("section 'codelets': codelet object " + std::to_string(i) +
               " (" + o.source + ") stores content hash '" + o.contentHash +
               "' but its " + std::to_string(o.sharedObject.size()) +
               " bytes hash to " + actual + "; the file is corrupted");
  }
}

} // namespace

std::uint64_t checksum(const void *data, std::size_t numBytes) {
  // Odd multipliers: each lane step (add, rotate, multiply by an odd
  // number) is a bijection of the lane, so a changed word always leaves a
  // changed lane, and the final mix is a bijection of the lane sum.
  constexpr std::uint64_t kA = 0x9e3779b97f4a7c15ull;
  constexpr std::uint64_t kB = 0xd6e8feb86659fd93ull;
  constexpr std::uint64_t kC = 0xa0761d6478bd642full;
  const auto *p = static_cast<const unsigned char *>(data);
  std::uint64_t lanes[4] = {kA, kB, kC, kA ^ kB};
  std::size_t left = numBytes;
  while (left >= 32) {
    for (int l = 0; l < 4; ++l)
      lanes[l] = rotateLeft(lanes[l] + littleWord(p + 8 * l, 8) * kB, 29) * kA;
    p += 32;
    left -= 32;
  }
  std::uint64_t h = rotateLeft(lanes[0], 1) + rotateLeft(lanes[1], 7) +
                    rotateLeft(lanes[2], 12) + rotateLeft(lanes[3], 18) +
                    std::uint64_t(numBytes) * kC;
  while (left > 0) {
    std::size_t n = std::min<std::size_t>(left, 8);
    h = rotateLeft(h ^ (littleWord(p, n) * kB), 27) * kA + kC;
    p += n;
    left -= n;
  }
  h ^= h >> 31;
  h *= kB;
  h ^= h >> 29;
  h *= kC;
  h ^= h >> 32;
  return h;
}

void serialize(const ExecutableImage &image, std::ostream &out) {
  std::vector<std::string> sections;
  for (Section s : kSections)
    sections.push_back(sectionBytes(s, image));
  std::string header(kHeaderBytes, '\0');
  std::memcpy(&header[0], kMagic, sizeof kMagic);
  putLittle(header, 8, kFormatVersion, 4);
  putLittle(header, 12, kSections.size(), 4);
  std::uint64_t offset = kHeaderBytes;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    std::size_t e = kFixedHeaderBytes + i * kDirectoryEntryBytes;
    putLittle(header, e, std::uint32_t(kSections[i]), 4);
    putLittle(header, e + 4, offset, 8);
    putLittle(header, e + 12, sections[i].size(), 8);
    putLittle(header, e + 20, checksum(sections[i].data(), sections[i].size()),
              8);
    offset += sections[i].size();
  }
  putLittle(header, 16, offset, 8);
  putLittle(header, kHeaderChecksumAt, checksum(header.data(), header.size()),
            8);
  out.write(header.data(), std::streamsize(header.size()));
  for (const std::string &s : sections)
    out.write(s.data(), std::streamsize(s.size()));
}

ExecutableImage deserialize(std::istream &in, bool checkPackageHash) {
  ExecutableImage image;
  std::string bytes;
  for (const DirectoryEntry &entry : readHeader(in)) {
    std::string name =
        std::string("section '") + sectionName(entry.section) + "'";
    readExactly(in, bytes, entry.size, name);
    std::uint64_t actual = checksum(bytes.data(), bytes.size());
    if (actual != entry.checksum)
      failFile(name + " (" + std::to_string(entry.size) + " bytes at byte " +
               std::to_string(entry.offset) + ") has checksum " +
               std::to_string(actual) + ", the directory says " +
               std::to_string(entry.checksum) + "; the file is corrupted");
    Reader r(bytes, entry.section);
    switch (entry.section) {
    case Section::Writer:
      if (checkPackageHash && bytes != poplar::packageHash())
        failFile("the executable was written by Tessel package " + bytes +
                 ", this is " + poplar::packageHash() +
                 "; recompile it or pass checkPackageHash=false");
      continue;
    case Section::Target: {
      std::istringstream target(bytes);
      image.target = poplar::Target(target);
      continue;
    }
    case Section::Tables:
      visitTables(r, image);
      break;
    case Section::Codelets:
      visitCodelets(r, image);
      break;
    case Section::Roots:
      visitRoots(r, image);
      break;
    }
    r.finish();
  }
  verifyObjects(image);
  validate(image);
  return image;
}

} // namespace tessel::exe

namespace tessel::exe {

namespace {

const char *syncName(std::uint64_t type) {
  switch (type) {
  case 0:
    return "INTERNAL";
  case 1:
    return "EXTERNAL";
  case 2:
    return "GLOBAL";
  }
  return "unknown";
}

/// Each program and function as an indented tree of control nodes, one
/// line per node naming the tables entry it uses; children that play
/// different parts (an If's branches, a Switch's cases) are labelled.
class TreePrinter {
public:
  TreePrinter(const ExecutableImage &image, std::ostream &out)
      : image(image), out(out) {}

  void root(const char *what, std::size_t number, std::uint32_t node) {
    out << what << ' ' << number << ":\n";
    print(node, 1, "");
  }

private:
  void print(std::uint32_t index, int depth, const std::string &label) {
    const ControlNode &n = image.nodes[index];
    out << std::string(std::size_t(2 * depth), ' ') << label
        << enumName(n.kind);
    std::vector<std::string> labels(n.children.size());
    switch (n.kind) {
    case NodeKind::Sequence:
    case NodeKind::Loop:
      break;
    case NodeKind::Exchange: {
      const ExchangeStep &s = image.exchanges[n.index];
      out << ' ' << n.index << ' ' << quoted(s.debugName, '"') << " transfers "
          << s.transfers.size();
      if (s.sourcesOverlapDestinations)
        out << " sources_overlap_destinations";
      break;
    }
    case NodeKind::StreamToDevice:
    case NodeKind::StreamFromDevice:
      out << " stream " << n.index << ' '
          << quoted(image.streams[n.index].handle, '"') << " layout "
          << n.layout;
      break;
    case NodeKind::Print:
      out << ' ' << n.index << ' ' << quoted(image.prints[n.index].title, '"')
          << " layout " << image.prints[n.index].layout;
      break;
    case NodeKind::Repeat:
      out << " count " << n.count;
      break;
    case NodeKind::RepeatWhileTrue:
    case NodeKind::RepeatWhileFalse:
      out << " predicate layout " << n.layout;
      labels = {"cond: ", "body: "};
      break;
    case NodeKind::If:
      out << " predicate layout " << n.layout;
      labels = {"then: ", "else: "};
      break;
    case NodeKind::Switch:
      out << " control layout " << n.layout;
      labels[0] = "default: ";
      for (std::size_t i = 0; i < n.caseValues.size(); ++i)
        labels[i + 1] = "case " + std::to_string(n.caseValues[i]) + ": ";
      break;
    case NodeKind::Call:
      out << " function " << n.index;
      break;
    case NodeKind::Sync:
      out << ' ' << syncName(n.count);
      break;
    case NodeKind::Abort:
      out << ' ' << quoted(n.text, '"');
      break;
    case NodeKind::AbortOnCondition:
      out << " predicate layout " << n.layout << ' ' << quoted(n.text, '"');
      break;
    case NodeKind::ErrorWithTensor:
      out << " layout " << n.layout << ' ' << quoted(n.text, '"');
      break;
    case NodeKind::Execute: {
      const ComputeSetDesc &cs = image.computeSets[n.index];
      out << " compute_set " << n.index << ' ' << quoted(cs.name, '"')
          << " vertices " << cs.vertices.size();
      if (n.count == 1)
        out << " flag layout " << n.layout;
      break;
    }
    case NodeKind::RemoteBufferToDevice:
    case NodeKind::RemoteBufferFromDevice: {
      const RemoteCopyDesc &c = image.remoteCopies[n.index];
      out << " copy " << n.index << " buffer " << c.buffer << ' '
          << quoted(image.remoteBuffers[c.buffer].handle, '"') << " layout "
          << c.layout;
      if (c.hasOffset)
        out << " offset layout " << c.offsetLayout;
      break;
    }
    case NodeKind::HostFunctionCall: {
      const HostCallDesc &c = image.hostCalls[n.index];
      out << " call " << n.index << " function " << c.function << ' '
          << quoted(image.hostFunctions[c.function].handle, '"');
      break;
    }
    }
    out << '\n';
    for (std::size_t i = 0; i < n.children.size(); ++i)
      print(n.children[i], depth + 1, labels[i]);
  }

  const ExecutableImage &image;
  std::ostream &out;
};

std::string hex64(std::uint64_t v) {
  std::ostringstream s;
  s << "0x" << std::hex << v;
  return s.str();
}

} // namespace

void dump(std::istream &in, std::ostream &out, bool checkPackageHash) {
  const std::string bytes{std::istreambuf_iterator<char>(in),
                          std::istreambuf_iterator<char>()};
  // The reader's own checks first: only an intact executable is dumped.
  std::istringstream imageStream(bytes);
  const ExecutableImage image = deserialize(imageStream, checkPackageHash);
  std::istringstream headerStream(bytes);
  const std::vector<DirectoryEntry> directory = readHeader(headerStream);
  out << "executable format " << kFormatVersion << ": " << bytes.size()
      << " bytes, " << directory.size() << " sections\n";
  for (const DirectoryEntry &entry : directory) {
    out << "section " << sectionName(entry.section) << ": offset "
        << entry.offset << " size " << entry.size << " checksum "
        << hex64(entry.checksum) << '\n';
    Printer p;
    switch (entry.section) {
    case Section::Writer:
      p.str(bytes.substr(std::size_t(entry.offset), std::size_t(entry.size)),
            "package");
      break;
    case Section::Target: {
      const poplar::Target &t = image.target;
      p.str(poplar::toString(t.getTargetType()), "target_type");
      p.str(t.getTargetArchString(), "arch");
      p.u32(t.getNumIPUs(), "num_ipus");
      p.u32(t.getTilesPerIPU(), "tiles_per_ipu");
      p.u32(t.getNumTiles(), "num_tiles");
      p.u32(t.getBytesPerTile(), "bytes_per_tile");
      break;
    }
    case Section::Tables:
      visitTables(p, image);
      break;
    case Section::Codelets:
      visitCodelets(p, image);
      break;
    case Section::Roots:
      visitRoots(p, image);
      break;
    }
    p.write(out, "  ");
  }
  TreePrinter trees(image, out);
  for (std::size_t i = 0; i < image.programs.size(); ++i)
    trees.root("program", i, image.programs[i]);
  for (std::size_t i = 0; i < image.functions.size(); ++i)
    trees.root("function", i, image.functions[i]);
}

} // namespace tessel::exe
