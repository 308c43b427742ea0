// A compiled graph and its programs, ready to load onto a device. Unlike
// Poplar's, Tessel executables serialize and deserialize on every target.
#ifndef POPLAR_EXECUTABLE_HPP
#define POPLAR_EXECUTABLE_HPP

#include <istream>
#include <memory>
#include <ostream>

namespace tessel {
namespace exe {
struct ExecutableImage;
}
struct ExecutableAccess;
} // namespace tessel

namespace poplar {

class Executable {
public:
  Executable(Executable &&) noexcept;
  Executable &operator=(Executable &&) noexcept;
  Executable(const Executable &) = delete;
  Executable &operator=(const Executable &) = delete;
  ~Executable();

  void serialize(std::ostream &out) const;
  static Executable deserialize(std::istream &in, bool checkPackageHash = true);
  static Executable deserialize(std::unique_ptr<std::istream> in,
                                bool checkPackageHash = true);

private:
  explicit Executable(std::unique_ptr<tessel::exe::ExecutableImage> image);
  std::unique_ptr<tessel::exe::ExecutableImage> image;
  friend struct tessel::ExecutableAccess;
};

} // namespace poplar

#endif
