// Targets: published numbers per architecture, every factory, the
// invalid target, comparisons, and the errors for impossible machines.
#include "compiler/core/TargetParameters.hpp"

#include <poplar/Target.hpp>
#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <unordered_set>

using namespace poplar;

TEST_CASE("IPU targets report each architecture's figures", "[core][target]") {
  struct Expect {
    const char *arch;
    unsigned tiles;
    unsigned bytesPerTile;
    double clock;
    unsigned halfUnits, floatUnits;
  };
  for (Expect e : {Expect{"ipu1", 1216, 262144, 1.6e9, 8, 4},
                   Expect{"ipu2", 1472, 638976, 1.33e9, 16, 8},
                   Expect{"ipu21", 1472, 638976, 1.85e9, 16, 8}}) {
    INFO(e.arch);
    Target t = Target::createIPUTarget(e.arch);
    CHECK(t.getTargetType() == TargetType::IPU);
    CHECK(t.getTargetArchString() == e.arch);
    CHECK(t.getTargetSystemString() == e.arch);
    CHECK(t.getNumIPUs() == 1);
    CHECK(t.getTilesPerIPU() == e.tiles);
    CHECK(t.getNumTiles() == e.tiles);
    CHECK(t.getBytesPerTile() == e.bytesPerTile);
    CHECK(t.getMemoryBytes() == std::uint64_t(e.tiles) * e.bytesPerTile);
    CHECK(t.getNumWorkerContexts() == 6);
    CHECK(t.getExchangeBytesPerCycle() == 4);
    CHECK(t.getTileClockFrequency() == e.clock);
    CHECK(t.getDataPathWidth() == 64);
    CHECK(t.getFloatVectorWidth() == 2);
    CHECK(t.getHalfVectorWidth() == 4);
    CHECK(t.getQuarterVectorWidth() == 8);
    CHECK(t.getNumConvUnits(HALF, FLOAT) == e.halfUnits);
    CHECK(t.getFp16InFp32OutConvUnitsPerTile() == e.halfUnits);
    CHECK(t.getNumConvUnits(FLOAT, FLOAT) == e.floatUnits);
    CHECK(t.getFp32InFp32OutConvUnitsPerTile() == e.floatUnits);
    CHECK(t.getWeightsPerConvUnit(HALF) == 16);
    CHECK(t.getWeightsPerConvUnit(FLOAT) == 8);
    CHECK(t.getConvUnitMaxPipelineDepth(HALF) ==
          t.getFp16ConvUnitMaxPipelineDepth());
    CHECK(t.getConvUnitInputLoadElemsPerCycle(HALF) == 4);
    CHECK(t.getConvUnitInputLoadElemsPerCycle(FLOAT) == 2);
    CHECK(t.getFp32ConvUnitInputLoadElemsPerCycle() == 2);
    CHECK(t.getInstanceSize() == 1);
    CHECK(t.getIpuLinkDomainSize() == 1);
    CHECK(t.getIpuLinkConfiguration() == IpuLinkConfiguration::Default);
    CHECK(t.getIpuLinkTopology() == IpuLinkTopology::Mesh);
    CHECK_FALSE(t.getGatewayMode());
    CHECK(t.getMemoryElementOffsets() ==
          std::vector<unsigned>{0, e.bytesPerTile / 2});
    CHECK(tessel::targetParams(t).requiresTileMapping);
  }
  // FP16.32 peak FLOPS follow from units x input elements x 2 x clock.
  Target ipu2 = Target::createIPUTarget("ipu2");
  double peak = 2.0 * ipu2.getNumConvUnits(HALF, FLOAT) *
                ipu2.getConvUnitInputLoadElemsPerCycle(HALF) *
                ipu2.getNumTiles() * ipu2.getTileClockFrequency();
  CHECK(peak == Approx(250e12).epsilon(0.01));
}

TEST_CASE("Vector widths and sizes come from the type table",
          "[core][target]") {
  Target t = Target::createIPUTarget("ipu2");
  CHECK(t.getVectorWidth(FLOAT) == 2);
  CHECK(t.getVectorWidth(HALF) == 4);
  CHECK(t.getVectorWidth(CHAR) == 8);
  CHECK(t.getVectorWidth(LONGLONG) == 1);
  CHECK(t.getTypeSize(UNSIGNED_SHORT) == 2);
  CHECK(t.getTypeSize(FLOAT) == 4);
  CHECK_THROWS_AS(t.getVectorWidth(Type()), type_error);
  CHECK_THROWS_AS(t.getTypeSize(Type()), type_error);
}

TEST_CASE("Conv units answer 0 for types they do not take", "[core][target]") {
  Target ipu2 = Target::createIPUTarget("ipu2");
  Target ipu21 = Target::createIPUTarget("ipu21");
  CHECK(ipu2.getNumConvUnits(FLOAT, HALF) == 0);
  CHECK(ipu2.getNumConvUnits(INT, INT) == 0);
  CHECK(ipu2.getNumConvUnits(QUARTER, HALF) == 0);
  CHECK(ipu21.getNumConvUnits(QUARTER, HALF) == 16);
  CHECK(ipu2.getWeightsPerConvUnit(QUARTER) == 0);
  CHECK(ipu21.getConvUnitInputLoadElemsPerCycle(QUARTER) == 8);
  CHECK(ipu2.getConvUnitCoeffLoadBytesPerCycle() == 16);
  CHECK(Target::createIPUTarget("ipu1").getConvUnitCoeffLoadBytesPerCycle() ==
        8);
  CHECK_THROWS_AS(ipu2.getNumConvUnits(Type(), HALF), type_error);
}

