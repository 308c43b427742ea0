// Compile progress: Engine's ProgressFunc hears every real stage (import,
// each pass, codegen) in order, and without one a progress bar is drawn on
// stderr only when stderr is a terminal (checked through a pseudo-terminal
// and through a pipe).
#include "Harness.hpp"

#include <poplar/exceptions.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <pty.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace poplar;
using namespace poplar::program;
using Catch::Contains;

namespace {

/// Everything `fd` yields until end of file (or EIO, a closed pty).
std::string drain(int fd) {
  std::string text;
  char buffer[4096];
  for (;;) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n > 0)
      text.append(buffer, std::size_t(n));
    else if (n < 0 && errno == EINTR)
      continue;
    else
      return text;
  }
}

int waitFor(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

TEST_CASE("ProgressFunc hears every compile stage in order",
          "[e2e][progress]") {
  Device device = e2e::modelDevice(2);
  Graph graph(device.getTarget());
  Tensor a = graph.addVariable(FLOAT, {8}, "a");
  Tensor b = graph.addVariable(FLOAT, {8}, "b");
  graph.setTileMapping(a, 0);
  graph.setTileMapping(b, 1);
  graph.createHostRead("b", b);
  std::vector<std::pair<int, int>> calls;
  // The log shows which stage each call follows.
  std::string log = "progress-log-" + std::to_string(getpid()) + ".txt";
  setenv("POPLAR_LOG_LEVEL", "INFO", 1);
  setenv("POPLAR_LOG_DEST", log.c_str(), 1);
  std::vector<std::size_t> stagesLogged;
  Engine engine(graph, Copy(a, b), {}, [&](int done, int total) {
    calls.push_back({done, total});
    std::ifstream in(log);
    std::stringstream s;
    s << in.rdbuf();
    std::size_t lines = 0;
    for (std::size_t at = s.str().find("' took "); at != std::string::npos;
         at = s.str().find("' took ", at + 1))
      ++lines;
    stagesLogged.push_back(lines);
  });
  unsetenv("POPLAR_LOG_LEVEL");
  unsetenv("POPLAR_LOG_DEST");
  std::remove(log.c_str());
  // import, 7 passes, codegen.
  const int total = 9;
  REQUIRE(calls.size() == std::size_t(total) + 1);
  for (int i = 0; i <= total; ++i) {
    CHECK(calls[std::size_t(i)] == std::make_pair(i, total));
    // Call i comes right after stage i has finished.
    CHECK(stagesLogged[std::size_t(i)] == std::size_t(i));
  }
}

TEST_CASE("A failing compilation stops the progress where it failed",
          "[e2e][progress]") {
  IPUModel model("ipu2");
  model.tilesPerIPU = 2;
  model.memoryBytesPerTile = 1024;
  Device device = model.createDevice();
  Graph graph(device.getTarget());
  Tensor big = graph.addVariable(FLOAT, {1000}, "big");
  graph.setTileMapping(big, 0);
  graph.createHostWrite("big", big);
  std::vector<int> done;
  CHECK_THROWS_AS(
      Engine(graph, Sequence{}, {}, [&](int d, int) { done.push_back(d); }),
      graph_memory_allocation_error);
  // import and five passes finish; allocate-tile-memory fails (its call
  // still comes, as the stage ends), lower-to-tile and codegen never run.
  REQUIRE_FALSE(done.empty());
  CHECK(done.back() == 7);
}

TEST_CASE("Without a ProgressFunc a progress bar is drawn on a terminal "
          "stderr",
          "[e2e][progress]") {
  int master = -1;
  pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    execl(TESSEL_PROGRESS_CHILD, TESSEL_PROGRESS_CHILD, (char *)nullptr);
    _exit(127);
  }
  std::string screen = drain(master);
  close(master);
  CHECK(waitFor(pid) == 0);
  CHECK_THAT(screen, Contains("\r\033[KCompiling [") &&
                         Contains("  0% import") &&
                         Contains("poplar-allocate-tile-memory") &&
                         Contains("] 100% codegen"));
  // The bar is cleared when the compilation ends.
  CHECK(screen.size() >= 4);
  CHECK(screen.substr(screen.size() - 4) == "\r\033[K");
}

TEST_CASE("Without a terminal there is no progress bar", "[e2e][progress]") {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(fds[1], STDERR_FILENO);
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execl(TESSEL_PROGRESS_CHILD, TESSEL_PROGRESS_CHILD, (char *)nullptr);
    _exit(127);
  }
  close(fds[1]);
  std::string output = drain(fds[0]);
  close(fds[0]);
  CHECK(waitFor(pid) == 0);
  CHECK(output.empty());
}
