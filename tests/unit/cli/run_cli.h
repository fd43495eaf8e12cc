// Runs the real tlsconform binary (TLSC_CLI_PATH) to completion, without a shell, and captures
// its exit code, stdout and stderr. For invocations with small outputs only (the two pipes are
// drained one after the other).
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <string>
#include <vector>

namespace tlsc::testing {

struct CliOutcome {
  int code = -1;
  std::string out;
  std::string err;
};

inline std::string read_all(int fd) {
  std::string s;
  std::array<char, 4096> buf{};
  ssize_t n;
  while ((n = ::read(fd, buf.data(), buf.size())) > 0) s.append(buf.data(), static_cast<size_t>(n));
  ::close(fd);
  return s;
}

inline CliOutcome run_cli(std::vector<std::string> args) {
  int out_pipe[2], err_pipe[2];
  if (::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0) return {};
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    std::string prog = TLSC_CLI_PATH;
    std::vector<char*> argv{prog.data()};
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(prog.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  CliOutcome o;
  o.out = read_all(out_pipe[0]);
  o.err = read_all(err_pipe[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return o;
}

}  // namespace tlsc::testing
