// What tessel::importGraph writes for a graph: the target dictionary,
// variables with their mappings and initial bytes, streams and host
// handles, tensors as region lists, nested control programs, only the
// functions the programs can reach, and debug names as locations.
#include "compiler/import/ImportGraph.hpp"
#include "compiler/dialects/Poplar/ModuleTarget.hpp"
#include "compiler/dialects/Poplar/PoplarDialect.hpp"
#include "compiler/graph/GraphImpl.hpp"

#include <poplar/Engine.hpp>
#include <poplar/IPUModel.hpp>
#include <poplar/exceptions.hpp>

#include "mlir/IR/MLIRContext.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace poplar;
using namespace poplar::program;
namespace gir = tessel::graphir;

namespace {

Target smallTarget(unsigned tiles = 4) {
  IPUModel model("ipu2");
  model.tilesPerIPU = tiles;
  return model.createTarget();
}

mlir::OwningOpRef<mlir::ModuleOp> import(mlir::MLIRContext &context,
                                         const Graph &graph,
                                         const std::vector<Program> &progs) {
  return tessel::importGraph(context, *tessel::GraphAccess::impl(graph).store,
                             progs);
}

std::vector<int64_t> vec(llvm::ArrayRef<int64_t> a) { return a.vec(); }

/// The debug name a NameLoc carries, alone or fused with the source
/// position, or "" for other locations.
std::string locName(mlir::Operation *op) {
  mlir::Location loc = op->getLoc();
  if (auto fused = llvm::dyn_cast<mlir::FusedLoc>(loc))
    loc = fused.getLocations().front();
  if (auto name = llvm::dyn_cast<mlir::NameLoc>(loc))
    return name.getName().str();
  return "";
}

/// The op's location as MLIR prints it, with this file's path shortened to
/// its name so the expectation does not depend on the checkout.
std::string printedLoc(mlir::Operation *op) {
  std::string text;
  llvm::raw_string_ostream os(text);
  op->getLoc().print(os);
  const std::string path = __FILE__;
  for (std::size_t at = text.find(path); at != std::string::npos;
       at = text.find(path))
    text.replace(at, path.size(), "ImportGraphTest.cpp");
  return text;
}

/// Names of the ops directly in `block`, in order.
std::vector<std::string> opNames(mlir::Block &block) {
  std::vector<std::string> names;
  for (mlir::Operation &op : block)
    names.push_back(op.getName().getStringRef().str());
  return names;
}

template <class OpT> std::vector<OpT> opsOf(mlir::ModuleOp module) {
  std::vector<OpT> ops;
  module.walk([&](OpT op) { ops.push_back(op); });
  return ops;
}

} // namespace

TEST_CASE("The module records the target and targetFromModule rebuilds it",
          "[import]") {
  Target target = smallTarget(4);
  Graph graph(target);
  mlir::MLIRContext context;
  auto module = import(context, graph, {});
  auto dict = (*module)->getAttrOfType<mlir::DictionaryAttr>("poplar.target");
  REQUIRE(dict);
  CHECK(dict.getAs<mlir::StringAttr>("arch").str() == "ipu2");
  CHECK(dict.getAs<mlir::StringAttr>("target_type").str() == "IPU_MODEL");
  CHECK(dict.getAs<mlir::IntegerAttr>("tiles_per_ipu").getInt() == 4);
  CHECK(dict.getAs<mlir::IntegerAttr>("num_ipus").getInt() == 1);
  CHECK(dict.getAs<mlir::IntegerAttr>("bytes_per_tile").getInt() ==
        target.getBytesPerTile());
  CHECK(tessel::targetFromModule(*module) == target);
  CHECK(tessel::moduleNumTiles(*module) == 4);
}

TEST_CASE("targetFromModule rejects summary keys that contradict the "
          "serialized target",
          "[import]") {
  Graph graph(smallTarget(4));
  mlir::MLIRContext context;
  auto module = import(context, graph, {});
  auto dict = (*module)->getAttrOfType<mlir::DictionaryAttr>("poplar.target");
  mlir::NamedAttrList keys(dict);
  keys.set("tiles_per_ipu",
           mlir::IntegerAttr::get(mlir::IntegerType::get(&context, 64), 8));
  (*module)->setAttr("poplar.target", keys.getDictionary(&context));
  CHECK_THROWS_AS(tessel::targetFromModule(*module),
                  graph_program_compilation_error);
  CHECK_THROWS_WITH(tessel::targetFromModule(*module),
                    Catch::Matchers::Contains("'tiles_per_ipu' is 8 but the "
                                              "serialized target has 4"));
}

