// Vertex discovery. libclang shows an explicit instantiation only as the
// arguments written, so bases come from the template it instantiates; its
// fields come from the instantiated type (clang_Type_visitFields). A base
// that depends on a template parameter is followed into its template, whose
// field names are known but whose field types are not: those fields are
// checked when the glue compiles.
#include "tools/popc/VertexDiscovery.hpp"
#include "tools/popc/FieldTypeCheck.hpp"
#include "tools/popc/LibClangSupport.hpp"
#include "tools/popc/PopcError.hpp"
#include "tools/popc/VertexNames.hpp"

#include <clang-c/Index.h>

#include <fstream>
#include <memory>
#include <set>

namespace tessel::popc {

namespace {

enum class Derivation { NotVertex, Vertex, Unknown };

Derivation combine(Derivation a, Derivation b) {
  if (a == Derivation::Vertex || b == Derivation::Vertex)
    return Derivation::Vertex;
  if (a == Derivation::Unknown || b == Derivation::Unknown)
    return Derivation::Unknown;
  return Derivation::NotVertex;
}

bool isPoplarVertexBase(const std::string &qualified) {
  return qualified == "poplar::Vertex" || qualified == "poplar::MultiVertex" ||
         qualified == "poplar::SupervisorVertex";
}

std::vector<CXCursor> childrenOf(CXCursor parent) {
  std::vector<CXCursor> children;
  clang_visitChildren(
      parent,
      [](CXCursor child, CXCursor, CXClientData data) {
        static_cast<std::vector<CXCursor> *>(data)->push_back(child);
        return CXChildVisit_Continue;
      },
      &children);
  return children;
}

/// A class's members as libclang shows them: a specialisation that was
/// instantiated (explicitly or implicitly) shows only its written template
/// arguments, so its members are those of the template it instantiates.
CXCursor memberSource(CXCursor decl) {
  if (clang_Cursor_getNumTemplateArguments(decl) <= 0)
    return decl;
  for (CXCursor child : childrenOf(decl)) {
    const CXCursorKind kind = clang_getCursorKind(child);
    if (kind == CXCursor_CXXBaseSpecifier || kind == CXCursor_FieldDecl ||
        kind == CXCursor_CXXMethod || kind == CXCursor_Constructor)
      return decl; // an explicit specialisation, written out in full
  }
  const CXCursor pattern = clang_getSpecializedCursorTemplate(decl);
  return clang_Cursor_isNull(pattern) ? decl : pattern;
}

class VertexFinder {
public:
  explicit VertexFinder(CXTranslationUnit tu) : tu(tu) {}

  Discovery run();

private:
  void visitScope(CXCursor scope);
  void consider(CXCursor record);
  Derivation derivation(CXCursor decl, unsigned depth);
  Derivation baseDerivation(CXCursor base, unsigned depth);
  void collectFields(CXType type, CXCursor decl, const std::string &vertex,
                     unsigned depth, std::vector<std::string> &fields);
  void collectBaseFields(CXCursor base, const std::string &vertex,
                         unsigned depth, std::vector<std::string> &fields);
  void recordField(CXCursor field, bool typeKnown, const std::string &vertex,
                   std::vector<std::string> &fields);
  void checkField(CXCursor field, bool typeKnown, const std::string &vertex);

