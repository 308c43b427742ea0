// The stages of one compilation (import, each pass, codegen) as they
// happen: each is timed and logged (POPLAR_LOG_LEVEL=INFO), and reported to
// the Engine's ProgressFunc; without one, a progress bar is drawn on stderr
// when stderr is a terminal.
#ifndef TESSEL_COMPILER_DRIVER_COMPILESTAGES_HPP
#define TESSEL_COMPILER_DRIVER_COMPILESTAGES_HPP

#include <poplar/Engine.hpp>

#include "mlir/Pass/PassInstrumentation.h"

#include <chrono>
#include <string>

namespace tessel {

class CompileStages {
public:
  /// `totalStages` stages will follow; calls progress(0, totalStages).
  CompileStages(poplar::ProgressFunc progress, int totalStages);
  ~CompileStages();
  CompileStages(const CompileStages &) = delete;
  CompileStages &operator=(const CompileStages &) = delete;

  void begin(const std::string &stage);
  /// Ends the current stage: logs its time, reports progress.
  void end();
  /// The compilation is over (done or failed): logs the total time and
  /// clears the progress bar.
  void finish(bool succeeded);

private:
  void drawBar() const;

  poplar::ProgressFunc progress;
  const int total;
  int done = 0;
  bool bar = false;
  bool finished = false;
  std::string current;
  std::chrono::steady_clock::time_point stageStart, compileStart;
};

/// Feeds every pass of a PassManager to `stages` as one stage.
class StageInstrumentation : public mlir::PassInstrumentation {
public:
  explicit StageInstrumentation(CompileStages &stages) : stages(stages) {}
  void runBeforePass(mlir::Pass *pass, mlir::Operation *) override;
  void runAfterPass(mlir::Pass *, mlir::Operation *) override { stages.end(); }
  void runAfterPassFailed(mlir::Pass *, mlir::Operation *) override {
    stages.end();
  }

private:
  CompileStages &stages;
};

} // namespace tessel

#endif