TEST_CASE("Variables keep ids, debug names, types, shapes, partial mappings "
          "and initial bytes",
          "[import]") {
  Graph graph(smallTarget());
  Tensor w = graph.addVariable(FLOAT, {2, 3}, "weights");
  graph.setTileMapping(w.slice(0, 1), 2);
  Tensor k = graph.addConstant<int>(INT, {2}, {7, -1}, "k");
  graph.setTileMapping(k, 1);
  mlir::MLIRContext context;
  auto module = import(context, graph, {});
  auto vars = opsOf<gir::VariableOp>(*module);
  REQUIRE(vars.size() == 2);
  CHECK(vars[0].getId() == 0);
  CHECK(vars[0].getName() == "weights");
  CHECK(locName(vars[0]) == "weights");
  CHECK(vars[0].getElementType() == tessel::ir::ElementType::Float);
  CHECK(vec(vars[0].getShape()) == std::vector<int64_t>{2, 3});
  CHECK(vec(vars[0].getMapping()) == std::vector<int64_t>{0, 3, 2});
  CHECK_FALSE(vars[0].getConstant());
  CHECK_FALSE(vars[0].getInitialBytes());
  CHECK(vars[1].getName() == "k");
  CHECK(vars[1].getConstant());
  std::vector<int8_t> bytes = {7, 0, 0, 0, -1, -1, -1, -1};
  CHECK(vars[1].getInitialBytes()->vec() == bytes);
  CHECK(vec(vars[1].getMapping()) == std::vector<int64_t>{0, 2, 1});
}

TEST_CASE("Views become region lists in row-major element order", "[import]") {
  Graph graph(smallTarget());
  Tensor a = graph.addVariable(FLOAT, {4}, "a");
  Tensor b = graph.addVariable(FLOAT, {2, 2}, "b");
  Tensor c = graph.addVariable(FLOAT, {4}, "c");
  Tensor bT = b.transpose().flatten().slice(0, 3);
  Sequence prog{Copy(concat(a.slice(3, 4), bT), c.reverse(0), false, "mixed")};
  mlir::MLIRContext context;
  auto module = import(context, graph, {prog});
  auto copies = opsOf<gir::CopyOp>(*module);
  REQUIRE(copies.size() == 1);
  // b transposed reads b[0], b[2], b[1], ...
  CHECK(vec(copies[0].getSrc()) ==
        std::vector<int64_t>{0, 3, 4, 1, 0, 1, 1, 2, 3, 1, 1, 2});
  CHECK(vec(copies[0].getDst()) ==
        std::vector<int64_t>{2, 3, 4, 2, 2, 3, 2, 1, 2, 2, 0, 1});
  CHECK(copies[0].getName() == "mixed");
  CHECK(locName(copies[0]) == "mixed");
}

TEST_CASE("Streams, host handles and stream copies are imported", "[import]") {
  Graph graph(smallTarget());
  Tensor x = graph.addVariable(HALF, {4}, "x");
  DataStream in = graph.addHostToDeviceFIFO("in", HALF, 4);
  DataStream out = graph.addDeviceToHostFIFO("out", HALF, 2);
  graph.createHostWrite("xw", x);
  graph.createHostRead("xr", x.slice(1, 3));
  Sequence prog{Copy(in, x), Copy(x.slice(0, 2), out)};
  mlir::MLIRContext context;
  auto module = import(context, graph, {prog});
  auto streams = opsOf<gir::StreamOp>(*module);
  REQUIRE(streams.size() == 2);
  CHECK(streams[0].getHandle() == "in");
  CHECK(streams[0].getToDevice());
  CHECK(streams[0].getNumElements() == 4);
  CHECK(streams[1].getHandle() == "out");
  CHECK_FALSE(streams[1].getToDevice());
  auto handles = opsOf<gir::HostAccessOp>(*module);
  REQUIRE(handles.size() == 2);
  CHECK(handles[0].getIsWrite());
  CHECK(vec(handles[1].getRegions()) == std::vector<int64_t>{0, 1, 3});
  CHECK(vec(handles[1].getShape()) == std::vector<int64_t>{2});
  auto copies = opsOf<gir::StreamCopyOp>(*module);
  REQUIRE(copies.size() == 2);
  CHECK(copies[0].getStream() == 0);
  CHECK(copies[0].getToDevice());
  CHECK(copies[1].getStream() == 1);
  CHECK(vec(copies[1].getRegions()) == std::vector<int64_t>{0, 0, 2});
}

