// Target options: the OptionFlags given to Target::createIPUTarget and
// IPUModel::createDevice, overridden by POPLAR_TARGET_OPTIONS.
#include "compiler/core/TargetParameters.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>

namespace tessel {

namespace {

std::string lowercase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

[[noreturn]] void badValue(const std::string &option, const std::string &value,
                           const std::string &allowed) {
  throw poplar::invalid_option("target option '" + option + "' has value '" +
                               value + "'; use " + allowed);
}

/// `names` maps each accepted spelling (compared without case) to a value.
template <class T>
T parseEnum(const std::string &option, const std::string &value,
            const std::vector<std::pair<std::string, T>> &names) {
  std::string allowed;
  for (const auto &[name, v] : names) {
    if (lowercase(name) == lowercase(value))
      return v;
    allowed += (allowed.empty() ? "" : ", ") + name;
  }
  badValue(option, value, "one of " + allowed);
}

unsigned parsePositive(const std::string &option, const std::string &value) {
  bool digits = !value.empty() && value.size() <= 9 &&
                std::all_of(value.begin(), value.end(),
                            [](unsigned char c) { return std::isdigit(c); });
  if (!digits || std::stoul(value) == 0)
    badValue(option, value, "a whole number from 1 to 999999999");
  return static_cast<unsigned>(std::stoul(value));
}

using Setter = std::function<void(TargetParams &, const std::string &)>;

const std::map<std::string, Setter> &setters() {
  using poplar::IpuLinkConfiguration;
  using poplar::IpuLinkTopology;
  static const std::map<std::string, Setter> all = {
      {"ipuLinkConfiguration",
       [](TargetParams &p, const std::string &v) {
         p.ipuLinkConfiguration = parseEnum<IpuLinkConfiguration>(
             "ipuLinkConfiguration", v,
             {{"default", IpuLinkConfiguration::Default},
              {"slidingWindow", IpuLinkConfiguration::SlidingWindow},
              {"barleyTwist", IpuLinkConfiguration::BarleyTwist}});
       }},
      {"ipuLinkTopology",
       [](TargetParams &p, const std::string &v) {
         p.ipuLinkTopology =
             parseEnum<IpuLinkTopology>("ipuLinkTopology", v,
                                        {{"mesh", IpuLinkTopology::Mesh},
                                         {"torus", IpuLinkTopology::Torus},
                                         {"line", IpuLinkTopology::Line}});
       }},
      {"ipuLinkDomainSize",
       [](TargetParams &p, const std::string &v) {
         p.ipuLinkDomainSize = parsePositive("ipuLinkDomainSize", v);
       }},
      {"gatewayMode",
       [](TargetParams &p, const std::string &v) {
         p.gatewayMode = parseEnum<bool>("gatewayMode", v,
                                         {{"true", true}, {"false", false}});
       }},
  };
  return all;
}

void applyOne(TargetParams &p, const std::string &option,
              const std::string &value) {
  auto it = setters().find(option);
  if (it == setters().end()) {
    std::string known;
    for (const auto &entry : setters())
      known += (known.empty() ? "" : ", ") + entry.first;
    throw poplar::invalid_option("unknown target option '" + option +
                                 "'; the target options are " + known);
  }
  it->second(p, value);
}

} // namespace

void applyTargetOptions(TargetParams &p, const poplar::OptionFlags &opts) {
  poplar::OptionFlags all = opts;
  poplar::readJSONFromEnv("POPLAR_TARGET_OPTIONS", all);
  for (const auto &[option, value] : all)
    applyOne(p, option, value);
}

} // namespace tessel
