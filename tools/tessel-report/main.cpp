// tessel-report: turns a Tessel profile (profile.json, see
// docs/profile-format.md) into one self-contained HTML page.
//   tessel-report PROFILE.json [-o REPORT.html]
// Without -o the page is written next to the profile as report.html.
#include "ReportPage.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

int usage() {
  std::cerr << "usage: tessel-report PROFILE.json [-o REPORT.html]\n";
  return 2;
}

} // namespace

int main(int argc, char **argv) {
  std::string input, output;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-o" && i + 1 < argc)
      output = argv[++i];
    else if (arg == "-h" || arg == "--help")
      return usage(), 0;
    else if (input.empty() && arg[0] != '-')
      input = arg;
    else
      return usage();
  }
  if (input.empty())
    return usage();
  std::ifstream in(input);
  if (!in) {
    std::cerr << "tessel-report: cannot open '" << input << "'\n";
    return 1;
  }
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json profile = nlohmann::json::parse(text.str(), nullptr, false);
  if (profile.is_discarded() || !profile.is_object() ||
      profile.value("format", "") != "tessel-profile") {
    std::cerr << "tessel-report: '" << input
              << "' is not a Tessel profile (docs/profile-format.md)\n";
    return 1;
  }
  if (profile.value("version", -1) != 1) {
    std::cerr << "tessel-report: '" << input << "' has profile version "
              << profile.value("version", nlohmann::json(-1)).dump()
              << "; this tessel-report reads version 1\n";
    return 1;
  }
  if (output.empty())
    output =
        (std::filesystem::path(input).parent_path() / "report.html").string();
  std::ofstream out(output, std::ios::trunc);
  out << tessel::report::reportPage(profile.dump(),
                                    std::filesystem::path(input).string());
  if (!out) {
    std::cerr << "tessel-report: cannot write '" << output << "'\n";
    return 1;
  }
  std::cout << output << "\n";
  return 0;
}
