// Engine::printProfileSummary: target, graph, memory and execution sections.
#include "runtime/engine/EngineImpl.hpp"

#include <poplar/Engine.hpp>

#include <algorithm>
#include <iomanip>
#include <set>

namespace poplar {

void Engine::printProfileSummary(std::ostream &out,
                                 const OptionFlags &opt) const {
  const tessel::exe::ExecutableImage &image = impl->image;
  const Target &t = image.target;
  out << "Target:\n"
      << "  Architecture:            " << t.getTargetArchString() << " ("
      << toString(t.getTargetType()) << ")\n"
      << "  Number of IPUs:          " << t.getNumIPUs() << '\n'
      << "  Tiles per IPU:           " << t.getTilesPerIPU() << '\n'
      << "  Total number of tiles:   " << t.getNumTiles() << '\n'
      << "  Memory per tile:         " << t.getBytesPerTile() << " B\n"
      << "  Clock frequency:         " << std::fixed << std::setprecision(2)
      << t.getTileClockFrequency() / 1e9 << " GHz\n";
  std::set<std::string> variables;
  for (const auto &p : image.placements)
    variables.insert(p.name);
  out << "\nGraph:\n"
      << "  Variables:               " << variables.size() << '\n'
      << "  Programs:                " << image.programs.size() << '\n'
      << "  Exchange supersteps:     " << image.exchanges.size() << '\n'
      << "  Host streams:            " << image.streams.size() << '\n';
  std::uint64_t total = 0, maxUsed = 0, tilesUsed = 0;
  std::uint64_t minUsed = UINT64_MAX;
  for (std::uint32_t used : image.tileBytesUsed) {
    total += used;
    maxUsed = std::max<std::uint64_t>(maxUsed, used);
    minUsed = std::min<std::uint64_t>(minUsed, used);
    tilesUsed += used > 0;
  }
  if (image.tileBytesUsed.empty())
    minUsed = 0;
  out << "\nMemory Usage:\n"
      << "  Total:                   " << total << " B of "
      << t.getMemoryBytes() << " B\n"
      << "  Tiles used:              " << tilesUsed << " of " << t.getNumTiles()
      << '\n'
      << "  Per tile (max / min):    " << maxUsed << " B / " << minUsed
      << " B\n";
  const tessel::ExecutionProfile &p = impl->profile;
  out << "\nExecution:\n"
      << "  Total cycles:            " << p.total() << '\n'
      << "  Compute (on-tile copy):  " << p.compute << '\n'
      << "  Sync:                    " << p.sync << '\n'
      << "  Exchange:                " << p.exchange << '\n'
      << "  Host transfers:          " << p.host << '\n'
      << "  Time at tile clock:      " << std::setprecision(3)
      << double(p.total()) / t.getTileClockFrequency() * 1e6 << " us\n";
  auto steps = opt.find("showExecutionSteps");
  if (steps != opt.end() && steps->second == "true")
    out << "  Steps: " << p.exchangeSteps << " exchanges, " << p.hostTransfers
        << " host transfers, " << p.controlSteps << " control syncs\n";
  out << std::defaultfloat;
}

} // namespace poplar
