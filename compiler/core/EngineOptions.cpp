// The table of engine and compile options. Poplar refuses unknown engine
// options with invalid_option, and so does Tessel; options that only shape
// hardware profiling are accepted and have no effect. Keep
// docs/user-guide.md in step.
#include "compiler/core/EngineOptions.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <thread>

namespace tessel {

namespace {

enum class Kind { Bool, Count, Text, OneOf };

struct OptionSpec {
  const char *name;
  Kind kind;
  std::vector<const char *> values; // for OneOf
  const char *defaultValue;
  const char *effect;
};

const char *const kNoEffect = "accepted for Poplar compatibility; no effect "
                              "in the simulator";

const std::vector<OptionSpec> &optionTable() {
  static const std::vector<OptionSpec> table = {
      {"autoReport.all",
       Kind::Bool,
       {},
       "false",
       "default for every autoReport.output* option"},
      {"autoReport.directory",
       Kind::Text,
       {},
       ".",
       "directory the profile (profile.json) is written to"},
      {"autoReport.outputArchive", Kind::Bool, {}, "false", kNoEffect},
      {"autoReport.outputDebugInfo", Kind::Bool, {}, "false", kNoEffect},
      {"autoReport.outputExecutionProfile",
       Kind::Bool,
       {},
       "false",
       "write the execution trace into the profile when the engine is "
       "destroyed"},
      {"autoReport.outputGraphProfile",
       Kind::Bool,
       {},
       "false",
       "write the graph and memory profile after compiling"},
      {"autoReport.outputLoweredVars",
       Kind::Bool,
       {},
       "false",
       "list every variable's pieces (tile, address, bytes) in the profile"},
      {"autoReport.streamAtEachRun", Kind::Bool, {}, "false", kNoEffect},
      {"debug.allowOutOfMemory",
       Kind::Bool,
       {},
       "false",
       "on out-of-memory, write the profile first, then throw the error "
       "naming it"},
      {"debug.computeInstrumentationLevel",
       Kind::OneOf,
       {"tile", "vertex", "device", "ipu"},
       "tile",
       kNoEffect},
      {"debug.floatPointOpException", Kind::Bool, {}, "false", kNoEffect},
      {"debug.instrument",
       Kind::Bool,
       {},
       "true",
       "record the execution profile from the first run"},
      {"debug.instrumentCompute", Kind::Bool, {}, "true", kNoEffect},
      {"debug.instrumentExternalExchange", Kind::Bool, {}, "true", kNoEffect},
      {"debug.nanOverflowMode", Kind::Text, {}, "", kNoEffect},
      {"debug.outputAllSymbols", Kind::Bool, {}, "false", kNoEffect},
      {"debug.retainDebugInformation",
       Kind::Bool,
       {},
       "true",
       "keep compute set, exchange and variable names in the profile"},
      {"debug.runtimeVerify", Kind::Bool, {}, "false", kNoEffect},
      {"debug.trace", Kind::Text, {}, "", kNoEffect},
      {"exchange.enablePrefetch", Kind::Bool, {}, "true", kNoEffect},
      {"exchange.multicastPolicy", Kind::Text, {}, "", kNoEffect},
      {"exchange.streamBufferOverlap",
       Kind::OneOf,
       {"none", "hostRearrangeOnly", "any"},
       "hostRearrangeOnly",
       kNoEffect},
      {"opt.maxCompilationThreads",
       Kind::Count,
       {},
       "0",
       "threads the compiler may use (0: every core); results never depend "
       "on it"},
      {"prng.enableStochasticRounding", Kind::Bool, {}, "false", kNoEffect},
      {"prng.seed", Kind::Count, {}, "0", kNoEffect},
      {"profiler.blocks.filter", Kind::Text, {}, "", kNoEffect},
      {"profiler.blocks.implicitFlush", Kind::Bool, {}, "true", kNoEffect},
      {"profiler.includeCycleEstimates", Kind::Bool, {}, "false", kNoEffect},
      {"profiler.programs.filter", Kind::Text, {}, "", kNoEffect},
      {"target.saveArchive", Kind::Text, {}, "", kNoEffect},
      {"target.workerStackSizeInBytes", Kind::Count, {}, "", kNoEffect},
      // Tessel's own.
      {"tessel.hostThreads",
       Kind::Count,
       {},
       "0",
       "host threads simulating the tiles (0: every core); results never "
       "depend on it"},
      {"tessel.vertexCycleBudget",
       Kind::Count,
       {},
       "4294967296",
       "counted cycles one vertex run may take before it is stopped as "
       "looping forever"},
      {"tessel.vertexTimeout",
       Kind::Count,
       {},
       "60000",
       "wall-clock milliseconds one vertex run may take before the watchdog "
       "stops it (0: no limit)"},
  };
  return table;
}

/// A decimal number that fits in 64 bits.
bool isCount(const std::string &v) {
  if (v.empty() || v.size() > 20 ||
      !std::all_of(v.begin(), v.end(),
                   [](unsigned char c) { return std::isdigit(c); }))
    return false;
  errno = 0;
  std::strtoull(v.c_str(), nullptr, 10);
  return errno != ERANGE;
}

std::string joined(const std::vector<const char *> &values) {
  std::string out;
  for (const char *v : values)
    out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

std::string describeValues(const OptionSpec &spec) {
  switch (spec.kind) {
  case Kind::Bool:
    return "true or false";
  case Kind::Count:
    return "a non-negative decimal number";
  case Kind::OneOf:
    return "one of " + joined(spec.values);
  case Kind::Text:
    break;
  }
  return "text";
}

void checkValue(const OptionSpec &spec, const std::string &value) {
  bool ok = true;
  switch (spec.kind) {
  case Kind::Bool:
    ok = value == "true" || value == "false";
    break;
  case Kind::Count:
    ok = isCount(value);
    break;
  case Kind::OneOf:
    ok = std::any_of(spec.values.begin(), spec.values.end(),
                     [&](const char *v) { return value == v; });
    break;
  case Kind::Text:
    break;
  }
  if (!ok)
    throw poplar::invalid_option("option '" + std::string(spec.name) +
                                 "' must be " + describeValues(spec) +
                                 ", not '" + value + "'");
}

/// Levenshtein distance, ignoring case.
std::size_t editDistance(const std::string &a, const std::string &b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      bool same = std::tolower((unsigned char)a[i - 1]) ==
                  std::tolower((unsigned char)b[j - 1]);
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + !same});
      diagonal = above;
    }
  }
  return row[b.size()];
}

