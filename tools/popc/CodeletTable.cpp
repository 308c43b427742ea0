// dlopen the new object and read its vertex table, as the runtime will.
#include "tools/popc/CodeletTable.hpp"
#include "tools/popc/PopcError.hpp"

#include "compiler/codelets/VertexTable.hpp"

#include <tessel/internal/CodeletABI.hpp>

#include <dlfcn.h>
#include <memory>

namespace tessel::popc {

using codelets::FieldMeta;
using codelets::VertexMeta;

namespace {

FieldMeta fieldFromTable(const abi::FieldInfo &info) {
  FieldMeta field;
  field.name = info.name ? info.name : "";
  field.kind = info.kind;
  field.direction = info.direction;
  field.layout = info.layout;
  field.interleaved = info.interleaved != 0;
  field.elementType = info.elementType ? info.elementType : "";
  field.elementBytes = info.elementBytes;
  field.minAlign = info.minAlign;
  return field;
}

} // namespace

std::vector<VertexMeta>
readCodeletTable(const std::string &sharedObject,
                 const std::vector<std::string> &expectedNames,
                 std::uint32_t objectIndex) {
  std::unique_ptr<void, int (*)(void *)> handle(
      dlopen(sharedObject.c_str(), RTLD_NOW | RTLD_LOCAL), dlclose);
  if (!handle)
    throw PopcError::plain(std::string("the codelet object does not load: ") +
                           dlerror());
  const codelets::VertexTable table = codelets::readVertexTable(handle.get());
  if (!table.exported)
    throw PopcError::plain(std::string("the codelet object does not export ") +
                           abi::kTableSymbol);
  if (!table.readable())
    throw PopcError::plain("the codelet object has codelet ABI version " +
                           std::to_string(table.abiVersion) +
                           ", popc expects " +
                           std::to_string(abi::kAbiVersion) +
                           " (are the Tessel headers popc uses its own?)");
  std::vector<VertexMeta> metas;
  for (std::uint32_t i = 0; i < table.numVertices; ++i) {
    const abi::VertexInfo &info = table.vertices[i];
    VertexMeta meta;
    meta.name = info.name ? info.name : "";
    meta.base = info.base;
    meta.returnsBool = info.returnsBool != 0;
    meta.object = objectIndex;
    for (std::uint32_t f = 0; f < info.numFields; ++f)
      meta.fields.push_back(fieldFromTable(info.fields[f]));
    metas.push_back(std::move(meta));
  }
  std::vector<std::string> names;
  for (const VertexMeta &m : metas)
    names.push_back(m.name);
  if (names != expectedNames) {
    std::string listed;
    for (const std::string &n : names)
      listed += (listed.empty() ? "" : ", ") + n;
    throw PopcError::plain("the codelet object's vertex table (" + listed +
                           ") is not the vertices popc found in the sources");
  }
  return metas;
}

} // namespace tessel::popc
