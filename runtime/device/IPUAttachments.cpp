// The attachment table: one bit per simulated IPU, under a mutex.
#include "runtime/device/IPUAttachments.hpp"

#include <mutex>
#include <vector>

namespace tessel {

namespace {

std::mutex &tableMutex() {
  static std::mutex m;
  return m;
}

/// claimed[i]: IPU i is attached. Grows to the highest IPU ever claimed.
std::vector<bool> &claimed() {
  static std::vector<bool> bits;
  return bits;
}

} // namespace

bool claimIPUs(unsigned firstIPU, unsigned numIPUs) {
  std::lock_guard<std::mutex> lock(tableMutex());
  std::vector<bool> &bits = claimed();
  if (bits.size() < firstIPU + numIPUs)
    bits.resize(firstIPU + numIPUs, false);
  for (unsigned i = firstIPU; i < firstIPU + numIPUs; ++i)
    if (bits[i])
      return false;
  for (unsigned i = firstIPU; i < firstIPU + numIPUs; ++i)
    bits[i] = true;
  return true;
}

void releaseIPUs(unsigned firstIPU, unsigned numIPUs) {
  std::lock_guard<std::mutex> lock(tableMutex());
  std::vector<bool> &bits = claimed();
  for (unsigned i = firstIPU; i < firstIPU + numIPUs && i < bits.size(); ++i)
    bits[i] = false;
}

} // namespace tessel
