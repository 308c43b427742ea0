// Loading codelet objects from memory, the process-wide object cache, and
// resolving codelets by name.
#include "runtime/sim/CodeletLibrary.hpp"

#include "compiler/codelets/Sha256.hpp"
#include "compiler/codelets/VertexTable.hpp"

#include <poplar/exceptions.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dlfcn.h>
#include <map>
#include <memory>
#include <mutex>
#include <sys/mman.h>
#include <unistd.h>
#include <unordered_map>

namespace tessel::sim {

namespace {

/// An object loaded into the process. Never unloaded: objects are small,
/// pool threads keep thread_local state in them, and engines made later
/// reuse them.
struct LoadedObject {
  /// The object's bytes, so that two objects claiming one content hash are
  /// told apart instead of silently sharing code.
  std::vector<std::uint8_t> bytes;
  bool hasTable = false;
  std::uint32_t abiVersion = 0;
  /// Empty unless abiVersion == abi::kAbiVersion.
  std::unordered_map<std::string, const abi::VertexInfo *> byName;
};

struct ObjectCache {
  std::mutex mutex;
  std::map<std::string, std::unique_ptr<LoadedObject>> byHash;
  std::uint64_t loads = 0;
};

ObjectCache &objectCache() {
  static ObjectCache cache;
  return cache;
}

const char *const kRebuild =
    "; rebuild the codelets with the popc of this Tessel version (or "
    "addCodelets their sources again) and recompile the graph";

std::string objectName(const exe::NativeObject &object) {
  return object.source.empty() ? "codelet object " + object.contentHash
                               : object.source;
}

[[noreturn]] void fail(const exe::NativeObject &object,
                       const std::string &problem) {
  throw poplar::graph_object_load_error(objectName(object), problem + kRebuild);
}

/// The object's bytes do not hash to its stored content hash; `why` says
/// how that was found.
[[noreturn]] void failDamaged(const exe::NativeObject &object,
                              const char *why) {
  fail(object, "the codelet object's bytes hash to " +
                   codelets::Sha256::hexOf(object.sharedObject.data(),
                                           object.sharedObject.size()) +
                   ", not its stored content hash " + object.contentHash + why +
                   ", so the executable is damaged");
}

/// dlopen of the object's bytes through a memfd. The descriptor stays open:
/// the dynamic loader knows objects by name, and "/proc/self/fd/N" must
/// never name a second object while the first is loaded.
void *openFromMemory(const exe::NativeObject &object) {
  int fd = memfd_create("tessel-codelets", MFD_CLOEXEC);
  if (fd < 0)
    fail(object, std::string("memfd_create failed: ") + std::strerror(errno));
  const std::uint8_t *data = object.sharedObject.data();
  std::size_t left = object.sharedObject.size();
  while (left > 0) {
    ssize_t written = write(fd, data, left);
    if (written < 0 && errno == EINTR)
      continue;
    if (written <= 0) {
      std::string error = std::strerror(errno);
      close(fd);
      fail(object, "cannot copy the codelet object to memory: " + error);
    }
    data += written;
    left -= std::size_t(written);
  }
  std::string path = "/proc/self/fd/" + std::to_string(fd);
  void *handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char *error = dlerror();
    close(fd);
    fail(object, std::string("the codelet object does not load (") +
                     (error ? error : "unknown error") + ")");
  }
  return handle;
}

std::unique_ptr<LoadedObject> load(const exe::NativeObject &object) {
  void *handle = openFromMemory(object);
  ++objectCache().loads;
  auto loaded = std::make_unique<LoadedObject>();
  loaded->bytes = object.sharedObject;
  // A missing table or another ABI version is reported by the caller, for
  // every engine.
  const codelets::VertexTable table = codelets::readVertexTable(handle);
  loaded->hasTable = table.exported;
  loaded->abiVersion = table.abiVersion;
  for (std::uint32_t i = 0; i < table.numVertices; ++i)
    if (table.vertices[i].name)
      loaded->byName.emplace(table.vertices[i].name, &table.vertices[i]);
  return loaded;
}

/// The object, loaded by this call or an earlier one; checked for its ABI.
const LoadedObject &loadCached(const exe::NativeObject &object) {
  ObjectCache &cache = objectCache();
  const LoadedObject *loaded = nullptr;
  {
    std::lock_guard<std::mutex> lock(cache.mutex);
    std::unique_ptr<LoadedObject> &entry = cache.byHash[object.contentHash];
    if (!entry) {
      try {
        // An image can reach the runtime without deserialize (built in
        // memory), so the bytes are checked here too, before dlopen maps
        // them.
        if (codelets::Sha256::hexOf(object.sharedObject.data(),
                                    object.sharedObject.size()) !=
            object.contentHash)
          failDamaged(object, "");
        entry = load(object);
      } catch (...) {
        cache.byHash.erase(object.contentHash);
        throw;
      }
    }
    loaded = entry.get();
  }
  // The same message whether or not an object of this hash was loaded
  // before, so the report does not depend on what ran earlier.
  if (loaded->bytes != object.sharedObject)
    failDamaged(object, " (the hash of an object already loaded)");
  if (!loaded->hasTable)
    fail(object, std::string("the codelet object does not export ") +
                     abi::kTableSymbol + ", so popc did not build it");
  if (loaded->abiVersion != abi::kAbiVersion)
    fail(object, "the codelet object has codelet ABI version " +
                     std::to_string(loaded->abiVersion) +
                     ", but this runtime runs version " +
                     std::to_string(abi::kAbiVersion));
  return *loaded;
}

std::string someNames(const LoadedObject &object) {
  std::vector<std::string> names;
  for (const auto &entry : object.byName)
    names.push_back(entry.first);
  std::sort(names.begin(), names.end());
  std::string list;
  for (std::size_t i = 0; i < names.size() && i < 8; ++i)
    list += (i ? ", " : "") + names[i];
  if (names.size() > 8)
    list += " and " + std::to_string(names.size() - 8) + " more";
  return names.empty() ? "no vertices" : list;
}

const char *directionName(std::uint8_t direction) {
  switch (abi::Direction(direction)) {
  case abi::Direction::None:
    return "state (no direction)";
  case abi::Direction::Input:
    return "Input";
  case abi::Direction::Output:
    return "Output";
  case abi::Direction::InOut:
    return "InOut";
  }
  return "an unknown direction";
}

/// The compiler planned exchanges and hazards from the .gp's field
/// metadata; the code binds fields by its own table. Metadata that
/// disagrees (a direction relabelled, a field added or dropped) would run
/// silently wrong, so it is refused.
void checkFields(const exe::CodeletDesc &codelet,
                 const exe::NativeObject &object, const abi::VertexInfo &info) {
  const std::string prefix = "codelet '" + codelet.name + "' ";
  const std::string fix =
      "; the .gp's metadata does not match its code (edited, or built by "
      "another popc)";
  if (info.numFields != codelet.fields.size())
    fail(object, prefix + "has " + std::to_string(info.numFields) +
                     " fields in the codelet object, but the executable was "
                     "compiled for " +
                     std::to_string(codelet.fields.size()) + fix);
  for (std::uint32_t i = 0; i < info.numFields; ++i) {
    const abi::FieldInfo &have = info.fields[i];
    const exe::CodeletFieldDesc &want = codelet.fields[i];
    const std::string field =
        prefix + "field " + std::to_string(i) + " ('" + have.name + "') ";
    if (std::uint8_t(have.direction) != want.direction)
      fail(object, field + "is " + directionName(std::uint8_t(have.direction)) +
                       " in the codelet object, but the executable was "
                       "compiled for " +
                       directionName(want.direction) + fix);
    if (std::uint8_t(have.kind) != want.kind ||
        have.elementBytes != want.elementBytes)
      fail(object, field + "has kind " + std::to_string(int(have.kind)) +
                       " of " + std::to_string(have.elementBytes) +
                       "-byte elements in the codelet object, but the "
                       "executable was compiled for kind " +
                       std::to_string(int(want.kind)) + " of " +
                       std::to_string(want.elementBytes) + "-byte elements" +
                       fix);
  }
}

const abi::VertexInfo &resolve(const exe::CodeletDesc &codelet,
                               const exe::NativeObject &object,
                               const LoadedObject &loaded) {
  auto found = loaded.byName.find(codelet.name);
  if (found == loaded.byName.end() || !found->second->run)
    fail(object, "the codelet object has no codelet '" + codelet.name +
                     "' (it has " + someNames(loaded) + ")");
  const abi::VertexInfo &info = *found->second;
  auto base = abi::VertexBase(codelet.base);
  if (info.base != base)
    fail(object, "codelet '" + codelet.name + "' is a " +
                     vertexBaseName(info.base) +
                     " in the codelet object, but the executable runs it as "
                     "a " +
                     vertexBaseName(base));
  if ((info.returnsBool != 0) != codelet.returnsBool)
    fail(object, "codelet '" + codelet.name + "' returns " +
                     (info.returnsBool ? "bool" : "void") +
                     " in the codelet object, but the executable expects " +
                     (codelet.returnsBool ? "bool" : "void"));
  if (codelet.hasFields)
    checkFields(codelet, object, info);
  return info;
}

} // namespace

std::string vertexBaseName(abi::VertexBase base) {
  switch (base) {
  case abi::VertexBase::Vertex:
    return "Vertex";
  case abi::VertexBase::MultiVertex:
    return "MultiVertex";
  case abi::VertexBase::SupervisorVertex:
    return "SupervisorVertex";
  }
  return "vertex of base " + std::to_string(int(base));
}

CodeletLibrary::CodeletLibrary(const exe::ExecutableImage &image) {
  std::vector<const LoadedObject *> objects;
  for (const exe::NativeObject &object : image.objects)
    objects.push_back(&loadCached(object));
  for (const exe::CodeletDesc &codelet : image.codelets)
    codelets.push_back(&resolve(codelet, image.objects[codelet.object],
                                *objects[codelet.object]));
}

std::uint64_t CodeletLibrary::objectsLoaded() {
  ObjectCache &cache = objectCache();
  std::lock_guard<std::mutex> lock(cache.mutex);
  return cache.loads;
}

} // namespace tessel::sim
