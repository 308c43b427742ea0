// poplar::Engine: compiling (through compileGraph), loading onto a device,
// running, and host access to tensors and streams.
#include "runtime/engine/EngineImpl.hpp"

#include "compiler/core/TargetParameters.hpp"

#include <poplar/Engine.hpp>
#include <poplar/exceptions.hpp>

#include <cstring>
#include <thread>

using namespace poplar;

namespace tessel {

/// Host threads for the simulator: option tessel.hostThreads, else all the
/// machine's cores. Results never depend on it.
static unsigned hostThreads(const OptionFlags &options) {
  auto it = options.find("tessel.hostThreads");
  if (it != options.end()) {
    try {
      return unsigned(std::stoul(it->second));
    } catch (const std::exception &) {
      throw invalid_option("option tessel.hostThreads must be a number of "
                           "threads, not '" +
                           it->second + "'");
    }
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

EngineImpl::EngineImpl(exe::ExecutableImage img, const OptionFlags &opts)
    : image(std::move(img)), options(opts),
      cycleModel(targetParams(image.target)) {
  readJSONFromEnv("POPLAR_ENGINE_OPTIONS", options);
  for (const exe::StreamDesc &s : image.streams)
    streams.push_back(std::make_unique<HostStream>(s));
  for (const exe::ExchangeStep &step : image.exchanges)
    exchangeCycles.push_back(cycleModel.exchange(step));
}

void EngineImpl::load(const Device &device) {
  const Target &have = device.getTarget();
  const Target &want = image.target;
  if (have.getNumTiles() != want.getNumTiles() ||
      have.getBytesPerTile() != want.getBytesPerTile() ||
      have.getTargetArchString() != want.getTargetArchString())
    throw poplar_error("Engine::load: the engine was compiled for " +
                       want.getTargetArchString() + " with " +
                       std::to_string(want.getNumTiles()) + " tiles of " +
                       std::to_string(want.getBytesPerTile()) +
                       " bytes but the device is " +
                       have.getTargetArchString() + " with " +
                       std::to_string(have.getNumTiles()) + " tiles of " +
                       std::to_string(have.getBytesPerTile()) +
                       " bytes; build the graph from this device's target");
  if (have.getTargetType() == TargetType::IPU && !device.isAttached())
    throw poplar_error("Engine::load: the IPU device " +
                       std::to_string(device.getId()) +
                       " is not attached; call Device::attach() first");
  unsigned threads = hostThreads(options);
  pool = std::make_unique<sim::ThreadPool>(threads > 1 ? threads - 1 : 0);
  memory = std::make_unique<sim::TileMemory>(want.getNumTiles(),
                                             want.getBytesPerTile());
  for (const exe::InitialData &d : image.initialMemory)
    std::memcpy(memory->at(d.tile, d.address, d.bytes.size()), d.bytes.data(),
                d.bytes.size());
  exchanger = std::make_unique<sim::ExchangeExecutor>(image, *memory, *pool);
}

const exe::HostAccessDesc &EngineImpl::hostAccess(const std::string &handle,
                                                  bool forWrite) const {
  if (!memory)
    throw poplar::runtime_error("host access to '" + handle +
                                "' before Engine::load; load the engine on "
                                "a device first");
  for (const exe::HostAccessDesc &h : image.hostAccesses) {
    if (h.handle != handle)
      continue;
    if (h.isWrite != forWrite)
      throw poplar_error(std::string(forWrite ? "writeTensor" : "readTensor") +
                         ": handle '" + handle + "' was made with " +
                         (h.isWrite ? "createHostWrite" : "createHostRead") +
                         "; use " +
                         (forWrite ? "createHostWrite" : "createHostRead") +
                         " to make a handle for this direction");
    return h;
  }
  std::string known;
  for (const exe::HostAccessDesc &h : image.hostAccesses)
    known += (known.empty() ? "" : ", ") + ("'" + h.handle + "'");
  throw poplar_error("no host " + std::string(forWrite ? "write" : "read") +
                     " handle '" + handle + "'; the graph has " +
                     (known.empty() ? std::string("none") : known));
}

HostStream &EngineImpl::stream(const std::string &handle) {
  for (auto &s : streams)
    if (s->description().handle == handle)
      return *s;
  throw stream_connection_error("no stream '" + handle +
                                "' in the graph; listStreams() names them");
}

static std::uint64_t layoutBytes(const exe::TensorLayout &l) {
  std::uint64_t n = 0;
  for (const exe::MemoryPiece &p : l.pieces)
    n += p.numBytes;
  return n;
}

} // namespace tessel

namespace poplar {

Engine::Engine(const Graph &graph, ArrayRef<program::Program> progs,
               const OptionFlags &opt, ProgressFunc progress,
               const DebugContext &dbg) {
  Executable exe = compileGraph(graph, progs, opt, progress, dbg);
  impl = std::make_unique<tessel::EngineImpl>(
      std::move(tessel::ExecutableAccess::image(exe)), opt);
}

Engine::Engine(const Graph &graph, program::Program prog,
               const OptionFlags &opt, ProgressFunc progress,
               const DebugContext &dbg)
    : Engine(graph, ArrayRef<program::Program>(&prog, 1), opt, progress, dbg) {}

Engine::Engine(Graph &&graph, ArrayRef<program::Program> progs,
               const OptionFlags &opt, ProgressFunc progress,
               const DebugContext &dbg)
    : Engine(static_cast<const Graph &>(graph), progs, opt, progress, dbg) {}

Engine::Engine(Graph &&graph, program::Program prog, const OptionFlags &opt,
               ProgressFunc progress, const DebugContext &dbg)
    : Engine(static_cast<const Graph &>(graph), prog, opt, progress, dbg) {}

Engine::Engine(Executable &&exe, const OptionFlags &opt)
    : impl(std::make_unique<tessel::EngineImpl>(
          std::move(tessel::ExecutableAccess::image(exe)), opt)) {}

Engine::Engine(Engine &&) noexcept = default;
Engine &Engine::operator=(Engine &&) noexcept = default;
Engine::~Engine() = default;

void Engine::load(const Device &device) { impl->load(device); }
void Engine::prepare(const Device &device, const RuntimeOptions &) {
  impl->load(device);
}
void Engine::deploy() {}
void Engine::loadAndRun(const Device &device, unsigned prog) {
  load(device);
  run(prog);
}
void Engine::run(unsigned prog, const std::string &) { impl->run(prog); }
void Engine::run(unsigned prog, const std::string &, const RuntimeOptions &) {
  impl->run(prog);
}
void Engine::stop() {}

void Engine::setPrintStream(std::ostream &stream) {
  impl->printStream = &stream;
}
void Engine::setPrintTensorStream(std::ostream &stream) {
  impl->printTensorStream = &stream;
}

void Engine::writeTensor(StringRef handle, const void *buf,
                         const void *bufEnd) {
  const auto &h = impl->hostAccess(std::string(handle), true);
  const auto &layout = impl->image.layouts[h.layout];
  auto bytes = std::uint64_t(static_cast<const char *>(bufEnd) -
                             static_cast<const char *>(buf));
  if (bytes != tessel::layoutBytes(layout))
    throw poplar_error("writeTensor('" + std::string(handle) +
                       "'): the "
                       "buffer has " +
                       std::to_string(bytes) + " bytes but the tensor has " +
                       std::to_string(tessel::layoutBytes(layout)) + " (" +
                       layout.typeName + ")");
  impl->scatter(layout, static_cast<const std::uint8_t *>(buf));
}

void Engine::readTensor(StringRef handle, void *buf, void *bufEnd) {
  const auto &h = impl->hostAccess(std::string(handle), false);
  const auto &layout = impl->image.layouts[h.layout];
  auto bytes =
      std::uint64_t(static_cast<char *>(bufEnd) - static_cast<char *>(buf));
  if (bytes != tessel::layoutBytes(layout))
    throw poplar_error("readTensor('" + std::string(handle) +
                       "'): the "
                       "buffer has " +
                       std::to_string(bytes) + " bytes but the tensor has " +
                       std::to_string(tessel::layoutBytes(layout)) + " (" +
                       layout.typeName + ")");
  std::vector<std::uint8_t> data = impl->gather(layout);
  std::memcpy(buf, data.data(), data.size());
}

void Engine::writeTensor(StringRef handle, const void *buf) {
  const auto &h = impl->hostAccess(std::string(handle), true);
  impl->scatter(impl->image.layouts[h.layout],
                static_cast<const std::uint8_t *>(buf));
}

void Engine::readTensor(StringRef handle, void *buf) {
  const auto &h = impl->hostAccess(std::string(handle), false);
  std::vector<std::uint8_t> data = impl->gather(impl->image.layouts[h.layout]);
  std::memcpy(buf, data.data(), data.size());
}

void Engine::connectStream(StringRef handle, void *begin, void *end) {
  impl->stream(std::string(handle)).connectBuffer(begin, end);
}
void Engine::connectStream(StringRef handle, void *p) {
  impl->stream(std::string(handle)).connectPointer(p);
}
void Engine::connectStream(const DataStream &stream, void *begin, void *end) {
  connectStream(stream.handle(), begin, end);
}
void Engine::connectStream(const DataStream &stream, void *p) {
  connectStream(stream.handle(), p);
}

static void checkReplica(const std::string &handle, unsigned replica) {
  if (replica != 0)
    throw stream_connection_error("connectStreamToCallback('" + handle +
                                  "'): replica " + std::to_string(replica) +
                                  " does not exist; the graph has 1 replica");
}

void Engine::connectStreamToCallback(StringRef handle,
                                     std::function<void(void *)> callback) {
  impl->stream(std::string(handle)).connectCallback(std::move(callback));
}
void Engine::connectStreamToCallback(StringRef handle, unsigned replicaIndex,
                                     std::function<void(void *)> callback) {
  checkReplica(std::string(handle), replicaIndex);
  connectStreamToCallback(handle, std::move(callback));
}
void Engine::connectStreamToCallback(StringRef handle,
                                     std::unique_ptr<StreamCallback> callback) {
  impl->stream(std::string(handle)).connectCallback(std::move(callback));
}
void Engine::connectStreamToCallback(StringRef handle, unsigned replicaIndex,
                                     std::unique_ptr<StreamCallback> callback) {
  checkReplica(std::string(handle), replicaIndex);
  connectStreamToCallback(handle, std::move(callback));
}

std::vector<std::string> Engine::listStreams() const {
  std::vector<std::string> names;
  for (const auto &s : impl->image.streams)
    names.push_back(s.handle);
  return names;
}

void Engine::resetExecutionProfile() { impl->profile = {}; }
void Engine::enableExecutionProfiling() { impl->profiling = true; }
void Engine::disableExecutionProfiling() { impl->profiling = false; }
std::uint64_t Engine::getCycleCount() const { return impl->profile.total(); }
const OptionFlags &Engine::getEngineOptions() const { return impl->options; }

} // namespace poplar
