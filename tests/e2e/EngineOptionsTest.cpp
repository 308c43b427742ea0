// Engine options as Poplar spells them: the table's checks and suggestions,
// POPLAR_ENGINE_OPTIONS, debug.instrument, opt.maxCompilationThreads, and
// POPLAR_LOG_LEVEL / POPLAR_LOG_DEST logging every compile stage.
#include "ErrorOf.hpp"
#include "Harness.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace poplar;
using namespace poplar::program;
using Catch::Contains;

namespace {

/// A graph with one variable copied to another over the exchange.
struct CopyGraph {
  Device device = e2e::modelDevice(2);
  Graph graph{device.getTarget()};
  Sequence program;
  CopyGraph() {
    Tensor a = graph.addVariable(FLOAT, {8}, "a");
    Tensor b = graph.addVariable(FLOAT, {8}, "b");
    graph.setTileMapping(a, 0);
    graph.setTileMapping(b, 1);
    graph.createHostWrite("a", a);
    graph.createHostRead("b", b);
    program.add(Copy(a, b));
  }
};

using tessel_test::errorOf;

std::string readFile(const std::string &path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Sets an environment variable for one scope.
struct ScopedEnv {
  std::string name;
  ScopedEnv(const std::string &name, const std::string &value) : name(name) {
    setenv(name.c_str(), value.c_str(), 1);
  }
  ~ScopedEnv() { unsetenv(name.c_str()); }
};

} // namespace

TEST_CASE("An unknown option names itself and the closest valid option",
          "[e2e][options]") {
  CopyGraph g;
  std::string what = errorOf<invalid_option>([&] {
    Engine(g.graph, g.program, {{"autoReport.outputGrapProfile", "true"}});
  });
  CHECK_THAT(what,
             Contains("'autoReport.outputGrapProfile'") &&
                 Contains("did you mean 'autoReport.outputGraphProfile'"));
  what = errorOf<invalid_option>([&] {
    Engine(g.graph, g.program, {{"zzzz", "1"}});
  });
  CHECK_THAT(what, Contains("unknown engine option 'zzzz'"));
  CHECK_THAT(what, !Contains("did you mean"));
}

TEST_CASE("Every Poplar option of the issue is accepted and its values are "
          "checked",
          "[e2e][options]") {
  CopyGraph g;
  OptionFlags all{{"autoReport.all", "false"},
                  {"autoReport.directory", "."},
                  {"autoReport.outputGraphProfile", "false"},
                  {"autoReport.outputExecutionProfile", "false"},
                  {"autoReport.outputLoweredVars", "false"},
                  {"debug.instrument", "true"},
                  {"debug.retainDebugInformation", "true"},
                  {"debug.allowOutOfMemory", "false"},
                  {"opt.maxCompilationThreads", "2"}};
  CHECK_NOTHROW(Engine(g.graph, g.program, all));
  for (const char *name :
       {"autoReport.all", "autoReport.outputGraphProfile",
        "autoReport.outputExecutionProfile", "autoReport.outputLoweredVars",
        "debug.instrument", "debug.retainDebugInformation",
        "debug.allowOutOfMemory"})
    CHECK_THAT(errorOf<invalid_option>([&] {
                 Engine(g.graph, g.program, {{name, "yes"}});
               }),
               Contains(std::string("'") + name + "'") &&
                   Contains("true or false") && Contains("'yes'"));
  CHECK_THAT(
      errorOf<invalid_option>([&] {
        Engine(g.graph, g.program, {{"opt.maxCompilationThreads", "-1"}});
      }),
      Contains("opt.maxCompilationThreads") && Contains("'-1'"));
}

TEST_CASE("An engine made from an executable checks its options too",
          "[e2e][options]") {
  CopyGraph g;
  Executable exe = compileGraph(g.graph, {g.program});
  CHECK_THAT(errorOf<invalid_option>([&] {
               Engine(std::move(exe), {{"debug.instrumnt", "true"}});
             }),
             Contains("did you mean 'debug.instrument'"));
}

TEST_CASE("POPLAR_ENGINE_OPTIONS overrides the program's options",
          "[e2e][options]") {
  CopyGraph g;
  {
    ScopedEnv env("POPLAR_ENGINE_OPTIONS", R"({"debug.instrument": false})");
    Engine engine(g.graph, g.program, {{"debug.instrument", "true"}});
    CHECK(std::string(engine.getEngineOptions().at("debug.instrument")) ==
          "false");
  }
  {
    ScopedEnv env("POPLAR_ENGINE_OPTIONS", R"({"debug.instrumen": false})");
    CHECK_THAT(errorOf<invalid_option>([&] { Engine(g.graph, g.program); }),
               Contains("did you mean 'debug.instrument'"));
  }
}

TEST_CASE("debug.instrument false leaves execution unprofiled until "
          "enabled",
          "[e2e][options]") {
  CopyGraph g;
  Engine engine(g.graph, g.program, {{"debug.instrument", "false"}});
  engine.load(g.device);
  engine.run(0);
  std::ostringstream off;
  engine.printProfileSummary(off);
  CHECK_THAT(off.str(), Contains("Profiled runs:              0\n"));
  engine.enableExecutionProfiling();
  engine.run(0);
  std::ostringstream on;
  engine.printProfileSummary(on);
  CHECK_THAT(on.str(), Contains("Profiled runs:              1\n"));
}

TEST_CASE("POPLAR_LOG_LEVEL logs every compile stage with its time to "
          "POPLAR_LOG_DEST",
          "[e2e][options][log]") {
  CopyGraph g;
  std::string path = "engine-options-log-" + std::to_string(getpid()) + ".txt";
  std::remove(path.c_str());
  {
    ScopedEnv dest("POPLAR_LOG_DEST", path);
    ScopedEnv level("POPLAR_LOG_LEVEL", "INFO");
    Engine engine(g.graph, g.program);
  }
  std::string log = readFile(path);
  std::remove(path.c_str());
  for (const char *stage : {"'import' took", "'poplar-verify' took",
                            "'poplar-allocate-tile-memory' took",
                            "'poplar-lower-to-tile' took", "'codegen' took"})
    CHECK_THAT(log, Contains(stage));
  CHECK_THAT(log, Contains("PO:COMPILE [I] Stage 1/9 'import' took"));
  CHECK_THAT(log, Contains(" ms\n"));
  CHECK_THAT(log, Contains("Compilation finished after"));
  // DEBUG adds the stage starts; WARN hides the INFO lines.
  {
    ScopedEnv dest("POPLAR_LOG_DEST", path);
    ScopedEnv level("POPLAR_LOG_LEVEL", "WARN");
    Engine engine(g.graph, g.program);
  }
  CHECK(readFile(path).empty());
  {
    ScopedEnv dest("POPLAR_LOG_DEST", path);
    ScopedEnv level("POPLAR_LOG_LEVEL", "DEBUG");
    Engine engine(g.graph, g.program);
  }
  CHECK_THAT(readFile(path), Contains("[D] Stage 'poplar-verify' started"));
  std::remove(path.c_str());
}

TEST_CASE("An unknown POPLAR_LOG_LEVEL is an invalid_option listing the "
          "levels",
          "[e2e][options][log]") {
  CopyGraph g;
  ScopedEnv level("POPLAR_LOG_LEVEL", "LOUD");
  CHECK_THAT(errorOf<invalid_option>([&] { Engine(g.graph, g.program); }),
             Contains("POPLAR_LOG_LEVEL") && Contains("'LOUD'") &&
                 Contains("TRACE, DEBUG, INFO, WARN, ERR, CRITICAL, OFF"));
}
