// The serialized Target: exact round trips for every kind of target, and a
// parse_error that says what is wrong for each way the text can be corrupt.
#include <poplar/IPUModel.hpp>
#include <poplar/Target.hpp>
#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <iostream>
#include <sstream>

using namespace poplar;

namespace {

std::string serialized(const Target &t) {
  std::ostringstream os;
  t.serialize(os);
  return os.str();
}

Target parse(const std::string &text) {
  std::istringstream is(text);
  return Target(is);
}

/// The serialized ipu2 target with the line for `field` replaced by `line`
/// (or removed when `line` is empty).
std::string withLine(const std::string &field, const std::string &line) {
  std::string text = serialized(Target::createIPUTarget("ipu2"));
  auto at = text.find("\n" + field + "=");
  REQUIRE(at != std::string::npos);
  auto end = text.find('\n', at + 1);
  return text.substr(0, at + 1) + line + (line.empty() ? "" : "\n") +
         text.substr(end + 1);
}

} // namespace

TEST_CASE("Every kind of target serializes and reads back exactly",
          "[core][target][serialize]") {
  IPUModel model("ipu1");
  model.tilesPerIPU = 5;
  model.numIPUs = 2;
  model.tileClockFrequency = 1.2345678901234567e9;
  model.relativeSyncDelay = IPUModel::RelativeSyncDelayType::NO_DELAY;
  std::vector<Target> targets{
      Target::createIPUTarget("ipu2"),
      Target::createIPUTarget(
          4, 16, "ipu21",
          {{"ipuLinkTopology", "torus"}, {"gatewayMode", "true"}}),
      Target::createCPUTarget(true, 2), Target::createVirtualTarget(3, 2000),
      model.createDevice({}, true).getTarget()};
  for (const Target &t : targets) {
    INFO(serialized(t));
    Target back = parse(serialized(t));
    CHECK(back == t);
    CHECK(back.hash() == t.hash());
    CHECK(serialized(back) == serialized(t));
    CHECK(back.getTileClockFrequency() == t.getTileClockFrequency());
    CHECK(back.getNumTiles() == t.getNumTiles());
    CHECK(back.getTargetType() == t.getTargetType());
    CHECK(back.getIpuLinkTopology() == t.getIpuLinkTopology());
  }
  CHECK(serialized(targets[0]).rfind("TesselTarget 2\n", 0) == 0);
  CHECK_THROWS_AS(Target().serialize(std::cout), poplar_error);
}

TEST_CASE("Corrupt serialized targets are parse errors that say why",
          "[core][target][serialize]") {
  auto fails = [](const std::string &text, const std::string &words) {
    INFO(text);
    CHECK_THROWS_AS(parse(text), parse_error);
    CHECK_THROWS_WITH(parse(text), Catch::Contains(words));
  };
  fails("", "empty");
  fails("not a target\n", "'not a target'");
  fails("TesselTarget 2 extra\n", "first line");
  fails("TesselTarget 99\narch=ipu2\nend\n", "version 99");
  fails("TesselTarget 2\narch=ipu2\n", "truncated");
  fails(withLine("numIPUs", ""), "'numIPUs' is missing");
  fails(withLine("numIPUs", "numIPUs=1\nnumIPUs=1"), "'numIPUs' appears twice");
  fails(withLine("numIPUs", "numIPUs=1\ncolour=blue"), "'colour' is unknown");
  fails(withLine("numIPUs", "numIPUs"), "not of the form name=value");
  fails(withLine("numIPUs", "numIPUs=-1"), "malformed value '-1'");
  fails(withLine("tilesPerIPU", "tilesPerIPU=12x"), "malformed value '12x'");
  fails(withLine("tilesPerIPU", "tilesPerIPU=99999999999"),
        "malformed value '99999999999'");
  fails(withLine("clockHz", "clockHz=fast"), "'clockHz'");
  fails(withLine("clockHz", "clockHz="), "'clockHz'");
  fails(withLine("gatewayMode", "gatewayMode=2"), "must be 0 or 1");
  fails(withLine("type", "type=GPU"), "unknown value 'GPU'");
  fails(withLine("ipuLinkTopology", "ipuLinkTopology=Ring"),
        "unknown value 'Ring'");
  // Well-formed text that describes an impossible machine.
  fails(withLine("numIPUs", "numIPUs=0"), "numIPUs must be at least 1");
  fails(withLine("arch", "arch=ipu9"), "'ipu9'");
  fails(withLine("clockHz", "clockHz=-5"), "tileClockFrequency");
  fails(withLine("bytesPerTile", "bytesPerTile=4194304"), "21-bit");
}
