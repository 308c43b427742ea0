// Targets: published numbers per architecture, factories, and the
// serialized form.
#include "compiler/core/TargetParameters.hpp"

#include <poplar/IPUModel.hpp>
#include <poplar/Target.hpp>
#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace poplar;

TEST_CASE("IPU targets report the published figures", "[core][target]") {
  Target ipu2 = Target::createIPUTarget("ipu2");
  CHECK(ipu2.getTargetType() == TargetType::IPU);
  CHECK(ipu2.getNumTiles() == 1472);
  CHECK(ipu2.getBytesPerTile() == 638976);
  CHECK(ipu2.getNumWorkerContexts() == 6);
  CHECK(ipu2.getExchangeBytesPerCycle() == 4);
  CHECK(ipu2.getFloatVectorWidth() == 2);
  CHECK(ipu2.getHalfVectorWidth() == 4);
  CHECK(ipu2.getVectorWidth(HALF) == 4);
  CHECK(ipu2.getTypeSize(FLOAT) == 4);
  CHECK(ipu2.getMemoryBytes() == 1472ull * 638976);
  Target ipu1 = Target::createIPUTarget(2, "ipu1");
  CHECK(ipu1.getNumTiles() == 2 * 1216);
  CHECK(ipu1.getBytesPerTile() == 256 * 1024);
  CHECK(Target::createIPUTarget(1, 8, "ipu21").getNumTiles() == 8);
  CHECK(Target::createCPUTarget().getTargetType() == TargetType::CPU);
  CHECK_THROWS_AS(Target::createIPUTarget("ipu9"), invalid_machine_model);
  CHECK_THROWS_WITH(Target::createIPUTarget("ipu9"),
                    Catch::Contains("ipu1, ipu2 and ipu21"));
  CHECK_THROWS_AS(Target().getNumTiles(), poplar_error);
}

TEST_CASE("IPUModel members flow into its target", "[core][target]") {
  IPUModel model("ipu21");
  model.numIPUs = 2;
  model.tilesPerIPU = 16;
  model.memoryBytesPerTile = 1000;
  Target t = model.createDevice().getTarget();
  CHECK(t.getTargetType() == TargetType::IPU_MODEL);
  CHECK(t.getTargetArchString() == "ipu21");
  CHECK(t.getNumTiles() == 32);
  CHECK(t.getBytesPerTile() == 1000);
  CHECK_FALSE(tessel::targetParams(t).requiresTileMapping);
  CHECK_THROWS_AS(IPUModel("gpu"), invalid_machine_model);
  model.memoryBytesPerTile = 4 << 20;
  CHECK_THROWS_WITH(model.createDevice(), Catch::Contains("21-bit"));
}

TEST_CASE("Targets serialize and deserialize exactly", "[core][target]") {
  IPUModel model("ipu1");
  model.tilesPerIPU = 5;
  Target t = model.createDevice().getTarget();
  std::stringstream text;
  t.serialize(text);
  Target back(text);
  CHECK(back == t);
  CHECK(back.hash() == t.hash());
  std::stringstream junk("not a target");
  CHECK_THROWS_AS(Target(junk), parse_error);
  std::stringstream truncated("TesselTarget 1\narch=ipu1\n");
  CHECK_THROWS_WITH(Target(truncated), Catch::Contains("truncated"));
  std::stringstream future("TesselTarget 99\n");
  CHECK_THROWS_WITH(Target(future), Catch::Contains("version 99"));
}
