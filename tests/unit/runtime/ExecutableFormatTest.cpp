// The Executable file format: exact round trips and clear refusals.
#include "compiler/codegen/ExecutableImage.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace tessel::exe;

namespace {
ExecutableImage sampleImage() {
  ExecutableImage image;
  image.target = poplar::Target::createIPUTarget(1, 4, "ipu2");
  image.initialMemory = {{1, 8, {1, 2, 3, 4}}};
  image.layouts = {{"float", 4, {2}, {{0, 0, 4}, {1, 0, 4}}, "x"}};
  image.exchanges = {{{{0, 0, 1, 16, 4}}, true, "copy"}};
  image.streams = {{"in", "float", 4, 2, true}};
  image.hostAccesses = {{"x", true, 0}};
  image.prints = {{"x", 0, {}}};
  ControlNode exchange;
  exchange.kind = NodeKind::Exchange;
  ControlNode stream;
  stream.kind = NodeKind::StreamToDevice;
  ControlNode root;
  root.children = {0, 1};
  image.nodes = {exchange, stream, root};
  image.programs = {2};
  image.tileBytesUsed = {8, 20, 0, 0};
  image.placements = {{"x", 0, 0, 4}};
  return image;
}

std::string bytesOf(const ExecutableImage &image) {
  std::ostringstream out;
  serialize(image, out);
  return out.str();
}
} // namespace

TEST_CASE("Executables round-trip byte for byte", "[runtime][format]") {
  ExecutableImage image = sampleImage();
  std::string first = bytesOf(image);
  std::istringstream in(first);
  ExecutableImage back = deserialize(in);
  CHECK(bytesOf(back) == first);
  CHECK(back.exchanges[0].sourcesOverlapDestinations);
  CHECK(back.layouts[0].pieces[1].tile == 1);
}

TEST_CASE("Truncated, foreign and inconsistent files are refused",
          "[runtime][format][errors]") {
  std::string good = bytesOf(sampleImage());
  std::istringstream truncated(good.substr(0, good.size() / 2));
  CHECK_THROWS_WITH(deserialize(truncated), Catch::Contains("truncated"));
  std::istringstream foreign("#!/bin/sh\necho not an executable\n");
  CHECK_THROWS_WITH(deserialize(foreign), Catch::Contains("TESSELEX"));
  std::string wrongVersion = good;
  wrongVersion[8] = 99;
  std::istringstream versioned(wrongVersion);
  CHECK_THROWS_WITH(deserialize(versioned), Catch::Contains("version 99"));
  ExecutableImage bad = sampleImage();
  bad.exchanges[0].transfers[0].dstAddress = 1u << 30;
  CHECK_THROWS_AS(validate(bad), poplar::parse_error);
  bad = sampleImage();
  bad.nodes[2].children.push_back(17);
  CHECK_THROWS_WITH(validate(bad), Catch::Contains("control node 17"));
}
