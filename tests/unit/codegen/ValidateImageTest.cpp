// Validation refuses images the runtime could not run safely, naming the
// first inconsistency.
#include "SampleImage.hpp"

#include <poplar/exceptions.hpp>

using namespace codegen_test;
using Catch::Contains;

namespace {

/// validate() on a sample image changed by `edit` fails, mentioning `words`.
template <class Edit> void refused(Edit edit, const std::string &words) {
  ExecutableImage image = sampleImage();
  edit(image);
  INFO("expected: " << words);
  CHECK_THROWS_AS(validate(image), poplar::parse_error);
  CHECK_THROWS_WITH(validate(image), Contains(words));
}

} // namespace

TEST_CASE("The sample image is valid", "[codegen][validate]") {
  CHECK_NOTHROW(validate(sampleImage()));
}

TEST_CASE("Bytes outside the tile memories are refused",
          "[codegen][validate]") {
  refused([](ExecutableImage &i) { i.layouts[0].pieces[1].tile = 2; },
          "a tensor piece at tile 2, address 0, 4 bytes is outside the 2 "
          "tile memories");
  refused(
      [](ExecutableImage &i) {
        i.exchanges[0].transfers[0].dstAddress =
            std::uint32_t(i.target.getBytesPerTile()) - 2;
      },
      "a transfer destination at tile 1");
  refused([](ExecutableImage &i) { i.initialMemory[0].address = 1u << 30; },
          "initial data at tile 1, address 1073741824");
  refused([](ExecutableImage &i) { i.placements[2].tile = 7; },
          "the placement of a variable at tile 7");
}

TEST_CASE("Layouts hold exactly their elements of a known type",
          "[codegen][validate]") {
  refused([](ExecutableImage &i) { i.layouts[0].shape = {3}; },
          "layout 'x' holds 8 bytes for 3 elements of 4 bytes");
  refused([](ExecutableImage &i) { i.layouts[1].typeName = "complex"; },
          "layout 'counter' has the unknown element type 'complex'");
  refused([](ExecutableImage &i) { i.layouts[1].elementBytes = 2; },
          "layout 'counter' says its int elements take 2 bytes, not 4");
  refused([](ExecutableImage &i) { i.streams[0].elementBytes = 8; },
          "stream 'in' says its float elements take 8 bytes");
}

TEST_CASE("Predicates and controls are one element", "[codegen][validate]") {
  refused([](ExecutableImage &i) { i.nodes[9].layout = 0; },
          "a predicate or switch control holds 8 bytes, not one float "
          "element");
}

TEST_CASE("Stream copies match their streams", "[codegen][validate]") {
  refused([](ExecutableImage &i) { i.nodes[1].index = 1; },
          "a copy between stream 'out' (2 float, from the device) and a "
          "tensor of 8 bytes of float does not match the stream");
  refused([](ExecutableImage &i) { i.streams[0].numElements = 3; },
          "stream 'in' (3 float, to the device)");
  refused([](ExecutableImage &i) { i.nodes[2].index = 2; }, "stream 2 of 2");
}

TEST_CASE("Remote buffer copies match their buffers", "[codegen][validate]") {
  refused([](ExecutableImage &i) { i.remoteBuffers[0].numElements = 3; },
          "a copy of 1 row(s) of remote buffer 'cache' (3 float per row) and "
          "a tensor of 8 bytes of float does not match the buffer");
  refused([](ExecutableImage &i) { i.remoteCopies[0].offsetLayout = 2; },
          "the offset of a copy of remote buffer 'cache' is char, not "
          "unsigned int");
  refused([](ExecutableImage &i) { i.nodes[19].index = 2; },
          "remote buffer copy 2 of 2");
  refused([](ExecutableImage &i) { i.remoteCopies[1].buffer = 1; },
          "remote buffer 1 of 1");
  refused([](ExecutableImage &i) { i.remoteBuffers[0].repeats = 0; },
          "remote buffer 'cache' has no elements or no repeats");
}

TEST_CASE("Indices and child counts are checked", "[codegen][validate]") {
  refused([](ExecutableImage &i) { i.nodes[15].children.push_back(40); },
          "control node 40 of 21 does not exist");
  refused([](ExecutableImage &i) { i.nodes[0].index = 1; }, "exchange 1 of 1");
  refused([](ExecutableImage &i) { i.nodes[3].index = 1; }, "print 1 of 1");
  refused([](ExecutableImage &i) { i.nodes[13].index = 1; }, "function 1 of 1");
  refused([](ExecutableImage &i) { i.nodes[11].caseValues.push_back(4); },
          "a control node has 3 children where 4 are needed");
  refused([](ExecutableImage &i) { i.nodes[4].children.push_back(3); },
          "a control node has 2 children where 1 are needed");
  refused([](ExecutableImage &i) { i.programs.push_back(99); },
          "program root 99 of 21");
  refused([](ExecutableImage &i) { i.functions[0] = 21; },
          "function root 21 of 21");
  refused([](ExecutableImage &i) { i.prints[0].layout = 4; }, "layout 4 of 4");
}

