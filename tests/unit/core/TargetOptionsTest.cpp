// Target options from OptionFlags and from POPLAR_TARGET_OPTIONS, and the
// errors for unknown options and values.
#include "ScopedEnv.hpp"

#include <poplar/Target.hpp>
#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

using namespace poplar;

TEST_CASE("Target options set the IPU-Link network and gateway",
          "[core][target][options]") {
  Target t = Target::createIPUTarget(4, "ipu2",
                                     {{"ipuLinkConfiguration", "slidingWindow"},
                                      {"ipuLinkTopology", "TORUS"},
                                      {"ipuLinkDomainSize", "2"},
                                      {"gatewayMode", "true"}});
  CHECK(t.getIpuLinkConfiguration() == IpuLinkConfiguration::SlidingWindow);
  CHECK(t.getIpuLinkTopology() == IpuLinkTopology::Torus);
  CHECK(t.getIpuLinkDomainSize() == 2);
  CHECK(t.getGatewayMode());
  CHECK(t != Target::createIPUTarget(4, "ipu2"));
  Target line = Target::createIPUTarget(
      "ipu1",
      {{"ipuLinkTopology", "line"}, {"ipuLinkConfiguration", "BarleyTwist"}});
  CHECK(line.getIpuLinkTopology() == IpuLinkTopology::Line);
  CHECK(line.getIpuLinkConfiguration() == IpuLinkConfiguration::BarleyTwist);
}

TEST_CASE("Unknown target options and values are named",
          "[core][target][options]") {
  CHECK_THROWS_AS(Target::createIPUTarget("ipu2", {{"tiles", "4"}}),
                  invalid_option);
  CHECK_THROWS_WITH(Target::createIPUTarget("ipu2", {{"tiles", "4"}}),
                    Catch::Contains("'tiles'") &&
                        Catch::Contains("ipuLinkTopology"));
  CHECK_THROWS_WITH(
      Target::createIPUTarget("ipu2", {{"ipuLinkTopology", "ring"}}),
      Catch::Contains("'ring'") && Catch::Contains("mesh, torus, line"));
  CHECK_THROWS_WITH(Target::createIPUTarget("ipu2", {{"gatewayMode", "1"}}),
                    Catch::Contains("gatewayMode") &&
                        Catch::Contains("true, false"));
  for (const char *bad : {"0", "-2", "two", "", "12345678901"}) {
    INFO(bad);
    CHECK_THROWS_WITH(
        Target::createIPUTarget("ipu2", {{"ipuLinkDomainSize", bad}}),
        Catch::Contains("ipuLinkDomainSize") &&
            Catch::Contains("whole number"));
  }
}

TEST_CASE("POPLAR_TARGET_OPTIONS overrides the program's options",
          "[core][target][options]") {
  {
    ScopedEnv env("POPLAR_TARGET_OPTIONS", R"({"ipuLinkTopology": "line"})");
    Target t = Target::createIPUTarget(
        2, "ipu2", {{"ipuLinkTopology", "torus"}, {"gatewayMode", "true"}});
    CHECK(t.getIpuLinkTopology() == IpuLinkTopology::Line);
    CHECK(t.getGatewayMode());
  }
  CHECK(Target::createIPUTarget(2, "ipu2", {{"ipuLinkTopology", "torus"}})
            .getIpuLinkTopology() == IpuLinkTopology::Torus);
  ScopedEnv bad("POPLAR_TARGET_OPTIONS", "{not json");
  CHECK_THROWS_AS(Target::createIPUTarget("ipu2"), parse_error);
  CHECK_THROWS_WITH(Target::createIPUTarget("ipu2"),
                    Catch::Contains("POPLAR_TARGET_OPTIONS"));
}
