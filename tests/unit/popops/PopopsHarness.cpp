// Conversions between test values (doubles) and device bytes.
#include "PopopsHarness.hpp"

using namespace poplar;

namespace popops_test {

namespace {

template <class T> void append(std::vector<char> &bytes, T value) {
  const std::size_t at = bytes.size();
  bytes.resize(at + sizeof(T));
  std::memcpy(bytes.data() + at, &value, sizeof(T));
}

template <class T>
double valueAt(const std::vector<char> &bytes, std::size_t i) {
  T value;
  std::memcpy(&value, bytes.data() + i * sizeof(T), sizeof(T));
  return double(value);
}

template <class F> void forType(const Type &type, F &&f) {
  if (type == FLOAT)
    f(float());
  else if (type == INT)
    f(int());
  else if (type == UNSIGNED_INT)
    f(unsigned());
  else if (type == SHORT)
    f(short());
  else if (type == UNSIGNED_SHORT)
    f((unsigned short)0);
  else if (type == CHAR)
    f(char());
  else if (type == SIGNED_CHAR)
    f((signed char)0);
  else if (type == UNSIGNED_CHAR)
    f((unsigned char)0);
  else if (type == BOOL)
    f(bool());
  else if (type == LONGLONG)
    f((long long)0);
  else if (type == UNSIGNED_LONGLONG)
    f((unsigned long long)0);
  else
    throw std::runtime_error("the popops test harness cannot convert " +
                             type.toString());
}

} // namespace

std::vector<char> toDevice(const Type &type,
                           const std::vector<double> &values) {
  std::vector<char> bytes;
  if (type == HALF) {
    for (double v : values)
      append(bytes, half(float(v)).toBits());
    return bytes;
  }
  forType(type, [&](auto zero) {
    using T = decltype(zero);
    for (double v : values)
      append(bytes, T(v));
  });
  return bytes;
}

std::vector<double> fromDevice(const Type &type,
                               const std::vector<char> &bytes) {
  std::vector<double> values;
  if (type == HALF) {
    for (std::size_t i = 0; i < bytes.size() / 2; ++i) {
      std::uint16_t bits;
      std::memcpy(&bits, bytes.data() + 2 * i, 2);
      values.push_back(double(float(half::fromBits(bits))));
    }
    return values;
  }
  forType(type, [&](auto zero) {
    using T = decltype(zero);
    for (std::size_t i = 0; i < bytes.size() / sizeof(T); ++i)
      values.push_back(valueAt<T>(bytes, i));
  });
  return values;
}

std::vector<double> Runner::read(const std::string &name) const {
  for (const auto &[n, t] : outputs)
    if (n == name) {
      std::vector<char> bytes(t.numElements() *
                              g.graph.getTarget().getTypeSize(t.elementType()));
      engine->readTensor("r:" + name, bytes.data(),
                         bytes.data() + bytes.size());
      return fromDevice(t.elementType(), bytes);
    }
  throw std::runtime_error("the test registered no output named " + name);
}

} // namespace popops_test
