// The engine and compile options Tessel accepts: one documented table, so
// compileGraph and the Engine refuse the same unknown options Poplar would.
#ifndef TESSEL_COMPILER_DRIVER_COMPILEOPTIONS_HPP
#define TESSEL_COMPILER_DRIVER_COMPILEOPTIONS_HPP

#include <poplar/OptionFlags.hpp>

namespace tessel {

/// `options` overridden by the JSON in POPLAR_ENGINE_OPTIONS, if set.
poplar::OptionFlags withEnvironmentOptions(const poplar::OptionFlags &options);

/// Throws poplar::invalid_option for an option Tessel does not know, or a
/// value of the wrong kind (booleans are "true" or "false", counts are
/// decimal numbers, enumerations take their listed values).
void checkEngineOptions(const poplar::OptionFlags &options);

} // namespace tessel

#endif
