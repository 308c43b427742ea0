// Tessel's main demo: an ordinary Poplar program, compiled with
// `g++ -std=c++17 demo.cpp -lpoplar -lpoputil`. It streams a signal onto the
// device, rotates it across 1472 tiles of a simulated ipu2 a few times,
// streams it back, checks it against the same moves on the host, and prints
// a tensor and the profile summary.
#include <poplar/DeviceManager.hpp>
#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>
#include <poputil/TileMapping.hpp>

#include <iostream>

using namespace poplar;
using namespace poplar::program;

int main() {
  const std::size_t n = 1472 * 64;
  const unsigned rotations = 5;
  const std::size_t shift = 1000;

  IPUModel ipuModel("ipu2");
  Device device = ipuModel.createDevice();
  const Target &target = device.getTarget();
  std::cout << "Target: " << target.getTargetArchString() << ", "
            << target.getNumTiles() << " tiles, " << target.getBytesPerTile()
            << " bytes per tile\n";

  Graph graph(target);
  Tensor signal = graph.addVariable(FLOAT, {n}, "signal");
  Tensor rotated = graph.addVariable(FLOAT, {n}, "rotated");
  poputil::mapTensorLinearly(graph, signal);
  poputil::mapTensorLinearly(graph, rotated);

  DataStream in = graph.addHostToDeviceFIFO("in", FLOAT, n);
  DataStream out = graph.addDeviceToHostFIFO("out", FLOAT, n);

  // rotated = signal shifted left by `shift` elements; then copy back.
  Sequence rotate{
      Copy(concat(signal.slice(shift, n), signal.slice(0, shift)), rotated),
      Copy(rotated, signal)};
  Sequence prog{Copy(in, signal), Repeat(rotations, rotate),
                PrintTensor("head", signal.slice(0, 8)), Copy(signal, out)};

  Engine engine(graph, prog);
  engine.load(device);
  std::vector<float> host(n), result(n);
  for (std::size_t i = 0; i < n; ++i)
    host[i] = float(i) * 0.5f;
  engine.connectStream("in", host.data(), host.data() + n);
  engine.connectStream("out", result.data(), result.data() + n);
  engine.run(0);

  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (result[i] != host[(i + rotations * shift) % n])
      ++mismatches;
  std::cout << "Rotated " << n << " floats " << rotations
            << " times across tiles: "
            << (mismatches ? "MISMATCH" : "matches the host") << '\n';
  engine.printProfileSummary(std::cout);
  return mismatches ? 1 : 0;
}
