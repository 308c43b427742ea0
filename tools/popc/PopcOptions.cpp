// popc's command line, parsed with CLI11. Compiler-style spellings that
// CLI11 cannot express directly are mapped first: "-MD" becomes "--MD";
// "-Werror" and "-O3" are the short options -W and -O with a value.
#include "tools/popc/PopcOptions.hpp"
#include "tools/popc/PopcError.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>

namespace tessel::popc {

bool PopcOptions::warningsAreErrors() const {
  return std::find(warnings.begin(), warnings.end(), "error") != warnings.end();
}

const std::vector<std::string> &knownTargets() {
  static const std::vector<std::string> targets{"cpu", "ipu1", "ipu2", "ipu21"};
  return targets;
}

namespace {

std::string joinTargets() {
  std::string list;
  for (const std::string &t : knownTargets())
    list += (list.empty() ? "" : ",") + t;
  return list;
}

/// "ipu2,ipu21" -> known targets in --list-targets order.
std::vector<std::string> parseTargets(const std::string &list) {
  std::vector<std::string> wanted;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string name = list.substr(start, comma - start);
    const auto &known = knownTargets();
    if (std::find(known.begin(), known.end(), name) == known.end())
      throw PopcError::plain("unknown target '" + name + "' in --target " +
                             list + " (the targets are " + joinTargets() + ")");
    wanted.push_back(name);
    start = comma + 1;
  }
  std::vector<std::string> targets;
  for (const std::string &t : knownTargets())
    if (std::find(wanted.begin(), wanted.end(), t) != wanted.end())
      targets.push_back(t);
  return targets;
}

void describe(CLI::App &app, PopcOptions &o, std::string &targetList,
              bool &listTargets) {
  app.add_option("-O", o.optimisation,
                 "Optimisation level: -O0, -O1, -O2, -O3 (default) or -Os")
      ->type_name("LEVEL")
      ->check(CLI::IsMember({"0", "1", "2", "3", "s"}));
  app.add_flag("-g", o.debugInfo, "Emit debug information");
  app.add_option("-I", o.includeDirs, "Add a directory to the include path")
      ->type_name("DIR")
      ->allow_extra_args(false);
  app.add_option("-D", o.defines, "Define a macro: -D NAME or -D NAME=VALUE")
      ->type_name("MACRO")
      ->allow_extra_args(false);
  app.add_option("-W", o.warnings,
                 "Warnings as for clang: -Werror, -Wall, -Wdouble-promotion, "
                 "-Wno-<warning>, ...")
      ->type_name("WARNING")
      ->allow_extra_args(false);
  app.add_option("--target", targetList,
                 "Comma-separated targets to compile for (default: all)")
      ->type_name("TARGETS");
  app.add_flag("--list-targets", listTargets,
               "Print the targets popc compiles for and exit");
  app.add_flag("--MD", o.writeDependencies,
               "(also -MD) Write a make dependency file <output>.d");
  app.add_flag("--reference-instrumentation", o.referenceInstrumentation,
               "Count cycles and check accesses without the optimisations "
               "(slower; counts and faults are the same)");
  app.add_option("-o", o.output, "The .gp archive to write")
      ->type_name("OUTPUT");
  app.add_option("inputs", o.inputs,
                 "Codelet sources (.cpp, .cc, .cxx, .c) and .gp archives to "
                 "link in")
      ->type_name("INPUT");
}

} // namespace

std::optional<PopcOptions> parseCommandLine(int argc, const char *const *argv,
                                            int &exitCode) {
  std::vector<std::string> args;
  for (int i = argc - 1; i > 0; --i)
    args.push_back(std::string(argv[i]) == "-MD" ? "--MD" : argv[i]);

  CLI::App app("popc: compiles Poplar codelets (C++ classes deriving from "
               "poplar::Vertex, MultiVertex or SupervisorVertex) into a .gp "
               "archive of native code and vertex metadata.",
               "popc");
  app.footer("Example: popc -O2 -I include -DNDEBUG codelets.cpp -o "
             "codelets.gp\nTargets: " +
             joinTargets());
  PopcOptions options;
  std::string targetList;
  bool listTargets = false;
  describe(app, options, targetList, listTargets);
  try {
    app.parse(args);
  } catch (const CLI::CallForHelp &) {
    std::cout << app.help();
    exitCode = 0;
    return std::nullopt;
  } catch (const CLI::ParseError &e) {
    throw PopcError::plain(std::string(e.what()) +
                           " (popc -h lists the options)");
  }
  if (listTargets) {
    std::cout << joinTargets() << "\n";
    exitCode = 0;
    return std::nullopt;
  }
  options.targets =
      targetList.empty() ? knownTargets() : parseTargets(targetList);
  if (options.inputs.empty())
    throw PopcError::plain("no input files (popc -h lists the options)");
  if (options.output.empty())
    throw PopcError::plain("no output file: name the .gp to write with -o");
  return options;
}

} // namespace tessel::popc
