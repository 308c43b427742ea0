// Poplar programs rely on IPUModel.hpp and DeviceManager.hpp pulling in the
// standard headers (POPLAR_API.md section 1). The functions below use them
// before any other header is included, so a missing one fails the build.
#include <poplar/DeviceManager.hpp>
#include <poplar/IPUModel.hpp>

namespace {

std::string usesStandardHeaders() {
  std::vector<int> v{3, 1};
  std::map<std::string, int> m{{"a", 1}};
  std::function<int(int)> twice = [](int x) { return 2 * x; };
  std::unique_ptr<int> p(new int(4));
  assert(p);
  char buffer[32];
  std::memcpy(buffer, "ok", 3);
  std::snprintf(buffer + 3, 8, "%d", twice(v[0]));
  double root = std::sqrt(16.0);
  const char *home = std::getenv("TESSEL_NO_SUCH_VARIABLE");
  std::runtime_error error("unused");
  std::uint64_t wide = UINT_MAX;
  return std::string(buffer) + std::string(buffer + 3) +
         std::to_string(int(root)) + (home ? "x" : "") +
         std::to_string(m.at("a") + *p) + (error.what()[0] == 'u' ? "" : "?") +
         std::to_string(wide > 0);
}

} // namespace

#include <catch2/catch.hpp>

TEST_CASE("IPUModel.hpp and DeviceManager.hpp include the usual headers",
          "[core][compat]") {
  CHECK(usesStandardHeaders() == "ok6451");
}
