// Building, writing and reading the JSON profile. Memory is counted from
// the image's variable placements: "including gaps" is the tile's high
// water mark (what the allocator reserved), "excluding gaps" the bytes some
// variable occupies (variables whose lifetimes do not overlap may share
// bytes; those count once). Categories count each variable's own bytes.
#include "runtime/engine/Profile.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace tessel {

using nlohmann::json;

const char *const kMemoryCategories[6] = {"variables",    "constants",
                                          "vertex state", "exchange code",
                                          "control code", "stacks"};

namespace {

const char *categoryName(exe::VariableCategory c) {
  switch (c) {
  case exe::VariableCategory::Constant:
    return kMemoryCategories[1];
  case exe::VariableCategory::VertexState:
    return kMemoryCategories[2];
  case exe::VariableCategory::Variable:
    break;
  }
  return kMemoryCategories[0];
}

json targetJson(const poplar::Target &t) {
  return {{"architecture", t.getTargetArchString()},
          {"type", poplar::toString(t.getTargetType())},
          {"numIPUs", t.getNumIPUs()},
          {"tilesPerIPU", t.getTilesPerIPU()},
          {"numTiles", t.getNumTiles()},
          {"bytesPerTile", t.getBytesPerTile()},
          {"clockHz", t.getTileClockFrequency()}};
}

std::string nameOr(bool keep, const std::string &name, const char *what,
                   std::size_t index) {
  return keep && !name.empty()
             ? name
             : std::string(what) + " " + std::to_string(index);
}

/// A variable: the run of consecutive placements codegen emitted for it.
struct VariableRun {
  std::size_t begin, end; // into image.placements
};

std::vector<VariableRun> variableRuns(const exe::ExecutableImage &image) {
  std::vector<VariableRun> runs;
  const auto &p = image.placements;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (i == 0 || p[i].name != p[i - 1].name ||
        p[i].category != p[i - 1].category)
      runs.push_back({i, i + 1});
    else
      runs.back().end = i + 1;
  return runs;
}

json graphJson(const exe::ExecutableImage &image, std::size_t numVariables,
               bool names) {
  json computeSets = json::array();
  for (std::size_t i = 0; i < image.computeSets.size(); ++i) {
    const exe::ComputeSetDesc &cs = image.computeSets[i];
    std::set<std::uint32_t> tiles;
    for (const exe::VertexDesc &v : cs.vertices)
      tiles.insert(v.tile);
    computeSets.push_back({{"name", nameOr(names, cs.name, "compute set", i)},
                           {"vertices", cs.vertices.size()},
                           {"tiles", tiles.size()}});
  }
  json exchanges = json::array();
  for (std::size_t i = 0; i < image.exchanges.size(); ++i) {
    const exe::ExchangeStep &s = image.exchanges[i];
    std::uint64_t bytes = 0;
    for (const exe::Transfer &t : s.transfers)
      bytes += t.numBytes;
    exchanges.push_back({{"name", nameOr(names, s.debugName, "exchange", i)},
                         {"transfers", s.transfers.size()},
                         {"bytes", bytes}});
  }
  json codelets = json::array();
  for (const exe::CodeletDesc &c : image.codelets)
    codelets.push_back(c.name);
  json streams = json::array();
  for (const exe::StreamDesc &s : image.streams)
    streams.push_back({{"handle", s.handle},
                       {"type", s.typeName},
                       {"elements", s.numElements},
                       {"toDevice", s.toDevice}});
  return {{"variables", numVariables},
          {"programs", image.programs.size()},
          {"functions", image.functions.size()},
          {"controlNodes", image.nodes.size()},
          {"computeSets", std::move(computeSets)},
          {"codelets", std::move(codelets)},
          {"exchanges", std::move(exchanges)},
          {"streams", std::move(streams)},
          {"hostHandles", image.hostAccesses.size()}};
}

/// Bytes some placement covers on each tile: the union of their ranges.
std::vector<std::uint64_t> occupiedBytes(const exe::ExecutableImage &image,
                                         std::size_t numTiles) {
  std::vector<std::vector<std::pair<std::uint64_t, std::uint64_t>>> ranges(
      numTiles);
  for (const exe::VariablePlacement &p : image.placements)
    if (p.tile < numTiles && p.numBytes)
      ranges[p.tile].push_back({p.address, p.address + p.numBytes});
  std::vector<std::uint64_t> occupied(numTiles, 0);
  for (std::size_t t = 0; t < numTiles; ++t) {
    auto &r = ranges[t];
    std::sort(r.begin(), r.end());
    std::uint64_t reached = 0;
    for (auto [begin, end] : r) {
      begin = std::max(begin, reached);
      if (end > begin)
        occupied[t] += end - begin;
      reached = std::max(reached, end);
    }
  }
  return occupied;
}

json memoryJson(const exe::ExecutableImage &image) {
  const std::size_t numTiles = image.target.getNumTiles();
  std::vector<std::uint64_t> withGaps(numTiles, 0);
  for (std::size_t t = 0; t < numTiles && t < image.tileBytesUsed.size(); ++t)
    withGaps[t] = image.tileBytesUsed[t];
  std::vector<std::uint64_t> withoutGaps = occupiedBytes(image, numTiles);
  std::map<std::string, std::vector<std::uint64_t>> byCategory;
  for (const char *c : kMemoryCategories)
    byCategory[c].assign(numTiles, 0);
  for (const exe::VariablePlacement &p : image.placements)
    if (p.tile < numTiles)
      byCategory[categoryName(p.category)][p.tile] += p.numBytes;
  auto sum = [](const std::vector<std::uint64_t> &v) {
    std::uint64_t s = 0;
    for (std::uint64_t x : v)
      s += x;
    return s;
  };
  json totalsByCategory = json::object(), tilesByCategory = json::object();
  for (const char *c : kMemoryCategories) {
    totalsByCategory[c] = sum(byCategory[c]);
    tilesByCategory[c] = byCategory[c];
  }
  json over = json::array();
  for (std::size_t t = 0; t < numTiles; ++t)
    if (withGaps[t] > image.target.getBytesPerTile())
      over.push_back(t);
  return {{"bytesPerTile", image.target.getBytesPerTile()},
          {"categories", kMemoryCategories},
          {"total",
           {{"includingGaps", sum(withGaps)},
            {"excludingGaps", sum(withoutGaps)},
            {"byCategory", std::move(totalsByCategory)}}},
          {"tiles",
           {{"includingGaps", withGaps},
            {"excludingGaps", withoutGaps},
            {"byCategory", std::move(tilesByCategory)}}},
          {"overBudgetTiles", std::move(over)}};
}

json variablesJson(const exe::ExecutableImage &image,
                   const std::vector<VariableRun> &runs,
                   const ProfileContents &contents) {
  json variables = json::array();
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const exe::VariablePlacement &first = image.placements[runs[i].begin];
    std::uint64_t bytes = 0;
    std::set<std::uint32_t> tiles;
    json pieces = json::array();
    for (std::size_t k = runs[i].begin; k < runs[i].end; ++k) {
      const exe::VariablePlacement &p = image.placements[k];
      bytes += p.numBytes;
      tiles.insert(p.tile);
      if (contents.loweredVariables)
        pieces.push_back({p.tile, p.address, p.numBytes});
    }
    json v = {{"name", nameOr(contents.debugNames, first.name, "variable", i)},
              {"category", categoryName(first.category)},
              {"bytes", bytes},
              {"tiles", tiles},
              {"lifetime", first.liveFrom < 0
                               ? json(nullptr)
                               : json::array({first.liveFrom, first.liveTo})}};
    if (contents.loweredVariables)
      v["pieces"] = std::move(pieces);
    variables.push_back(std::move(v));
  }
  return variables;
}