  CXTranslationUnit tu;
  Discovery found;
  std::set<std::string> names;
  std::vector<std::string> problems;
};

/// Bases are followed to this depth; deeper hierarchies are unusual enough
/// to be a sign of recursion through templates.
constexpr unsigned kMaxBaseDepth = 32;

Derivation VertexFinder::baseDerivation(CXCursor base, unsigned depth) {
  const CXType type = clang_getCanonicalType(clang_getCursorType(base));
  if (type.kind == CXType_Record) {
    const CXCursor decl = clang_getTypeDeclaration(type);
    if (isPoplarVertexBase(qualifiedName(decl)))
      return Derivation::Vertex;
    return derivation(decl, depth + 1);
  }
  // A dependent base: SupervisorVertexIf<...> or SomeTemplate<T>.
  for (CXCursor child : childrenOf(base)) {
    if (clang_getCursorKind(child) != CXCursor_TemplateRef)
      continue;
    const CXCursor referenced = clang_getCursorReferenced(child);
    if (qualifiedName(referenced) == "poplar::SupervisorVertexIf")
      return Derivation::Vertex;
    if (clang_getCursorKind(referenced) == CXCursor_ClassTemplate)
      return derivation(referenced, depth + 1);
  }
  return Derivation::Unknown;
}

Derivation VertexFinder::derivation(CXCursor decl, unsigned depth) {
  if (depth > kMaxBaseDepth)
    return Derivation::Unknown;
  Derivation result = Derivation::NotVertex;
  for (CXCursor child : childrenOf(memberSource(decl)))
    if (clang_getCursorKind(child) == CXCursor_CXXBaseSpecifier)
      result = combine(result, baseDerivation(child, depth));
  return result;
}

void VertexFinder::checkField(CXCursor field, bool typeKnown,
                              const std::string &vertex) {
  const std::string name = takeString(clang_getCursorSpelling(field));
  const std::string where = describePosition(field) + ": error: ";
  const std::string what = "field '" + name + "' of vertex '" + vertex + "'";
  if (name.empty()) {
    problems.push_back(where + "vertex '" + vertex +
                       "' has an unnamed member; vertex fields need names");
    return;
  }
  const CX_CXXAccessSpecifier access = clang_getCXXAccessSpecifier(field);
  if (access != CX_CXXPublic) {
    problems.push_back(where + what + " is " +
                       (access == CX_CXXPrivate ? "private" : "protected") +
                       "; vertex fields must be public");
    return;
  }
  if (clang_Cursor_isBitField(field)) {
    problems.push_back(where + what + " is a bit-field; " +
                       supportedFieldTypesText());
    return;
  }
  const CXType type = clang_getCursorType(field);
  if (typeKnown && !isSupportedFieldType(type))
    problems.push_back(
        where + what + " has type '" +
        takeString(clang_getTypeSpelling(clang_getCanonicalType(type))) +
        "', which a vertex cannot hold: " + supportedFieldTypesText());
}

void VertexFinder::collectBaseFields(CXCursor base, const std::string &vertex,
                                     unsigned depth,
                                     std::vector<std::string> &fields) {
  const CXType baseType = clang_getCanonicalType(clang_getCursorType(base));
  if (baseType.kind == CXType_Record) {
    const CXCursor baseDecl = clang_getTypeDeclaration(baseType);
    if (!isPoplarVertexBase(qualifiedName(baseDecl)))
      collectFields(baseType, baseDecl, vertex, depth + 1, fields);
    return;
  }
  // A dependent base: its template's fields, types unknown until compiled.
  for (CXCursor child : childrenOf(base))
    if (clang_getCursorKind(child) == CXCursor_TemplateRef) {
      const CXCursor referenced = clang_getCursorReferenced(child);
      if (clang_getCursorKind(referenced) == CXCursor_ClassTemplate)
        collectFields(CXType{CXType_Invalid, {nullptr, nullptr}}, referenced,
                      vertex, depth + 1, fields);
    }
}

void VertexFinder::collectFields(CXType type, CXCursor decl,
                                 const std::string &vertex, unsigned depth,
                                 std::vector<std::string> &fields) {
  if (depth > kMaxBaseDepth)
    return;
  const CXCursor members = memberSource(decl);
  for (CXCursor base : childrenOf(members)) {
    if (clang_getCursorKind(base) != CXCursor_CXXBaseSpecifier)
      continue;
    const std::size_t fieldsBefore = fields.size();
    collectBaseFields(base, vertex, depth, fields);
    if (fields.size() != fieldsBefore &&
        clang_getCXXAccessSpecifier(base) != CX_CXXPublic)
      problems.push_back(
          describePosition(base) + ": error: vertex '" + vertex +
          "' inherits fields from '" +
          takeString(clang_getTypeSpelling(clang_getCursorType(base))) +
          "' through a base that is not public; vertex fields must be "
          "public");
  }
  if (type.kind != CXType_Record) {
    for (CXCursor child : childrenOf(members))
      if (clang_getCursorKind(child) == CXCursor_FieldDecl)
        recordField(child, /*typeKnown=*/false, vertex, fields);
    return;
  }
  // The instantiated type: field types with template arguments applied.
  struct Visit {
    VertexFinder *finder;
    const std::string &vertex;
    std::vector<std::string> &fields;
  } visit{this, vertex, fields};
  clang_Type_visitFields(
      type,
      [](CXCursor field, CXClientData data) {
        auto &v = *static_cast<Visit *>(data);
        v.finder->recordField(field, true, v.vertex, v.fields);
        return CXVisit_Continue;
      },
      &visit);
}

void VertexFinder::recordField(CXCursor field, bool typeKnown,
                               const std::string &vertex,
                               std::vector<std::string> &fields) {
  checkField(field, typeKnown, vertex);
  fields.push_back(takeString(clang_getCursorSpelling(field)));
}

/// Poplar's own classes (ExternalExchangeVertex, ...) are bases, not
/// vertices, even when the user includes Tessel's headers with -I.
bool isTesselClass(CXCursor record) {
  const std::string name = qualifiedName(record);
  return name.rfind("poplar::", 0) == 0 || name.rfind("tessel::", 0) == 0;
}

void VertexFinder::consider(CXCursor record) {
  if (!clang_isCursorDefinition(record) || isTesselClass(record))
    return;
  const std::vector<std::string> tokens = leadingTokens(tu, record, 1);
  if (!tokens.empty() && tokens[0] == "extern")
    return; // `extern template class X<int>;` defines nothing here
  const Derivation isVertex = derivation(record, 0);
  if (isVertex == Derivation::NotVertex)
    return;
  const VertexNames names = nameVertex(record);
  if (isVertex == Derivation::Unknown) {
    found.warnings.push_back(
        describePosition(record) + ": warning: popc cannot tell whether '" +
        names.name +
        "' derives from poplar::Vertex (a base class depends on a template "
        "parameter), so it is not compiled as a vertex");
    return;
  }
  if (!this->names.insert(names.name).second)
    return; // e.g. declared by an explicit specialisation and instantiated
  DiscoveredVertex vertex{
      names.name, names.cppType, {}, describePosition(record)};
  const CXType type = clang_getCanonicalType(clang_getCursorType(record));
  collectFields(type, clang_getTypeDeclaration(type), names.name, 0,
                vertex.fields);
  std::set<std::string> seen;
  for (const std::string &field : vertex.fields)
    if (!field.empty() && !seen.insert(field).second)
      problems.push_back(vertex.position + ": error: vertex '" + names.name +
                         "' has two fields named '" + field +
                         "' (one inherited); vertex field names must be "
                         "unique");
  found.vertices.push_back(std::move(vertex));
}

void VertexFinder::visitScope(CXCursor scope) {
  for (CXCursor child : childrenOf(scope)) {
    if (clang_Location_isInSystemHeader(clang_getCursorLocation(child)))
      continue;
    switch (clang_getCursorKind(child)) {
    case CXCursor_Namespace:
    case CXCursor_LinkageSpec:
      visitScope(child);
      break;
    case CXCursor_ClassDecl:
    case CXCursor_StructDecl:
      consider(child);
      if (clang_Cursor_getNumTemplateArguments(child) <= 0)
        visitScope(child); // nested classes
      break;
    default:
      break; // templates themselves, functions, variables, ...
    }
  }
}

Discovery VertexFinder::run() {
  visitScope(clang_getTranslationUnitCursor(tu));
  if (!problems.empty())
    throw PopcError(problems);
  return found;
}

} // namespace

Discovery discoverVertices(const std::string &path,
                           const std::vector<std::string> &clangArguments) {
  if (!std::ifstream(path))
    throw PopcError::plain("cannot read " + path);
  std::unique_ptr<void, void (*)(CXIndex)> index(clang_createIndex(0, 0),
                                                 clang_disposeIndex);
  std::vector<const char *> args;
  for (const std::string &a : clangArguments)
    args.push_back(a.c_str());
  CXTranslationUnit tu = nullptr;
  const CXErrorCode status = clang_parseTranslationUnit2(
      index.get(), path.c_str(), args.data(), int(args.size()), nullptr, 0,
      CXTranslationUnit_SkipFunctionBodies, &tu);
  if (status != CXError_Success || !tu)
    throw PopcError::plain("libclang could not parse " + path + " (error " +
                           std::to_string(int(status)) + ")");
  std::unique_ptr<CXTranslationUnitImpl, void (*)(CXTranslationUnit)> owner(
      tu, clang_disposeTranslationUnit);
  const std::vector<std::string> errors = renderErrors(tu);
  if (!errors.empty())
    throw PopcError(errors);
  return VertexFinder(tu).run();
}

} // namespace tessel::popc
