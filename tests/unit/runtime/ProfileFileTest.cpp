// The JSON profile built from a hand-made image: memory with and without
// gaps, categories, writing and reading back, and the reader's refusals.
#include "ImageBuilder.hpp"

#include "runtime/engine/Profile.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace runtime_test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

fs::path scratchDir(const std::string &name) {
  fs::path dir = fs::temp_directory_path() /
                 ("tessel-unit-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  return dir;
}

} // namespace

TEST_CASE("Profile memory counts gaps, shared bytes and categories",
          "[runtime][profile]") {
  ImageBuilder b(modelDevice(2).getTarget());
  tessel::exe::ExecutableImage image = b.image;
  image.tileBytesUsed = {40, 0};
  using tessel::exe::VariableCategory;
  // 0..8 and 16..24 (a gap of 8), and 20..40 overlapping the second.
  image.placements = {{"a", 0, 0, 8, VariableCategory::Variable, -1, -1},
                      {"a", 0, 16, 8, VariableCategory::Variable, -1, -1},
                      {"k", 0, 20, 20, VariableCategory::Constant, 3, 5}};
  json p = tessel::buildProfile(image, {});
  CHECK(p["memory"]["tiles"]["includingGaps"] == json({40, 0}));
  CHECK(p["memory"]["tiles"]["excludingGaps"] == json({32, 0}));
  CHECK(p["memory"]["total"]["byCategory"]["variables"] == 16);
  CHECK(p["memory"]["total"]["byCategory"]["constants"] == 20);
  CHECK(p["variables"].size() == 2);
  CHECK(p["variables"][0]["bytes"] == 16);
  CHECK(p["variables"][1]["lifetime"] == json({3, 5}));
  CHECK(p["execution"].is_null());
}

TEST_CASE("Profiles are written atomically and read back",
          "[runtime][profile]") {
  fs::path dir = scratchDir("profile-roundtrip");
  ImageBuilder b(modelDevice(2).getTarget());
  b.tensor("v", poplar::INT, {4}, 1, 0);
  json p = tessel::buildProfile(b.image, {});
  std::string path = tessel::writeProfile(p, (dir / "nested").string());
  CHECK(path == (dir / "nested" / "profile.json").string());
  CHECK_FALSE(fs::exists(path + ".partial"));
  CHECK(tessel::readProfile(path) == p);
  fs::remove_all(dir);
}

TEST_CASE("Reading a profile refuses other files and versions",
          "[runtime][profile]") {
  fs::path dir = scratchDir("profile-refusals");
  fs::create_directories(dir);
  auto writeText = [&](const std::string &text) {
    std::ofstream((dir / "p.json").string()) << text;
    return (dir / "p.json").string();
  };
  using Catch::Contains;
  CHECK_THROWS_WITH(tessel::readProfile((dir / "missing.json").string()),
                    Contains("cannot open") && Contains("missing.json"));
  CHECK_THROWS_AS(tessel::readProfile(writeText("{not json")),
                  poplar::parse_error);
  CHECK_THROWS_WITH(tessel::readProfile(writeText(R"({"format": "x"})")),
                    Contains("not a Tessel profile"));
  CHECK_THROWS_WITH(tessel::readProfile(writeText(
                        R"({"format": "tessel-profile", "version": 99})")),
                    Contains("version 99") && Contains("reads 1"));
  fs::remove_all(dir);
}

TEST_CASE("An unwritable report directory is a system_runtime_error naming "
          "it",
          "[runtime][profile]") {
  ImageBuilder b(modelDevice(2).getTarget());
  json p = tessel::buildProfile(b.image, {});
  CHECK_THROWS_AS(tessel::writeProfile(p, "/proc/no-such-dir"),
                  poplar::system_runtime_error);
  CHECK_THROWS_WITH(tessel::writeProfile(p, "/proc/no-such-dir"),
                    Catch::Contains("/proc/no-such-dir/profile.json"));
}