TEST_CASE("Control programs nest as control ops", "[import]") {
  Graph graph(smallTarget());
  Tensor p = graph.addVariable(BOOL, {}, "p");
  Tensor sel = graph.addVariable(INT, {}, "sel");
  Tensor x = graph.addVariable(FLOAT, {2}, "x");
  Sequence body{Sync(SyncType::GLOBAL), WriteUndef(x)};
  Sequence prog{
      Repeat(3, If(p, body, Abort("no"))),
      RepeatWhileFalse(Sequence(), p, PrintTensor("x is", x)),
      Switch::switchWithBoundsChecking(sel, {{4, Loop(AbortOnCondition(p))}}),
  };
  mlir::MLIRContext context;
  auto module = import(context, graph, {prog, Sequence()});
  auto programs = opsOf<gir::ProgramOp>(*module);
  REQUIRE(programs.size() == 2);
  CHECK(locName(programs[1]) == "program 1");
  CHECK(programs[1].getBody().front().empty());
  mlir::Block &top = programs[0].getBody().front();
  CHECK(opNames(top) == std::vector<std::string>{"poplar.repeat",
                                                 "poplar.repeat_while",
                                                 "poplar.switch"});
  auto repeat = llvm::cast<gir::RepeatOp>(top.front());
  CHECK(repeat.getCount() == 3);
  auto ifOp = llvm::cast<gir::IfOp>(repeat.getBody().front().front());
  CHECK(vec(ifOp.getPredicate()) == std::vector<int64_t>{0, 0, 1});
  CHECK(ifOp.getElementType() == tessel::ir::ElementType::Bool);
  CHECK(opNames(ifOp.getThenBody().front()) ==
        std::vector<std::string>{"poplar.sync", "poplar.write_undef"});
  CHECK(llvm::cast<gir::SyncOp>(ifOp.getThenBody().front().front())
            .getSyncType() == tessel::ir::SyncType::Global);
  CHECK(opNames(ifOp.getElseBody().front()) ==
        std::vector<std::string>{"poplar.abort"});
  auto loop = llvm::cast<gir::RepeatWhileOp>(*std::next(top.begin()));
  CHECK_FALSE(loop.getWhileTrue());
  CHECK(loop.getCond().front().empty());
  auto print = llvm::cast<gir::PrintTensorOp>(loop.getBody().front().front());
  CHECK(print.getTitle() == "x is");
  CHECK(print.getSummariseThreshold() == 1000);
  auto sw = llvm::cast<gir::SwitchOp>(top.back());
  CHECK(sw.getCaseValues().vec() == std::vector<int32_t>{4});
  CHECK(sw.getElementType() == tessel::ir::ElementType::Int);
  // switchWithBoundsChecking's default shows the control value.
  auto error =
      llvm::cast<gir::ErrorProgramOp>(sw.getDefaultBody().front().front());
  CHECK(vec(error.getRegions()) == std::vector<int64_t>{1, 0, 1});
  CHECK(opNames(sw.getCases()[0].front()) ==
        std::vector<std::string>{"poplar.loop"});
}

