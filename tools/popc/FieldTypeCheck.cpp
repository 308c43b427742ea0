// Mirrors the FieldTraits specialisations of poplar/Vertex.hpp; the compiled
// traits stay the authority on field kinds (popc reads them from the table).
#include "tools/popc/FieldTypeCheck.hpp"
#include "tools/popc/LibClangSupport.hpp"

#include <string>

namespace tessel::popc {

namespace {

/// The qualified name of the class template `type` instantiates, if any.
std::string templateOf(CXType type) {
  const CXCursor decl = clang_getTypeDeclaration(clang_getCanonicalType(type));
  if (clang_Cursor_getNumTemplateArguments(decl) <= 0)
    return "";
  return qualifiedName(decl);
}

CXType firstArgument(CXType type) {
  return clang_Type_getTemplateArgumentAsType(clang_getCanonicalType(type), 0);
}

/// A scalar of a device type (poplar/Vertex.hpp's ElementName list).
bool isElement(CXType type) {
  const CXType canonical = clang_getCanonicalType(type);
  if (clang_isConstQualifiedType(canonical) ||
      clang_isVolatileQualifiedType(canonical))
    return false;
  switch (canonical.kind) {
  case CXType_Bool:
  case CXType_Char_S:
  case CXType_Char_U:
  case CXType_SChar:
  case CXType_UChar:
  case CXType_Short:
  case CXType_UShort:
  case CXType_Int:
  case CXType_UInt:
  case CXType_LongLong:
  case CXType_ULongLong:
  case CXType_Float:
    return true;
  case CXType_Record:
    return qualifiedName(clang_getTypeDeclaration(canonical)) == "poplar::half";
  default:
    return false;
  }
}

bool isEdge(CXType type) {
  const std::string name = templateOf(type);
  return name == "poplar::Input" || name == "poplar::Output" ||
         name == "poplar::InOut";
}

bool isVectorOfElements(CXType type) {
  return templateOf(type) == "poplar::Vector" && isElement(firstArgument(type));
}

/// What an Input/Output/InOut may hold.
bool isEdgeValue(CXType type) {
  const std::string name = templateOf(type);
  return isElement(type) ||
         ((name == "poplar::Vector" || name == "poplar::VectorList") &&
          isElement(firstArgument(type)));
}

} // namespace

bool isSupportedFieldType(CXType type) {
  if (isElement(type) || isVectorOfElements(type))
    return true;
  if (isEdge(type))
    return isEdgeValue(firstArgument(type));
  if (templateOf(type) == "poplar::Vector") {
    const CXType edge = firstArgument(type);
    return isEdge(edge) && (isElement(firstArgument(edge)) ||
                            isVectorOfElements(firstArgument(edge)));
  }
  return false;
}

const char *supportedFieldTypesText() {
  return "a field is Input, Output or InOut of a scalar, Vector or "
         "VectorList; a Vector of Input/Output/InOut edges; a state Vector; "
         "or a scalar, where scalars are bool, char, signed/unsigned char, "
         "short, unsigned short, int, unsigned int, long long, unsigned long "
         "long, float or half, and none is const";
}

} // namespace tessel::popc
