// OptionFlags: construction, lookup, iteration, printing, and JSON reading
// with errors that say where the JSON is wrong.
#include "ScopedEnv.hpp"

#include <poplar/OptionFlags.hpp>
#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <sstream>
#include <type_traits>

using namespace poplar;

TEST_CASE("OptionFlags hold string options", "[core][options]") {
  OptionFlags opts{{"debug.instrument", "true"}, {"prng.seed", "5"}};
  CHECK(opts.size() == 2);
  CHECK(std::string(opts.at("prng.seed")) == "5");
  opts.set("prng.seed", "7");
  CHECK(std::string(opts.at("prng.seed")) == "7");
  opts.set({{"a", "1"}, {"prng.seed", "8"}});
  CHECK(opts.size() == 3);
  CHECK(std::string(opts.at("prng.seed")) == "8");
  CHECK(opts.find("nope") == opts.end());
  CHECK(opts.find("a")->second == "1");
  opts.remove("a");
  CHECK(opts.find("a") == opts.end());
  OptionFlags copy = opts;
  CHECK(copy == opts);
  copy.clear();
  CHECK(copy.size() == 0);
  CHECK(copy != opts);
}

TEST_CASE("OptionFlags iterate in key order as pairs of strings",
          "[core][options]") {
  OptionFlags opts{{"b", "2"}, {"a", "1"}};
  static_assert(std::is_same_v<std::decay_t<decltype(*opts.begin())>,
                               std::pair<const std::string, std::string>>,
                "iteration yields std::pair<const std::string, std::string>");
  std::string seen;
  for (const auto &[key, value] : opts)
    seen += key + "=" + value + ";";
  CHECK(seen == "a=1;b=2;");
  std::ostringstream os;
  os << OptionFlags{{"k", "v \"q\""}};
  CHECK(os.str() == R"({"k": "v \"q\""})");
}

TEST_CASE("OptionFlags::at names a missing option", "[core][options]") {
  OptionFlags opts;
  CHECK_THROWS_AS(opts.at("nope"), invalid_option);
  CHECK_THROWS_WITH(opts.at("nope"), Catch::Contains("'nope'"));
}

TEST_CASE("readJSON flattens objects and stringifies values",
          "[core][options]") {
  OptionFlags opts{{"prng.seed", "1"}, {"kept", "yes"}};
  readJSON(R"({"debug": {"instrument": true, "trace": {"level": 2}},
               "prng.seed": 42, "scale": 0.5,
               "autoReport.directory": "./out"})",
           opts);
  CHECK(std::string(opts.at("debug.instrument")) == "true");
  CHECK(std::string(opts.at("debug.trace.level")) == "2");
  CHECK(std::string(opts.at("prng.seed")) == "42");
  CHECK(std::string(opts.at("scale")) == "0.5");
  CHECK(std::string(opts.at("autoReport.directory")) == "./out");
  CHECK(std::string(opts.at("kept")) == "yes");
  std::istringstream stream(R"({"fromStream": false})");
  readJSON(stream, opts);
  CHECK(std::string(opts.at("fromStream")) == "false");
}

TEST_CASE("readJSON errors say where the JSON is wrong", "[core][options]") {
  OptionFlags opts{{"before", "1"}};
  CHECK_THROWS_AS(readJSON(R"({"a": )", opts), parse_error);
  CHECK_THROWS_WITH(readJSON("{\"a\": 1,\n  \"b\": ,}", opts),
                    Catch::Contains("line 2, column 8"));
  CHECK_THROWS_WITH(readJSON(R"({"a": 1,, })", opts),
                    Catch::Contains("line 1, column 9") &&
                        Catch::Contains("readJSON"));
  CHECK_THROWS_WITH(readJSON("[1, 2]", opts),
                    Catch::Contains("must be an object") &&
                        Catch::Contains("array"));
  CHECK_THROWS_WITH(readJSON(R"({"a": [1]})", opts),
                    Catch::Contains("'a'") && Catch::Contains("array"));
  CHECK_THROWS_WITH(readJSON(R"({"x": {"y": null}})", opts),
                    Catch::Contains("'x.y'") && Catch::Contains("null"));
  // A value that fails part way leaves the flags as they were.
  CHECK_THROWS(readJSON(R"({"good": 1, "bad": [2]})", opts));
  CHECK(opts.size() == 1);
  CHECK(opts.find("good") == opts.end());
}

TEST_CASE("readJSON: a number out of a double's range is a parse_error",
          "[core][options]") {
  // Found by fuzz_option_flags: nlohmann's out_of_range escaped readJSON.
  OptionFlags opts{{"before", "1"}};
  CHECK_THROWS_AS(readJSON(R"({"a": 4e440})", opts), parse_error);
  CHECK_THROWS_WITH(readJSON(R"({"a": 4e440})", opts),
                    Catch::Contains("readJSON") && Catch::Contains("4e440") &&
                        Catch::Contains("as strings"));
  CHECK(opts.size() == 1);
}

TEST_CASE("readJSONFromEnv reads a variable when it is set",
          "[core][options]") {
  const char *name = "TESSEL_TEST_OPTIONS";
  OptionFlags none;
  readJSONFromEnv(name, none);
  CHECK(none.size() == 0);
  {
    ScopedEnv env(name, R"({"x": "y"})");
    OptionFlags opts;
    readJSONFromEnv(name, opts);
    CHECK(std::string(opts.at("x")) == "y");
  }
  {
    ScopedEnv env(name, "");
    OptionFlags opts;
    readJSONFromEnv(name, opts);
    CHECK(opts.size() == 0);
  }
  ScopedEnv env(name, "{oops}");
  OptionFlags opts;
  CHECK_THROWS_AS(readJSONFromEnv(name, opts), parse_error);
  CHECK_THROWS_WITH(
      readJSONFromEnv(name, opts),
      Catch::Contains("environment variable TESSEL_TEST_OPTIONS"));
}
