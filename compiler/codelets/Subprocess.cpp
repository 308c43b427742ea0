// posix_spawn with one pipe for stdout and stderr. The pipe is close-on-exec
// so programs spawned concurrently by other threads do not inherit it (and
// keep it open past this child's exit).
#include "compiler/codelets/Subprocess.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace tessel::codelets {

std::string ProcessResult::describeFailure() const {
  if (!started)
    return "could not be started: " + output;
  if (signal)
    return "was killed by signal " + std::to_string(signal) + " (" +
           strsignal(signal) + ")";
  return "exited with status " + std::to_string(exitStatus);
}

namespace {

/// Reads `fd` to its end.
std::string drain(int fd) {
  std::string text;
  char buffer[4096];
  for (;;) {
    const ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n > 0)
      text.append(buffer, std::size_t(n));
    else if (n == 0 || errno != EINTR)
      break;
  }
  return text;
}

} // namespace

ProcessResult runProcess(const std::vector<std::string> &argv) {
  ProcessResult result;
  if (argv.empty()) {
    result.output = "no program named";
    return result;
  }
  int pipeEnds[2];
  if (pipe2(pipeEnds, O_CLOEXEC) != 0) {
    result.output = std::string("pipe: ") + std::strerror(errno);
    return result;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 2);
  std::vector<char *> args;
  for (const std::string &a : argv)
    args.push_back(const_cast<char *>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawnError =
      argv[0].find('/') == std::string::npos
          ? posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ)
          : posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipeEnds[1]);
  if (spawnError != 0) {
    close(pipeEnds[0]);
    result.output = argv[0] + ": " + std::strerror(spawnError);
    return result;
  }
  result.started = true;
  result.output = drain(pipeEnds[0]);
  close(pipeEnds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    result.exitStatus = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  return result;
}

} // namespace tessel::codelets
