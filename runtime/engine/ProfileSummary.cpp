// The profile summary's sections, read from the JSON profile. Text is built
// in a string stream so the caller's stream keeps its formatting flags.
#include "runtime/engine/ProfileSummary.hpp"

#include "runtime/engine/Profile.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <iomanip>
#include <numeric>
#include <sstream>
#include <vector>

namespace tessel {

using nlohmann::json;

namespace {

struct SummaryOptions {
  bool executionSteps = false;
  bool varStorage = false;
  bool perIpuMemory = false;
};

SummaryOptions readOptions(const poplar::OptionFlags &options) {
  static const char *const known[] = {"showExecutionSteps", "showVarStorage",
                                      "showPerIpuMemoryUsage",
                                      "showOptimizations", "colours"};
  SummaryOptions s;
  for (const auto &[key, value] : options) {
    if (std::find(std::begin(known), std::end(known), key) == std::end(known))
      throw poplar::invalid_option(
          "Engine::printProfileSummary: unknown option '" + key +
          "'; the options are showExecutionSteps, showVarStorage, "
          "showPerIpuMemoryUsage, showOptimizations and colours");
    if (value != "true" && value != "false")
      throw poplar::invalid_option("Engine::printProfileSummary: option '" +
                                   key + "' must be true or false, not '" +
                                   value + "'");
    bool on = value == "true";
    if (key == "showExecutionSteps")
      s.executionSteps = on;
    else if (key == "showVarStorage")
      s.varStorage = on;
    else if (key == "showPerIpuMemoryUsage")
      s.perIpuMemory = on;
  }
  return s;
}

/// "  label:" padded so values line up in one column (column 30).
std::ostream &label(std::ostream &out, const std::string &text,
                    int indent = 2) {
  return out << std::string(std::size_t(indent), ' ') << std::left
             << std::setw(30 - indent) << (text + ":") << std::right;
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(1)
    << (whole ? 100.0 * double(part) / double(whole) : 0.0) << "%";
  return s.str();
}

std::uint64_t u64(const json &v) { return v.get<std::uint64_t>(); }

std::string capitalised(std::string s) {
  if (!s.empty())
    s[0] = char(std::toupper((unsigned char)s[0]));
  return s;
}

void targetSection(std::ostream &out, const json &t) {
  out << "Target:\n";
  label(out, "Architecture") << t["architecture"].get<std::string>() << " ("
                             << t["type"].get<std::string>() << ")\n";
  label(out, "Number of IPUs") << t["numIPUs"] << "\n";
  label(out, "Tiles per IPU") << t["tilesPerIPU"] << "\n";
  label(out, "Total number of tiles") << t["numTiles"] << "\n";
  label(out, "Memory per tile") << t["bytesPerTile"] << " B\n";
  label(out, "Clock frequency") << std::fixed << std::setprecision(2)
                                << t["clockHz"].get<double>() / 1e9 << " GHz\n";
}

void graphSection(std::ostream &out, const json &g) {
  std::uint64_t vertices = 0, transfers = 0;
  for (const json &cs : g["computeSets"])
    vertices += u64(cs["vertices"]);
  for (const json &x : g["exchanges"])
    transfers += u64(x["transfers"]);
  out << "\nGraph:\n";
  label(out, "Variables") << g["variables"] << "\n";
  label(out, "Programs") << g["programs"] << "\n";
  label(out, "Functions") << g["functions"] << "\n";
  label(out, "Control nodes") << g["controlNodes"] << "\n";
  label(out, "Compute sets")
      << g["computeSets"].size() << " (" << vertices << " vertices, "
      << g["codelets"].size() << " codelets)\n";
  label(out, "Exchange supersteps")
      << g["exchanges"].size() << " (" << transfers << " transfers)\n";
  label(out, "Host streams") << g["streams"].size() << "\n";
  label(out, "Host read/write handles") << g["hostHandles"] << "\n";
}

void perIpuMemory(std::ostream &out, const json &profile) {
  const json &t = profile["target"];
  const json &used = profile["memory"]["tiles"]["includingGaps"];
  const std::uint64_t tilesPerIPU = u64(t["tilesPerIPU"]);
  out << "  By IPU:\n";
  for (std::uint64_t ipu = 0; ipu < u64(t["numIPUs"]); ++ipu) {
    std::uint64_t bytes = 0;
    for (std::uint64_t k = 0; k < tilesPerIPU; ++k)
      bytes += u64(used[ipu * tilesPerIPU + k]);
    label(out, "IPU " + std::to_string(ipu), 4)
        << bytes << " B ("
        << percent(bytes, tilesPerIPU * u64(t["bytesPerTile"])) << ")\n";
  }
}

void variableStorage(std::ostream &out, const json &variables) {
  std::vector<const json *> sorted;
  for (const json &v : variables)
    sorted.push_back(&v);
  std::stable_sort(sorted.begin(), sorted.end(), [](auto *a, auto *b) {
    return u64((*a)["bytes"]) > u64((*b)["bytes"]);
  });
  out << "  Variables by size:\n";
  for (const json *v : sorted) {
    std::size_t tiles = (*v)["tiles"].size();
    const json &life = (*v)["lifetime"];
    out << "    " << (*v)["name"].get<std::string>() << ": " << (*v)["bytes"]
        << " B on " << tiles << (tiles == 1 ? " tile" : " tiles") << " ("
        << (*v)["category"].get<std::string>() << ", "
        << (life.is_null() ? std::string("always live")
                           : "live at program positions " + life[0].dump() +
                                 " to " + life[1].dump())
        << ")\n";
  }
}

/// Max, min, mean and the fullest tiles, by bytes including gaps.
void perTileMemory(std::ostream &out, const json &memory) {
  std::vector<std::uint64_t> used =
      memory["tiles"]["includingGaps"].get<std::vector<std::uint64_t>>();
  const std::uint64_t budget = u64(memory["bytesPerTile"]);
  std::vector<std::size_t> order(used.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(
      order.begin(), order.end(),
      [&](std::size_t a, std::size_t b) { return used[a] > used[b]; });
  std::size_t tilesUsed = std::count_if(used.begin(), used.end(),
                                        [](std::uint64_t b) { return b > 0; });
  label(out, "Tiles used") << tilesUsed << " of " << used.size() << "\n";
  if (used.empty())
    return;
  // The lowest-numbered tile of the extreme value.
  auto most = std::max_element(used.begin(), used.end());
  auto least = std::min_element(used.begin(), used.end());
  std::uint64_t total = std::accumulate(used.begin(), used.end(), 0ull);
  label(out, "Per tile, max")
      << *most << " B (tile " << most - used.begin() << ")\n";
  label(out, "Per tile, min")
      << *least << " B (tile " << least - used.begin() << ")\n";
  label(out, "Per tile, mean") << std::fixed << std::setprecision(1)
                               << double(total) / double(used.size()) << " B\n";
  label(out, "Fullest tiles");
  constexpr std::size_t kFullestShown = 5;
  for (std::size_t i = 0; i < order.size() && i < kFullestShown; ++i)
    out << (i ? ", " : "") << "tile " << order[i] << " " << used[order[i]]
        << " B (" << percent(used[order[i]], budget) << ")";
  out << "\n";
  label(out, "Tiles over budget") << memory["overBudgetTiles"].size() << "\n";
}

void memorySection(std::ostream &out, const json &profile,
                   const SummaryOptions &opts) {
  const json &memory = profile["memory"];
  const json &total = memory["total"];
  const std::uint64_t capacity =
      u64(memory["bytesPerTile"]) * u64(profile["target"]["numTiles"]);
  const std::uint64_t withGaps = u64(total["includingGaps"]);
  out << "\nMemory Usage:\n";
  label(out, "Including gaps") << withGaps << " B of " << capacity << " B ("
                               << percent(withGaps, capacity) << ")\n";
  label(out, "Excluding gaps") << total["excludingGaps"] << " B\n";
  out << "  By category:\n";
  for (const json &category : memory["categories"]) {
    std::uint64_t bytes = u64(total["byCategory"][category.get<std::string>()]);
    label(out, capitalised(category.get<std::string>()), 4)
        << bytes << " B (" << percent(bytes, withGaps) << ")\n";
  }
  perTileMemory(out, memory);
  if (opts.perIpuMemory)
    perIpuMemory(out, profile);
  if (opts.varStorage)
    variableStorage(out, profile["variables"]);
}

std::string phases(const json &c) {
  std::ostringstream s;
  s << c["compute"] << " compute, " << c["sync"] << " sync";
  if (u64(c["exchange"]))
    s << ", " << c["exchange"] << " exchange";
  if (u64(c["host"]))
    s << ", " << c["host"] << " host";
  return s.str();
}

/// Steps and cycles by kind, by compute set, then every traced step.
void executionSteps(std::ostream &out, const json &e) {
  out << "  Execution steps:\n";
  for (const auto &[kind, totals] : e["byKind"].items())
    out << "    " << std::left << std::setw(20) << kind << std::right
        << std::setw(10) << u64(totals["steps"]) << " steps" << std::setw(14)
        << u64(totals["cycles"]["total"]) << " cycles\n";
  if (!e["computeSets"].empty())
    out << "  Compute sets:\n";
  for (const json &cs : e["computeSets"])
    out << "    " << std::left << std::setw(20) << cs["name"].get<std::string>()
        << std::right << std::setw(10) << u64(cs["steps"]) << " steps"
        << std::setw(14) << u64(cs["cycles"]["total"]) << " cycles ("
        << phases(cs["cycles"]) << ")\n";
  out << "  Steps in order:\n";
  std::size_t number = 0;
  for (const json &s : e["steps"]) {
    std::string name = s["name"].get<std::string>();
    out << "    " << std::setw(6) << number++ << "  " << std::left
        << std::setw(20) << s["kind"].get<std::string>() << std::right
        << std::setw(12) << u64(s["cycles"]["total"]) << " cycles  "
        << (name.empty() ? std::string("-") : name) << " ("
        << phases(s["cycles"]) << ")\n";
  }
  if (u64(e["stepsNotTraced"]))
    out << "    ... and " << e["stepsNotTraced"]
        << " more steps after the trace filled up\n";
}

void executionSection(std::ostream &out, const json &profile,
                      std::uint64_t deviceCycles, const SummaryOptions &opts) {
  const json &e = profile["execution"];
  const json &c = e["cycles"];
  out << "\nExecution:\n";
  label(out, "Total cycles")
      << c["total"] << " (" << std::fixed << std::setprecision(3)
      << double(u64(c["total"])) / profile["target"]["clockHz"].get<double>() *
             1e6
      << " us at the tile clock)\n";
  label(out, "Compute cycles") << c["compute"] << "\n";
  label(out, "Exchange cycles") << c["exchange"] << "\n";
  label(out, "Sync cycles") << c["sync"] << "\n";
  label(out, "Host transfer cycles") << c["host"] << "\n";
  label(out, "Profiled runs") << e["runs"] << "\n";
  if (deviceCycles != u64(c["total"]))
    label(out, "Device cycles, all runs")
        << deviceCycles << " (some ran unprofiled or before a reset)\n";
  if (opts.executionSteps)
    executionSteps(out, e);
}

} // namespace

std::string profileSummary(const exe::ExecutableImage &image,
                           const sim::ExecutionProfile &profile,
                           std::uint64_t deviceCycles,
                           const poplar::OptionFlags &options,
                           bool debugNames) {
  SummaryOptions opts = readOptions(options);
  ProfileContents contents;
  contents.execution = &profile;
  contents.executionSteps = opts.executionSteps;
  contents.debugNames = debugNames;
  json p = buildProfile(image, contents);
  std::ostringstream out;
  targetSection(out, p["target"]);
  graphSection(out, p["graph"]);
  memorySection(out, p, opts);
  executionSection(out, p, deviceCycles, opts);
  return out.str();
}

} // namespace tessel
