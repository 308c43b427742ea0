// Options given when an engine is prepared or run.
#ifndef POPLAR_RUNTIMEOPTIONS_HPP
#define POPLAR_RUNTIMEOPTIONS_HPP

#include <poplar/OptionFlags.hpp>

namespace poplar {

class RuntimeOptions {
public:
  RuntimeOptions() = default;
  explicit RuntimeOptions(const OptionFlags &flags) : flags(flags) {}
  const OptionFlags &getFlags() const { return flags; }

private:
  OptionFlags flags;
};

} // namespace poplar

#endif