json cyclesJson(const sim::StepCycles &c) {
  return {{"total", c.total()},
          {"compute", c.compute},
          {"sync", c.sync},
          {"exchange", c.exchange},
          {"host", c.host}};
}

/// The name of what a traced step ran: its compute set, exchange, stream.
std::string stepName(const exe::ExecutableImage &image, const sim::TraceStep &s,
                     bool names) {
  using sim::StepKind;
  switch (s.kind) {
  case StepKind::Compute:
    return nameOr(names, image.computeSets.at(s.index).name, "compute set",
                  s.index);
  case StepKind::Exchange:
    return nameOr(names, image.exchanges.at(s.index).debugName, "exchange",
                  s.index);
  case StepKind::StreamToDevice:
  case StepKind::StreamFromDevice:
    return image.streams.at(s.index).handle;
  case StepKind::PrintTensor:
    return image.prints.at(s.index).title;
  case StepKind::ControlFlow:
    return "";
  case StepKind::Sync:
    return s.index == 0 ? "INTERNAL" : s.index == 1 ? "EXTERNAL" : "GLOBAL";
  case StepKind::RemoteBufferCopy:
    return image.remoteBuffers.at(s.index).handle;
  case StepKind::HostFunctionCall:
    return image.hostFunctions.at(s.index).handle;
  }
  return "";
}

