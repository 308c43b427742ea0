// popc: the Tessel codelet compiler (docs/codelets.md). Exit status 0 on
// success, 1 with one line per problem on standard error otherwise.
#include "tools/popc/PopcDriver.hpp"
#include "tools/popc/PopcError.hpp"
#include "tools/popc/PopcOptions.hpp"

#include <exception>
#include <iostream>

int main(int argc, char **argv) {
  using namespace tessel::popc;
  try {
    int exitCode = 0;
    const std::optional<PopcOptions> options =
        parseCommandLine(argc, argv, exitCode);
    if (!options)
      return exitCode;
    runPopc(*options);
    return 0;
  } catch (const PopcError &e) {
    for (const std::string &line : e.lines)
      std::cerr << line << "\n";
  } catch (const std::exception &e) {
    std::cerr << "popc: error: " << e.what() << "\n";
  }
  return 1;
}
