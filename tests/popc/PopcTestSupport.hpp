// Shared by the popc tests: running popc, scratch directories, files, and
// running a compiled vertex against a fake tile memory laid out as
// tessel/internal/CodeletABI.hpp describes.
#ifndef TESSEL_TESTS_POPC_POPCTESTSUPPORT_HPP
#define TESSEL_TESTS_POPC_POPCTESTSUPPORT_HPP

#include "compiler/codelets/CodeletArchive.hpp"
#include "compiler/codelets/Subprocess.hpp"

#include <tessel/internal/CodeletABI.hpp>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace popctest {

inline const std::string kPopc = TESSEL_TEST_POPC;
inline const std::string kCodelets = TESSEL_TEST_CODELETS;

inline std::string codelet(const std::string &name) {
  return kCodelets + "/" + name;
}

/// A fresh directory, removed with its contents.
class ScratchDir {
public:
  ScratchDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "popc-test.XXXXXX").string();
    if (!mkdtemp(pattern.data()))
      throw std::runtime_error("mkdtemp failed");
    path = pattern;
  }
  ScratchDir(const ScratchDir &) = delete;
  ScratchDir &operator=(const ScratchDir &) = delete;
  ~ScratchDir() {
    std::error_code error;
    std::filesystem::remove_all(path, error);
  }
  std::string operator/(const std::string &name) const {
    return path + "/" + name;
  }
  std::string path;
};

inline void writeFile(const std::string &path, const std::string &text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

inline std::string readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Runs popc with `args`; the result holds its exit status and output.
inline tessel::codelets::ProcessResult
runPopc(const std::vector<std::string> &args) {
  std::vector<std::string> argv{kPopc};
  argv.insert(argv.end(), args.begin(), args.end());
  return tessel::codelets::runProcess(argv);
}

/// The codelet object of an archive, loaded as the runtime loads it.
class LoadedCodelets {
public:
  LoadedCodelets(const tessel::codelets::CodeletArchive &archive,
                 const ScratchDir &dir, unsigned objectIndex = 0) {
    const std::string path =
        dir / ("object" + std::to_string(objectIndex) + ".so");
    const auto &bytes = archive.objects.at(objectIndex).sharedObject;
    writeFile(path, std::string(bytes.begin(), bytes.end()));
    handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle)
      throw std::runtime_error(dlerror());
    auto table = reinterpret_cast<tessel::abi::TableFunction>(
        dlsym(handle, tessel::abi::kTableSymbol));
    if (!table)
      throw std::runtime_error("no codelet table");
    vertices = table(&numVertices, &abiVersion);
  }
  LoadedCodelets(const LoadedCodelets &) = delete;
  LoadedCodelets &operator=(const LoadedCodelets &) = delete;
  ~LoadedCodelets() { dlclose(handle); }

  const tessel::abi::VertexInfo &vertex(const std::string &name) const {
    for (std::uint32_t i = 0; i < numVertices; ++i)
      if (name == vertices[i].name)
        return vertices[i];
    throw std::runtime_error("no vertex " + name);
  }

  std::uint32_t numVertices = 0;
  std::uint32_t abiVersion = 0;

private:
  void *handle = nullptr;
  const tessel::abi::VertexInfo *vertices = nullptr;
};

/// A tile's memory: data and vertex state placed at increasing addresses.
class TileMemory {
public:
  explicit TileMemory(std::uint32_t bytes = 1 << 16) : memory(bytes) {}

  template <class T> std::uint32_t place(const std::vector<T> &values) {
    const std::uint32_t address = reserve(sizeof(T) * values.size());
    std::memcpy(memory.data() + address, values.data(),
                sizeof(T) * values.size());
    return address;
  }
  std::uint32_t words(const std::vector<std::uint32_t> &values) {
    return place(values);
  }
  template <class T> T read(std::uint32_t address) const {
    T value;
    std::memcpy(&value, memory.data() + address, sizeof(T));
    return value;
  }
  std::uintptr_t hostAddress(std::uint32_t address) const {
    return reinterpret_cast<std::uintptr_t>(memory.data()) + address;
  }
  tessel::abi::RunContext run(const tessel::abi::VertexInfo &vertex,
                              std::uint32_t stateAddress,
                              std::uint64_t cycleBudget = 1000000,
                              std::uint32_t workerId = 0,
                              std::string *printed = nullptr) {
    tessel::abi::RunContext context{};
    if (printed) {
      context.print = [](void *sink, const char *text, std::uint64_t bytes) {
        static_cast<std::string *>(sink)->append(text, bytes);
      };
      context.printSink = printed;
    }
    context.tileBase = memory.data();
    context.tileBytes = std::uint32_t(memory.size());
    context.stateAddress = stateAddress;
    context.workerId = workerId;
    context.cycleBudget = cycleBudget;
    vertex.run(&context);
    return context;
  }

private:
  std::uint32_t reserve(std::size_t bytes) {
    const std::uint32_t address = next;
    next += std::uint32_t((bytes + 7) & ~std::size_t(7));
    if (next > memory.size())
      throw std::runtime_error("tile memory full");
    return address;
  }
  std::vector<std::uint8_t> memory;
  std::uint32_t next = 8; // address 0 stays unused
};

} // namespace popctest

#endif