json executionJson(const exe::ExecutableImage &image,
                   const ProfileContents &contents) {
  const sim::ExecutionProfile &profile = *contents.execution;
  json byKind = json::object();
  for (std::size_t k = 0; k < sim::kNumStepKinds; ++k) {
    const sim::StepTotals &t = profile.steps[k];
    byKind[sim::stepKindName(sim::StepKind(k))] = {
        {"steps", t.count}, {"cycles", cyclesJson(t.cycles)}};
  }
  json computeSets = json::array();
  for (std::size_t i = 0; i < profile.computeSets.size(); ++i)
    if (profile.computeSets[i].count)
      computeSets.push_back(
          {{"index", i},
           {"name", nameOr(contents.debugNames, image.computeSets[i].name,
                           "compute set", i)},
           {"steps", profile.computeSets[i].count},
           {"cycles", cyclesJson(profile.computeSets[i].cycles)}});
  json steps = json::array();
  if (contents.executionSteps)
    for (const sim::TraceStep &s : profile.trace) {
      json tiles = json::array();
      for (std::size_t k = s.firstTile; k < s.firstTile + s.numTiles; ++k)
        tiles.push_back(
            {profile.tileCycles[k].first, profile.tileCycles[k].second});
      steps.push_back({{"kind", sim::stepKindName(s.kind)},
                       {"index", s.index},
                       {"name", stepName(image, s, contents.debugNames)},
                       {"cycles", cyclesJson(s.cycles)},
                       {"tiles", std::move(tiles)}});
    }
  return {{"runs", profile.runs},
          {"cycles", cyclesJson(profile.cycles())},
          {"byKind", std::move(byKind)},
          {"computeSets", std::move(computeSets)},
          {"steps", std::move(steps)},
          {"stepsNotTraced", profile.stepsNotTraced}};
}

} // namespace

json buildProfile(const exe::ExecutableImage &image,
                  const ProfileContents &contents) {
  std::vector<VariableRun> runs = variableRuns(image);
  json profile = {{"format", "tessel-profile"},
                  {"version", kProfileVersion},
                  {"target", targetJson(image.target)},
                  {"graph", graphJson(image, runs.size(), contents.debugNames)},
                  {"memory", memoryJson(image)},
                  {"variables", variablesJson(image, runs, contents)},
                  {"execution", nullptr},
                  {"outOfMemory", nullptr}};
  if (contents.execution)
    profile["execution"] = executionJson(image, contents);
  if (!contents.outOfMemory.empty())
    profile["outOfMemory"] = contents.outOfMemory;
  return profile;
}

std::string writeProfile(const json &profile, const std::string &directory) {
  std::filesystem::path dir(directory.empty() ? "." : directory);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::string path = (dir / kProfileFileName).string();
  std::string partial = path + ".partial";
  {
    std::ofstream out(partial, std::ios::trunc);
    out << profile.dump(1) << '\n';
    if (!out)
      throw poplar::system_runtime_error(
          "cannot write the profile to '" + path +
          "'; check that autoReport.directory names a writable directory");
  }
  std::filesystem::rename(partial, path, ec);
  if (ec)
    throw poplar::system_runtime_error("cannot write the profile to '" + path +
                                       "': " + ec.message());
  return path;
}

json readProfile(const std::string &path) {
  std::ifstream in(path);
  if (!in)
    throw poplar::parse_error("cannot open the profile '" + path + "'");
  json profile = json::parse(in, nullptr, false);
  if (profile.is_discarded())
    throw poplar::parse_error("the profile '" + path + "' is not valid JSON");
  if (!profile.is_object() || profile.value("format", "") != "tessel-profile")
    throw poplar::parse_error("'" + path + "' is not a Tessel profile");
  if (profile.value("version", -1) != kProfileVersion)
    throw poplar::parse_error("the profile '" + path + "' has version " +
                              profile.value("version", json(-1)).dump() +
                              "; this Tessel reads " +
                              std::to_string(kProfileVersion));
  return profile;
}

} // namespace tessel
