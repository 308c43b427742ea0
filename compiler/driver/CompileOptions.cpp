// The table of engine and compile options. Poplar refuses unknown engine
// options with invalid_option, and so does Tessel; options that only shape
// hardware profiling or reports are accepted and have no effect yet.
// `debug.allowOutOfMemory` is accepted but Tessel always fails on OOM: the
// simulated tiles have real memories. Keep docs/user-guide.md in step.
#include "compiler/driver/CompileOptions.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>
#include <vector>

namespace tessel {

namespace {

enum class Kind { Bool, Count, Text, OneOf };

struct OptionSpec {
  const char *name;
  Kind kind;
  std::vector<const char *> values; // for OneOf
};

const std::vector<OptionSpec> &optionTable() {
  static const std::vector<OptionSpec> table = {
      {"autoReport.all", Kind::Bool, {}},
      {"autoReport.directory", Kind::Text, {}},
      {"autoReport.outputArchive", Kind::Bool, {}},
      {"autoReport.outputDebugInfo", Kind::Bool, {}},
      {"autoReport.outputExecutionProfile", Kind::Bool, {}},
      {"autoReport.outputGraphProfile", Kind::Bool, {}},
      {"autoReport.outputLoweredVars", Kind::Bool, {}},
      {"autoReport.streamAtEachRun", Kind::Bool, {}},
      {"debug.allowOutOfMemory", Kind::Bool, {}},
      {"debug.computeInstrumentationLevel",
       Kind::OneOf,
       {"tile", "vertex", "device", "ipu"}},
      {"debug.floatPointOpException", Kind::Bool, {}},
      {"debug.instrument", Kind::Bool, {}},
      {"debug.instrumentCompute", Kind::Bool, {}},
      {"debug.instrumentExternalExchange", Kind::Bool, {}},
      {"debug.nanOverflowMode", Kind::Text, {}},
      {"debug.outputAllSymbols", Kind::Bool, {}},
      {"debug.retainDebugInformation", Kind::Bool, {}},
      {"debug.runtimeVerify", Kind::Bool, {}},
      {"debug.trace", Kind::Text, {}},
      {"exchange.multicastPolicy", Kind::Text, {}},
      {"exchange.streamBufferOverlap",
       Kind::OneOf,
       {"none", "hostRearrangeOnly", "any"}},
      {"opt.maxCompilationThreads", Kind::Count, {}},
      {"prng.enableStochasticRounding", Kind::Bool, {}},
      {"prng.seed", Kind::Count, {}},
      {"profiler.blocks.filter", Kind::Text, {}},
      {"profiler.blocks.implicitFlush", Kind::Bool, {}},
      {"profiler.includeCycleEstimates", Kind::Bool, {}},
      {"profiler.programs.filter", Kind::Text, {}},
      {"target.saveArchive", Kind::Text, {}},
      {"target.workerStackSizeInBytes", Kind::Count, {}},
      // Tessel's own: host threads simulating the tiles (results never
      // depend on it).
      {"tessel.hostThreads", Kind::Count, {}},
      // Counted cycles one vertex may run before the simulator stops it as
      // looping forever (default 2^32).
      {"tessel.vertexCycleBudget", Kind::Count, {}},
      // Wall-clock milliseconds one vertex run may take before the watchdog
      // stops it (default 60000; 0: no limit).
      {"tessel.vertexTimeout", Kind::Count, {}},
  };
  return table;
}

bool isCount(const std::string &v) {
  return !v.empty() && v.size() <= 19 &&
         std::all_of(v.begin(), v.end(),
                     [](unsigned char c) { return std::isdigit(c); });
}

std::string joined(const std::vector<const char *> &values) {
  std::string out;
  for (const char *v : values)
    out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

void checkValue(const OptionSpec &spec, const std::string &value) {
  auto refuse = [&](const std::string &expected) {
    throw poplar::invalid_option("option '" + std::string(spec.name) +
                                 "' must be " + expected + ", not '" + value +
                                 "'");
  };
  switch (spec.kind) {
  case Kind::Bool:
    if (value != "true" && value != "false")
      refuse("true or false");
    break;
  case Kind::Count:
    if (!isCount(value))
      refuse("a non-negative decimal number");
    break;
  case Kind::OneOf:
    if (std::none_of(spec.values.begin(), spec.values.end(),
                     [&](const char *v) { return value == v; }))
      refuse("one of " + joined(spec.values));
    break;
  case Kind::Text:
    break;
  }
}

} // namespace

poplar::OptionFlags withEnvironmentOptions(const poplar::OptionFlags &options) {
  poplar::OptionFlags merged = options;
  poplar::readJSONFromEnv("POPLAR_ENGINE_OPTIONS", merged);
  return merged;
}

void checkEngineOptions(const poplar::OptionFlags &options) {
  const std::vector<OptionSpec> &table = optionTable();
  for (const auto &[key, value] : options) {
    auto spec =
        std::find_if(table.begin(), table.end(),
                     [&](const OptionSpec &s) { return key == s.name; });
    if (spec == table.end())
      throw poplar::invalid_option(
          "unknown engine option '" + key +
          "'; docs/user-guide.md lists the options Tessel accepts");
    checkValue(*spec, value);
  }
}

} // namespace tessel
