// autoReport profiles: the JSON file's sections (target, graph, memory per
// tile and category, variables with tiles and lifetimes, the execution
// trace), the options that shape it, and debug.allowOutOfMemory.
#include "Harness.hpp"
#include "MatVec.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <unistd.h>

using namespace poplar;
using namespace poplar::program;
using Catch::Contains;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

/// A fresh directory for one test's reports, removed afterwards.
struct ReportDir {
  fs::path path;
  explicit ReportDir(const std::string &name)
      : path(fs::temp_directory_path() /
             ("tessel-" + name + "-" + std::to_string(getpid()))) {
    fs::remove_all(path);
  }
  ~ReportDir() { fs::remove_all(path); }
  std::string str() const { return path.string(); }
  fs::path file() const { return path / "profile.json"; }
  json read() const {
    std::ifstream in(file());
    REQUIRE(in);
    return json::parse(in);
  }
};

/// a (tile 0) -> t (tile 1) -> b (tile 1), with a constant on tile 0: t is
/// written whole before it is read, so it has a bounded lifetime.
struct SmallGraph {
  Device device = e2e::modelDevice(2);
  Graph graph{device.getTarget()};
  Sequence program;
  SmallGraph() {
    Tensor a = graph.addVariable(FLOAT, {8}, "a");
    Tensor t = graph.addVariable(FLOAT, {8}, "temp");
    Tensor b = graph.addVariable(FLOAT, {8}, "b");
    Tensor c = graph.addConstant(FLOAT, {4}, 2.0f, "two");
    graph.setTileMapping(a, 0);
    graph.setTileMapping(t, 1);
    graph.setTileMapping(b, 1);
    graph.setTileMapping(c, 0);
    graph.createHostWrite("a", a);
    graph.createHostRead("b", b);
    program.add(Copy(a, t));
    program.add(Copy(t, b));
  }
};

const json *variableNamed(const json &profile, const std::string &name) {
  for (const json &v : profile["variables"])
    if (v["name"] == name)
      return &v;
  return nullptr;
}

std::uint64_t sum(const json &values) {
  std::uint64_t s = 0;
  for (const json &v : values)
    s += v.get<std::uint64_t>();
  return s;
}

} // namespace

TEST_CASE("autoReport.outputGraphProfile writes the graph and memory "
          "profile",
          "[e2e][profile]") {
  ReportDir dir("graph-profile");
  SmallGraph g;
  Engine engine(g.graph, g.program,
                {{"autoReport.outputGraphProfile", "true"},
                 {"autoReport.directory", dir.str()}});
  REQUIRE(fs::exists(dir.file()));
  json p = dir.read();
  CHECK(p["format"] == "tessel-profile");
  CHECK(p["version"] == 1);
  CHECK(p["target"]["numTiles"] == 2);
  CHECK(p["target"]["architecture"] == "ipu2");
  CHECK(p["graph"]["variables"] == 4);
  CHECK(p["graph"]["exchanges"].size() >= 1);
  CHECK(p["execution"].is_null());

  const json &memory = p["memory"];
  CHECK(memory["categories"] ==
        json({"variables", "constants", "vertex state", "exchange code",
              "control code", "stacks"}));
  // 16 bytes of constant, 32 of a, 32 of b; temp's 32 bytes are counted as
  // a variable's.
  CHECK(memory["total"]["byCategory"]["constants"] == 16);
  CHECK(memory["total"]["byCategory"]["variables"] == 96);
  CHECK(memory["tiles"]["byCategory"]["constants"] == json({16, 0}));
  CHECK(sum(memory["tiles"]["includingGaps"]) ==
        memory["total"]["includingGaps"].get<std::uint64_t>());
  CHECK(memory["total"]["excludingGaps"].get<std::uint64_t>() <=
        memory["total"]["includingGaps"].get<std::uint64_t>());
  CHECK(memory["overBudgetTiles"].empty());

  const json *temp = variableNamed(p, "temp");
  REQUIRE(temp);
  CHECK((*temp)["category"] == "variables");
  CHECK((*temp)["tiles"] == json({1}));
  CHECK((*temp)["bytes"] == 32);
  REQUIRE((*temp)["lifetime"].is_array());
  CHECK((*temp)["lifetime"][0] <= (*temp)["lifetime"][1]);
  // Host-read variables and constants are live all the time.
  CHECK((*variableNamed(p, "b"))["lifetime"].is_null());
  CHECK((*variableNamed(p, "two"))["category"] == "constants");
  CHECK_FALSE(temp->contains("pieces"));
}

