// Sets an environment variable for one test and restores it afterwards, so
// tests of POPLAR_*_OPTIONS leave the process as they found it.
#ifndef TESSEL_TESTS_UNIT_CORE_SCOPEDENV_HPP
#define TESSEL_TESTS_UNIT_CORE_SCOPEDENV_HPP

#include <cstdlib>
#include <optional>
#include <string>

class ScopedEnv {
public:
  ScopedEnv(std::string name, const std::string &value)
      : name(std::move(name)) {
    if (const char *old = std::getenv(this->name.c_str()))
      previous = old;
    setenv(this->name.c_str(), value.c_str(), 1);
  }
  ScopedEnv(const ScopedEnv &) = delete;
  ScopedEnv &operator=(const ScopedEnv &) = delete;
  ~ScopedEnv() {
    if (previous)
      setenv(name.c_str(), previous->c_str(), 1);
    else
      unsetenv(name.c_str());
  }

private:
  std::string name;
  std::optional<std::string> previous;
};

#endif
