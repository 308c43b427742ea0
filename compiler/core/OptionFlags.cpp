// OptionFlags lookups and printing, and reading options from JSON
// (nlohmann_json) text, streams and environment variables.
#include <poplar/OptionFlags.hpp>
#include <poplar/exceptions.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <istream>
#include <sstream>

namespace poplar {

StringRef OptionFlags::at(StringRef option) const {
  auto it = values.find(std::string(option));
  if (it == values.end())
    throw invalid_option("OptionFlags::at: option '" + std::string(option) +
                         "' is not set; check find() != end() first");
  return it->second;
}

std::ostream &operator<<(std::ostream &os, const OptionFlags &flags) {
  os << '{';
  bool first = true;
  for (const auto &[key, value] : flags) {
    os << (first ? "" : ", ") << nlohmann::json(key).dump() << ": "
       << nlohmann::json(value).dump();
    first = false;
  }
  return os << '}';
}

namespace {

/// Stores `value` under `key`, flattening objects into dotted keys.
void storeJSON(const std::string &key, const nlohmann::json &value,
               OptionFlags &flags, const std::string &source) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it)
      storeJSON(key.empty() ? it.key() : key + "." + it.key(), it.value(),
                flags, source);
  } else if (value.is_string()) {
    flags.set(key, value.get<std::string>());
  } else if (value.is_boolean()) {
    flags.set(key, value.get<bool>() ? "true" : "false");
  } else if (value.is_number()) {
    flags.set(key, value.dump());
  } else {
    throw parse_error(source + ": option '" + key + "' has a JSON " +
                      value.type_name() +
                      " value; use a string, a number or a boolean");
  }
}

/// "line L, column C" of byte offset `byte` (1-based, as nlohmann counts:
/// the byte at which parsing stopped).
std::string position(const std::string &text, std::size_t byte) {
  std::size_t end = std::min(byte ? byte - 1 : 0, text.size());
  std::size_t line = 1 + std::count(text.begin(), text.begin() + end, '\n');
  std::size_t lineStart = text.rfind('\n', end ? end - 1 : 0);
  lineStart = lineStart == std::string::npos || end == 0 ? 0 : lineStart + 1;
  return "line " + std::to_string(line) + ", column " +
         std::to_string(end - lineStart + 1);
}

void readJSONText(const std::string &text, OptionFlags &flags,
                  const std::string &source) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error &e) {
    // nlohmann's message starts with its own id and position; keep the
    // rest, which says what it expected.
    std::string detail = e.what();
    detail = detail.substr(
        detail.find(": ") == std::string::npos ? 0 : detail.find(": ") + 2);
    throw parse_error(source + ": invalid JSON at " + position(text, e.byte) +
                      " (byte " + std::to_string(e.byte) + "): " + detail);
  } catch (const nlohmann::json::out_of_range &e) {
    // Well-formed JSON holding a number no double can (such as 4e440).
    std::string detail = e.what();
    detail = detail.substr(
        detail.find("] ") == std::string::npos ? 0 : detail.find("] ") + 2);
    throw parse_error(source + ": " + detail +
                      "; write values out of a double's range as strings");
  }
  if (!json.is_object())
    throw parse_error(source +
                      ": JSON options must be an object such as "
                      "{\"debug.instrument\": \"true\"}, not a " +
                      std::string(json.type_name()));
  // Parse into a copy so a bad value leaves `flags` as it was.
  OptionFlags parsed = flags;
  storeJSON("", json, parsed, source);
  flags = std::move(parsed);
}

} // namespace

void readJSON(StringRef string, OptionFlags &flags) {
  readJSONText(std::string(string), flags, "readJSON");
}

void readJSON(std::istream &stream, OptionFlags &flags) {
  std::ostringstream text;
  text << stream.rdbuf();
  readJSONText(text.str(), flags, "readJSON");
}

void readJSONFromEnv(StringRef envVarName, OptionFlags &flags) {
  const std::string name(envVarName);
  const char *value = std::getenv(name.c_str());
  if (value && *value)
    readJSONText(value, flags, "environment variable " + name);
}

} // namespace poplar