TEST_CASE("The execution profile holds every step with its cycles and "
          "tiles",
          "[e2e][profile]") {
  ReportDir dir("execution-profile");
  IPUModel model("ipu2");
  model.tilesPerIPU = 16;
  Device device = model.createDevice();
  std::uint64_t cycles = 0;
  {
    Graph graph(device.getTarget());
    matvec::Shape shape{12, 20, 4};
    Program program = matvec::build(graph, shape, TESSEL_MATVEC_CODELETS);
    Engine engine(
        graph, program,
        {{"autoReport.all", "true"}, {"autoReport.directory", dir.str()}});
    engine.load(device);
    std::vector<float> a = matvec::inputs(shape.rows * shape.cols, 3);
    std::vector<float> x = matvec::inputs(shape.cols, 4);
    engine.writeTensor("A", a.data(), a.data() + a.size());
    engine.writeTensor("x", x.data(), x.data() + x.size());
    engine.run(0);
    cycles = engine.getCycleCount();
    // Written when the engine is made: no execution yet.
    CHECK(dir.read()["execution"].is_null());
  }
  json p = dir.read();
  const json &e = p["execution"];
  REQUIRE(e.is_object());
  CHECK(e["runs"] == 1);
  CHECK(e["cycles"]["total"] == cycles);
  std::uint64_t stepTotal = 0, computeSteps = 0;
  for (const json &s : e["steps"]) {
    stepTotal += s["cycles"]["total"].get<std::uint64_t>();
    if (s["kind"] != "compute")
      continue;
    ++computeSteps;
    CHECK_FALSE(s["name"].get<std::string>().empty());
    REQUIRE_FALSE(s["tiles"].empty());
    // The step's compute phase is its busiest tile's.
    std::uint64_t busiest = 0;
    for (const json &t : s["tiles"])
      busiest = std::max(busiest, t[1].get<std::uint64_t>());
    CHECK(s["cycles"]["compute"] == busiest);
  }
  CHECK(stepTotal == cycles);
  CHECK(computeSteps == 2);
  CHECK(e["byKind"]["compute"]["steps"] == 2);
  CHECK(e["stepsNotTraced"] == 0);
  // autoReport.all includes the lowered variables, and vertex state shows.
  CHECK(p["memory"]["total"]["byCategory"]["vertex state"] > 0);
  for (const json &v : p["variables"])
    CHECK(v["pieces"].size() >= v["tiles"].size());
}

TEST_CASE("autoReport.outputLoweredVars lists every variable's pieces",
          "[e2e][profile]") {
  ReportDir dir("lowered-vars");
  SmallGraph g;
  Engine engine(g.graph, g.program,
                {{"autoReport.outputLoweredVars", "true"},
                 {"autoReport.directory", dir.str()}});
  json p = dir.read();
  const json *a = variableNamed(p, "a");
  REQUIRE(a);
  REQUIRE((*a)["pieces"].size() == 1);
  CHECK((*a)["pieces"][0][0] == 0);  // tile
  CHECK((*a)["pieces"][0][2] == 32); // bytes
}

TEST_CASE("Without debug.retainDebugInformation the profile names things "
          "by number",
          "[e2e][profile]") {
  ReportDir dir("no-debug-info");
  SmallGraph g;
  Engine engine(g.graph, g.program,
                {{"autoReport.outputGraphProfile", "true"},
                 {"debug.retainDebugInformation", "false"},
                 {"autoReport.directory", dir.str()}});
  json p = dir.read();
  CHECK_FALSE(variableNamed(p, "temp"));
  CHECK(variableNamed(p, "variable 0"));
}

TEST_CASE("No autoReport option, no file", "[e2e][profile]") {
  ReportDir dir("no-report");
  SmallGraph g;
  { Engine engine(g.graph, g.program, {{"autoReport.directory", dir.str()}}); }
  CHECK_FALSE(fs::exists(dir.file()));
}

TEST_CASE("debug.allowOutOfMemory writes the report, then throws the memory "
          "error naming it",
          "[e2e][profile][memory]") {
  ReportDir dir("out-of-memory");
  IPUModel model("ipu2");
  model.tilesPerIPU = 4;
  model.memoryBytesPerTile = 16 * 1024;
  Device device = model.createDevice();
  Graph graph(device.getTarget());
  Tensor big = graph.addVariable(FLOAT, {5000}, "bigWeights");
  Tensor small = graph.addVariable(FLOAT, {16}, "smallBias");
  graph.setTileMapping(big, 2);
  graph.setTileMapping(small, 1);
  graph.createHostWrite("big", big);
  graph.createHostWrite("small", small);
  std::string what;
  try {
    Engine engine(graph, Sequence{},
                  {{"debug.allowOutOfMemory", "true"},
                   {"autoReport.directory", dir.str()}});
    FAIL("expected graph_memory_allocation_error");
  } catch (const graph_memory_allocation_error &e) {
    what = e.what();
  }
  CHECK_THAT(what, Contains("tile 2") && Contains("bigWeights") &&
                       Contains("(3616 over)") &&
                       Contains(dir.file().string()));
  json p = dir.read();
  CHECK(p["memory"]["overBudgetTiles"] == json({2}));
  CHECK(p["memory"]["tiles"]["includingGaps"][2] == 20000);
  CHECK(p["memory"]["bytesPerTile"] == 16 * 1024);
  CHECK_THAT(p["outOfMemory"].get<std::string>(), Contains("bigWeights"));
  CHECK(variableNamed(p, "bigWeights"));
  CHECK((*variableNamed(p, "smallBias"))["tiles"] == json({1}));

  // Without the option: the same error, and no report.
  ReportDir none("out-of-memory-plain");
  CHECK_THROWS_AS(
      Engine(graph, Sequence{}, {{"autoReport.directory", none.str()}}),
      graph_memory_allocation_error);
  CHECK_FALSE(fs::exists(none.file()));
}

