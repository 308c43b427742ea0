// OptionFlags lookups and JSON reading (nlohmann_json).
#include <poplar/OptionFlags.hpp>
#include <poplar/exceptions.hpp>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <istream>
#include <sstream>

namespace poplar {

StringRef OptionFlags::at(StringRef option) const {
  auto it = values.find(std::string(option));
  if (it == values.end())
    throw invalid_option("option '" + std::string(option) + "' is not set");
  return it->second;
}

std::ostream &operator<<(std::ostream &os, const OptionFlags &flags) {
  os << '{';
  bool first = true;
  for (const auto &[key, value] : flags) {
    os << (first ? "" : ", ") << '"' << key << "\": \"" << value << '"';
    first = false;
  }
  return os << '}';
}

/// Stores `value` under `key`, flattening objects into dotted keys.
static void storeJSON(const std::string &key, const nlohmann::json &value,
                      OptionFlags &flags) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it)
      storeJSON(key.empty() ? it.key() : key + "." + it.key(), it.value(),
                flags);
  } else if (value.is_string()) {
    flags.set(key, value.get<std::string>());
  } else if (value.is_boolean()) {
    flags.set(key, value.get<bool>() ? "true" : "false");
  } else if (value.is_number()) {
    flags.set(key, value.dump());
  } else {
    throw parse_error("option '" + key + "' has a JSON value of type " +
                      std::string(value.type_name()) +
                      "; use a string, a number or a boolean");
  }
}

static void readJSONText(const std::string &text, OptionFlags &flags) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error &e) {
    throw parse_error("invalid JSON options at byte " + std::to_string(e.byte) +
                      ": " + e.what());
  }
  if (!json.is_object())
    throw parse_error("JSON options must be an object such as "
                      "{\"debug.instrument\": \"true\"}");
  storeJSON("", json, flags);
}

void readJSON(StringRef string, OptionFlags &flags) {
  readJSONText(std::string(string), flags);
}

void readJSON(std::istream &stream, OptionFlags &flags) {
  std::ostringstream text;
  text << stream.rdbuf();
  readJSONText(text.str(), flags);
}

void readJSONFromEnv(StringRef envVarName, OptionFlags &flags) {
  const char *value = std::getenv(std::string(envVarName).c_str());
  if (value && *value)
    readJSONText(value, flags);
}

} // namespace poplar
