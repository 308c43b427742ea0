// libclang helpers; see LibClangSupport.hpp.
#include "tools/popc/LibClangSupport.hpp"

#include <fstream>
#include <map>

namespace tessel::popc {

std::string takeString(CXString s) {
  const char *text = clang_getCString(s);
  std::string result = text ? text : "";
  clang_disposeString(s);
  return result;
}

std::string describePosition(CXSourceLocation location) {
  CXString file;
  unsigned line = 0, column = 0;
  clang_getPresumedLocation(location, &file, &line, &column);
  const std::string name = takeString(file);
  if (name.empty())
    return "";
  return name + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string describePosition(CXCursor cursor) {
  return describePosition(clang_getCursorLocation(cursor));
}

std::string qualifiedName(CXCursor cursor) {
  std::string name;
  for (CXCursor c = cursor;
       !clang_Cursor_isNull(c) && !clang_isInvalid(clang_getCursorKind(c)) &&
       clang_getCursorKind(c) != CXCursor_TranslationUnit;
       c = clang_getCursorSemanticParent(c)) {
    const CXCursorKind kind = clang_getCursorKind(c);
    if (kind == CXCursor_LinkageSpec ||
        (kind == CXCursor_Namespace && clang_Cursor_isAnonymous(c)))
      continue;
    const std::string part = takeString(clang_getCursorSpelling(c));
    name = name.empty() ? part : part + "::" + name;
  }
  return name;
}

std::vector<std::string> leadingTokens(CXTranslationUnit tu, CXCursor cursor,
                                       unsigned count) {
  CXToken *tokens = nullptr;
  unsigned numTokens = 0;
  clang_tokenize(tu, clang_getCursorExtent(cursor), &tokens, &numTokens);
  std::vector<std::string> spelled;
  for (unsigned i = 0; i < numTokens && i < count; ++i)
    spelled.push_back(takeString(clang_getTokenSpelling(tu, tokens[i])));
  clang_disposeTokens(tu, tokens, numTokens);
  return spelled;
}

namespace {

/// The source line and a caret under the column, as clang shows them.
class SnippetRenderer {
public:
  void append(CXSourceLocation location, std::vector<std::string> &lines) {
    CXFile file;
    unsigned line = 0, column = 0;
    clang_getSpellingLocation(location, &file, &line, &column, nullptr);
    if (!file || line == 0)
      return;
    const std::vector<std::string> &text =
        linesOf(takeString(clang_getFileName(file)));
    if (line > text.size())
      return;
    const std::string &source = text[line - 1];
    std::string caret;
    for (unsigned i = 0; i + 1 < column && i < source.size(); ++i)
      caret += source[i] == '\t' ? '\t' : ' ';
    lines.push_back(source);
    lines.push_back(caret + "^");
  }

private:
  const std::vector<std::string> &linesOf(const std::string &path) {
    auto [it, fresh] = files.try_emplace(path);
    if (fresh) {
      std::ifstream in(path);
      for (std::string line; std::getline(in, line);)
        it->second.push_back(line);
    }
    return it->second;
  }
  std::map<std::string, std::vector<std::string>> files;
};

const char *severityLabel(CXDiagnosticSeverity severity) {
  switch (severity) {
  case CXDiagnostic_Fatal:
    return "fatal error";
  case CXDiagnostic_Error:
    return "error";
  case CXDiagnostic_Warning:
    return "warning";
  default:
    return "note";
  }
}

} // namespace

std::vector<std::string> renderErrors(CXTranslationUnit tu) {
  std::vector<std::string> lines;
  SnippetRenderer snippets;
  bool afterError = false;
  const unsigned count = clang_getNumDiagnostics(tu);
  for (unsigned i = 0; i < count; ++i) {
    CXDiagnostic diagnostic = clang_getDiagnostic(tu, i);
    const CXDiagnosticSeverity severity =
        clang_getDiagnosticSeverity(diagnostic);
    const bool isError = severity >= CXDiagnostic_Error;
    if (isError || (severity == CXDiagnostic_Note && afterError)) {
      afterError = true;
      const CXSourceLocation location = clang_getDiagnosticLocation(diagnostic);
      const std::string where = describePosition(location);
      std::string line = (where.empty() ? "popc" : where) + ": " +
                         severityLabel(severity) + ": " +
                         takeString(clang_getDiagnosticSpelling(diagnostic));
      const std::string flag =
          takeString(clang_getDiagnosticOption(diagnostic, nullptr));
      if (!flag.empty())
        line += " [" + flag + "]";
      lines.push_back(line);
      snippets.append(location, lines);
    } else {
      afterError = false;
    }
    clang_disposeDiagnostic(diagnostic);
  }
  return lines;
}

} // namespace tessel::popc
