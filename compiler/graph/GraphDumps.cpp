// poplar::Graph debug dumps: the vertex and compute graphs in dot format,
// and tensors serialized to JSON and read back.
#include "compiler/core/TypeTable.hpp"
#include "compiler/graph/DescribeTensor.hpp"
#include "compiler/graph/GraphImpl.hpp"
#include "compiler/graph/ProgramTree.hpp"
#include "compiler/graph/TensorImpl.hpp"

#include <poplar/exceptions.hpp>

#include <nlohmann/json.hpp>

#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <tuple>
#include <unordered_set>

using namespace poplar;

namespace tessel {

namespace {

/// The compute sets `progs` execute (through calls too), or every compute
/// set when no program is given.
std::set<unsigned> executedComputeSets(const GraphStore &store,
                                       ArrayRef<program::Program> progs) {
  std::set<unsigned> sets;
  if (progs.empty()) {
    for (unsigned cs = 0; cs < store.computeSets.size(); ++cs)
      sets.insert(cs);
    return sets;
  }
  std::unordered_set<const ProgramNode *> seen;
  std::set<unsigned> calledFunctions;
  std::vector<const ProgramNode *> work;
  for (const program::Program &p : progs)
    if (const auto &node = ProgramAccess::node(p))
      work.push_back(node.get());
  while (!work.empty()) {
    const ProgramNode *node = work.back();
    work.pop_back();
    if (!seen.insert(node).second)
      continue;
    if (node->kind == ProgramKind::Execute &&
        (node->computeSetStore == nullptr || node->computeSetStore == &store) &&
        node->computeSet < store.computeSets.size())
      sets.insert(node->computeSet);
    if (node->kind == ProgramKind::Call &&
        node->function < store.functions.size() &&
        calledFunctions.insert(node->function).second)
      if (const auto &body =
              ProgramAccess::node(store.functions[node->function]))
        work.push_back(body.get());
    for (const auto &child : node->children)
      if (child)
        work.push_back(child.get());
  }
  return sets;
}

std::string quoted(const std::string &text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\n') {
      out += "\\n"; // dot's line break
      continue;
    }
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string variableLabel(const GraphStore &store, VariableId var) {
  const Variable &v = store.variable(var);
  return (v.name.empty() ? "variable " + std::to_string(var) : v.name) + "\n" +
         v.type.toString() + " " + describeShape(v.shape) +
         (v.isConstant ? " constant" : "");
}

/// Every variable a vertex's field reads (`reads`) or writes.
void fieldVariables(const GraphStore &store, const VertexRecord &vertex,
                    std::set<VariableId> &reads, std::set<VariableId> &writes) {
  const codelets::VertexMeta &meta = store.codeletOf(vertex);
  for (std::size_t f = 0; f < meta.fields.size(); ++f) {
    const abi::Direction dir = meta.fields[f].direction;
    for (const EdgeEntry &entry : store.entriesOf(store.field(vertex, f))) {
      for (const ElementRegion &r : store.regionsOf(entry)) {
        if (dir == abi::Direction::Input || dir == abi::Direction::InOut)
          reads.insert(r.var);
        if (dir == abi::Direction::Output || dir == abi::Direction::InOut)
          writes.insert(r.var);
      }
    }
  }
}

void writeVariableNodes(std::ostream &out, const GraphStore &store,
                        const std::set<VariableId> &vars) {
  for (VariableId var : vars)
    out << "  var" << var
        << " [shape=box, label=" << quoted(variableLabel(store, var)) << "];\n";
}

[[noreturn]] void badInput(const std::string &what) {
  throw parse_error("deserializeTensors: " + what +
                    "; give the text serializeTensors wrote");
}

} // namespace

} // namespace tessel

