// OptionFlags: construction, lookup and JSON reading with clear errors.
#include <poplar/OptionFlags.hpp>
#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace poplar;

TEST_CASE("OptionFlags hold string options", "[core][options]") {
  OptionFlags opts{{"debug.instrument", "true"}, {"prng.seed", "5"}};
  CHECK(opts.size() == 2);
  CHECK(std::string(opts.at("prng.seed")) == "5");
  opts.set("prng.seed", "7");
  CHECK(std::string(opts.at("prng.seed")) == "7");
  CHECK(opts.find("nope") == opts.end());
  CHECK_THROWS_AS(opts.at("nope"), invalid_option);
}

TEST_CASE("readJSON flattens objects and stringifies values",
          "[core][options]") {
  OptionFlags opts;
  readJSON(R"({"debug": {"instrument": true}, "prng.seed": 42,
               "autoReport.directory": "./out"})",
           opts);
  CHECK(std::string(opts.at("debug.instrument")) == "true");
  CHECK(std::string(opts.at("prng.seed")) == "42");
  CHECK(std::string(opts.at("autoReport.directory")) == "./out");
}

TEST_CASE("readJSON errors say where the JSON is wrong", "[core][options]") {
  OptionFlags opts;
  CHECK_THROWS_AS(readJSON(R"({"a": )", opts), parse_error);
  CHECK_THROWS_WITH(readJSON(R"({"a": 1,, })", opts), Catch::Contains("byte"));
  CHECK_THROWS_WITH(readJSON("[1, 2]", opts), Catch::Contains("object"));
  CHECK_THROWS_WITH(readJSON(R"({"a": [1]})", opts), Catch::Contains("'a'"));
}

TEST_CASE("readJSONFromEnv reads a variable when it is set",
          "[core][options]") {
  setenv("TESSEL_TEST_OPTIONS", R"({"x": "y"})", 1);
  OptionFlags opts;
  readJSONFromEnv("TESSEL_TEST_OPTIONS", opts);
  CHECK(std::string(opts.at("x")) == "y");
  unsetenv("TESSEL_TEST_OPTIONS");
  OptionFlags none;
  readJSONFromEnv("TESSEL_TEST_OPTIONS", none);
  CHECK(none.size() == 0);
}
