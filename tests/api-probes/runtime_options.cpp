// API probe: runtime_options. Compiles against the public headers alone.
#include <poplar/RuntimeOptions.hpp>
void probe() {
  poplar::RuntimeOptions o(
      poplar::OptionFlags{{"target.syncMethod", "polling"}});
  (void)o;
}
