// The profile summary's sections. Text is built in a string stream so the
// caller's stream keeps its formatting flags.
#include "runtime/engine/ProfileSummary.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>
#include <vector>

namespace tessel {

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

/// "  label:" padded so values line up in one column.
std::ostream &label(std::ostream &out, const std::string &text) {
  return out << "  " << std::left << std::setw(28) << (text + ":")
             << std::right;
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(1)
    << (whole ? 100.0 * double(part) / double(whole) : 0.0) << "%";
  return s.str();
}

void targetSection(std::ostream &out, const poplar::Target &t) {
  out << "Target:\n";
  label(out, "Architecture") << t.getTargetArchString() << " ("
                             << poplar::toString(t.getTargetType()) << ")\n";
  label(out, "Number of IPUs") << t.getNumIPUs() << "\n";
  label(out, "Tiles per IPU") << t.getTilesPerIPU() << "\n";
  label(out, "Total number of tiles") << t.getNumTiles() << "\n";
  label(out, "Memory per tile") << t.getBytesPerTile() << " B\n";
  label(out, "Clock frequency") << std::fixed << std::setprecision(2)
                                << t.getTileClockFrequency() / 1e9 << " GHz\n";
}

void graphSection(std::ostream &out, const exe::ExecutableImage &image) {
  std::set<std::string> variables;
  for (const exe::VariablePlacement &p : image.placements)
    variables.insert(p.name);
  std::uint64_t transfers = 0, vertices = 0;
  for (const exe::ExchangeStep &s : image.exchanges)
    transfers += s.transfers.size();
  for (const exe::ComputeSetDesc &cs : image.computeSets)
    vertices += cs.vertices.size();
  out << "\nGraph:\n";
  label(out, "Variables") << variables.size() << "\n";
  label(out, "Programs") << image.programs.size() << "\n";
  label(out, "Functions") << image.functions.size() << "\n";
  label(out, "Control nodes") << image.nodes.size() << "\n";
  label(out, "Compute sets")
      << image.computeSets.size() << " (" << vertices << " vertices, "
      << image.codelets.size() << " codelets)\n";
  label(out, "Exchange supersteps")
      << image.exchanges.size() << " (" << transfers << " transfers)\n";
  label(out, "Host streams") << image.streams.size() << "\n";
  label(out, "Host read/write handles") << image.hostAccesses.size() << "\n";
}

std::uint64_t tileBytes(const exe::ExecutableImage &image, unsigned tile) {
  return tile < image.tileBytesUsed.size() ? image.tileBytesUsed[tile] : 0;
}

void perIpuMemory(std::ostream &out, const exe::ExecutableImage &image) {
  const poplar::Target &t = image.target;
  for (unsigned ipu = 0; ipu < t.getNumIPUs(); ++ipu) {
    std::uint64_t used = 0;
    for (unsigned k = 0; k < t.getTilesPerIPU(); ++k)
      used += tileBytes(image, ipu * t.getTilesPerIPU() + k);
    std::uint64_t capacity =
        std::uint64_t(t.getTilesPerIPU()) * t.getBytesPerTile();
    label(out, "IPU " + std::to_string(ipu))
        << used << " B (" << percent(used, capacity) << ")\n";
  }
}

void variableStorage(std::ostream &out, const exe::ExecutableImage &image) {
  struct Storage {
    std::uint64_t bytes = 0;
    std::set<std::uint32_t> tiles;
  };
  std::map<std::string, Storage> byName;
  for (const exe::VariablePlacement &p : image.placements) {
    byName[p.name].bytes += p.numBytes;
    byName[p.name].tiles.insert(p.tile);
  }
  std::vector<std::pair<std::string, Storage>> sorted(byName.begin(),
                                                      byName.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](auto &a, auto &b) {
    return a.second.bytes > b.second.bytes;
  });
  out << "  Variables by size:\n";
  for (const auto &[name, s] : sorted)
    out << "    " << name << ": " << s.bytes << " B on " << s.tiles.size()
        << (s.tiles.size() == 1 ? " tile\n" : " tiles\n");
}

