// The engine option table: its rows (for the generated option reference),
// the closest-option suggestion, and the typed view of the options.
#include "compiler/core/EngineOptions.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

using namespace tessel;

TEST_CASE("Every option row has a name, values, and an effect",
          "[core][options]") {
  std::vector<OptionDescription> rows = engineOptionTable();
  REQUIRE(rows.size() > 20);
  std::set<std::string> names;
  for (const OptionDescription &row : rows) {
    CHECK_FALSE(row.name.empty());
    CHECK_FALSE(row.values.empty());
    CHECK_FALSE(row.effect.empty());
    CHECK(names.insert(row.name).second);
  }
  for (const char *name :
       {"autoReport.all", "autoReport.directory",
        "autoReport.outputGraphProfile", "autoReport.outputExecutionProfile",
        "autoReport.outputLoweredVars", "debug.instrument",
        "debug.retainDebugInformation", "debug.allowOutOfMemory",
        "opt.maxCompilationThreads"})
    CHECK(names.count(name));
}

TEST_CASE("docs/engine-options.md is the option table as generated",
          "[core][options]") {
  const std::string path = TESSEL_SOURCE_DIR "/docs/engine-options.md";
  const std::string generated = engineOptionReference();
  if (std::getenv("TESSEL_UPDATE_DOCS"))
    std::ofstream(path) << generated;
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  INFO(
      "regenerate with: TESSEL_UPDATE_DOCS=1 ./build/tests/unit/core/unit_core "
      "\"[options]\"");
  CHECK(text.str() == generated);
  for (const OptionDescription &row : engineOptionTable())
    CHECK(generated.find("| `" + row.name + "` |") != std::string::npos);
}

TEST_CASE("The closest option is a likely typo, or nothing",
          "[core][options]") {
  CHECK(closestEngineOption("debug.instrumnt") == "debug.instrument");
  CHECK(closestEngineOption("AUTOREPORT.ALL") == "autoReport.all");
  CHECK(closestEngineOption("opt.maxCompileThreads") ==
        "opt.maxCompilationThreads");
  CHECK(closestEngineOption("colour") == "");
}

TEST_CASE("The typed options follow autoReport.all unless set one by one",
          "[core][options]") {
  EngineOptions none = readEngineOptions({});
  CHECK_FALSE(none.anyReport());
  CHECK(none.instrument);
  CHECK(none.retainDebugInformation);
  CHECK(none.reportDirectory == ".");
  EngineOptions all =
      readEngineOptions({{"autoReport.all", "true"},
                         {"autoReport.outputLoweredVars", "false"},
                         {"autoReport.directory", "reports"},
                         {"opt.maxCompilationThreads", "1"}});
  CHECK(all.outputGraphProfile);
  CHECK(all.outputExecutionProfile);
  CHECK_FALSE(all.outputLoweredVars);
  CHECK(all.reportDirectory == "reports");
  CHECK(all.maxCompilationThreads == 1);
  CHECK(readEngineOptions({{"opt.maxCompilationThreads", "0"}})
            .maxCompilationThreads >= 1);
}