namespace {

/// The number after "label:" in the summary (the first on that line).
std::uint64_t summaryNumber(const std::string &summary,
                            const std::string &label) {
  std::size_t at = summary.find("  " + label + ":");
  REQUIRE(at != std::string::npos);
  std::size_t digits =
      summary.find_first_of("0123456789", at + label.size() + 3);
  return std::stoull(summary.substr(digits));
}

} // namespace

TEST_CASE("printProfileSummary of the matvec example prints all four "
          "sections, agreeing with the profile file",
          "[e2e][profile][summary]") {
  ReportDir dir("matvec-summary");
  Device device = IPUModel("ipu2").createDevice();
  std::string summary;
  {
    Graph graph(device.getTarget());
    matvec::Shape shape{40, 50, 5};
    Program program = matvec::build(graph, shape, TESSEL_MATVEC_CODELETS);
    Engine engine(graph, program,
                  {{"autoReport.outputExecutionProfile", "true"},
                   {"autoReport.directory", dir.str()}});
    engine.load(device);
    std::vector<float> a = matvec::inputs(shape.rows * shape.cols, 1);
    std::vector<float> x = matvec::inputs(shape.cols, 2);
    engine.writeTensor("A", a.data(), a.data() + a.size());
    engine.writeTensor("x", x.data(), x.data() + x.size());
    engine.run(0);
    std::ostringstream out;
    engine.printProfileSummary(out, {{"showExecutionSteps", "true"},
                                     {"showVarStorage", "true"},
                                     {"showPerIpuMemoryUsage", "true"}});
    summary = out.str();
  }
  json p = dir.read();
  for (const char *section :
       {"Target:\n", "\nGraph:\n", "\nMemory Usage:\n", "\nExecution:\n"})
    CHECK_THAT(summary, Contains(section));

  CHECK(summaryNumber(summary, "Total number of tiles") ==
        p["target"]["numTiles"]);
  CHECK(summaryNumber(summary, "Memory per tile") ==
        p["target"]["bytesPerTile"]);
  CHECK(summaryNumber(summary, "Variables") == p["graph"]["variables"]);
  CHECK(summaryNumber(summary, "Compute sets") ==
        p["graph"]["computeSets"].size());

  const json &memory = p["memory"];
  CHECK(summaryNumber(summary, "Including gaps") ==
        memory["total"]["includingGaps"]);
  CHECK(summaryNumber(summary, "Excluding gaps") ==
        memory["total"]["excludingGaps"]);
  for (const auto &[category, label] :
       std::vector<std::pair<std::string, std::string>>{
           {"variables", "  Variables"},
           {"constants", "  Constants"},
           {"vertex state", "  Vertex state"},
           {"exchange code", "  Exchange code"},
           {"control code", "  Control code"},
           {"stacks", "  Stacks"}})
    CHECK(summaryNumber(summary, label) ==
          memory["total"]["byCategory"][category]);
  CHECK(memory["total"]["byCategory"]["vertex state"] > 0);
  std::vector<std::uint64_t> tiles = memory["tiles"]["includingGaps"];
  CHECK(summaryNumber(summary, "Per tile, max") ==
        *std::max_element(tiles.begin(), tiles.end()));
  CHECK(summaryNumber(summary, "Per tile, min") ==
        *std::min_element(tiles.begin(), tiles.end()));
  CHECK(summaryNumber(summary, "  IPU 0") == memory["total"]["includingGaps"]);

  const json &cycles = p["execution"]["cycles"];
  CHECK(summaryNumber(summary, "Total cycles") == cycles["total"]);
  CHECK(summaryNumber(summary, "Compute cycles") == cycles["compute"]);
  CHECK(summaryNumber(summary, "Sync cycles") == cycles["sync"]);
  CHECK(summaryNumber(summary, "Exchange cycles") == cycles["exchange"]);
  CHECK(summaryNumber(summary, "Host transfer cycles") == cycles["host"]);
  CHECK(cycles["compute"] > 0);
  // Every step, with its cycles and its compute set or exchange's name.
  const json &steps = p["execution"]["steps"];
  REQUIRE(steps.size() >= 2);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    std::ostringstream line;
    line << std::setw(10) << i << "  " << std::left << std::setw(20)
         << steps[i]["kind"].get<std::string>() << std::right << std::setw(12)
         << steps[i]["cycles"]["total"].get<std::uint64_t>() << " cycles  "
         << steps[i]["name"].get<std::string>() << " (";
    CHECK_THAT(summary, Contains(line.str()));
  }
  CHECK_THAT(summary, Contains("    A: 8000 B on "));
}