TEST_CASE("Factories size targets by IPUs and tiles", "[core][target]") {
  Target two = Target::createIPUTarget(2, "ipu1");
  CHECK(two.getNumIPUs() == 2);
  CHECK(two.getNumTiles() == 2 * 1216);
  CHECK(two.getIpuLinkDomainSize() == 2);
  CHECK(two.getInstanceSize() == 2);
  Target small = Target::createIPUTarget(4, 8, "ipu21");
  CHECK(small.getNumTiles() == 32);
  CHECK(small.getTilesPerIPU() == 8);
  CHECK(small.getTargetArchString() == "ipu21");
  Target virt = Target::createVirtualTarget(2, 5000);
  CHECK(virt.getNumTiles() == 10000);
  CHECK(virt.getTargetArchString() == "ipu2");
  Target cpu = Target::createCPUTarget(true, 3);
  CHECK(cpu.getTargetType() == TargetType::CPU);
  CHECK(cpu.getTargetArchString() == "cpu");
  CHECK(cpu.getNumIPUs() == 3);
  CHECK(cpu.getNumTiles() == 3);
  CHECK(cpu.getBytesPerTile() == 256u << 20);
  CHECK(cpu.getNumWorkerContexts() == 6);
  CHECK(tessel::targetParams(cpu).accurateHalf);
  CHECK_FALSE(tessel::targetParams(cpu).requiresTileMapping);
}

TEST_CASE("Sync delays grow with the IPUs between them", "[core][target]") {
  Target one = Target::createIPUTarget(1, "ipu2");
  Target four = Target::createIPUTarget(4, "ipu2");
  CHECK(one.getMaxIPUSyncDelay() == one.getMinIPUSyncDelay());
  CHECK(four.getMaxIPUSyncDelay() > four.getMinIPUSyncDelay());
  CHECK(four.getGlobalSyncCycles() > 0);
}

TEST_CASE("Impossible targets are invalid_machine_model errors",
          "[core][target]") {
  CHECK_THROWS_AS(Target::createIPUTarget("ipu9"), invalid_machine_model);
  CHECK_THROWS_WITH(Target::createIPUTarget("ipu9"),
                    Catch::Contains("'ipu9'") &&
                        Catch::Contains("ipu1, ipu2 and ipu21"));
  CHECK_THROWS_WITH(Target::createIPUTarget(0, "ipu2"),
                    Catch::Contains("createIPUTarget") &&
                        Catch::Contains("numIPUs"));
  CHECK_THROWS_WITH(Target::createIPUTarget(1, 0, "ipu2"),
                    Catch::Contains("tilesPerIPU"));
  CHECK_THROWS_WITH(Target::createIPUTarget(1, 1473, "ipu2"),
                    Catch::Contains("1472") && Catch::Contains("1473") &&
                        Catch::Contains("createVirtualTarget"));
  CHECK_THROWS_WITH(Target::createVirtualTarget(65536, 65536),
                    Catch::Contains("2^32 - 1 tiles"));
  // Counts that fit in 32 bits but no host could simulate fail at once.
  CHECK_THROWS_AS(Target::createVirtualTarget(1, 1u << 31),
                  invalid_machine_model);
  CHECK_THROWS_WITH(Target::createVirtualTarget(1, 1u << 31),
                    Catch::Contains("2147483648 tiles") &&
                        Catch::Contains("2097152"));
  CHECK_THROWS_WITH(Target::createVirtualTarget(1425, 1472),
                    Catch::Contains("1425 IPUs of 1472 tiles make 2097600"));
  CHECK_NOTHROW(Target::createVirtualTarget(1024, 1472));
  CHECK_THROWS_WITH(Target::createCPUTarget(false, 0),
                    Catch::Contains("numIPUs"));
}

TEST_CASE("A default Target is invalid until one is assigned",
          "[core][target]") {
  Target t;
  CHECK_THROWS_AS(t.getNumTiles(), poplar_error);
  CHECK_THROWS_WITH(t.getTargetArchString(),
                    Catch::Contains("not valid") &&
                        Catch::Contains("createIPUTarget"));
  CHECK(t == Target());
  CHECK(t < Target::createCPUTarget());
  CHECK_FALSE(Target::createCPUTarget() < t);
  CHECK(t.hash() == 0);
  t = Target::createIPUTarget("ipu2");
  CHECK(t.getNumTiles() == 1472);
  Target copy = t;
  CHECK(copy == t);
  CHECK(copy.hash() == t.hash());
}

TEST_CASE("Targets compare by every parameter", "[core][target]") {
  Target a = Target::createIPUTarget("ipu2");
  Target b = Target::createIPUTarget("ipu2");
  Target c = Target::createIPUTarget("ipu21");
  CHECK(a == b);
  CHECK(a.hash() == b.hash());
  CHECK(a != c);
  CHECK((a < c) != (c < a));
  CHECK_FALSE(a < b);
  std::unordered_set<Target> set{a, b, c};
  CHECK(set.size() == 2);
  CHECK(Target::createIPUTarget(1, 4, "ipu2") !=
        Target::createIPUTarget(1, 5, "ipu2"));
}

TEST_CASE("Enums print their names", "[core][target]") {
  CHECK(toString(TargetType::IPU) == "IPU");
  CHECK(toString(TargetType::IPU_MODEL) == "IPU_MODEL");
  CHECK(toString(TargetType::CPU) == "CPU");
  CHECK(toString(IpuLinkConfiguration::BarleyTwist) == "BarleyTwist");
  CHECK(toString(IpuLinkConfiguration::SlidingWindow) == "SlidingWindow");
  CHECK(toString(IpuLinkTopology::Torus) == "Torus");
  CHECK(toString(IpuLinkTopology::Line) == "Line");
}
