// A small ExecutableImage that uses every table, field and control node
// kind, and a field-by-field comparison, for the format and validator tests.
#ifndef TESSEL_TESTS_UNIT_CODEGEN_SAMPLEIMAGE_HPP
#define TESSEL_TESTS_UNIT_CODEGEN_SAMPLEIMAGE_HPP

#include "compiler/codegen/ExecutableImage.hpp"
#include "compiler/codelets/Sha256.hpp"

#include <catch2/catch.hpp>

#include <utility>

namespace codegen_test {

using namespace tessel::exe;

inline ControlNode node(NodeKind kind, std::vector<std::uint32_t> children = {},
                        std::uint32_t index = 0, std::uint32_t layout = 0) {
  ControlNode n;
  n.kind = kind;
  n.children = std::move(children);
  n.index = index;
  n.layout = layout;
  return n;
}

/// Two ipu2 tiles. Layout 0: float {2} spread over both tiles;
/// layout 1: an int predicate on tile 1; layout 2: a char scalar.
inline ExecutableImage sampleImage() {
  ExecutableImage image;
  image.target = poplar::Target::createIPUTarget(1, 2, "ipu2");
  image.initialMemory = {{1, 40, {0xff, 0x00, 0x7f, 0x80}}};
  image.layouts = {
      {"float", 4, {2}, {{0, 0, 4}, {1, 0, 4}}, "x"},
      {"int", 4, {}, {{1, 8, 4}}, "counter"},
      {"char", 1, {1}, {{0, 60, 1}}, ""},
      {"unsigned int", 4, {1}, {{0, 52, 4}}, "row"},
  };
  image.exchanges = {{{{0, 0, 1, 16, 4}, {1, 8, 1, 12, 4}}, true, "copy x"}};
  image.streams = {{"in", "float", 4, 2, true}, {"out", "float", 4, 2, false}};
  image.hostAccesses = {{"x", true, 0}, {"counter", false, 1}};
  image.prints = {{"x now", 0,
                   poplar::program::PrintTensorFmt(
                       5, 2, 40, 3, poplar::program::PrintTensorFmt::Fixed, ',',
                       '(', ')')}};
  ControlNode repeat = node(NodeKind::Repeat, {0});
  repeat.count = 1ull << 40;
  ControlNode sync = node(NodeKind::Sync);
  sync.count = 1;
  ControlNode abort = node(NodeKind::Abort);
  abort.text = "stop here";
  ControlNode onCondition = node(NodeKind::AbortOnCondition, {}, 0, 1);
  onCondition.text = "counter was set";
  ControlNode error = node(NodeKind::ErrorWithTensor, {}, 0, 2);
  error.text = "bad value";
  ControlNode sw = node(NodeKind::Switch, {8, 9, 10}, 0, 1);
  sw.caseValues = {-3, 2147483647};
  ControlNode execute = node(NodeKind::Execute, {}, 0, 1);
  execute.count = 1; // with a flag
  std::vector<std::uint8_t> object{0x7f, 'E', 'L', 'F', 0, 255};
  // Deserialization checks the content hash, so it is the real one.
  image.objects = {
      {object, tessel::codelets::Sha256::hexOf(object.data(), object.size()),
       "sum.cpp"}};
  image.codelets = {{"SumVertex", 0, 0, true, true, {{3, 1, 4}, {2, 2, 4}}},
                    {"ns::Scale<half,2>", 0, 1, false, false, {}}};
  image.computeSets = {
      {"sums", {{3, 0, 0, 16, -1}, {1, 1, 1, 20, 120}, {2, 1, 0, 28, -1}}}};
  image.nodes = {
      node(NodeKind::Exchange, {}, 0),                        // 0
      node(NodeKind::StreamToDevice, {}, 0, 0),               // 1
      node(NodeKind::StreamFromDevice, {}, 1, 0),             // 2
      node(NodeKind::Print, {}, 0),                           // 3
      repeat,                                                 // 4
      node(NodeKind::Loop, {6}),                              // 5
      abort,                                                  // 6
      node(NodeKind::RepeatWhileTrue, {1, 3}, 0, 1),          // 7
      node(NodeKind::RepeatWhileFalse, {1, 3}, 0, 1),         // 8
      node(NodeKind::If, {3, 12}, 0, 1),                      // 9
      onCondition,                                            // 10
      sw,                                                     // 11
      sync,                                                   // 12
      node(NodeKind::Call, {}, 0),                            // 13
      error,                                                  // 14
      node(NodeKind::Sequence, {1, 0, 4, 7, 11, 13, 18, 14}), // 15: program 0
      node(NodeKind::Sequence, {5}),                          // 16: program 1
      node(NodeKind::Sequence, {2, 12}),                      // 17: function 0
      execute,                                                // 18
      node(NodeKind::RemoteBufferToDevice, {}, 0),            // 19
      node(NodeKind::RemoteBufferFromDevice, {}, 1),          // 20
  };
  image.remoteBuffers = {{"cache", "float", 4, 2, 3}};
  image.remoteCopies = {{0, 0, true, 3}, {0, 0, false, 0}};
  image.programs = {15, 16};
  image.functions = {17};
  image.tileBytesUsed = {61, 44};
  image.placements = {{"x", 0, 0, 4}, {"x", 1, 0, 4}, {"counter", 1, 8, 4}};
  return image;
}

/// The sample image with host function "reduce" (float {2}, int in; char
/// out) and a call of it, a control node after the others that no program
/// reaches.
inline ExecutableImage withHostFunction(ExecutableImage image) {
  image.hostFunctions = {
      {"reduce", {{"float", 4, 2}, {"int", 4, 1}}, {{"char", 1, 1}}}};
  image.hostCalls = {{0, {0, 1}, {2}}};
  image.nodes.push_back(node(NodeKind::HostFunctionCall, {}, 0));
  return image;
}

/// Every field of two images is equal.
inline void requireEqual(const ExecutableImage &a, const ExecutableImage &b) {
  REQUIRE(a.target == b.target);
  REQUIRE(a.initialMemory.size() == b.initialMemory.size());
  for (size_t i = 0; i < a.initialMemory.size(); ++i) {
    CHECK(a.initialMemory[i].tile == b.initialMemory[i].tile);
    CHECK(a.initialMemory[i].address == b.initialMemory[i].address);
    CHECK(a.initialMemory[i].bytes == b.initialMemory[i].bytes);
  }
  REQUIRE(a.layouts.size() == b.layouts.size());
  for (size_t i = 0; i < a.layouts.size(); ++i) {
    const TensorLayout &x = a.layouts[i], &y = b.layouts[i];
    CHECK(x.typeName == y.typeName);
    CHECK(x.elementBytes == y.elementBytes);
    CHECK(x.shape == y.shape);
    CHECK(x.debugName == y.debugName);
    REQUIRE(x.pieces.size() == y.pieces.size());
    for (size_t k = 0; k < x.pieces.size(); ++k) {
      CHECK(x.pieces[k].tile == y.pieces[k].tile);
      CHECK(x.pieces[k].address == y.pieces[k].address);
      CHECK(x.pieces[k].numBytes == y.pieces[k].numBytes);
    }
  }
  REQUIRE(a.exchanges.size() == b.exchanges.size());
  for (size_t i = 0; i < a.exchanges.size(); ++i) {
    const ExchangeStep &x = a.exchanges[i], &y = b.exchanges[i];
    CHECK(x.sourcesOverlapDestinations == y.sourcesOverlapDestinations);
    CHECK(x.debugName == y.debugName);
    REQUIRE(x.transfers.size() == y.transfers.size());
    for (size_t k = 0; k < x.transfers.size(); ++k) {
      CHECK(x.transfers[k].srcTile == y.transfers[k].srcTile);
      CHECK(x.transfers[k].srcAddress == y.transfers[k].srcAddress);
      CHECK(x.transfers[k].dstTile == y.transfers[k].dstTile);
      CHECK(x.transfers[k].dstAddress == y.transfers[k].dstAddress);
      CHECK(x.transfers[k].numBytes == y.transfers[k].numBytes);
    }
  }
  REQUIRE(a.streams.size() == b.streams.size());
  for (size_t i = 0; i < a.streams.size(); ++i) {
    CHECK(a.streams[i].handle == b.streams[i].handle);
    CHECK(a.streams[i].typeName == b.streams[i].typeName);
    CHECK(a.streams[i].elementBytes == b.streams[i].elementBytes);
    CHECK(a.streams[i].numElements == b.streams[i].numElements);
    CHECK(a.streams[i].toDevice == b.streams[i].toDevice);
  }
  REQUIRE(a.hostAccesses.size() == b.hostAccesses.size());
  for (size_t i = 0; i < a.hostAccesses.size(); ++i) {
    CHECK(a.hostAccesses[i].handle == b.hostAccesses[i].handle);
    CHECK(a.hostAccesses[i].isWrite == b.hostAccesses[i].isWrite);
    CHECK(a.hostAccesses[i].layout == b.hostAccesses[i].layout);
  }
  REQUIRE(a.prints.size() == b.prints.size());
  for (size_t i = 0; i < a.prints.size(); ++i) {
    const PrintDesc &x = a.prints[i], &y = b.prints[i];
    CHECK(x.title == y.title);
    CHECK(x.layout == y.layout);
    CHECK(x.format.summariseThreshold == y.format.summariseThreshold);
    CHECK(x.format.edgeItems == y.format.edgeItems);
    CHECK(x.format.maxLineWidth == y.format.maxLineWidth);
    CHECK(x.format.digits == y.format.digits);
    CHECK(x.format.floatFormat == y.format.floatFormat);
    CHECK(x.format.separator == y.format.separator);
    CHECK(x.format.openBracket == y.format.openBracket);
    CHECK(x.format.closeBracket == y.format.closeBracket);
  }
  REQUIRE(a.nodes.size() == b.nodes.size());
  for (size_t i = 0; i < a.nodes.size(); ++i) {
    const ControlNode &x = a.nodes[i], &y = b.nodes[i];
    CHECK(x.kind == y.kind);
    CHECK(x.children == y.children);
    CHECK(x.caseValues == y.caseValues);
    CHECK(x.count == y.count);
    CHECK(x.index == y.index);
    CHECK(x.layout == y.layout);
    CHECK(x.text == y.text);
  }
  REQUIRE(a.remoteBuffers.size() == b.remoteBuffers.size());
  for (size_t i = 0; i < a.remoteBuffers.size(); ++i) {
    const RemoteBufferDesc &x = a.remoteBuffers[i], &y = b.remoteBuffers[i];
    CHECK(x.handle == y.handle);
    CHECK(x.typeName == y.typeName);
    CHECK(x.elementBytes == y.elementBytes);
    CHECK(x.numElements == y.numElements);
    CHECK(x.repeats == y.repeats);
  }
  REQUIRE(a.remoteCopies.size() == b.remoteCopies.size());
  for (size_t i = 0; i < a.remoteCopies.size(); ++i) {
    const RemoteCopyDesc &x = a.remoteCopies[i], &y = b.remoteCopies[i];
    CHECK(x.buffer == y.buffer);
    CHECK(x.layout == y.layout);
    CHECK(x.hasOffset == y.hasOffset);
    CHECK(x.offsetLayout == y.offsetLayout);
  }
  REQUIRE(a.hostFunctions.size() == b.hostFunctions.size());
  for (size_t i = 0; i < a.hostFunctions.size(); ++i) {
    const HostFunctionDesc &x = a.hostFunctions[i], &y = b.hostFunctions[i];
    CHECK(x.handle == y.handle);
    for (auto [xs, ys] :
         {std::pair{&x.inputs, &y.inputs}, std::pair{&x.outputs, &y.outputs}}) {
      REQUIRE(xs->size() == ys->size());
      for (size_t j = 0; j < xs->size(); ++j) {
        CHECK((*xs)[j].typeName == (*ys)[j].typeName);
        CHECK((*xs)[j].elementBytes == (*ys)[j].elementBytes);
        CHECK((*xs)[j].numElements == (*ys)[j].numElements);
      }
    }
  }
  REQUIRE(a.hostCalls.size() == b.hostCalls.size());
  for (size_t i = 0; i < a.hostCalls.size(); ++i) {
    CHECK(a.hostCalls[i].function == b.hostCalls[i].function);
    CHECK(a.hostCalls[i].inputLayouts == b.hostCalls[i].inputLayouts);
    CHECK(a.hostCalls[i].outputLayouts == b.hostCalls[i].outputLayouts);
  }
  REQUIRE(a.objects.size() == b.objects.size());
  for (size_t i = 0; i < a.objects.size(); ++i) {
    CHECK(a.objects[i].sharedObject == b.objects[i].sharedObject);
    CHECK(a.objects[i].contentHash == b.objects[i].contentHash);
    CHECK(a.objects[i].source == b.objects[i].source);
  }
  REQUIRE(a.codelets.size() == b.codelets.size());
  for (size_t i = 0; i < a.codelets.size(); ++i) {
    CHECK(a.codelets[i].name == b.codelets[i].name);
    CHECK(a.codelets[i].object == b.codelets[i].object);
    CHECK(a.codelets[i].base == b.codelets[i].base);
    CHECK(a.codelets[i].returnsBool == b.codelets[i].returnsBool);
    CHECK(a.codelets[i].hasFields == b.codelets[i].hasFields);
    REQUIRE(a.codelets[i].fields.size() == b.codelets[i].fields.size());
    for (size_t f = 0; f < a.codelets[i].fields.size(); ++f) {
      CHECK(a.codelets[i].fields[f].kind == b.codelets[i].fields[f].kind);
      CHECK(a.codelets[i].fields[f].direction ==
            b.codelets[i].fields[f].direction);
      CHECK(a.codelets[i].fields[f].elementBytes ==
            b.codelets[i].fields[f].elementBytes);
    }
  }
  REQUIRE(a.computeSets.size() == b.computeSets.size());
  for (size_t i = 0; i < a.computeSets.size(); ++i) {
    const ComputeSetDesc &x = a.computeSets[i], &y = b.computeSets[i];
    CHECK(x.name == y.name);
    REQUIRE(x.vertices.size() == y.vertices.size());
    for (size_t j = 0; j < x.vertices.size(); ++j) {
      CHECK(x.vertices[j].id == y.vertices[j].id);
      CHECK(x.vertices[j].tile == y.vertices[j].tile);
      CHECK(x.vertices[j].codelet == y.vertices[j].codelet);
      CHECK(x.vertices[j].stateAddress == y.vertices[j].stateAddress);
      CHECK(x.vertices[j].fixedCycles == y.vertices[j].fixedCycles);
    }
  }
  CHECK(a.programs == b.programs);
  CHECK(a.functions == b.functions);
  CHECK(a.tileBytesUsed == b.tileBytesUsed);
  REQUIRE(a.placements.size() == b.placements.size());
  for (size_t i = 0; i < a.placements.size(); ++i) {
    CHECK(a.placements[i].name == b.placements[i].name);
    CHECK(a.placements[i].tile == b.placements[i].tile);
    CHECK(a.placements[i].address == b.placements[i].address);
    CHECK(a.placements[i].numBytes == b.placements[i].numBytes);
  }
}

} // namespace codegen_test

#endif