void memorySection(std::ostream &out, const exe::ExecutableImage &image,
                   const SummaryOptions &opts) {
  const poplar::Target &t = image.target;
  std::uint64_t total = 0, most = 0, least = UINT64_MAX, tilesUsed = 0;
  unsigned mostTile = 0, leastTile = 0;
  for (unsigned tile = 0; tile < t.getNumTiles(); ++tile) {
    std::uint64_t used = tileBytes(image, tile);
    total += used;
    tilesUsed += used > 0;
    if (used > most) {
      most = used;
      mostTile = tile;
    }
    if (used < least) {
      least = used;
      leastTile = tile;
    }
  }
  if (t.getNumTiles() == 0)
    least = 0;
  out << "\nMemory Usage:\n";
  label(out, "Total") << total << " B of " << t.getMemoryBytes() << " B ("
                      << percent(total, t.getMemoryBytes()) << ")\n";
  label(out, "Tiles used") << tilesUsed << " of " << t.getNumTiles() << "\n";
  label(out, "Per tile, max") << most << " B (tile " << mostTile << ")\n";
  label(out, "Per tile, min") << least << " B (tile " << leastTile << ")\n";
  label(out, "Per tile, mean")
      << std::fixed << std::setprecision(1)
      << (t.getNumTiles() ? double(total) / t.getNumTiles() : 0.0) << " B\n";
  if (opts.perIpuMemory)
    perIpuMemory(out, image);
  if (opts.varStorage)
    variableStorage(out, image);
}

/// The compute sets that ran, by name, with their steps and cycles.
void computeSetSteps(std::ostream &out, const exe::ExecutableImage &image,
                     const sim::ExecutionProfile &profile) {
  bool any = false;
  for (std::size_t i = 0; i < profile.computeSets.size(); ++i) {
    const sim::StepTotals &s = profile.computeSets[i];
    if (s.count == 0)
      continue;
    if (!any)
      out << "  Compute sets:\n";
    any = true;
    const std::string &name = image.computeSets[i].name;
    out << "    " << std::left << std::setw(20)
        << (name.empty() ? "compute set " + std::to_string(i) : name)
        << std::right << std::setw(10) << s.count << " steps" << std::setw(14)
        << s.cycles.total() << " cycles (" << s.cycles.compute << " compute, "
        << s.cycles.sync << " sync)\n";
  }
}

void executionSection(std::ostream &out, const exe::ExecutableImage &image,
                      const sim::ExecutionProfile &profile,
                      std::uint64_t deviceCycles, const SummaryOptions &opts) {
  const poplar::Target &t = image.target;
  sim::StepCycles c = profile.cycles();
  out << "\nExecution:\n";
  label(out, "Total cycles")
      << c.total() << " (" << std::fixed << std::setprecision(3)
      << double(c.total()) / t.getTileClockFrequency() * 1e6
      << " us at the tile clock)\n";
  label(out, "Compute cycles") << c.compute << "\n";
  label(out, "Exchange cycles") << c.exchange << "\n";
  label(out, "Sync cycles") << c.sync << "\n";
  label(out, "Host transfer cycles") << c.host << "\n";
  label(out, "Profiled runs") << profile.runs << "\n";
  if (deviceCycles != c.total())
    label(out, "Device cycles, all runs")
        << deviceCycles << " (some ran unprofiled or before a reset)\n";
  if (!opts.executionSteps)
    return;
  out << "  Execution steps:\n";
  for (std::size_t k = 0; k < sim::kNumStepKinds; ++k) {
    auto kind = sim::StepKind(k);
    const sim::StepTotals &s = profile.of(kind);
    out << "    " << std::left << std::setw(20) << sim::stepKindName(kind)
        << std::right << std::setw(10) << s.count << " steps" << std::setw(14)
        << s.cycles.total() << " cycles\n";
  }
  computeSetSteps(out, image, profile);
}

} // namespace

std::string profileSummary(const exe::ExecutableImage &image,
                           const sim::ExecutionProfile &profile,
                           std::uint64_t deviceCycles,
                           const poplar::OptionFlags &options) {
  SummaryOptions opts = readOptions(options);
  std::ostringstream out;
  targetSection(out, image.target);
  graphSection(out, image);
  memorySection(out, image, opts);
  executionSection(out, image, profile, deviceCycles, opts);
  return out.str();
}

} // namespace tessel