TEST_CASE("Only functions the programs reach are imported, numbered densely",
          "[import]") {
  Graph graph(smallTarget());
  Tensor x = graph.addVariable(FLOAT, {2}, "x");
  Function unused = graph.addFunction(WriteUndef(x));
  Function leaf = graph.addFunction(Sync(SyncType::INTERNAL));
  Function outer = graph.addFunction(Sequence{Call(leaf), Call(leaf)});
  (void)unused;
  mlir::MLIRContext context;
  auto module = import(context, graph, {Repeat(2, Call(outer))});
  auto functions = opsOf<gir::FunctionOp>(*module);
  REQUIRE(functions.size() == 2);
  // Function ids 1 and 2 become module functions 0 and 1.
  CHECK(functions[0].getIndex() == 0);
  CHECK(locName(functions[0]) == "function 1");
  CHECK(functions[1].getIndex() == 1);
  CHECK(locName(functions[1]) == "function 2");
  std::vector<int64_t> called;
  for (gir::CallOp call : opsOf<gir::CallOp>(*module))
    called.push_back(call.getFunction());
  CHECK(called == std::vector<int64_t>{1, 0, 0});
}

TEST_CASE("Programs using tensors of another graph are control_program_error",
          "[import]") {
  Graph graph(smallTarget());
  Graph other(smallTarget());
  Tensor mine = graph.addVariable(FLOAT, {2}, "mine");
  Tensor theirs = other.addVariable(FLOAT, {2}, "theirs");
  mlir::MLIRContext context;
  Program copy = Copy(theirs, mine);
  CHECK_THROWS_AS(import(context, graph, {copy}), control_program_error);
  CHECK_THROWS_WITH(import(context, graph, {copy}),
                    Catch::Matchers::Contains("a tensor of another graph"));
}

TEST_CASE("Host functions and their calls are imported, each argument's "
          "regions counted",
          "[import][hostfn]") {
  Graph graph(smallTarget());
  Tensor x = graph.addVariable(FLOAT, {4}, "x");
  Tensor n = graph.addVariable(INT, {2}, "n");
  HostFunction f =
      graph.addHostFunction("f", {{FLOAT, 3}, {INT, 1}}, {{INT, 2}});
  graph.addHostFunction("unused", {}, {});
  // x's view is two regions (3, then 0); n[1] and n are one each.
  Tensor picked = concat(x.slice(3, 4), x.slice(0, 1));
  Sequence prog{Call(f, {concat(picked, x.slice(1, 2)), n.slice(1, 2)}, {n})};
  mlir::MLIRContext context;
  auto module = import(context, graph, {prog});
  auto functions = opsOf<gir::HostFunctionOp>(*module);
  REQUIRE(functions.size() == 2);
  CHECK(functions[0].getHandle() == "f");
  CHECK(vec(functions[0].getInputSizes()) == std::vector<int64_t>{3, 1});
  CHECK(vec(functions[0].getOutputSizes()) == std::vector<int64_t>{2});
  CHECK(llvm::cast<gir::ElementTypeAttr>(functions[0].getInputTypes()[1])
            .getValue() == tessel::ir::ElementType::Int);
  CHECK(functions[1].getHandle() == "unused");
  auto calls = opsOf<gir::HostCallOp>(*module);
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].getFunction() == 0);
  CHECK(calls[0].getNumInputs() == 2);
  CHECK(vec(calls[0].getRegionCounts()) == std::vector<int64_t>{6, 3, 3});
  CHECK(vec(calls[0].getArgument(0)) == std::vector<int64_t>{0, 3, 4, 0, 0, 2});
  CHECK(vec(calls[0].getArgument(1)) == std::vector<int64_t>{1, 1, 2});
  CHECK(vec(calls[0].getArgument(2)) == std::vector<int64_t>{1, 0, 2});
}

/// Builds, on consecutive lines from the returned one, the objects the
/// location test imports; a named function, so the locations name it.
unsigned buildLocatedGraph(Graph &graph, Sequence &seq) {
  const unsigned line = __LINE__ + 1;
  Tensor w = graph.addVariable(FLOAT, {4}, "weights");
  graph.addConstant<float>(FLOAT, {1}, {1.0f}, "one");
  graph.addVariable(FLOAT, {2});
  Tensor copyOfW = graph.clone(w, "copyOfW");
  ComputeSet cs = graph.addComputeSet("step");
  seq.add(Copy(w, copyOfW, false, "toCopy"));
  seq.add(Execute(cs));
  return line;
}

