// libFuzzer target: OptionFlags JSON (readJSON), POPLAR_ENGINE_OPTIONS (the
// same JSON through the environment, overriding a program's options), and
// the engine option checks and typed reads. Every input must end in options
// or a poplar::poplar_error.
#include "compiler/core/EngineOptions.hpp"

#include <poplar/OptionFlags.hpp>
#include <poplar/exceptions.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data,
                                      std::size_t size) {
  const std::string json(reinterpret_cast<const char *>(data), size);
  try {
    poplar::OptionFlags flags;
    poplar::readJSON(json, flags);
    tessel::checkEngineOptions(flags);
    tessel::readEngineOptions(flags);
  } catch (const poplar::poplar_error &) {
  }
  // The environment cannot hold a NUL; take the text before one.
  const std::string env = json.substr(0, json.find('\0'));
  setenv("POPLAR_ENGINE_OPTIONS", env.c_str(), 1);
  try {
    const poplar::OptionFlags program{{"debug.instrument", "false"}};
    const poplar::OptionFlags merged = tessel::withEnvironmentOptions(program);
    tessel::checkEngineOptions(merged);
    tessel::readEngineOptions(merged);
  } catch (const poplar::poplar_error &) {
  }
  unsetenv("POPLAR_ENGINE_OPTIONS");
  return 0;
}
