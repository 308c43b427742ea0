// compileCodeletSource: runs popc on a codelet source and caches the .gp it
// writes. popc is a separate program because it needs libclang, which
// libpoplar must not load, and a compiler crash must not end the user's
// program. The cache makes the second compile of an unchanged source cost a
// hash, a few stat calls and a file read.
#include "compiler/codelets/CodeletArchive.hpp"
#include "compiler/codelets/CodeletCache.hpp"
#include "compiler/codelets/ScratchDirectory.hpp"
#include "compiler/codelets/Sha256.hpp"
#include "compiler/codelets/Subprocess.hpp"

#include <poplar/Graph.hpp>
#include <poplar/exceptions.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace tessel::codelets {

namespace {

[[noreturn]] void fail(const std::string &message) {
  throw poplar::graph_program_compilation_error(message);
}

/// Splits compile flags as a shell would: blanks separate words, quotes
/// group them, a backslash escapes the next character.
std::vector<std::string> splitCompileFlags(const std::string &flags) {
  std::vector<std::string> words;
  std::string word;
  bool inWord = false;
  char quote = 0;
  for (std::size_t i = 0; i < flags.size(); ++i) {
    const char c = flags[i];
    if (quote) {
      if (c == quote)
        quote = 0;
      else if (c == '\\' && quote == '"' && i + 1 < flags.size())
        word += flags[++i];
      else
        word += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      inWord = true;
    } else if (c == '\\' && i + 1 < flags.size()) {
      word += flags[++i];
      inWord = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (inWord)
        words.push_back(word);
      word.clear();
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote)
    fail("addCodelets: the compile flags \"" + flags +
         "\" end inside a quoted string");
  if (inWord)
    words.push_back(word);
  return words;
}

bool isExecutable(const std::string &path) {
  std::error_code error;
  return fs::is_regular_file(path, error) && access(path.c_str(), X_OK) == 0;
}

/// $TESSEL_POPC, else popc installed beside libpoplar (<lib>/../bin/popc),
/// else popc in the build tree that holds libpoplar.
std::string findPopc() {
  if (const char *popc = std::getenv("TESSEL_POPC"); popc && *popc)
    return popc;
  Dl_info info;
  std::vector<std::string> candidates;
  if (dladdr(reinterpret_cast<void *>(&compileCodeletSource), &info) &&
      info.dli_fname) {
    std::error_code error;
    const fs::path library = fs::canonical(info.dli_fname, error);
    if (!error) {
      candidates.push_back(library.parent_path() / ".." / "bin" / "popc");
      candidates.push_back(library.parent_path() / "tools" / "popc" / "popc");
    }
  }
  for (const std::string &candidate : candidates)
    if (isExecutable(candidate))
      return candidate;
  std::string looked;
  for (const std::string &candidate : candidates)
    looked += (looked.empty() ? "" : " and ") + candidate;
  fail("addCodelets: cannot find the codelet compiler popc (looked for " +
       (looked.empty() ? std::string("libpoplar's location, which is unknown")
                       : looked) +
       "); set TESSEL_POPC to its path");
}

std::string readWholeFile(const std::string &path, bool &ok) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  ok = bool(in) || in.eof();
  return text.str();
}

/// What is being compiled, and how popc is to see it.
struct CodeletSource {
  std::string displayName; // the path, or "<stream>"
  std::string text;
  bool isC = false;
  std::string directory; // an include directory; empty for a stream
};

CodeletSource describeSource(const std::string &path,
                             const std::string &sourceText) {
  CodeletSource source;
  source.displayName = path.empty() ? "<stream>" : path;
  source.isC = path.size() > 2 && path.compare(path.size() - 2, 2, ".c") == 0;
  if (!path.empty()) {
    source.directory = fs::path(path).parent_path().string();
    if (source.directory.empty())
      source.directory = ".";
  }
  if (!sourceText.empty() || path.empty()) {
    source.text = sourceText;
    return source;
  }
  bool ok = false;
  source.text = readWholeFile(path, ok);
  if (!ok)
    throw poplar::file_load_error("addCodelets: cannot read codelet source '" +
                                  path + "'");
  return source;
}

/// True when a compile of `source` with `flags` may read different files
/// from another directory: a relative source path, a relative path given to
/// an include option, or a response file.
bool dependsOnCurrentDirectory(const CodeletSource &source,
                               const std::string &flags) {
  if (source.displayName != "<stream>" &&
      !fs::path(source.displayName).is_absolute())
    return true;
  static const char *const pathOptions[] = {
      "-I", "-iquote", "-isystem", "-idirafter", "-include", "-imacros"};
  std::istringstream words(flags);
  std::string word;
  bool nextIsPath = false;
  while (words >> word) {
    if (nextIsPath) {
      if (!fs::path(word).is_absolute())
        return true;
      nextIsPath = false;
      continue;
    }
    if (word[0] == '@')
      return true;
    for (const char *option : pathOptions) {
      const std::size_t length = std::strlen(option);
      if (word.compare(0, length, option) != 0)
        continue;
      if (word.size() == length)
        nextIsPath = true;
      else if (!fs::path(word.substr(length)).is_absolute())
        return true;
      break;
    }
  }
  return nextIsPath;
}

std::string cacheKey(const CodeletSource &source, const std::string &flags,
                     const std::string &target, const std::string &popc) {
  Sha256 hash;
  auto field = [&](const std::string &value) {
    hash.update(std::to_string(value.size()) + ":");
    hash.update(value);
  };
  field("tessel codelet cache 1");
  field(poplar::packageHash());
  // popc itself (and with it the instrumentation) may be rebuilt.
  const std::optional<FileStamp> popcStamp = stampFile(popc);
  field(popc + " " + std::to_string(popcStamp ? popcStamp->bytes : 0) + " " +
        std::to_string(popcStamp ? popcStamp->modifiedNanoseconds : 0));
  // Relative paths in the flags and the source's name depend on the
  // current directory; otherwise a compile hits from any directory.
  std::error_code error;
  field(dependsOnCurrentDirectory(source, flags)
            ? fs::current_path(error).string()
            : std::string());
  field(source.displayName);
  field(source.isC ? "c" : "c++");
  field(flags);
  field(target);
  field(source.text);
  return Sha256::hex(hash.finish());
}

/// The cache's directory when it is usable (so that intermediate files stay
/// on its file system), else the system's temporary directory.
std::string scratchParent(const CodeletCache &cache) {
  std::error_code error;
  return cache.usable() ? cache.directory()
                        : fs::temp_directory_path(error).string();
}

/// Writes a source given as text to a file popc can read. The #line
/// directive makes diagnostics name the source as the user knows it.
std::string writeSourceText(const CodeletSource &source,
                            const ScratchDirectory &scratch) {
  const std::string file =
      scratch.path + (source.isC ? "/codelets.c" : "/codelets.cpp");
  std::string quotedName;
  for (char c : source.displayName) {
    if (c == '"' || c == '\\')
      quotedName += '\\';
    quotedName += c;
  }
  std::ofstream out(file, std::ios::binary);
  out << "#line 1 \"" << quotedName << "\"\n" << source.text;
  if (!out.flush())
    fail("addCodelets: cannot write " + file);
  return file;
}

} // namespace

