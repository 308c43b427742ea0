// Timing, logging and progress of the compile stages.
#include "compiler/driver/CompileStages.hpp"

#include "compiler/core/Log.hpp"

#include "mlir/Pass/Pass.h"

#include <cstdio>
#include <iomanip>
#include <sstream>
#include <unistd.h>

namespace tessel {

namespace {

double millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - start)
      .count();
}

std::string formatMilliseconds(double ms) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(3) << ms << " ms";
  return s.str();
}

} // namespace

CompileStages::CompileStages(poplar::ProgressFunc progressFunc, int totalStages)
    : progress(std::move(progressFunc)), total(totalStages),
      compileStart(std::chrono::steady_clock::now()) {
  bar = !progress && ::isatty(STDERR_FILENO);
  log::write(log::Level::Info, "COMPILE",
             "Compiling the graph: " + std::to_string(total) + " stages");
  if (progress)
    progress(0, total);
  drawBar();
}

CompileStages::~CompileStages() {
  if (!finished)
    finish(false);
}

void CompileStages::begin(const std::string &stage) {
  current = stage;
  stageStart = std::chrono::steady_clock::now();
  log::write(log::Level::Debug, "COMPILE", "Stage '" + stage + "' started");
  drawBar();
}

void CompileStages::end() {
  ++done;
  log::write(log::Level::Info, "COMPILE",
             "Stage " + std::to_string(done) + "/" + std::to_string(total) +
                 " '" + current + "' took " +
                 formatMilliseconds(millisecondsSince(stageStart)));
  if (progress)
    progress(done, total);
  drawBar();
}

void CompileStages::finish(bool succeeded) {
  finished = true;
  log::write(
      succeeded ? log::Level::Info : log::Level::Err, "COMPILE",
      std::string(succeeded ? "Compilation finished" : "Compilation failed") +
          " after " + formatMilliseconds(millisecondsSince(compileStart)));
  if (bar)
    std::fprintf(stderr, "\r\033[K");
}

void CompileStages::drawBar() const {
  if (!bar)
    return;
  constexpr int kWidth = 30;
  int percent = total ? done * 100 / total : 100;
  int filled = total ? done * kWidth / total : kWidth;
  std::string stage = current.empty() ? "starting" : current;
  std::fprintf(stderr, "\r\033[KCompiling [%s%s] %3d%% %s",
               std::string(std::size_t(filled), '#').c_str(),
               std::string(std::size_t(kWidth - filled), ' ').c_str(), percent,
               stage.c_str());
  std::fflush(stderr);
}

void StageInstrumentation::runBeforePass(mlir::Pass *pass, mlir::Operation *) {
  std::string name = pass->getArgument().str();
  stages.begin(name.empty() ? pass->getName().str() : name);
}

} // namespace tessel
