// The result rows every benchmark reports: one table line on stdout per row
// and, with `--json FILE`, the row appended to a JSON array in FILE (so one
// file collects the whole suite; scripts/bench.sh). Also the command line
// every benchmark shares: `--json FILE`, `--short` (small sizes, seconds),
// and the benchmark's own positional arguments.
#ifndef TESSEL_BENCH_BENCHREPORT_HPP
#define TESSEL_BENCH_BENCHREPORT_HPP

#include <nlohmann/json.hpp>

#include <sys/resource.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace bench {

/// The options every benchmark accepts.
struct Args {
  std::string jsonFile;              // empty: no JSON
  bool shortMode = false;            // small sizes for CI
  std::vector<std::string> position; // the benchmark's own arguments

  Args(int argc, char **argv) {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      if (arg == "--json" && i + 1 < argc)
        jsonFile = argv[++i];
      else if (arg == "--short")
        shortMode = true;
      else if (arg == "--json") {
        std::fprintf(stderr, "--json needs a file name\n");
        std::exit(2);
      } else
        position.push_back(arg);
    }
  }
  /// Positional argument `i` as a number, or `fallback` when absent.
  std::size_t number(std::size_t i, std::size_t fallback) const {
    return i < position.size() ? std::size_t(std::atoll(position[i].c_str()))
                               : fallback;
  }
};

/// Peak resident set of this process so far, in bytes (getrusage).
inline std::uint64_t peakRssBytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return std::uint64_t(usage.ru_maxrss) * 1024; // Linux reports KiB
}

/// Device bytes in use (including allocation gaps) as the engine's profile
/// summary states them; absent when the summary has no memory section.
template <class EngineT>
std::optional<std::uint64_t> deviceBytesInUse(const EngineT &engine) {
  std::ostringstream summary;
  engine.printProfileSummary(summary);
  static const std::regex bytes("Including gaps[^0-9]*([0-9]+) B");
  std::smatch match;
  const std::string text = summary.str();
  if (!std::regex_search(text, match, bytes))
    return std::nullopt;
  return std::uint64_t(std::stoull(match[1].str()));
}

/// One measured row. `nativeSeconds` is the same work as a native loop in
/// the same process; `ratio` is wall / native when both are known.
struct Row {
  std::string bench, name;
  std::vector<std::pair<std::string, std::string>> params;
  std::optional<std::uint64_t> simCycles;
  std::optional<double> wallSeconds, nativeSeconds;
  std::optional<std::uint64_t> deviceBytes;
  std::vector<std::pair<std::string, double>> extra; // other measurements
  std::uint64_t peakRss = 0;                         // filled in by report()

  Row &param(const std::string &key, const std::string &value) {
    params.emplace_back(key, value);
    return *this;
  }
  Row &param(const std::string &key, std::uint64_t value) {
    return param(key, std::to_string(value));
  }
  Row &value(const std::string &key, double v) {
    extra.emplace_back(key, v);
    return *this;
  }
  std::optional<double> ratio() const {
    if (wallSeconds && nativeSeconds && *nativeSeconds > 0)
      return *wallSeconds / *nativeSeconds;
    return std::nullopt;
  }
};

inline void printHeader() {
  std::printf("%-44s %12s %10s %10s %8s %9s %10s  %s\n", "row", "sim cycles",
              "wall s", "native s", "ratio", "peak MB", "device MB",
              "parameters / other");
}

/// The JSON form of a row (one element of the results file).
inline nlohmann::json toJson(const Row &row) {
  nlohmann::json entry;
  entry["bench"] = row.bench;
  entry["name"] = row.name;
  entry["params"] = nlohmann::json::object();
  for (const auto &[key, value] : row.params)
    entry["params"][key] = value;
  auto optional = [](const auto &v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  entry["simCycles"] = optional(row.simCycles);
  entry["wallSeconds"] = optional(row.wallSeconds);
  entry["nativeSeconds"] = optional(row.nativeSeconds);
  entry["ratio"] = optional(row.ratio());
  entry["peakRssBytes"] = row.peakRss;
  entry["deviceBytes"] = optional(row.deviceBytes);
  entry["values"] = nlohmann::json::object();
  for (const auto &[key, value] : row.extra)
    entry["values"][key] = value;
  return entry;
}

/// One table line for a row in its JSON form (also used by bench_table,
/// which prints the whole suite's results file).
inline void printLine(const nlohmann::json &entry) {
  auto number = [&](const char *key, const char *format, double scale = 1) {
    char text[32] = "-";
    const nlohmann::json &v = entry[key];
    if (v.is_number())
      std::snprintf(text, sizeof text, format, v.get<double>() * scale);
    return std::string(text);
  };
  std::string rest;
  for (const auto &[key, value] : entry["params"].items())
    rest += key + "=" + value.get<std::string>() + " ";
  for (const auto &[key, value] : entry["values"].items()) {
    char text[96];
    std::snprintf(text, sizeof text, "%s=%.4g ", key.c_str(),
                  value.get<double>());
    rest += text;
  }
  const std::string name = entry["bench"].get<std::string>() + "/" +
                           entry["name"].get<std::string>();
  std::printf("%-44s %12s %10s %10s %8s %9s %10s  %s\n", name.c_str(),
              number("simCycles", "%.0f").c_str(),
              number("wallSeconds", "%.4f").c_str(),
              number("nativeSeconds", "%.4f").c_str(),
              number("ratio", "%.2fx").c_str(),
              number("peakRssBytes", "%.1f", 1e-6).c_str(),
              number("deviceBytes", "%.1f", 1e-6).c_str(), rest.c_str());
  std::fflush(stdout);
}

/// Prints `row` as a table line and appends it to `args.jsonFile`.
inline void report(const Args &args, Row row) {
  row.peakRss = peakRssBytes();
  nlohmann::json entry = toJson(row);
  printLine(entry);
  if (args.jsonFile.empty())
    return;
  nlohmann::json all = nlohmann::json::array();
  if (std::ifstream in(args.jsonFile); in) {
    all = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (!all.is_array())
      all = nlohmann::json::array();
  }
  all.push_back(std::move(entry));
  std::ofstream(args.jsonFile) << all.dump(1) << '\n';
}

/// Ends the benchmark with a message when a check fails: a benchmark whose
/// results are wrong measures nothing.
inline void require(bool ok, const std::string &what) {
  if (ok)
    return;
  std::fprintf(stderr, "BENCH FAILURE: %s\n", what.c_str());
  std::exit(1);
}

} // namespace bench

#endif
