// A shared object that exports a codelet table of an ABI version no
// Tessel runs; the codelet library must refuse it.
#include <tessel/internal/CodeletABI.hpp>

namespace {
void runNothing(tessel::abi::RunContext *) {}
const tessel::abi::VertexInfo table[] = {
    {"SumVertex", tessel::abi::VertexBase::Vertex, 1, 0, nullptr, runNothing}};
} // namespace

extern "C" __attribute__((visibility("default")))
const tessel::abi::VertexInfo *
tessel_codelet_table(std::uint32_t *numVertices, std::uint32_t *abiVersion) {
  *numVertices = 1;
  *abiVersion = tessel::abi::kAbiVersion + 98;
  return table;
}
