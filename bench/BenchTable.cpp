// Prints the table of a results file written by the benchmarks' `--json`
// (scripts/bench.sh: the whole suite). Run
//   ./build/bench/bench_table build/bench/results.json
#include "BenchReport.hpp"

#include <fstream>
#include <iostream>

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: bench_table RESULTS.json\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  const nlohmann::json all =
      nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!all.is_array()) {
    std::cerr << argv[1] << " is not a results file (a JSON array of rows)\n";
    return 1;
  }
  bench::printHeader();
  for (const nlohmann::json &row : all)
    bench::printLine(row);
  return 0;
}