TEST_CASE("Variables, compute sets and programs carry the source line of "
          "the user's call fused with the debug name",
          "[import][locations]") {
  Graph graph(smallTarget());
  Sequence seq;
  const unsigned line = buildLocatedGraph(graph, seq);
  mlir::MLIRContext context;
  auto module = import(context, graph, {seq});
  auto at = [&](unsigned offset) {
    return "\"ImportGraphTest.cpp\":" + std::to_string(line + offset) + ":0])";
  };
  const std::string in = "loc(fused<\"buildLocatedGraph\">[";
  auto vars = opsOf<gir::VariableOp>(*module);
  REQUIRE(vars.size() == 4);
  CHECK(locName(vars[0]) == "weights");
  CHECK(printedLoc(vars[0]) == in + "\"weights\", " + at(0));
  CHECK(printedLoc(vars[1]) == in + "\"one\", " + at(1));
  // No name: the position alone, still with the function.
  CHECK(printedLoc(vars[2]) == in + at(2));
  CHECK(printedLoc(vars[3]) == in + "\"copyOfW\", " + at(3));
  auto computeSets = opsOf<gir::ComputeSetOp>(*module);
  REQUIRE(computeSets.size() == 1);
  CHECK(printedLoc(computeSets[0]) == in + "\"step\", " + at(4));
  auto copies = opsOf<gir::CopyOp>(*module);
  REQUIRE(copies.size() == 1);
  CHECK(printedLoc(copies[0]) == in + "\"toCopy\", " + at(5));
  auto executes = opsOf<gir::ExecuteOp>(*module);
  REQUIRE(executes.size() == 1);
  CHECK(printedLoc(executes[0]) == in + at(6));
  // Streams and host handles take no DebugContext: their name alone.
}

TEST_CASE("Equal source positions share one location in the context",
          "[import][locations]") {
  Graph graph(smallTarget());
  std::vector<Tensor> made;
  for (int i = 0; i < 3; ++i)
    made.push_back(graph.addVariable(FLOAT, {1}, "same"));
  mlir::MLIRContext context;
  auto module = import(context, graph, {});
  auto vars = opsOf<gir::VariableOp>(*module);
  REQUIRE(vars.size() == 3);
  // Uniqued: a loop of a million addVariable calls costs one location.
  CHECK(vars[0]->getLoc() == vars[1]->getLoc());
  CHECK(vars[1]->getLoc() == vars[2]->getLoc());
}

TEST_CASE("Codelet field types become element-type attributes; a name "
          "outside the type table is a type_error naming codelet and field",
          "[import][codelets]") {
  Graph graph(smallTarget());
  auto field = [](const char *name, const char *type) {
    tessel::codelets::FieldMeta f;
    f.name = name;
    f.elementType = type;
    f.elementBytes = 4;
    return f;
  };
  tessel::codelets::VertexMeta meta;
  meta.name = "Typed";
  meta.fields = {field("in", "unsigned int"), field("out", "float")};
  auto &archive = tessel::GraphAccess::impl(graph).store->codelets;
  archive.vertices.push_back(meta);
  {
    mlir::MLIRContext context;
    auto module = import(context, graph, {});
    auto codelets = opsOf<gir::CodeletOp>(*module);
    REQUIRE(codelets.size() == 1);
    mlir::ArrayAttr types = codelets[0].getFieldTypes();
    REQUIRE(types.size() == 2);
    CHECK(mlir::cast<gir::ElementTypeAttr>(types[0]).getValue() ==
          tessel::ir::ElementType::UnsignedInt);
    CHECK(mlir::cast<gir::ElementTypeAttr>(types[1]).getValue() ==
          tessel::ir::ElementType::Float);
  }
  meta.name = "Odd";
  meta.fields = {field("z", "complex")};
  archive.vertices.push_back(meta);
  mlir::MLIRContext context;
  CHECK_THROWS_MATCHES(
      import(context, graph, {}), type_error,
      Catch::Matchers::Message(
          "codelet 'Odd': field 'z' has element type 'complex', which is not "
          "a Poplar type; rebuild the codelet archive with popc, which gives "
          "each field the type of its declaration"));
}