namespace poplar {

void Graph::outputVertexGraph(std::ostream &out,
                              ArrayRef<program::Program> progs) const {
  const tessel::GraphStore &store = *impl_->store;
  std::set<unsigned> sets = tessel::executedComputeSets(store, progs);
  std::set<tessel::VariableId> vars;
  std::ostringstream edges;
  out << "digraph vertices {\n";
  for (unsigned cs : sets)
    for (std::uint32_t id : store.computeSets[cs].vertices) {
      const tessel::VertexRecord &v = store.vertices[id];
      out << "  v" << id << " [label="
          << tessel::quoted(store.codeletOf(v).name + "\n" +
                            (v.tile < 0 ? std::string("unmapped")
                                        : "tile " + std::to_string(v.tile)))
          << "];\n";
      std::set<tessel::VariableId> reads, writes;
      tessel::fieldVariables(store, v, reads, writes);
      for (tessel::VariableId var : reads)
        edges << "  var" << var << " -> v" << id << ";\n";
      for (tessel::VariableId var : writes)
        edges << "  v" << id << " -> var" << var << ";\n";
      vars.insert(reads.begin(), reads.end());
      vars.insert(writes.begin(), writes.end());
    }
  tessel::writeVariableNodes(out, store, vars);
  out << edges.str() << "}\n";
}

void Graph::outputComputeGraph(std::ostream &out,
                               ArrayRef<program::Program> progs) const {
  const tessel::GraphStore &store = *impl_->store;
  std::set<unsigned> sets = tessel::executedComputeSets(store, progs);
  std::set<tessel::VariableId> vars;
  std::ostringstream edges;
  out << "digraph computeSets {\n";
  for (unsigned cs : sets) {
    const tessel::ComputeSetRecord &record = store.computeSets[cs];
    out << "  cs" << cs << " [shape=ellipse, label="
        << tessel::quoted(
               (record.name.empty() ? "compute set " + std::to_string(cs)
                                    : record.name) +
               "\n" + std::to_string(record.vertices.size()) + " vertices")
        << "];\n";
    std::set<tessel::VariableId> reads, writes;
    for (std::uint32_t id : record.vertices)
      tessel::fieldVariables(store, store.vertices[id], reads, writes);
    for (tessel::VariableId var : reads)
      edges << "  var" << var << " -> cs" << cs << ";\n";
    for (tessel::VariableId var : writes)
      edges << "  cs" << cs << " -> var" << var << ";\n";
    vars.insert(reads.begin(), reads.end());
    vars.insert(writes.begin(), writes.end());
  }
  tessel::writeVariableNodes(out, store, vars);
  out << edges.str() << "}\n";
}

void Graph::serializeTensors(std::ostream &out, ArrayRef<Tensor> tensors,
                             SerializationFormat format) const {
  const tessel::GraphStore &store = *impl_->store;
  std::map<tessel::VariableId, std::size_t> local;
  nlohmann::json variables = nlohmann::json::array();
  nlohmann::json list = nlohmann::json::array();
  for (const Tensor &t : tensors) {
    tessel::checkTensorOfGraph(*impl_, t, "serializeTensors");
    const tessel::TensorImpl &impl = tessel::TensorAccess::impl(t);
    nlohmann::json regions = nlohmann::json::array();
    for (const tessel::ElementRegion &r : impl.regions) {
      auto [it, added] = local.emplace(r.var, local.size());
      if (added) {
        const tessel::Variable &v = store.variable(r.var);
        variables.push_back({{"type", v.type.toString()},
                             {"shape", v.shape},
                             {"name", v.name}});
      }
      regions.push_back({it->second, r.begin, r.end});
    }
    list.push_back({{"type", impl.type.toString()},
                    {"shape", impl.shape},
                    {"regions", regions}});
  }
  const nlohmann::json doc{{"format", "tessel-tensors"},
                           {"version", 1},
                           {"variables", variables},
                           {"tensors", list}};
  if (format == SerializationFormat::JSON) {
    out << doc.dump(1) << "\n";
  } else {
    const std::vector<std::uint8_t> bytes = nlohmann::json::to_cbor(doc);
    out.write(reinterpret_cast<const char *>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
  }
}

std::vector<Tensor> Graph::deserializeTensors(std::istream &in,
                                              SerializationFormat format) {
  nlohmann::json doc;
  try {
    if (format == SerializationFormat::JSON)
      in >> doc;
    else
      doc = nlohmann::json::from_cbor(
          std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in),
                                    std::istreambuf_iterator<char>()));
  } catch (const nlohmann::json::exception &e) {
    tessel::badInput(std::string("the input is not ") +
                     (format == SerializationFormat::JSON ? "JSON" : "CBOR") +
                     " (" + e.what() + ")");
  }
  if (!doc.is_object() || doc.value("format", "") != "tessel-tensors" ||
      !doc.contains("variables") || !doc.contains("tensors"))
    tessel::badInput("the input is JSON but not a serialized tensor list");
  // Everything is read and checked before the graph changes, so bad input
  // adds no variable.
  struct VariableRecord {
    Type type;
    std::vector<std::size_t> shape;
    std::string name;
    std::uint64_t size = 1;
  };
  struct TensorRecord {
    Type type;
    std::vector<std::size_t> shape;
    std::vector<std::tuple<std::size_t, std::uint64_t, std::uint64_t>> regions;
  };
  std::vector<VariableRecord> variables;
  std::vector<TensorRecord> tensors;
  auto elementsOf = [](const std::vector<std::size_t> &shape) {
    std::uint64_t n = 1;
    for (std::size_t d : shape)
      if (__builtin_mul_overflow(n, std::uint64_t(d), &n))
        tessel::badInput("a shape has more elements than 2^64");
    return n;
  };
  try {
    for (const nlohmann::json &v : doc.at("variables")) {
      VariableRecord record;
      record.type = tessel::typeFromName(v.at("type").get<std::string>());
      record.shape = v.at("shape").get<std::vector<std::size_t>>();
      record.name = v.at("name").get<std::string>();
      record.size = elementsOf(record.shape);
      variables.push_back(std::move(record));
    }
    for (const nlohmann::json &t : doc.at("tensors")) {
      TensorRecord record;
      record.type = tessel::typeFromName(t.at("type").get<std::string>());
      record.shape = t.at("shape").get<std::vector<std::size_t>>();
      std::uint64_t elements = 0;
      for (const nlohmann::json &r : t.at("regions")) {
        const auto index = r.at(0).get<std::size_t>();
        const auto begin = r.at(1).get<std::uint64_t>();
        const auto end = r.at(2).get<std::uint64_t>();
        if (index >= variables.size() || begin >= end ||
            end > variables[index].size)
          tessel::badInput("a region names elements its variable lacks");
        if (variables[index].type != record.type)
          tessel::badInput("a tensor's type differs from its variable's");
        record.regions.emplace_back(index, begin, end);
        elements += end - begin;
      }
      if (elements != elementsOf(record.shape))
        tessel::badInput("a tensor's regions do not hold its shape's " +
                         std::to_string(elementsOf(record.shape)) +
                         " elements");
      tensors.push_back(std::move(record));
    }
  } catch (const nlohmann::json::exception &e) {
    tessel::badInput(std::string("a field is missing or of the wrong kind (") +
                     e.what() + ")");
  }
  // A constant's values are not part of the dump: it comes back as a
  // variable of the same shape. The dump keeps no source locations, and
  // this file is not where the variable was made, so it gets none.
  std::vector<tessel::VariableId> ids;
  for (const VariableRecord &v : variables) {
    Tensor made = addVariable(v.type, v.shape, {v.name, SourceLocation()});
    const auto &regions = tessel::TensorAccess::impl(made).regions;
    ids.push_back(regions.empty() ? 0 : regions.front().var);
  }
  std::vector<Tensor> result;
  for (const TensorRecord &t : tensors) {
    tessel::TensorImpl impl;
    impl.type = t.type;
    impl.shape = t.shape;
    impl.store = impl_->store;
    for (const auto &[index, begin, end] : t.regions)
      impl.regions.push_back({ids[index], begin, end});
    result.push_back(tessel::TensorAccess::make(std::move(impl)));
  }
  return result;
}

} // namespace poplar
