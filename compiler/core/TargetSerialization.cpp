// The serialized form of a Target: a versioned "name=value" text, one field
// a line, read back exactly; and the comparisons and hash built on it, so
// that equal targets are exactly those that serialize the same.
#include "compiler/core/TargetParameters.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <cctype>
#include <functional>
#include <limits>
#include <locale>
#include <map>
#include <sstream>

using namespace poplar;

namespace tessel {

namespace {

constexpr const char *kMagic = "TesselTarget";
/// Bump when fields are added, removed or change meaning.
constexpr unsigned kVersion = 2;

[[noreturn]] void corrupt(const std::string &what) {
  throw parse_error("Target: " + what +
                    "; the stream does not hold a target written by "
                    "Target::serialize of this Tessel version");
}

std::string formatNumber(double v) {
  std::ostringstream os;
  os.imbue(std::locale::classic()); // no digit grouping, '.' decimal point
  os.precision(17);                 // enough to read back every double
  os << v;
  return os.str();
}

unsigned parseUnsigned(const std::string &name, const std::string &text) {
  bool digits = !text.empty() && text.size() <= 10 &&
                std::all_of(text.begin(), text.end(),
                            [](unsigned char c) { return std::isdigit(c); });
  if (!digits || std::stoull(text) > std::numeric_limits<unsigned>::max())
    corrupt("field '" + name + "' has malformed value '" + text + "'");
  return static_cast<unsigned>(std::stoull(text));
}

double parseDouble(const std::string &name, const std::string &text) {
  std::istringstream is(text);
  is.imbue(std::locale::classic());
  double v = 0;
  if (text.empty() || !(is >> v) || is.peek() != std::char_traits<char>::eof())
    corrupt("field '" + name + "' has malformed value '" + text + "'");
  return v;
}

template <class E>
E parseEnum(const std::string &name, const std::string &text,
            std::initializer_list<E> values) {
  for (E v : values)
    if (toString(v) == text)
      return v;
  corrupt("field '" + name + "' has unknown value '" + text + "'");
}

/// One serialized field: its name and how to write and read it.
struct Field {
  std::string name;
  std::function<std::string(const TargetParams &)> write;
  std::function<void(TargetParams &, const std::string &)> read;
};

Field field(const char *name, unsigned TargetParams::*m) {
  return {name, [m](const TargetParams &p) { return std::to_string(p.*m); },
          [m, name](TargetParams &p, const std::string &v) {
            p.*m = parseUnsigned(name, v);
          }};
}
Field field(const char *name, bool TargetParams::*m) {
  return {name, [m](const TargetParams &p) { return p.*m ? "1" : "0"; },
          [m, name](TargetParams &p, const std::string &v) {
            if (v != "0" && v != "1")
              corrupt(std::string("field '") + name +
                      "' must be 0 or 1, not '" + v + "'");
            p.*m = v == "1";
          }};
}
Field field(const char *name, double TargetParams::*m) {
  return {name, [m](const TargetParams &p) { return formatNumber(p.*m); },
          [m, name](TargetParams &p, const std::string &v) {
            p.*m = parseDouble(name, v);
          }};
}
Field field(const char *name, std::string TargetParams::*m) {
  return {name, [m](const TargetParams &p) { return p.*m; },
          [m](TargetParams &p, const std::string &v) { p.*m = v; }};
}
std::vector<Field> makeFields() {
  using P = TargetParams;
  std::vector<Field> f;
  f.push_back(field("arch", &P::arch));
  f.push_back(field("system", &P::system));
  f.push_back({"type", [](const P &p) { return toString(p.type); },
               [](P &p, const std::string &v) {
                 p.type = parseEnum(
                     "type", v,
                     {TargetType::IPU, TargetType::IPU_MODEL, TargetType::CPU});
               }});
  f.push_back({"ipuLinkConfiguration",
               [](const P &p) { return toString(p.ipuLinkConfiguration); },
               [](P &p, const std::string &v) {
                 p.ipuLinkConfiguration =
                     parseEnum("ipuLinkConfiguration", v,
                               {IpuLinkConfiguration::Default,
                                IpuLinkConfiguration::SlidingWindow,
                                IpuLinkConfiguration::BarleyTwist});
               }});
  f.push_back({"ipuLinkTopology",
               [](const P &p) { return toString(p.ipuLinkTopology); },
               [](P &p, const std::string &v) {
                 p.ipuLinkTopology =
                     parseEnum("ipuLinkTopology", v,
                               {IpuLinkTopology::Mesh, IpuLinkTopology::Torus,
                                IpuLinkTopology::Line});
               }});
#define TESSEL_FIELD(member) f.push_back(field(#member, &P::member))
  TESSEL_FIELD(numIPUs);
  TESSEL_FIELD(tilesPerIPU);
  TESSEL_FIELD(tilesPerSuperTile);
  TESSEL_FIELD(workerContexts);
  TESSEL_FIELD(bytesPerTile);
  TESSEL_FIELD(exchangeBytesPerCycle);
  TESSEL_FIELD(memcpyBytesPerCycle);
  TESSEL_FIELD(instructionBytes);
  TESSEL_FIELD(clockHz);
  TESSEL_FIELD(dataPathWidth);
  TESSEL_FIELD(floatVectorWidth);
  TESSEL_FIELD(halfVectorWidth);
  TESSEL_FIELD(quarterVectorWidth);
  TESSEL_FIELD(atomicStoreGranularity);
  TESSEL_FIELD(rptCountMax);
  TESSEL_FIELD(numStrideBits);
  TESSEL_FIELD(interleavedMemoryElementIndex);
  TESSEL_FIELD(supportsSuperTileSendReceive);
  TESSEL_FIELD(accurateHalf);
  TESSEL_FIELD(minIPUSyncDelay);
  TESSEL_FIELD(maxIPUSyncDelay);
  TESSEL_FIELD(internalSyncCycles);
  TESSEL_FIELD(externalSyncCycles);
  TESSEL_FIELD(globalSyncCycles);
  TESSEL_FIELD(exchangeLatencyCycles);
  TESSEL_FIELD(hostLinkBytesPerSecond);
  TESSEL_FIELD(hostTransferLatencyCycles);
  TESSEL_FIELD(ipuLinkBytesPerSecond);
  TESSEL_FIELD(ipuLinkDomainSize);
  TESSEL_FIELD(gatewayMode);
  TESSEL_FIELD(halfWeightsPerConvUnit);
  TESSEL_FIELD(floatWeightsPerConvUnit);
  TESSEL_FIELD(quarterWeightsPerConvUnit);
  TESSEL_FIELD(halfInHalfOutConvUnits);
  TESSEL_FIELD(halfInFloatOutConvUnits);
  TESSEL_FIELD(floatInFloatOutConvUnits);
  TESSEL_FIELD(quarterInHalfOutConvUnits);
  TESSEL_FIELD(convUnitInputLoadElemsPerCycleHalf);
  TESSEL_FIELD(convUnitInputLoadElemsPerCycleFloat);
  TESSEL_FIELD(convUnitInputLoadElemsPerCycleQuarter);
  TESSEL_FIELD(convUnitCoeffLoadBytesPerCycle);
  TESSEL_FIELD(requiresTileMapping);
  TESSEL_FIELD(streamingMemoryBytesPerSecond);
  TESSEL_FIELD(streamingMemoryLatencyCycles);
#undef TESSEL_FIELD
  return f;
}

const std::vector<Field> &fields() {
  static const std::vector<Field> all = makeFields();
  return all;
}

std::string serializeParams(const TargetParams &p) {
  std::string text =
      std::string(kMagic) + ' ' + std::to_string(kVersion) + '\n';
  for (const Field &f : fields())
    text += f.name + '=' + f.write(p) + '\n';
  return text + "end\n";
}

void readHeader(std::istream &in) {
  std::string line;
  if (!std::getline(in, line))
    corrupt("the stream is empty");
  std::istringstream header(line);
  std::string magic, version, rest;
  header >> magic >> version >> rest;
  if (magic != kMagic || !rest.empty())
    corrupt("expected a first line '" + std::string(kMagic) + " " +
            std::to_string(kVersion) + "' but found '" + line + "'");
  if (version != std::to_string(kVersion))
    throw parse_error("Target: serialized target version " + version +
                      " is not supported; this Tessel reads version " +
                      std::to_string(kVersion) +
                      ", so serialize the target again");
}

/// The "name=value" lines up to "end", each name once.
std::map<std::string, std::string> readValues(std::istream &in) {
  std::map<std::string, std::string> values;
  std::string line;
  unsigned lineNumber = 1;
  while (std::getline(in, line)) {
    ++lineNumber;
    if (line == "end")
      return values;
    auto eq = line.find('=');
    if (eq == std::string::npos)
      corrupt("line " + std::to_string(lineNumber) + " ('" + line +
              "') is not of the form name=value");
    std::string name = line.substr(0, eq);
    if (!values.emplace(name, line.substr(eq + 1)).second)
      corrupt("field '" + name + "' appears twice");
  }
  corrupt("the serialized target is truncated (no 'end' line)");
}

TargetParams parseParams(std::istream &in) {
  readHeader(in);
  std::map<std::string, std::string> values = readValues(in);
  TargetParams p;
  for (const Field &f : fields()) {
    auto it = values.find(f.name);
    if (it == values.end())
      corrupt("field '" + f.name + "' is missing");
    f.read(p, it->second);
    values.erase(it);
  }
  if (!values.empty())
    corrupt("field '" + values.begin()->first + "' is unknown");
  try {
    checkTargetParams(p, "");
  } catch (const invalid_machine_model &e) {
    corrupt(std::string("the target it describes is invalid: ") + e.what());
  }
  return p;
}

} // namespace
} // namespace tessel

namespace poplar {

Target::Target(std::istream &in)
    : impl(std::make_shared<const tessel::TargetParams>(
          tessel::parseParams(in))) {}

void Target::serialize(std::ostream &out) const {
  out << tessel::serializeParams(params());
}

std::size_t Target::hash() const {
  return impl ? std::hash<std::string>()(tessel::serializeParams(*impl)) : 0;
}

bool Target::operator==(const Target &o) const {
  if (!impl || !o.impl)
    return !impl && !o.impl;
  return impl == o.impl ||
         tessel::serializeParams(*impl) == tessel::serializeParams(*o.impl);
}

bool Target::operator<(const Target &o) const {
  if (!impl || !o.impl)
    return !impl && o.impl;
  return tessel::serializeParams(*impl) < tessel::serializeParams(*o.impl);
}

} // namespace poplar
