// poplar::ProfileValue and the legacy Engine::getGraphProfile /
// getExecutionProfile, filled from the JSON profile (Profile.cpp).
#include "runtime/engine/EngineImpl.hpp"

#include <poplar/Engine.hpp>
#include <poplar/ProfileValue.hpp>
#include <poplar/exceptions.hpp>

#include <nlohmann/json.hpp>

#include <cmath>

using namespace poplar;

namespace {

const char *typeName(ProfileValue::Type t) {
  switch (t) {
  case ProfileValue::Type::BOOL_:
    return "boolean";
  case ProfileValue::Type::STRING:
    return "string";
  case ProfileValue::Type::NUMBER:
    return "number";
  case ProfileValue::Type::VECTOR:
    return "vector";
  case ProfileValue::Type::MAP:
    return "map";
  }
  return "value";
}

ProfileValue fromJson(const nlohmann::json &j) {
  switch (j.type()) {
  case nlohmann::json::value_t::boolean:
    return ProfileValue(j.get<bool>());
  case nlohmann::json::value_t::string:
    return ProfileValue(j.get<std::string>());
  case nlohmann::json::value_t::number_integer:
  case nlohmann::json::value_t::number_unsigned:
  case nlohmann::json::value_t::number_float:
    return ProfileValue(j.get<double>());
  case nlohmann::json::value_t::array: {
    ProfileValue::Vector v;
    v.reserve(j.size());
    for (const auto &e : j)
      v.push_back(fromJson(e));
    return ProfileValue(std::move(v));
  }
  case nlohmann::json::value_t::object: {
    ProfileValue::Map m;
    for (auto it = j.begin(); it != j.end(); ++it)
      m.emplace(it.key(), fromJson(it.value()));
    return ProfileValue(std::move(m));
  }
  default:
    // null (an absent execution or out-of-memory entry) has no ProfileValue
    // type: an empty map says "nothing here" to a reader walking the tree.
    return ProfileValue(ProfileValue::Map{});
  }
}

nlohmann::json toJson(const ProfileValue &v) {
  switch (v.type()) {
  case ProfileValue::Type::BOOL_:
    return v.asBool();
  case ProfileValue::Type::STRING:
    return v.asString();
  case ProfileValue::Type::NUMBER: {
    const double d = v.asDouble();
    // Integers print as integers, as the profile file has them.
    if (std::floor(d) == d && std::fabs(d) < 9007199254740992.0)
      return d < 0 ? nlohmann::json(std::int64_t(d))
                   : nlohmann::json(std::uint64_t(d));
    return d;
  }
  case ProfileValue::Type::VECTOR: {
    nlohmann::json a = nlohmann::json::array();
    for (const ProfileValue &e : v.asVector())
      a.push_back(toJson(e));
    return a;
  }
  case ProfileValue::Type::MAP: {
    nlohmann::json o = nlohmann::json::object();
    for (const auto &[key, e] : v.asMap())
      o[key] = toJson(e);
    return o;
  }
  }
  return nullptr;
}

} // namespace

