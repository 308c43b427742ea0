// poplar::Executable: an owned ExecutableImage that serializes to a file.
#include "compiler/codegen/ExecutableImage.hpp"

#include <poplar/Executable.hpp>
#include <poplar/exceptions.hpp>

namespace tessel {

exe::ExecutableImage &ExecutableAccess::image(poplar::Executable &e) {
  if (!e.image)
    throw poplar::poplar_error("the Executable was moved from and is empty");
  return *e.image;
}

const exe::ExecutableImage &
ExecutableAccess::image(const poplar::Executable &e) {
  return image(const_cast<poplar::Executable &>(e));
}

poplar::Executable ExecutableAccess::make(exe::ExecutableImage image) {
  return poplar::Executable(
      std::make_unique<exe::ExecutableImage>(std::move(image)));
}

} // namespace tessel

namespace poplar {

Executable::Executable(std::unique_ptr<tessel::exe::ExecutableImage> image)
    : image(std::move(image)) {}
Executable::Executable(Executable &&) noexcept = default;
Executable &Executable::operator=(Executable &&) noexcept = default;
Executable::~Executable() = default;

void Executable::serialize(std::ostream &out) const {
  tessel::exe::serialize(tessel::ExecutableAccess::image(*this), out);
  if (!out)
    throw poplar_error("Executable::serialize: writing the stream failed");
}

Executable Executable::deserialize(std::istream &in, bool checkPackageHash) {
  return tessel::ExecutableAccess::make(
      tessel::exe::deserialize(in, checkPackageHash));
}

Executable Executable::deserialize(std::unique_ptr<std::istream> in,
                                   bool checkPackageHash) {
  return deserialize(*in, checkPackageHash);
}

} // namespace poplar
