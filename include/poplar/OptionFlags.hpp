// OptionFlags: string key/value options for engines, targets and libraries.
#ifndef POPLAR_OPTIONFLAGS_HPP
#define POPLAR_OPTIONFLAGS_HPP

#include <poplar/StringRef.hpp>

#include <initializer_list>
#include <istream>
#include <map>
#include <ostream>
#include <string>
#include <utility>

namespace poplar {

class OptionFlags {
public:
  using OptionFlag = std::pair<const std::string, std::string>;
  using initializer_list = std::initializer_list<OptionFlag>;
  using const_iterator = std::map<std::string, std::string>::const_iterator;
  using iterator = const_iterator;

  OptionFlags() = default;
  OptionFlags(initializer_list list) { set(list); }

  void set(initializer_list list) {
    for (const OptionFlag &f : list)
      values[f.first] = f.second;
  }
  void set(StringRef option, StringRef value) {
    values[std::string(option)] = std::string(value);
  }
  /// The value of `option`; throws poplar::invalid_option if it is not set.
  StringRef at(StringRef option) const;
  const_iterator find(StringRef option) const {
    return values.find(std::string(option));
  }
  std::size_t size() const { return values.size(); }
  bool empty() const { return values.empty(); }
  void clear() { values.clear(); }
  void remove(StringRef option) { values.erase(std::string(option)); }
  const_iterator begin() const { return values.begin(); }
  const_iterator end() const { return values.end(); }
  bool operator==(const OptionFlags &o) const { return values == o.values; }
  bool operator!=(const OptionFlags &o) const { return values != o.values; }

private:
  std::map<std::string, std::string> values;
};

std::ostream &operator<<(std::ostream &os, const OptionFlags &flags);

/// Reads a JSON object of options into `flags`, replacing options already
/// set: values may be strings, numbers or booleans (stored as their text,
/// e.g. "true", "42"); nested objects become dotted keys, so
/// {"debug": {"instrument": true}} sets "debug.instrument". Throws
/// poplar::parse_error naming the line and column of malformed JSON, and
/// leaves `flags` unchanged on any error.
void readJSON(StringRef string, OptionFlags &flags);
void readJSON(std::istream &stream, OptionFlags &flags);
/// readJSON on the contents of environment variable `envVarName`, if it is
/// set and not empty; errors name the variable.
void readJSONFromEnv(StringRef envVarName, OptionFlags &flags);

} // namespace poplar

#endif
