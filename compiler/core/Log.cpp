// Writing Poplar-style log lines to the destination POPLAR_LOG_DEST names.
#include "compiler/core/Log.hpp"

#include <poplar/exceptions.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace tessel::log {

namespace {

struct LevelName {
  const char *name;
  char letter;
  Level level;
};
const LevelName kLevels[] = {
    {"TRACE", 'T', Level::Trace}, {"DEBUG", 'D', Level::Debug},
    {"INFO", 'I', Level::Info},   {"WARN", 'W', Level::Warn},
    {"ERR", 'E', Level::Err},     {"CRITICAL", 'C', Level::Critical},
    {"OFF", 'O', Level::Off},
};

std::string timestamp() {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(
                    now.time_since_epoch()) %
                1000;
  std::tm local{};
  localtime_r(&seconds, &local);
  char text[32];
  std::snprintf(text, sizeof text, "%02d:%02d:%02d.%03d", local.tm_hour,
                local.tm_min, local.tm_sec, int(millis.count()));
  return text;
}

} // namespace

Level threshold() {
  const char *value = std::getenv("POPLAR_LOG_LEVEL");
  if (!value || !*value)
    return Level::Off;
  for (const LevelName &l : kLevels)
    if (std::string(value) == l.name)
      return l.level;
  throw poplar::invalid_option(
      "environment variable POPLAR_LOG_LEVEL is '" + std::string(value) +
      "'; it must be one of TRACE, DEBUG, INFO, WARN, ERR, CRITICAL, OFF");
}

void write(Level level, const std::string &component,
           const std::string &message) {
  if (!enabled(level))
    return;
  std::ostringstream line;
  line << timestamp() << ' ' << ::getpid() << '.'
       << std::hash<std::thread::id>()(std::this_thread::get_id()) % 100000
       << " PO:" << component << " [" << kLevels[int(level)].letter << "] "
       << message << '\n';
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  const char *dest = std::getenv("POPLAR_LOG_DEST");
  std::string where = dest && *dest ? dest : "stdout";
  if (where == "stdout") {
    std::cout << line.str() << std::flush;
  } else if (where == "stderr") {
    std::cerr << line.str() << std::flush;
  } else {
    std::ofstream file(where, std::ios::app);
    if (!file)
      throw poplar::invalid_option("environment variable POPLAR_LOG_DEST "
                                   "names '" +
                                   where +
                                   "', which cannot be opened for "
                                   "appending");
    file << line.str();
  }
}

} // namespace tessel::log
