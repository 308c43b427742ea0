// Spelling vertex names from libclang's view of a class specialisation.
#include "tools/popc/VertexNames.hpp"
#include "tools/popc/LibClangSupport.hpp"
#include "tools/popc/PopcError.hpp"
#include "tools/popc/ReplaceAll.hpp"

#include <algorithm>
#include <vector>

namespace tessel::popc {

namespace {

/// A type argument as clang prints its canonical type ("unsigned int"),
/// without spaces after commas; `poplar::half` is "half" in vertex names,
/// as poplar::HALF.toString() spells it.
std::string spellType(CXType type, bool forCpp) {
  std::string text =
      takeString(clang_getTypeSpelling(clang_getCanonicalType(type)));
  replaceAll(text, "(anonymous namespace)::", "");
  replaceAll(text, ", ", ",");
  if (!forCpp && text == "poplar::half")
    text = "half";
  return text;
}

/// The template parameters of a class template or partial specialization.
std::vector<CXCursor> templateParameters(CXCursor pattern) {
  std::vector<CXCursor> parameters;
  clang_visitChildren(
      pattern,
      [](CXCursor child, CXCursor, CXClientData data) {
        const CXCursorKind kind = clang_getCursorKind(child);
        if (kind == CXCursor_TemplateTypeParameter ||
            kind == CXCursor_NonTypeTemplateParameter ||
            kind == CXCursor_TemplateTemplateParameter)
          static_cast<std::vector<CXCursor> *>(data)->push_back(child);
        return CXChildVisit_Continue;
      },
      &parameters);
  return parameters;
}

std::string enumeratorName(CXType enumType, long long value) {
  CXCursor enumDecl = clang_getTypeDeclaration(enumType);
  struct Search {
    long long value;
    std::string found;
  } search{value, ""};
  clang_visitChildren(
      enumDecl,
      [](CXCursor child, CXCursor, CXClientData data) {
        auto *s = static_cast<Search *>(data);
        if (clang_getCursorKind(child) == CXCursor_EnumConstantDecl &&
            clang_getEnumConstantDeclValue(child) == s->value) {
          s->found = takeString(clang_getCursorSpelling(child));
          return CXChildVisit_Break;
        }
        return CXChildVisit_Continue;
      },
      &search);
  const std::string enumName = qualifiedName(enumDecl);
  if (search.found.empty())
    return "(" + enumName + ")" + std::to_string(value);
  return enumName + "::" + search.found;
}

bool isUnsigned(CXType type) {
  switch (type.kind) {
  case CXType_Char_U:
  case CXType_UChar:
  case CXType_UShort:
  case CXType_UInt:
  case CXType_ULong:
  case CXType_ULongLong:
    return true;
  default:
    return false;
  }
}

std::string spellIntegral(CXCursor specialization, unsigned index,
                          CXCursor parameter) {
  const CXType type = clang_getCanonicalType(clang_getCursorType(parameter));
  const long long value =
      clang_Cursor_getTemplateArgumentValue(specialization, index);
  if (type.kind == CXType_Bool)
    return value ? "true" : "false";
  if (type.kind == CXType_Enum)
    return enumeratorName(type, value);
  if (isUnsigned(type))
    return std::to_string(
        clang_Cursor_getTemplateArgumentUnsignedValue(specialization, index));
  return std::to_string(value);
}

/// How many template arguments clang spells for `type`: it leaves out
/// trailing arguments equal to their defaults, and so do vertex names.
unsigned spelledArgumentCount(CXType type) {
  const std::string text =
      takeString(clang_getTypeSpelling(clang_getCanonicalType(type)));
  if (text.empty() || text.back() != '>')
    return 0;
  unsigned commas = 0, depth = 0;
  for (std::size_t i = text.size() - 1; i-- > 0;) {
    const char c = text[i];
    if (c == '>' || c == ')' || c == ']') {
      ++depth;
    } else if (c == '<' || c == '(' || c == '[') {
      if (depth == 0)
        return i + 2 == text.size() ? 0 : commas + 1;
      --depth;
    } else if (c == ',' && depth == 0) {
      ++commas;
    }
  }
  return 0;
}

} // namespace

VertexNames nameVertex(CXCursor record) {
  const CXType type = clang_getCanonicalType(clang_getCursorType(record));
  const CXCursor decl = clang_getTypeDeclaration(type);
  const int numArguments = std::min(clang_Cursor_getNumTemplateArguments(decl),
                                    int(spelledArgumentCount(type)));
  if (numArguments <= 0) {
    const std::string name = qualifiedName(decl);
    return {name, "::" + name};
  }
  const CXCursor pattern = clang_getSpecializedCursorTemplate(decl);
  const std::vector<CXCursor> parameters = templateParameters(pattern);
  const std::string templateName = qualifiedName(decl);
  std::string name = templateName + "<", cppType = "::" + templateName + "<";
  for (unsigned i = 0; i < unsigned(numArguments); ++i) {
    const char *comma = i ? "," : "";
    switch (clang_Cursor_getTemplateArgumentKind(decl, i)) {
    case CXTemplateArgumentKind_Type: {
      const CXType argument = clang_Cursor_getTemplateArgumentType(decl, i);
      name += comma + spellType(argument, false);
      cppType += comma + spellType(argument, true);
      break;
    }
    case CXTemplateArgumentKind_Integral: {
      if (parameters.empty())
        throw PopcError({describePosition(record) +
                         ": error: popc cannot find the template parameters "
                         "of '" +
                         templateName + "'"});
      const CXCursor parameter =
          parameters[std::min<std::size_t>(i, parameters.size() - 1)];
      const std::string value = spellIntegral(decl, i, parameter);
      name += comma + value;
      cppType += comma + value;
      break;
    }
    default:
      throw PopcError(
          {describePosition(record) + ": error: template argument " +
           std::to_string(i + 1) + " of vertex '" + templateName +
           "' is neither a type nor an integer, bool or enum value; popc "
           "cannot name such a vertex"});
    }
  }
  name += ">";
  cppType += ">";
  return {name, cppType};
}

} // namespace tessel::popc