bool flag(const poplar::OptionFlags &options, const char *name, bool dflt) {
  auto it = options.find(name);
  return it == options.end() ? dflt : it->second == "true";
}

} // namespace

poplar::OptionFlags withEnvironmentOptions(const poplar::OptionFlags &options) {
  poplar::OptionFlags merged = options;
  poplar::readJSONFromEnv("POPLAR_ENGINE_OPTIONS", merged);
  return merged;
}

std::string closestEngineOption(const std::string &name) {
  std::string best;
  std::size_t bestDistance = std::string::npos;
  for (const OptionSpec &spec : optionTable()) {
    std::size_t d = editDistance(name, spec.name);
    if (d < bestDistance) {
      bestDistance = d;
      best = spec.name;
    }
  }
  // Closer than a third of the name: a likely typo, not another option.
  return bestDistance * 3 <= std::max<std::size_t>(name.size(), 3) ? best : "";
}

void checkEngineOptions(const poplar::OptionFlags &options) {
  const std::vector<OptionSpec> &table = optionTable();
  for (const auto &[key, value] : options) {
    // A named copy: lambdas may capture structured bindings only from C++20.
    const std::string &name = key;
    auto spec =
        std::find_if(table.begin(), table.end(),
                     [&](const OptionSpec &s) { return name == s.name; });
    if (spec != table.end()) {
      checkValue(*spec, value);
      continue;
    }
    std::string closest = closestEngineOption(key);
    throw poplar::invalid_option(
        "unknown engine option '" + key + "'" +
        (closest.empty() ? std::string()
                         : "; did you mean '" + closest + "'?") +
        " docs/user-guide.md lists the options Tessel accepts");
  }
}

std::vector<OptionDescription> engineOptionTable() {
  std::vector<OptionDescription> rows;
  for (const OptionSpec &spec : optionTable())
    rows.push_back(
        {spec.name, describeValues(spec), spec.defaultValue, spec.effect});
  return rows;
}

std::string engineOptionReference() {
  std::string page =
      "# Engine and compile options\n\n"
      "Generated from the option table in `compiler/core/EngineOptions.cpp`"
      " (the test `unit_core` checks it is current; run it with\n"
      "`TESSEL_UPDATE_DOCS=1` to rewrite this page). Every option is"
      " accepted by `compileGraph` and `Engine`, and in the JSON of\n"
      "`POPLAR_ENGINE_OPTIONS`, which overrides the program's options. Any"
      " other name is `poplar::invalid_option`, naming the\n"
      "closest valid option.\n\n"
      "| option | values | default | effect |\n"
      "| --- | --- | --- | --- |\n";
  auto cell = [](const std::string &text) {
    return text.empty() ? std::string("") : "`" + text + "`";
  };
  for (const OptionDescription &row : engineOptionTable())
    page += "| " + cell(row.name) + " | " + row.values + " | " +
            cell(row.defaultValue) + " | " + row.effect + " |\n";
  return page;
}

EngineOptions readEngineOptions(const poplar::OptionFlags &options) {
  EngineOptions o;
  bool all = flag(options, "autoReport.all", false);
  o.outputGraphProfile = flag(options, "autoReport.outputGraphProfile", all);
  o.outputExecutionProfile =
      flag(options, "autoReport.outputExecutionProfile", all);
  o.outputLoweredVars = flag(options, "autoReport.outputLoweredVars", all);
  auto dir = options.find("autoReport.directory");
  if (dir != options.end() && !dir->second.empty())
    o.reportDirectory = dir->second;
  o.instrument = flag(options, "debug.instrument", true);
  o.retainDebugInformation =
      flag(options, "debug.retainDebugInformation", true);
  o.allowOutOfMemory = flag(options, "debug.allowOutOfMemory", false);
  auto threads = options.find("opt.maxCompilationThreads");
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  o.maxCompilationThreads = cores;
  if (threads != options.end()) {
    unsigned long long n = std::stoull(threads->second);
    o.maxCompilationThreads = n == 0 || n > cores ? cores : unsigned(n);
  }
  return o;
}

} // namespace tessel
