// Poplar's logging switches: POPLAR_LOG_LEVEL (TRACE, DEBUG, INFO, WARN,
// ERR, CRITICAL or OFF; default OFF) chooses what is written and
// POPLAR_LOG_DEST (stdout, stderr or a file path, appended; default stdout)
// where. Lines look like Poplar's: "14:02:03.123 4711.4711 PO:ENGINE [I] ...".
#ifndef TESSEL_COMPILER_CORE_LOG_HPP
#define TESSEL_COMPILER_CORE_LOG_HPP

#include <string>

namespace tessel::log {

enum class Level { Trace, Debug, Info, Warn, Err, Critical, Off };

/// The level POPLAR_LOG_LEVEL asks for, read now. An unknown level is
/// poplar::invalid_option naming the variable and the levels.
Level threshold();
/// Whether a message of `level` is written.
inline bool enabled(Level level) {
  return level != Level::Off && level >= threshold();
}
/// Writes one line if `level` is enabled; `component` is "ENGINE",
/// "COMPILE", ...
void write(Level level, const std::string &component,
           const std::string &message);

} // namespace tessel::log

#endif
