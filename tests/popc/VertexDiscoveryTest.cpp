// What popc finds in a source: vertex classes and their names, fields and
// field kinds, and the errors for sources and fields it cannot use.
#include "tests/popc/PopcTestSupport.hpp"

#include <catch2/catch.hpp>

using namespace tessel::codelets;
using popctest::codelet;
using popctest::runPopc;
using popctest::ScratchDir;
using tessel::abi::Direction;
using tessel::abi::FieldKind;
using tessel::abi::VertexBase;

namespace {

CodeletArchive compile(const std::string &source) {
  ScratchDir dir;
  const ProcessResult result = runPopc({source, "-o", dir / "out.gp"});
  INFO(result.output);
  REQUIRE(result.exitStatus == 0);
  return readArchiveFile(dir / "out.gp");
}

const VertexMeta &find(const CodeletArchive &archive, const std::string &name) {
  for (const VertexMeta &v : archive.vertices)
    if (v.name == name)
      return v;
  FAIL("no vertex " << name);
  throw;
}

struct ExpectedField {
  const char *name;
  FieldKind kind;
  Direction direction;
  const char *elementType;
  std::uint8_t layout;
};

void checkFields(const VertexMeta &v,
                 const std::vector<ExpectedField> &expected) {
  REQUIRE(v.fields.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO(v.name << " field " << i);
    CHECK(v.fields[i].name == expected[i].name);
    CHECK(v.fields[i].kind == expected[i].kind);
    CHECK(v.fields[i].direction == expected[i].direction);
    CHECK(v.fields[i].elementType == expected[i].elementType);
    CHECK(unsigned(v.fields[i].layout) == unsigned(expected[i].layout));
  }
}

ProcessResult compileFailing(const std::string &source) {
  ScratchDir dir;
  const ProcessResult result = runPopc({source, "-o", dir / "out.gp"});
  CHECK(result.exitStatus == 1);
  CHECK_FALSE(std::filesystem::exists(dir / "out.gp"));
  return result;
}

} // namespace

TEST_CASE("Every field kind and vertex base is found", "[popc][discovery]") {
  const CodeletArchive archive = compile(codelet("field_kinds.cpp"));
  REQUIRE(archive.vertices.size() == 2);
  const VertexMeta &every = find(archive, "EveryKind");
  CHECK(every.base == VertexBase::MultiVertex);
  CHECK_FALSE(every.returnsBool);
  checkFields(
      every,
      {{"data", FieldKind::EdgeVector, Direction::InOut, "half", 3},
       {"n", FieldKind::Scalar, Direction::None, "unsigned int", 0},
       {"ins", FieldKind::VectorOfEdgeVectors, Direction::Input, "float", 3},
       {"lists", FieldKind::EdgeVectorList, Direction::Input, "int", 3},
       {"product", FieldKind::Edge, Direction::Output, "half", 0},
       {"offsets", FieldKind::StateVector, Direction::None, "unsigned int", 1},
       {"totals", FieldKind::VectorOfEdges, Direction::Output, "int", 1},
       {"scale", FieldKind::Scalar, Direction::None, "float", 0}});
  CHECK(every.fields[0].elementBytes == 2);
  const VertexMeta &supervised = find(archive, "Supervised");
  CHECK(supervised.base == VertexBase::SupervisorVertex);
  CHECK(supervised.returnsBool);
  checkFields(supervised,
              {{"out", FieldKind::Edge, Direction::Output, "int", 0}});
}

TEST_CASE("Explicit instantiations are named as templateVertex names them",
          "[popc][discovery]") {
  const CodeletArchive archive = compile(codelet("templates.cpp"));
  std::vector<std::string> names;
  for (const VertexMeta &v : archive.vertices)
    names.push_back(v.name);
  CHECK(names ==
        std::vector<std::string>{
            "ops::Binary<float,ops::Operation::Add>",
            "ops::Binary<unsigned int,ops::Operation::Multiply,true,3>",
            "ops::Binary<half,ops::Operation::Multiply,true>",
            "ops::detail::Counted", "Hidden"});
  // Fields of a base class template come first, in declaration order.
  checkFields(find(archive, "ops::Binary<half,ops::Operation::Multiply,true>"),
              {{"a", FieldKind::Edge, Direction::Input, "half", 0},
               {"b", FieldKind::Edge, Direction::Input, "half", 0},
               {"out", FieldKind::Edge, Direction::Output, "half", 0}});
  CHECK(find(archive, "Hidden").base == VertexBase::SupervisorVertex);
  CHECK(find(archive, "ops::detail::Counted").base == VertexBase::MultiVertex);
}

