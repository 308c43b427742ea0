// Shared set-up for end-to-end tests: small IPUModel devices and a helper
// that compiles, loads and runs a program.
#ifndef TESSEL_TESTS_E2E_HARNESS_HPP
#define TESSEL_TESTS_E2E_HARNESS_HPP

#include <poplar/DeviceManager.hpp>
#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>

namespace e2e {

/// An IPUModel device of `tiles` tiles of the given architecture.
inline poplar::Device modelDevice(unsigned tiles = 4,
                                  const char *arch = "ipu2") {
  poplar::IPUModel model(arch);
  model.tilesPerIPU = tiles;
  return model.createDevice();
}

} // namespace e2e

#endif