TEST_CASE("Codelets, compute sets and Execute nodes are checked",
          "[codegen][validate]") {
  refused([](ExecutableImage &i) { i.nodes[18].index = 1; },
          "compute set 1 of 1 does not exist");
  refused([](ExecutableImage &i) { i.nodes[18].count = 2; },
          "an Execute node has 2 flags");
  refused([](ExecutableImage &i) { i.nodes[18].layout = 0; },
          "a predicate or switch control holds 8 bytes");
  refused([](ExecutableImage &i) { i.codelets[1].object = 1; },
          "codelet object 1 of 1 does not exist");
  refused([](ExecutableImage &i) { i.codelets[0].base = 3; },
          "codelet 'SumVertex' has the unknown vertex base 3");
  refused([](ExecutableImage &i) { i.computeSets[0].vertices[0].codelet = 2; },
          "codelet 2 of 2 does not exist");
  refused(
      [](ExecutableImage &i) { i.computeSets[0].vertices[1].stateAddress = 2; },
      "vertex 1 of compute set 'sums' has its state at the unaligned address "
      "2");
  refused(
      [](ExecutableImage &i) {
        i.computeSets[0].vertices[2].stateAddress = 1u << 30;
      },
      "vertex state at tile 1");
  refused([](ExecutableImage &i) { i.computeSets[0].vertices[2].id = 1; },
          "the vertices of compute set 'sums' are not sorted by tile and id");
}

TEST_CASE("Control flow may not loop back into itself", "[codegen][validate]") {
  // A sequence containing itself through a child.
  refused([](ExecutableImage &i) { i.nodes[16].children.push_back(16); },
          "control node 16 is reached again from inside itself");
  // A function that calls itself.
  refused([](ExecutableImage &i) { i.nodes[17].children.push_back(13); },
          "is reached again from inside itself (a cycle of children or "
          "calls)");
  // Sharing a node between parents is not a cycle.
  ExecutableImage shared = sampleImage();
  shared.nodes[16].children.push_back(3);
  shared.nodes[16].children.push_back(3);
  CHECK_NOTHROW(validate(shared));
}

TEST_CASE("A host handle has at most one read and one write",
          "[codegen][validate]") {
  ExecutableImage shared = sampleImage();
  shared.hostAccesses.push_back({"x", false, 0});
  CHECK_NOTHROW(validate(shared));
  refused(
      [](ExecutableImage &i) {
        i.hostAccesses.push_back({"x", true, 0});
      },
      "host handle 'x' has two writes");
  refused(
      [](ExecutableImage &i) {
        i.hostAccesses.push_back({"counter", false, 1});
      },
      "host handle 'counter' has two reads");
}

TEST_CASE("Host function calls match their functions", "[codegen][validate]") {
  auto refusedCall = [](auto edit, const std::string &words) {
    ExecutableImage image = withHostFunction(sampleImage());
    REQUIRE_NOTHROW(validate(image));
    edit(image);
    INFO("expected: " << words);
    CHECK_THROWS_AS(validate(image), poplar::parse_error);
    CHECK_THROWS_WITH(validate(image), Contains(words));
  };
  refusedCall([](ExecutableImage &i) { i.hostCalls[0].inputLayouts = {0}; },
              "a call of host function 'reduce' passes 1 input(s) and 1 "
              "output(s) but the function has 2 and 1");
  refusedCall(
      [](ExecutableImage &i) { i.hostFunctions[0].inputs[0].numElements = 3; },
      "argument 0 of a call of host function 'reduce' is 8 bytes of float but "
      "the function declares 3 float");
  refusedCall([](ExecutableImage &i) { i.hostCalls[0].outputLayouts = {1}; },
              "argument 0 of a call of host function 'reduce' is 4 bytes of "
              "int but the function declares 1 char");
  refusedCall([](ExecutableImage &i) { i.hostCalls[0].function = 1; },
              "host function 1 of 1");
  refusedCall([](ExecutableImage &i) { i.nodes.back().index = 1; },
              "host function call 1 of 1");
  refusedCall([](ExecutableImage &i) { i.hostCalls[0].inputLayouts[1] = 9; },
              "layout 9 of 4");
  refusedCall(
      [](ExecutableImage &i) { i.hostFunctions[0].outputs[0].numElements = 0; },
      "an argument of host function 'reduce' has no elements");
}