CodeletArchive compileCodeletSource(const std::string &pathOrEmpty,
                                    const std::string &sourceText,
                                    const std::string &compileFlags,
                                    const std::string &targetName,
                                    std::ostream *compileOutput) {
  const std::vector<std::string> flags = splitCompileFlags(compileFlags);
  const std::string popc = findPopc();
  const CodeletSource source = describeSource(pathOrEmpty, sourceText);
  const std::string key = cacheKey(source, compileFlags, targetName, popc);
  const CodeletCache cache(defaultCodeletCacheDirectory());
  if (std::optional<CodeletArchive> cached = cache.lookup(key))
    return std::move(*cached);

  const std::string parent = scratchParent(cache);
  ScratchDirectory scratch(parent + "/build.");
  if (!scratch.made())
    fail("addCodelets: cannot make a scratch directory in " + parent + ": " +
         scratch.error);
  const bool compileFileInPlace = !pathOrEmpty.empty() && sourceText.empty();
  const std::string input =
      compileFileInPlace ? pathOrEmpty : writeSourceText(source, scratch);
  const std::string output = scratch.path + "/codelets.gp";
  std::vector<std::string> argv{popc};
  argv.insert(argv.end(), flags.begin(), flags.end());
  if (!source.directory.empty())
    argv.insert(argv.end(), {"-I", source.directory});
  if (!targetName.empty())
    argv.insert(argv.end(), {"--target", targetName});
  argv.insert(argv.end(), {"-MD", input, "-o", output});

  const ProcessResult result = runProcess(argv);
  if (compileOutput)
    *compileOutput << result.output;
  if (!result.succeeded()) {
    std::string message = "addCodelets: compiling " + source.displayName +
                          " failed: popc " + result.describeFailure();
    if (!result.output.empty())
      message += ":\n" + result.output;
    while (!message.empty() && message.back() == '\n')
      message.pop_back();
    fail(message);
  }
  CodeletArchive archive = readArchiveFile(output);

  bool haveDependencies = false;
  const std::string dependencyText =
      readWholeFile(output + ".d", haveDependencies);
  if (haveDependencies) {
    std::vector<std::string> dependencies;
    for (const std::string &file : parseDependencyFile(dependencyText))
      if (!scratch.holds(file))
        dependencies.push_back(file);
    cache.store(key, output, dependencies);
  }
  return archive;
}

} // namespace tessel::codelets
