// Engine::printProfileSummary: its sections and numbers, its options, and
// how profiling switches and resets.
#include "ImageBuilder.hpp"

#include "compiler/core/TargetParameters.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace runtime_test;
using namespace poplar;

namespace {

/// 4 tiles; "v" (64 bytes on tile 0 and 32 on tile 2) is exchanged to tile
/// 1 and streamed out to the host.
ImageBuilder profiledImage(const Target &target) {
  ImageBuilder b(target);
  b.layout("v", INT, {24}, {{0, 0, 64}, {2, 0, 32}});
  std::uint32_t w = b.tensor("w", INT, {16}, 1, 0);
  std::uint32_t out = b.stream("out", INT, 16, false);
  b.program(b.sequence({b.exchange({{0, 0, 1, 0, 64}}), b.streamCopy(out, w),
                        b.counted(NodeKind::Sync, 0)}));
  return b;
}

/// A summary line: the label padded to 28 columns after a 2-space indent.
std::string row(const std::string &label, const std::string &value) {
  std::string text = label + ":";
  return "  " + text + std::string(28 - text.size(), ' ') + value;
}

std::string summary(const Engine &engine, const OptionFlags &opts = {}) {
  std::ostringstream out;
  engine.printProfileSummary(out, opts);
  return out.str();
}

} // namespace

TEST_CASE("The summary shows target, graph, memory and execution",
          "[runtime][profile]") {
  Device device = modelDevice(4);
  Engine engine = profiledImage(device.getTarget()).engine();
  engine.load(device);
  std::vector<int> sink(16);
  engine.connectStream("out", sink.data());
  engine.run(0);
  std::string s = summary(engine);
  CHECK(s.find("Target:\n") == 0);
  CHECK(s.find(row("Tiles per IPU", "4\n")) != std::string::npos);
  CHECK(s.find("\nGraph:\n") != std::string::npos);
  CHECK(s.find(row("Variables", "2\n")) != std::string::npos);
  CHECK(s.find(row("Exchange supersteps", "1 (1 transfers)\n")) !=
        std::string::npos);
  CHECK(s.find("\nMemory Usage:\n") != std::string::npos);
  CHECK(s.find(row("Including gaps", "160 B of ")) != std::string::npos);
  CHECK(s.find(row("Excluding gaps", "160 B\n")) != std::string::npos);
  CHECK(s.find("  By category:\n    Variables:                160 B (100.0%)\n"
               "    Constants:                0 B (0.0%)\n") !=
        std::string::npos);
  CHECK(
      s.find(row("Fullest tiles", "tile 0 64 B (0.0%), tile 1 64 B (0.0%), "
                                  "tile 2 32 B (0.0%), tile 3 0 B (0.0%)\n")) !=
      std::string::npos);
  CHECK(s.find(row("Tiles over budget", "0\n")) != std::string::npos);
  CHECK(s.find(row("Tiles used", "3 of 4\n")) != std::string::npos);
  CHECK(s.find(row("Per tile, max", "64 B (tile 0)\n")) != std::string::npos);
  CHECK(s.find(row("Per tile, min", "0 B (tile 3)\n")) != std::string::npos);
  CHECK(s.find(row("Per tile, mean", "40.0 B\n")) != std::string::npos);
  CHECK(s.find("\nExecution:\n") != std::string::npos);
  const tessel::TargetParams &p = tessel::targetParams(device.getTarget());
  CHECK(s.find(row("Total cycles", "") +
               std::to_string(engine.getCycleCount()) + " (") !=
        std::string::npos);
  CHECK(s.find(row("Exchange cycles", "") +
               std::to_string(p.exchangeLatencyCycles + 16) + "\n") !=
        std::string::npos);
  CHECK(s.find("Execution steps") == std::string::npos);
}

TEST_CASE("Summary options add steps, variables and IPUs",
          "[runtime][profile]") {
  Device device = modelDevice(4);
  Engine engine = profiledImage(device.getTarget()).engine();
  engine.load(device);
  std::vector<int> sink(16);
  engine.connectStream("out", sink.data());
  engine.run(0);
  engine.run(0);
  std::string s = summary(engine, {{"showExecutionSteps", "true"},
                                   {"showVarStorage", "true"},
                                   {"showPerIpuMemoryUsage", "true"},
                                   {"colours", "false"}});
  CHECK(s.find("Execution steps:") != std::string::npos);
  CHECK(s.find("exchange                     2 steps") != std::string::npos);
  CHECK(s.find("stream from device           2 steps") != std::string::npos);
  CHECK(s.find("sync                         2 steps") != std::string::npos);
  CHECK(s.find("    v: 96 B on 2 tiles (variables, always live)\n") !=
        std::string::npos);
  CHECK(s.find("    w: 64 B on 1 tile (variables, always live)\n") !=
        std::string::npos);
  // Every step in order, with its cycles and what it ran.
  CHECK(s.find("  Steps in order:\n         0  exchange") != std::string::npos);
  CHECK(s.find("  stream from device") != std::string::npos);
  CHECK(s.find(" cycles  out (") != std::string::npos);
  CHECK(s.find("         5  sync") != std::string::npos);
  CHECK(s.find("         6  ") == std::string::npos);
  CHECK(s.find("IPU 0:") != std::string::npos);
  CHECK_THROWS_AS(summary(engine, {{"showEverything", "true"}}),
                  invalid_option);
  CHECK_THROWS_WITH(summary(engine, {{"showVarStorage", "yes"}}),
                    Catch::Contains("showVarStorage") &&
                        Catch::Contains("'yes'"));
}

TEST_CASE("Profiling can be disabled and reset, and the cycle count goes on",
          "[runtime][profile]") {
  Device device = modelDevice(4);
  Engine engine = profiledImage(device.getTarget()).engine();
  engine.load(device);
  std::vector<int> sink(16);
  engine.connectStream("out", sink.data());
  engine.run(0);
  std::uint64_t once = engine.getCycleCount();
  engine.disableExecutionProfiling();
  engine.run(0);
  CHECK(engine.getCycleCount() == 2 * once);
  std::string s = summary(engine);
  CHECK(s.find(row("Total cycles", "") + std::to_string(once)) !=
        std::string::npos);
  CHECK(s.find(row("Profiled runs", "1\n")) != std::string::npos);
  CHECK(s.find(row("Device cycles, all runs", "") + std::to_string(2 * once)) !=
        std::string::npos);
  engine.resetExecutionProfile();
  engine.enableExecutionProfiling();
  engine.run(0);
  CHECK(summary(engine).find(row("Total cycles", std::to_string(once))) !=
        std::string::npos);
  CHECK(engine.getCycleCount() == 3 * once);
}