namespace poplar {

void ProfileValue::expect(Type t, const char *what) const {
  if (kind != t)
    throw type_error(std::string("ProfileValue::") + what +
                     ": the value is a " + typeName(kind) + ", not a " +
                     typeName(t));
}

const ProfileValue::String &ProfileValue::asString() const {
  expect(Type::STRING, "asString");
  return string;
}

bool ProfileValue::asBool() const {
  expect(Type::BOOL_, "asBool");
  return boolean;
}

double ProfileValue::asDouble() const {
  expect(Type::NUMBER, "asDouble");
  return number;
}

std::int64_t ProfileValue::asInt() const {
  expect(Type::NUMBER, "asInt");
  if (std::floor(number) != number || number < -9223372036854775808.0 ||
      number >= 9223372036854775808.0)
    throw type_error("ProfileValue::asInt: " + std::to_string(number) +
                     " is not a 64-bit integer; use asDouble");
  return std::int64_t(number);
}

std::uint64_t ProfileValue::asUint() const {
  expect(Type::NUMBER, "asUint");
  if (std::floor(number) != number || number < 0 ||
      number >= 18446744073709551616.0)
    throw type_error("ProfileValue::asUint: " + std::to_string(number) +
                     " is not an unsigned 64-bit integer; use asDouble");
  return std::uint64_t(number);
}

const ProfileValue::Map &ProfileValue::asMap() const {
  expect(Type::MAP, "asMap");
  return map;
}

const ProfileValue::Vector &ProfileValue::asVector() const {
  expect(Type::VECTOR, "asVector");
  return vector;
}

std::size_t ProfileValue::size() const {
  if (kind == Type::MAP)
    return map.size();
  expect(Type::VECTOR, "size");
  return vector.size();
}

const ProfileValue &ProfileValue::operator[](StringRef key) const {
  expect(Type::MAP, "operator[](key)");
  auto it = map.find(std::string(key));
  if (it == map.end())
    throw index_error("ProfileValue: the map has no entry '" +
                      std::string(key) + "'; use getOrNull to test for one");
  return it->second;
}

const ProfileValue &ProfileValue::operator[](std::size_t i) const {
  expect(Type::VECTOR, "operator[](index)");
  if (i >= vector.size())
    throw index_error("ProfileValue: index " + std::to_string(i) +
                      " is out of range for a vector of " +
                      std::to_string(vector.size()) + " elements");
  return vector[i];
}

const ProfileValue *ProfileValue::getOrNull(StringRef key) const {
  expect(Type::MAP, "getOrNull");
  auto it = map.find(std::string(key));
  return it == map.end() ? nullptr : &it->second;
}

std::vector<std::uint64_t> ProfileValue::toUintVector() const {
  std::vector<std::uint64_t> out;
  for (const ProfileValue &e : asVector())
    out.push_back(e.asUint());
  return out;
}

double ProfileValue::sumDouble() const {
  double sum = 0;
  for (const ProfileValue &e : asVector())
    sum += e.asDouble();
  return sum;
}

std::int64_t ProfileValue::sumInt() const {
  std::int64_t sum = 0;
  for (const ProfileValue &e : asVector())
    sum += e.asInt();
  return sum;
}

std::uint64_t ProfileValue::sumUint() const {
  std::uint64_t sum = 0;
  for (const ProfileValue &e : asVector())
    sum += e.asUint();
  return sum;
}

std::int64_t ProfileValue::sum2DInt() const {
  std::int64_t sum = 0;
  for (const ProfileValue &e : asVector())
    sum += e.sumInt();
  return sum;
}

std::uint64_t ProfileValue::sum2DUint() const {
  std::uint64_t sum = 0;
  for (const ProfileValue &e : asVector())
    sum += e.sumUint();
  return sum;
}

bool ProfileValue::operator==(const ProfileValue &o) const {
  if (kind != o.kind)
    return false;
  switch (kind) {
  case Type::BOOL_:
    return boolean == o.boolean;
  case Type::STRING:
    return string == o.string;
  case Type::NUMBER:
    return number == o.number;
  case Type::VECTOR:
    return vector == o.vector;
  case Type::MAP:
    return map == o.map;
  }
  return false;
}

void serializeToJSON(std::ostream &out, const ProfileValue &value,
                     bool prettyPrint) {
  out << toJson(value).dump(prettyPrint ? 2 : -1);
}

ProfileValue Engine::getGraphProfile() const {
  if (!impl)
    throw poplar_error("Engine::getGraphProfile: this poplar::Engine was "
                       "moved from; use the Engine it was moved to");
  nlohmann::json profile = impl->profile(false);
  profile.erase("execution");
  return fromJson(profile);
}

ProfileValue Engine::getExecutionProfile() const {
  if (!impl)
    throw poplar_error("Engine::getExecutionProfile: this poplar::Engine was "
                       "moved from; use the Engine it was moved to");
  return fromJson(impl->profile(true)["execution"]);
}

} // namespace poplar
