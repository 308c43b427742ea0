// The legacy Engine::getGraphProfile / getExecutionProfile (issue 13 part 6):
// Tessel's JSON profile as a poplar::ProfileValue tree.
#include "Harness.hpp"

#include "ErrorOf.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace poplar;
using namespace poplar::program;
using tessel_test::errorOf;

TEST_CASE("The legacy graph and execution profiles are Tessel's profile",
          "[e2e][profile]") {
  Device device = e2e::modelDevice(4);
  Graph graph(device.getTarget());
  Tensor a = graph.addVariable(FLOAT, {8}, "a");
  Tensor b = graph.addVariable(FLOAT, {8}, "b");
  graph.setTileMapping(a, 0);
  graph.setTileMapping(b, 3);
  Engine engine(graph, Copy(a, b), {{"debug.instrument", "true"}});
  engine.load(device);
  engine.run(0);
  engine.run(0);

  ProfileValue g = engine.getGraphProfile();
  CHECK(g.type() == ProfileValue::Type::MAP);
  CHECK(g.getOrNull("execution") == nullptr);
  CHECK(g["format"].asString() == "tessel-profile");
  CHECK(g["target"]["numTiles"].asUint() == 4);
  CHECK(g["target"]["architecture"].asString() == "ipu2");
  CHECK(g["graph"]["exchanges"].size() >= 1);

  ProfileValue x = engine.getExecutionProfile();
  CHECK(x["runs"].asUint() == 2);
  const std::uint64_t total = x["cycles"]["total"].asUint();
  CHECK(total > 0);
  CHECK(total <= engine.getCycleCount());
  CHECK(x["byKind"]["exchange"]["steps"].asUint() == 2);

  std::ostringstream json;
  serializeToJSON(json, g["target"]);
  CHECK_THAT(json.str(), Catch::Contains("\"numTiles\":4") &&
                             Catch::Contains("\"architecture\":\"ipu2\""));
  std::ostringstream pretty;
  serializeToJSON(pretty, g["target"], true);
  CHECK_THAT(pretty.str(), Catch::Contains("\n  \"numTiles\": 4"));
}

TEST_CASE("ProfileValue accessors check the value's type", "[e2e][profile]") {
  ProfileValue v(ProfileValue::Map{
      {"n", ProfileValue(3.0)},
      {"half", ProfileValue(0.5)},
      {"rows", ProfileValue(ProfileValue::Vector{
                   ProfileValue(ProfileValue::Vector{ProfileValue(1.0),
                                                     ProfileValue(2.0)}),
                   ProfileValue(ProfileValue::Vector{ProfileValue(4.0)})})},
      {"name", ProfileValue("x")},
      {"on", ProfileValue(true)}});
  CHECK(v["n"].asInt() == 3);
  CHECK(v["rows"][0].toUintVector() == std::vector<std::uint64_t>{1, 2});
  CHECK(v["rows"].sum2DUint() == 7);
  CHECK(v["rows"][1].sumDouble() == 4.0);
  CHECK(v["on"].asBool());
  CHECK(v == v);
  CHECK(v["n"] != v["half"]);
  CHECK_THAT(errorOf<type_error>([&] { v["name"].asUint(); }),
             Catch::Contains("is a string, not a number"));
  CHECK_THAT(errorOf<type_error>([&] { v["half"].asUint(); }),
             Catch::Contains("not an unsigned 64-bit integer"));
  CHECK_THAT(errorOf<index_error>([&] { v["missing"]; }),
             Catch::Contains("no entry 'missing'") &&
                 Catch::Contains("getOrNull"));
  CHECK_THAT(errorOf<index_error>([&] { v["rows"][2]; }),
             Catch::Contains("index 2 is out of range"));
}
