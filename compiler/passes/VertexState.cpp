#include "compiler/passes/VertexState.hpp"

#include <tessel/internal/CodeletABI.hpp>

#include <cstring>

using tessel::abi::FieldKind;

namespace tessel {

namespace {

bool isList(FieldKind kind) {
  return kind == FieldKind::VectorOfEdges ||
         kind == FieldKind::VectorOfEdgeVectors ||
         kind == FieldKind::EdgeVectorList;
}

std::uint32_t wordsFor(std::size_t bytes) {
  return std::uint32_t((bytes + 3) / 4);
}

} // namespace

std::vector<std::uint32_t> buildVertexState(
    graphir::CodeletOp codelet, const TableVertex &vertex,
    llvm::ArrayRef<FieldEdges> fields, std::uint32_t stateAddress,
    llvm::function_ref<EntryPlace(unsigned field, size_t entry)> placeEntry) {
  const unsigned numFields = codelet.getNumFields();
  llvm::ArrayRef<int8_t> stateBytes = vertex.state;
  llvm::ArrayRef<int64_t> stateSizes = vertex.stateSizes;

  // Fixed words first; tables and state-vector data follow in field order.
  std::uint32_t fixedWords = 0;
  for (unsigned f = 0; f < numFields; ++f)
    fixedWords +=
        abi::stateWords(FieldKind(codelet.getFieldKind(f)),
                        std::uint32_t(codelet.getFieldElementBytes(f)));
  std::vector<std::uint32_t> words(fixedWords, 0);
  auto address = [&](std::size_t word) {
    return stateAddress + std::uint32_t(4 * word);
  };

  std::size_t fixedAt = 0, stateAt = 0;
  for (unsigned f = 0; f < numFields; ++f) {
    const auto kind = FieldKind(codelet.getFieldKind(f));
    const auto elementBytes = std::uint32_t(codelet.getFieldElementBytes(f));
    const std::size_t bytes = std::size_t(stateSizes[f]);
    switch (kind) {
    case FieldKind::Scalar:
      std::memcpy(words.data() + fixedAt, stateBytes.data() + stateAt,
                  std::min<std::size_t>(bytes, 4 * wordsFor(elementBytes)));
      break;
    case FieldKind::StateVector: {
      const std::size_t dataWord = words.size();
      words.resize(words.size() + wordsFor(bytes), 0);
      std::memcpy(words.data() + dataWord, stateBytes.data() + stateAt, bytes);
      words[fixedAt] = bytes ? address(dataWord) : 0;
      words[fixedAt + 1] = std::uint32_t(bytes / elementBytes);
      break;
    }
    case FieldKind::Edge:
    case FieldKind::EdgeVector: {
      const EntryPlace place =
          fields[f].entries.empty() ? EntryPlace() : placeEntry(f, 0);
      words[fixedAt] = place.address;
      if (kind == FieldKind::EdgeVector)
        words[fixedAt + 1] = place.count;
      break;
    }
    default: {
      const std::size_t entries = fields[f].entries.size();
      const std::size_t table = words.size();
      words.resize(words.size() + 2 * entries, 0);
      for (std::size_t e = 0; e < entries; ++e) {
        const EntryPlace place = placeEntry(f, e);
        words[table + 2 * e] = place.address;
        words[table + 2 * e + 1] = place.count;
      }
      words[fixedAt] = entries ? address(table) : 0;
      words[fixedAt + 1] = std::uint32_t(entries);
      break;
    }
    }
    fixedAt += abi::stateWords(kind, elementBytes);
    stateAt += bytes;
  }
  return words;
}

std::size_t vertexStateWords(graphir::CodeletOp codelet,
                             const TableVertex &vertex,
                             llvm::ArrayRef<FieldEdges> fields) {
  std::size_t words = 0;
  for (unsigned f = 0; f < codelet.getNumFields(); ++f) {
    const auto kind = FieldKind(codelet.getFieldKind(f));
    words +=
        abi::stateWords(kind, std::uint32_t(codelet.getFieldElementBytes(f)));
    if (kind == FieldKind::StateVector)
      words += wordsFor(std::size_t(vertex.stateSizes[f]));
    else if (isList(kind))
      words += 2 * fields[f].entries.size();
  }
  return words;
}

} // namespace tessel