TEST_CASE("Compile errors name the user's file, line and column",
          "[popc][discovery]") {
  const std::string inBody = codelet("syntax_error.cpp");
  const ProcessResult body = compileFailing(inBody);
  CHECK_THAT(body.output,
             Catch::StartsWith(inBody + ":9:27: error: use of undeclared "
                                        "identifier 'undefinedName'"));
  CHECK(body.output.find("glue") == std::string::npos);

  const std::string inDeclaration = codelet("declaration_error.cpp");
  const ProcessResult declaration = compileFailing(inDeclaration);
  CHECK_THAT(declaration.output,
             Catch::StartsWith(inDeclaration + ":7:3: error: unknown type name "
                                               "'UnknownType'"));
}

TEST_CASE("Private and unsupported fields are errors naming class and field",
          "[popc][discovery]") {
  const std::string source = codelet("bad_fields.cpp");
  const ProcessResult result = compileFailing(source);
  CHECK_THAT(result.output,
             Catch::Contains(source + ":7:16: error: field 'secret' of vertex "
                                      "'BadFields' is private"));
  CHECK_THAT(result.output,
             Catch::Contains(source + ":10:10: error: field 'pointer' of "
                                      "vertex 'BadFields' has type 'float *'"));
  CHECK_THAT(result.output,
             Catch::Contains(source + ":11:10: error: field 'wide' of vertex "
                                      "'BadFields' has type 'double'"));
  CHECK(std::count(result.output.begin(), result.output.end(), '\n') == 3);
}

TEST_CASE("A source without vertices is an error", "[popc][discovery]") {
  const ProcessResult result = compileFailing(codelet("helper.c"));
  CHECK_THAT(result.output, Catch::Contains("no vertex classes in"));
}

TEST_CASE("Classes popc cannot name or classify are reported",
          "[popc][discovery]") {
  ScratchDir dir;
  const std::string unknownBase = dir / "unknown_base.cpp";
  popctest::writeFile(unknownBase, R"(#include <poplar/Vertex.hpp>
template <class Base> struct Wrapped : Base {
  poplar::Output<int> out;
  void compute() {}
};
template struct Wrapped<poplar::Vertex>;
struct Plain : poplar::Vertex {
  poplar::Output<int> out;
  void compute() {}
};
)");
  const ProcessResult warned = runPopc({unknownBase, "-o", dir / "unknown.gp"});
  CHECK(warned.exitStatus == 0);
  CHECK_THAT(warned.output,
             Catch::Contains(unknownBase + ":6:17: warning: popc cannot tell "
                                           "whether 'Wrapped<poplar::Vertex>' "
                                           "derives from poplar::Vertex"));
  CHECK(readArchiveFile(dir / "unknown.gp").vertices.size() == 1);

  const std::string templateArgument = dir / "template_argument.cpp";
  popctest::writeFile(templateArgument, R"(#include <poplar/Vertex.hpp>
template <template <class> class Edge> struct Generic : poplar::Vertex {
  Edge<int> value;
  void compute() {}
};
template struct Generic<poplar::Input>;
)");
  CHECK_THAT(compileFailing(templateArgument).output,
             Catch::Contains("template argument 1 of vertex 'Generic' is "
                             "neither a type nor an integer"));

  const std::string twoFields = dir / "two_fields.cpp";
  popctest::writeFile(twoFields, R"(#include <poplar/Vertex.hpp>
struct Base { poplar::Input<int> x; };
struct Twice : poplar::Vertex, Base {
  poplar::Output<int> x;
  void compute() {}
};
)");
  const std::string privateBase = dir / "private_base.cpp";
  popctest::writeFile(privateBase, R"(#include <poplar/Vertex.hpp>
struct Inputs { poplar::Input<int> x; };
class Hidden : public poplar::Vertex, Inputs {
public:
  void compute() {}
};
)");
  CHECK_THAT(compileFailing(privateBase).output,
             Catch::Contains(privateBase + ":3:39: error: vertex 'Hidden' "
                                           "inherits fields from 'Inputs' "
                                           "through a base that is not "
                                           "public"));

  CHECK_THAT(compileFailing(twoFields).output,
             Catch::Contains(twoFields + ":3:8: error: vertex 'Twice' has two "
                                         "fields named 'x'"));
}
